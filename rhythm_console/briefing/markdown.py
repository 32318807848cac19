"""The briefing as Markdown: one section per role."""

from __future__ import annotations

from rhythm_console.briefing import RolePart, plan_lang
from rhythm_console.briefing.text import lines_header, ops_step_text, preset_meaning, product_facts, role_title
from rhythm_console.durations import format_short
from rhythm_console.i18n import Texts
from rhythm_console.plan import Plan
from rhythm_console.textsafe import printable


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")


def render_markdown(plan: Plan, role_parts: list[RolePart]) -> str:
    t = Texts(plan_lang(plan))
    lines = [f"# {printable(t('brief.title', title=plan.show.title))}", ""]
    if plan.show.starts_at is not None:
        lines += [f"{t('brief.when')}: {plan.show.starts_at:%Y-%m-%d %H:%M}", ""]
    for part in role_parts:
        lines += [f"## {printable(role_title(part, t))}", ""]
        if part.segments or not (part.timeline or part.kit):  # ops and the assistant may have only those
            lines += [f"### {t('brief.segments')}", ""]
        if part.segments:
            lines += [f"| {t('brief.col.time')} | {t('brief.col.length')} | {t('brief.col.segment')} | "
                      f"{t('brief.col.part')} | {lines_header(part, t)} |", "|---|---|---|---|---|"]
            for item in part.segments:
                said = "<br>".join(_cell(line) for line in item.lines)
                lines.append(f"| {item.starts} | {format_short(item.segment.duration)} | {_cell(item.segment.title)} | "
                             f"{t('brief.leads') if item.leads else t('brief.supports')} | {said} |")
            lines.append("")
        elif not (part.timeline or part.kit):
            lines += [t("brief.none"), ""]
        if part.timeline:
            lines += [f"### {t('brief.timeline')}", "",
                      f"| {t('brief.col.time')} | {t('brief.col.segment')} | {t('brief.col.action')} |", "|---|---|---|"]
            lines += [f"| {when} | {_cell(step.segment.title)} | {_cell(ops_step_text(step, t))} |"
                      for when, step in part.timeline]
            lines.append("")
        if part.kit:
            lines += [f"### {t('brief.kit')}", "",
                      f"| {t('brief.col.time')} | {t('brief.col.segment')} | {t('brief.col.props')} | "
                      f"{t('brief.col.samples')} |", "|---|---|---|---|"]
            lines += [f"| {when} | {_cell(segment.title)} | {'<br>'.join(_cell(p) for p in segment.props)} | "
                      f"{'<br>'.join(_cell(s) for s in segment.samples)} |" for when, segment in part.kit]
            lines.append("")
        if part.products:
            lines += [f"### {t('brief.products')}", ""]
            for product in part.products:
                facts = " · ".join(f"{name} {printable(value)}" for name, value in product_facts(product, t))
                lines.append(f"- **{printable(product.name)}**: {facts}")
                if product.selling_points:
                    lines.append(f"  - {t('brief.selling_points')}: " + "；".join(printable(p) for p in product.selling_points))
            lines.append("")
        if part.presets:
            lines += [f"### {t('brief.presets')}", ""]
            for preset in part.presets:
                meaning = preset_meaning(preset, t)
                lines.append(f"- `{preset.key}` {printable(preset.text)}" + (f" ({meaning})" if meaning else ""))
            lines.append("")
        if part.contingencies:
            lines += [f"### {t('brief.contingencies')}", ""]
            for contingency, steps in part.contingencies:
                lines.append(f"- **{printable(contingency.title)}** ({t('brief.trigger')}: {printable(contingency.trigger)})")
                for number, (step, mine) in enumerate(steps, start=1):
                    lines.append(f"  {number}. " + (f"**{printable(step)}**" if mine else printable(step)))
            lines.append("")
        if part.checklist:
            lines += [f"### {t('brief.checklist')}", ""]
            for item in part.checklist:
                extra = [t("brief.due", due=format_short(item.due))] if item.due is not None else []
                extra += [t("brief.blocking")] if item.blocking else []
                lines.append(f"- [ ] {printable(item.text)}" + (f" ({', '.join(extra)})" if extra else ""))
            lines.append("")
    return "\n".join(lines)
