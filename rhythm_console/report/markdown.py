"""The review as Markdown, to paste into a chat or a wiki."""

from __future__ import annotations

from collections.abc import Sequence

from rhythm_console.report import tables
from rhythm_console.report.across import after_show_sections
from rhythm_console.report.audience import voice_markdown
from rhythm_console.report.checklist import checklist_markdown
from rhythm_console.report.drill import DrillSection, drill_section
from rhythm_console.report.markdown_text import quoted
from rhythm_console.report.tables import Table
from rhythm_console.report.text import ReportText
from rhythm_console.review import Review
from rhythm_console.textsafe import printable


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def cell(value: str) -> str:
        return printable(value).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def _section(title: str, table: Table, t: ReportText, *, before: Sequence[str] = (), after: Sequence[str] = ()) -> list[str]:
    """A heading, then its table or "none", each paragraph followed by a blank line."""
    lines = [f"## {title}", "", *before]
    lines += _table(table.header, table.rows) if table.rows else [t("none")]
    return lines + [""] + [*after]


def _drill(section: DrillSection, t: ReportText) -> list[str]:
    """The debrief against the original: what it is, the three largest differences, then the figures."""
    lines = [f"## {section.title}", ""] + [f"> {printable(line)}" for line in section.about] + [""]
    lines += [f"### {section.largest_title}", ""] + [f"{number}. {printable(line)}"
                                                    for number, line in enumerate(section.largest, start=1)] + [""]
    for heading, table in section.tables:
        lines += [f"### {heading}", ""]
        lines += _table(table.header, table.rows) if table.rows else [t("none")]
        lines.append("")
    return lines


def render_markdown(review: Review, lang: str) -> str:
    t = ReportText(lang)
    plan = review.plan
    lines = [f"# {t.title(review)}: {printable(plan.show.title)}", ""]
    for warning in t.warnings(review):
        lines += [f"> **{t('warning')}**: {printable(warning)}", ""]
    if review.started_at is not None:
        lines.append(f"- {t('when')}: {t.when(review)}")
        if (start := t.start(review)) is not None:
            lines.append(f"- {t('start')}: {start}")
        lines.append(f"- {t('planned_vs_actual')}: {t.clock(plan.planned_total)} / {t.clock(review.end - review.started_at)}")
        lines.append(f"- {t('drift_end' if review.ended_at is not None else 'drift_last')}: {t.how_it_ended(review)}")
        lines.append("")
    if review.goals:
        lines += [f"## {t('goals')}", ""]
        lines += _table([t("metric"), t("goal"), t("actual"), t("met")], [
            [t.goal_name(g), t.goal_value(g.name, g.goal), t.goal_value(g.name, g.actual),
             t("no_data") if g.met is None else (f"✅ {t('yes')}" if g.met else f"❌ {t('no')}")]
            for g in review.goals])
        lines.append("")
    if review.findings:
        lines += [f"## {t('findings')}", ""] + [f"- {printable(t.finding(finding))}" for finding in review.findings] + [""]
    if review.drill is not None:
        lines += _drill(drill_section(review.drill, lang), t)
    lines += _section(t("interventions"), tables.interventions(review, t), t)
    lines += _section(t("segments"), tables.timing(review, t), t, after=[f"({t('budget_note')})", ""])
    lines += _section(t("segment_figures"), tables.figures(review, t), t)
    if review.products:
        lines += _section(t("products"), tables.products(review, t), t, after=[f"({t('orders_from_segments')})", ""])
    if review.lotteries:
        lines += _section(t("lotteries"), tables.lotteries(review, t), t, after=[f"({tables.lottery_note(t)})", ""])
    if review.drift_series:
        lines += [f"## {t('drift')}", "", f"({t('drift_note')})", ""]
        step = max(1, len(review.drift_series) // 12)
        points = review.drift_series[::step]
        lines += _table([t("when"), t("drift")], [[t.clock(at), t.drift(value)] for at, value in points])
        lines.append("")
    lines += _section(t("cues"), tables.cues(review, t), t)
    lines += _section(t("alerts"), tables.alerts(review, t), t)
    if review.requests:  # a show no pane asked anything of has no such section
        lines += _section(t("requests"), tables.requests(review, t), t)
    lines += [f"## {t('notes')}", ""]
    lines += [f"- {t.time_of(review, at)} {quoted(text)}" for at, text in review.notes] or [t("none")]
    lines.append("")
    for heading, items in after_show_sections(review, lang):
        lines += [f"## {heading}", ""] + [f"- {quoted(item)}" for item in items] + [""]  # the team's own words
    lines += _section(t("action_items"), tables.action_items(review, t), t, before=[t("action_hint"), ""])
    text = "\n".join(lines)
    if review.voice is not None and (section := voice_markdown(review.voice, lang, review.started_wall)):
        text += "\n" + section
    if review.checklist is not None:
        text = text.rstrip("\n") + "\n\n" + checklist_markdown(review.checklist, review.started_wall, review.zone, lang)
    return text
