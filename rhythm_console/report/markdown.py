"""The review as Markdown, to paste into a chat or a wiki."""

from __future__ import annotations

from rhythm_console.report.across import after_show_sections
from rhythm_console.report.text import ReportText
from rhythm_console.review import Review
from rhythm_console.textsafe import printable


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def cell(value: str) -> str:
        return printable(value).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def render_markdown(review: Review, lang: str) -> str:
    t = ReportText(lang)
    plan = review.plan
    lines = [f"# {t('title')}: {printable(plan.show.title)}", ""]
    for warning in t.warnings(review):
        lines += [f"> **{t('warning')}**: {printable(warning)}", ""]
    if review.started_at is not None:
        start = t.time_of(review, review.started_at)
        end = t.time_of(review, review.end)
        lines.append(f"- {t('when')}: {review.started_wall:%Y-%m-%d} {start}–{end}")
        lines.append(f"- {t('planned_vs_actual')}: {t.clock(plan.planned_total)} / {t.clock(review.end - review.started_at)}")
        lines.append(f"- {t('drift_end' if review.ended_at is not None else 'drift_last')}: {t.drift(review.final_drift)}")
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
    lines += [f"## {t('segments')}", ""]
    lines += _table(
        [t("segment"), t("planned"), t("actual"), t("verdict"), t("online_avg"), t("online_peak"), t("interaction"),
         t("clicks"), t("ctr"), t("orders"), t("gmv")],
        [[(f"[{t('inserted')}] " if s.inserted else "") + s.title, t.clock(s.planned), t.clock(s.actual), t.verdict(s),
          t.number(s.figures.online_average), t.number(s.figures.online_peak), t.percent(s.figures.interaction_average),
          t.number(s.figures.growth("product_clicks")), t.percent(s.figures.ctr), t.number(s.figures.growth("orders")),
          t.number(s.figures.growth("gmv"), "¥{:,.0f}")] for s in review.segments])
    lines.append("")
    if review.drift_series:
        lines += [f"## {t('drift')}", "", f"({t('drift_note')})", ""]
        step = max(1, len(review.drift_series) // 12)
        points = review.drift_series[::step]
        lines += _table([t("when"), t("drift")], [[t.clock(at), t.drift(value)] for at, value in points])
        lines.append("")
    lines += [f"## {t('cues')}", ""]
    if review.cues:
        lines += _table([t("sent"), t("text"), t("level"), t("origin"), t("ack")], [
            [t.time_of(review, c.at), c.text, c.level, c.origin,
             ", ".join(f"{pane} {latency:.1f}s" for pane, latency in c.acked) or "—"] for c in review.cues])
    else:
        lines.append(t("none"))
    lines.append("")
    lines += [f"## {t('alerts')}", ""]
    if review.alerts:
        lines += _table([t("raised"), t("text"), t("lasted")], [
            [t.time_of(review, a.raised_at), t.alert(a), t.clock(a.duration(review.end))] for a in review.alerts])
    else:
        lines.append(t("none"))
    lines.append("")
    lines += [f"## {t('holds')}", ""]
    items = [f"- {t('hold')} {t.time_of(review, start)}, {t.clock((end or review.end) - start)}" + (f" ({printable(reason)})" if reason else "")
             for start, end, reason in review.holds]
    items += [f"- {t('contingency')} {t.time_of(review, at)}: {printable(title)}" for at, _, title in review.contingencies]
    lines += items or [t("none")]
    lines.append("")
    if review.notes:
        lines += [f"## {t('notes')}", ""] + [f"- {t.time_of(review, at)} {printable(text)}" for at, text in review.notes] + [""]
    for heading, items in after_show_sections(review, lang):
        lines += [f"## {heading}", ""] + [f"- {printable(item)}" for item in items] + [""]
    return "\n".join(lines)
