"""The report's sections that look beyond the show itself: the platform's totals, team notes, the improvement plan.

Each is a heading and its lines, so every format lays them out its own way.
"""

from __future__ import annotations

from rhythm_console.i18n import Texts
from rhythm_console.report.compare_text import CompareText
from rhythm_console.review import Review
from rhythm_console.review.compare import Unit
from rhythm_console.review.records import show_record

PLATFORM_FIGURES: tuple[tuple[str, Unit], ...] = (("viewers_uv", "number"), ("viewers_pv", "number"), ("new_fans_club", "number"),
                    ("platform_gmv", "money"), ("buyers", "number"), ("refunds", "money"), ("ad_spend", "money"),
                    ("avg_stay", "clock"), ("exposure", "number"), ("platform_online_average", "number"),
                    ("platform_entries", "number"), ("platform_minutes_gmv", "money"))
DERIVED: tuple[tuple[str, Unit], ...] = (("uv_value", "money"), ("gpm", "money"), ("follow_rate", "percent"), ("roi", "ratio"),
           ("exposure_entry_rate", "percent"))


def platform_lines(review: Review, t: CompareText) -> list[str]:
    """The platform's figures as annotated, what follows from them (with the formula), and where its
    per-minute export met the show."""
    record = show_record(review)
    lines = [f"{t.name(name)}: {t.value(getattr(record, name), unit)}" for name, unit in PLATFORM_FIGURES
             if getattr(record, name) is not None]
    lines += [f"{t.name(name)}: {t.value(getattr(record, name), unit)} ({t.formula(name)})" for name, unit in DERIVED
              if getattr(record, name) is not None]
    if (curve := review.platform) is not None:
        lines.append(t("report.platform_rows", file=curve.source or "—", rows=curve.rows,
                       inside=curve.rows - curve.outside))
        if curve.outside:
            lines.append(t("report.platform_outside", outside=curve.outside, before=curve.before, after=curve.after))
    return lines


def after_show_sections(review: Review, lang: str) -> list[tuple[str, list[str]]]:
    t = CompareText(lang)
    sections = []
    if review.state.platform or review.platform is not None:
        sections.append((t("report.platform"), platform_lines(review, t)))
    titles = {run.id: run.segment.title for run in review.state.runs}
    team = [note for note in review.state.notes if note.by]  # live notes are in the report's own list
    if team:
        sections.append((t("report.team_notes"), [
            " · ".join(filter(None, [titles.get(note.segment_id or "", note.segment_id or ""), note.by])) + f": {note.text}"
            for note in team]))
    if review.improvements:
        texts = Texts(lang)
        lines = [t.rests_on(review.improvement_kinds)] if review.improvement_kinds else []
        for item in review.improvements:
            evidence = texts("improve.evidence", count=len(item.evidence),
                             shows=texts.listed(sorted({when[:16].replace("T", " ") for when in item.evidence})))
            lines.append(f"{texts(f'improve.{item.code}', **item.params)} ({evidence})")
        sections.append((t("report.improvements"), lines))
    return sections
