"""The drill debrief's section (report DRILL --against ORIGINAL): the comparison's figures as words and tables.

Markdown, HTML and CSV lay out the same `DrillSection`; the figures are review/drill.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rhythm_console.phrases import verdict_words
from rhythm_console.report.tables import Table
from rhythm_console.report.text import ReportText
from rhythm_console.review import AlertReview, Review

if TYPE_CHECKING:  # only a debrief (report --against) has one: the comparison itself is its command's to import
    from rhythm_console.review.drill import AlertSide, CueSide, Difference, DrillComparison, SegmentSide


@dataclass
class DrillSection:
    title: str
    about: list[str]  # who, against what, from where, at what speed, the basis and its limit
    largest_title: str
    largest: list[str]  # the three largest differences, largest first
    tables: list[tuple[str, Table]] = field(default_factory=list)


def _when(t: ReportText, at: float | None) -> str:
    return "—" if at is None else t.clock(at)


def difference_words(t: ReportText, difference: Difference, comparison: DrillComparison) -> str:
    params = dict(difference.params)
    alert = params.get("alert")
    if isinstance(alert, AlertReview):
        params["alert"] = t.alert(alert, comparison.original)
    return t(f"drill.diff.{difference.code}", **params)


def _intent(t: ReportText, cue: CueSide) -> str:
    kind, value = cue.intent
    if kind == "preset":
        return t("drill.intent.preset", key=value)
    if kind == "builtin":
        return t("drill.intent.builtin", name=t.word("cue", value))
    return t("drill.intent.free", level=t.word("level", value))


def _cue_cell(t: ReportText, cue: CueSide | None) -> str:
    if cue is None:
        return "—"
    return f"{t.clock(cue.at)} {cue.text} ({t.word('level', cue.level)})"


def _verdict(t: ReportText, side: SegmentSide | None) -> str:
    if side is None:
        return t("drill.not_run")
    if side.verdict is None:
        return t.texts(f"status.{side.status.value}")
    return verdict_words(t.texts, side.verdict)


def _segments(t: ReportText, comparison: DrillComparison) -> Table:
    original, trainee = t("drill.original"), t("drill.trainee")
    rows, classes = [], []
    for row in comparison.segments:
        a, b = row.original, row.trainee
        rows.append([row.title, _when(t, a.start if a else None), _when(t, b.start if b else None),
                     t.clock(row.start_difference, sign=True) if row.start_difference is not None else "—",
                     _when(t, a.length if a else None), _when(t, b.length if b else None),
                     t.clock(row.length_difference, sign=True) if row.length_difference is not None else "—",
                     _verdict(t, a), _verdict(t, b)])
        marks = {}
        for column, side in ((7, a), (8, b)):
            if side is not None and side.verdict is not None:
                marks[column] = side.verdict.kind.value
        classes.append(marks)
    header = [t("segment"), t("drill.start", side=original), t("drill.start", side=trainee), t("drill.difference"),
              t("drill.length", side=original), t("drill.length", side=trainee), t("drill.difference"),
              t("drill.verdict", side=original), t("drill.verdict", side=trainee)]
    return Table(header, rows, frozenset({1, 2, 3, 4, 5, 6}), classes)


def _cues(t: ReportText, comparison: DrillComparison) -> Table:
    rows = []
    for pair in comparison.cues:
        rows.append([_intent(t, pair.shown), _cue_cell(t, pair.original), _cue_cell(t, pair.trainee),
                     t.clock(pair.time_difference, sign=True) if pair.time_difference is not None else "—"])
    return Table([t("drill.intent"), t("drill.original"), t("drill.trainee"), t("drill.difference")], rows,
                 frozenset({3}))


def _unmatched(t: ReportText, cues: list[CueSide], review: Review) -> Table:
    return Table([t("sent"), t("text"), t("level"), t("origin")],
                 [[t.clock(cue.at), cue.text, t.word("level", cue.level),
                   t.origin(cue.review, review) if cue.review else _intent(t, cue)] for cue in cues])


def _unanswered(t: ReportText, side: AlertSide | None) -> str:
    if side is None:
        return t("drill.not_raised")
    return t.clock(side.unanswered) if side.answered else t("drill.never", seconds=side.unanswered)


def _alerts(t: ReportText, comparison: DrillComparison) -> Table:
    original, trainee = t("drill.original"), t("drill.trainee")
    rows, classes = [], []
    for row in comparison.alerts:
        rows.append([t.alert(row.shown, comparison.original),
                     _when(t, row.original.raised if row.original else None), _unanswered(t, row.original),
                     _when(t, row.trainee.raised if row.trainee else None), _unanswered(t, row.trainee)])
        classes.append({4: "over"} if row.trainee is not None and not row.trainee.answered else {})
    return Table([t("text"), f"{original} {t('raised')}", t("drill.unanswered", side=original),
                  f"{trainee} {t('raised')}", t("drill.unanswered", side=trainee)], rows, frozenset({1, 2, 3, 4}),
                 classes)


def _acks(t: ReportText, comparison: DrillComparison) -> Table:
    def seconds(value: float | None) -> str:
        return "—" if value is None else t("drill.seconds", seconds=value)

    rows = []
    for name, figures in ((t("drill.original"), comparison.original_acks), (t("drill.trainee"), comparison.trainee_acks)):
        rows.append([name, str(len(figures.latencies)), seconds(figures.median),
                     seconds(max(figures.latencies) if figures.latencies else None), str(figures.unacked)])
    return Table(["", t("drill.acked"), t("drill.median"), t("drill.slowest"), t("drill.unacked")], rows,
                 frozenset({1, 2, 3, 4}))


def drill_section(comparison: DrillComparison, lang: str) -> DrillSection:
    t = ReportText(lang)
    original = t.when(comparison.original)
    about = [t("drill.about", trainee=comparison.trainee_name, original=original) if comparison.trainee_name
             else t("drill.about_anyone", original=original)]
    if not comparison.matches_original:
        about.append(t("drill.not_of", drill_of=comparison.drill_of or "—"))
    if comparison.drill_from is not None:
        title = next((s.title for s in comparison.trainee.segments if s.id == comparison.drill_from),
                     comparison.drill_from)
        about.append(t("drill.from", title=title))
    speed = comparison.trainee_speed
    if speed != 1.0:
        about.append(t("drill.speed", speed=speed))
    original_end = comparison.original.end - (comparison.original.started_at or 0.0)
    if comparison.until < original_end - 1:
        about.append(t("drill.until", at=comparison.until))
    about.append(t("drill.basis"))
    largest = [difference_words(t, d, comparison) for d in comparison.differences] or [t("drill.no_difference")]
    section = DrillSection(t("drill.title"), about, t("drill.largest"), largest)
    section.tables = [(t("drill.segments"), _segments(t, comparison)), (t("drill.cues"), _cues(t, comparison)),
                      (t("drill.only_original"), _unmatched(t, comparison.only_original, comparison.original)),
                      (t("drill.only_trainee"), _unmatched(t, comparison.only_trainee, comparison.trainee)),
                      (t("drill.alerts"), _alerts(t, comparison)), (t("drill.acks"), _acks(t, comparison))]
    return section
