"""The briefing as one self-contained HTML page that prints on A4: one role a page, nothing fetched from outside."""

from __future__ import annotations

from html import escape

from rhythm_console.briefing import RolePart, plan_lang
from rhythm_console.briefing.text import lines_header, ops_step_text, preset_meaning, product_facts, role_title
from rhythm_console.durations import format_short
from rhythm_console.i18n import Texts
from rhythm_console.plan import Plan

STYLE = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 11pt;
       color: #111; margin: 0 auto; max-width: 186mm; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; border-bottom: 2px solid #333; padding-bottom: 2pt; margin-top: 0; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; }
.when { color: #444; margin: 0 0 8pt; }
section.role { padding-top: 6pt; }
section.role + section.role { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.time, td:nth-child(4), th { white-space: nowrap; }
.lead { font-weight: bold; }
.mine { font-weight: bold; text-decoration: underline; }
ul, ol { margin: 2pt 0 2pt 16pt; padding: 0; }
.box { display: inline-block; width: 9pt; height: 9pt; border: 1px solid #333; margin-right: 4pt; }
@media print { a { color: inherit; text-decoration: none; } }
"""

LEAD, MINE = ' class="lead"', ' class="mine"'


def _role_section(part: RolePart, t: Texts) -> str:
    out = [f'<section class="role" data-role="{part.role}"><h2>{escape(role_title(part, t))}</h2>']
    if part.segments or not (part.timeline or part.kit):  # ops and the assistant may have only those
        out.append(f"<h3>{escape(t('brief.segments'))}</h3>")
    if part.segments:
        out.append("<table><tr>" + "".join(f"<th>{escape(t(key))}</th>" for key in (
            "brief.col.time", "brief.col.length", "brief.col.segment", "brief.col.part")) +
            f"<th>{escape(lines_header(part, t))}</th></tr>")
        for item in part.segments:
            said = "".join(f"<li>{escape(line)}</li>" for line in item.lines)
            role = t("brief.leads") if item.leads else t("brief.supports")
            notes = f"<div><em>{escape(t('brief.notes'))}: {escape(item.segment.notes)}</em></div>" if item.segment.notes else ""
            out.append(f'<tr><td class="time">{escape(item.starts)}</td><td>{format_short(item.segment.duration)}</td>'
                       f"<td>{escape(item.segment.title)}</td><td{LEAD if item.leads else ''}>{escape(role)}</td>"
                       f"<td>{'<ul>' + said + '</ul>' if said else ''}{notes}</td></tr>")
        out.append("</table>")
    elif not (part.timeline or part.kit):
        out.append(f"<p>{escape(t('brief.none'))}</p>")
    if part.timeline:
        out.append(f"<h3>{escape(t('brief.timeline'))}</h3><table><tr>" + "".join(
            f"<th>{escape(t(key))}</th>" for key in ("brief.col.time", "brief.col.segment", "brief.col.action")) + "</tr>")
        out += [f'<tr><td class="time">{escape(when)}</td><td>{escape(step.segment.title)}</td>'
                f"<td>{escape(ops_step_text(step, t))}</td></tr>" for when, step in part.timeline]
        out.append("</table>")
    if part.kit:
        out.append(f"<h3>{escape(t('brief.kit'))}</h3><table><tr>" + "".join(
            f"<th>{escape(t(key))}</th>" for key in ("brief.col.time", "brief.col.segment", "brief.col.props",
                                                     "brief.col.samples")) + "</tr>")
        out += [f'<tr><td class="time">{escape(when)}</td><td>{escape(segment.title)}</td>'
                f"<td>{'<br>'.join(escape(p) for p in segment.props)}</td>"
                f"<td>{'<br>'.join(escape(s) for s in segment.samples)}</td></tr>" for when, segment in part.kit]
        out.append("</table>")
    if part.products:
        out.append(f"<h3>{escape(t('brief.products'))}</h3><table>")
        for product in part.products:
            facts = " · ".join(f"{escape(name)} {escape(value)}" for name, value in product_facts(product, t))
            points = "；".join(escape(point) for point in product.selling_points)
            out.append(f"<tr><td><strong>{escape(product.name)}</strong></td><td>{facts}"
                       + (f"<br>{escape(t('brief.selling_points'))}: {points}" if points else "") + "</td></tr>")
        out.append("</table>")
    if part.presets:
        out.append(f"<h3>{escape(t('brief.presets'))}</h3><ul>")
        for preset in part.presets:
            meaning = preset_meaning(preset, t)
            out.append(f"<li><strong>{escape(preset.key)}</strong> {escape(preset.text)}"
                       + (f" <em>({escape(meaning)})</em>" if meaning else "") + "</li>")
        out.append("</ul>")
    if part.contingencies:
        out.append(f"<h3>{escape(t('brief.contingencies'))}</h3><ul>")
        for contingency, steps in part.contingencies:
            items = "".join(f"<li{MINE if mine else ''}>{escape(step)}</li>" for step, mine in steps)
            out.append(f"<li><strong>{escape(contingency.title)}</strong> — {escape(t('brief.trigger'))}: "
                       f"{escape(contingency.trigger)}<ol>{items}</ol></li>")
        out.append("</ul>")
    if part.checklist:
        out.append(f"<h3>{escape(t('brief.checklist'))}</h3><ul>")
        for item in part.checklist:
            extra = [t("brief.due", due=format_short(item.due))] if item.due is not None else []
            extra += [t("brief.blocking")] if item.blocking else []
            out.append(f'<li><span class="box"></span>{escape(item.text)}'
                       + (f" <em>({escape(', '.join(extra))})</em>" if extra else "") + "</li>")
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def render_html(plan: Plan, role_parts: list[RolePart]) -> str:
    t = Texts(plan_lang(plan))
    title = t("brief.title", title=plan.show.title)
    when = (f'<p class="when">{escape(t("brief.when"))}: {plan.show.starts_at:%Y-%m-%d %H:%M}</p>'
            if plan.show.starts_at is not None else "")
    body = "".join(_role_section(part, t) for part in role_parts)
    return (f'<!DOCTYPE html>\n<html lang="{escape(t("lang.tag"))}"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(title)}</h1>{when}{body}</body></html>\n")
