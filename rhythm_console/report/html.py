"""The review as one self-contained HTML file: inline CSS and SVG charts, nothing fetched."""

from __future__ import annotations

import html
import math
import unicodedata

from rhythm_console.report import tables
from rhythm_console.report.across import after_show_sections
from rhythm_console.report.audience import voice_html
from rhythm_console.report.checklist import checklist_html
from rhythm_console.report.drill import DrillSection, drill_section
from rhythm_console.report.tables import Table
from rhythm_console.report.text import ReportText
from rhythm_console.review import Review
from rhythm_console.textsafe import printable
from rhythm_console.units import wall_at


def escape(text: str) -> str:
    """Markup-safe, and with no control characters: the page may well be printed to a terminal."""
    return html.escape(printable(text))

WIDTH, HEIGHT = 960, 300
LEFT, RIGHT, TOP, BOTTOM = 60, 60, 34, 30
BAND_COLOURS = {"product": "#fde7c8", "lottery": "#e1f0d8", "interaction": "#dbe9f7", "qa": "#ece1f5",
                "opening": "#f0f0f0", "closing": "#f0f0f0", "break": "#f6f6f6", "custom": "#f9e0e6",
                "flash_sale": "#fbd3c0", "hold": "#fff0b3", "revisit": "#e8f3dc"}

STYLE = """
body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       margin: 2rem auto; max-width: 1000px; color: #222; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #eee; padding-bottom: .3rem; }
.meta { color: #666; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #eee; padding: .35rem .5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.over { color: #c0392b; font-weight: bold; } .under { color: #b7791f; } .on_time { color: #2e7d32; }
.met { color: #2e7d32; } .missed { color: #c0392b; }
.bar { background: #eee; border-radius: 4px; height: .6rem; width: 8rem; display: inline-block; }
.bar i { display: block; height: 100%; border-radius: 4px; background: #2e7d32; }
.bar i.missed { background: #c0392b; }
.warning { background: #fff4e5; border-left: 4px solid #f0a020; padding: .5rem 1rem; }
ul.findings li { margin: .3rem 0; }
svg text { font-size: 11px; fill: #555; }
.legend { font-size: .85rem; color: #555; }
.legend span { display: inline-block; width: 1rem; height: .25rem; vertical-align: middle; margin: 0 .3rem 0 .8rem; }
.legend.labels ol { list-style: none; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; padding: 0; margin: .3rem 0; }
table.actions td { height: 1.8rem; border-bottom: 1px solid #ccc; }
.largest { background: #f3f7fc; border-left: 4px solid #1f6fb2; padding: .3rem 1rem; margin: 1rem 0; }
.largest ol li { margin: .35rem 0; font-size: 1.05rem; }
section.drill h3 { margin-top: 1.6rem; }
@media print { table.actions td { height: 2.4rem; } }
"""


def _x(at: float, start: float, end: float) -> float:
    return LEFT + (at - start) / max(1.0, end - start) * (WIDTH - LEFT - RIGHT)


def _y(value: float, low: float, high: float) -> float:
    return TOP + (1 - (value - low) / max(1e-9, high - low)) * (HEIGHT - TOP - BOTTOM)


def _polyline(points: list[tuple[float, float]], colour: str, start: float, end: float, low: float, high: float,
              attributes: str = "") -> str:
    if not points:
        return ""
    coords = " ".join(f"{_x(at, start, end):.1f},{_y(v, low, high):.1f}" for at, v in points)
    return f'<polyline fill="none" stroke="{colour}" stroke-width="1.8" points="{coords}"{attributes}/>'


def _time_axis(review: Review, start: float, end: float) -> str:
    parts = []
    span = end - start
    step = 600 if span <= 3 * 3600 else 1800
    tick = (int(start) // step + 1) * step
    while tick < end:
        x = _x(tick, start, end)
        parts.append(f'<line x1="{x:.1f}" y1="{HEIGHT - BOTTOM}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM + 4}" stroke="#999"/>')
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
                     f'{wall_at(review.started_wall, tick, review.zone):%H:%M}</text>')
        tick += step
    return "".join(parts)


LABEL_PAD = 6.0  # px between a band's label and the next band


def text_width(text: str) -> float:
    """Roughly how wide `text` is drawn at the charts' 11 px: CJK characters (and the ambiguous ones: · … ①, wide in CJK fonts) are twice as wide."""
    return sum(11.0 if unicodedata.east_asian_width(char) in "WFA" else 6.2 for char in text)


def fit_label(title: str, number: int, room: float) -> tuple[str, bool]:
    """The label a band of `room` px can carry: its title, else its number and as much of the title
    as fits with an ellipsis, else its number alone (or nothing). True when it was shortened."""
    if text_width(title) <= room:
        return title, False
    prefix = f"{number} "
    for cut in range(len(title) - 1, 0, -1):
        label = f"{prefix}{title[:cut]}…"
        if text_width(label) <= room:
            return label, True
    return (str(number), True) if text_width(str(number)) <= room else ("", True)


def _bands(review: Review, start: float, end: float) -> tuple[str, list[tuple[int, str]]]:
    """The segments as coloured bands with their names over them, and the (number, full name) of
    every one whose name did not fit: the chart's legend lists those."""
    parts, shortened = [], []
    ran = [(s, s.started_at) for s in review.segments if s.started_at is not None]
    for index, (segment, started) in enumerate(ran):
        seg_end = segment.ended_at if segment.ended_at is not None else end
        x1, x2 = _x(started, start, end), _x(seg_end, start, end)
        colour = BAND_COLOURS.get(segment.kind.value, "#f0f0f0")
        title = escape(segment.title)
        parts.append(f'<rect class="band" x="{x1:.1f}" y="{TOP}" width="{max(0.5, x2 - x1):.1f}" '
                     f'height="{HEIGHT - TOP - BOTTOM}" fill="{colour}"><title>{title}</title></rect>')
        # Labels alternate between two rows, so a label may run over the next band but not the one after.
        following = ran[index + 2][1] if index + 2 < len(ran) else end
        room = min(_x(following, start, end), WIDTH - RIGHT) - x1 - LABEL_PAD
        label, cut = fit_label(segment.title, index + 1, room)
        if cut:
            shortened.append((index + 1, segment.title))
        if label:
            parts.append(f'<text class="label" x="{x1 + 3:.1f}" y="{TOP - 6 - (index % 2) * 12}">'
                         f'<title>{title}</title>{escape(label)}</text>')
    return "".join(parts), shortened


def _label_legend(shortened: list[tuple[int, str]], t: ReportText) -> str:
    if not shortened:
        return ""
    items = "".join(f"<li><b>{number}</b> {escape(title)}</li>" for number, title in shortened)
    return f'<div class="legend labels">{escape(t("chart_labels"))}<ol>{items}</ol></div>'


PLATFORM_COLOUR = "#2b8a3e"  # the platform's online count, dashed beside the feed's


def viewers_chart(review: Review, t: ReportText) -> str:
    online, rates = review.online_series, review.interaction_series
    platform = review.platform.online_series if review.platform is not None else []  # the second line
    if not online and not rates and not platform:
        return f"<p>{t('no_data')}</p>"
    times = [at for at, _ in online + rates + platform]
    start = review.started_at if review.started_at is not None else min(times)
    start = min(start, min(times))
    end = max(review.end, max(times))
    high = max((v for _, v in online + platform), default=1) * 1.1 or 1
    rate_high = max((v for _, v in rates), default=0.1) * 1.2 or 0.1
    bands, shortened = _bands(review, start, end)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
             f'aria-label="{escape(t("viewers_chart"))}">', bands]
    for fraction in (0, 0.5, 1):
        y = _y(high * fraction, 0, high)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{high * fraction:,.0f}</text>')
        parts.append(f'<text x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}">{rate_high * fraction:.1%}</text>')
    parts.append(_polyline(online, "#1f6fb2", start, end, 0, high))
    parts.append(_polyline(rates, "#d9480f", start, end, 0, rate_high))
    if platform:
        parts.append(_polyline(platform, PLATFORM_COLOUR, start, end, 0, high,
                               ' stroke-dasharray="6 3" class="platform"'))
    parts.append(_time_axis(review, start, end))
    parts.append("</svg>")
    legend = (f'<div class="legend"><span style="background:#1f6fb2"></span>'
              f'{escape(t("feed_online" if platform else "online"))}'
              + (f'<span style="background:{PLATFORM_COLOUR}"></span>{escape(t("platform_online"))}' if platform else "")
              + f'<span style="background:#d9480f"></span>{escape(t("interaction"))}</div>')
    return legend + "".join(parts) + _label_legend(shortened, t)


def drift_chart(review: Review, t: ReportText) -> str:
    series = review.drift_series
    if len(series) < 2 or review.started_at is None:
        return f"<p>{t('no_data')}</p>"
    points = [(review.started_at + at, value) for at, value in series]
    start, end = points[0][0], points[-1][0]
    # The axis reaches past the largest drift, up to a whole minute so its labels are exact.
    bound = 60.0 * max(1, math.ceil(max(abs(v) for _, v in points) * 1.1 / 60))
    bands, shortened = _bands(review, start, end)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{escape(t("drift"))}">',
             bands]
    for value in (-bound, 0, bound):
        y = _y(value, -bound, bound)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{"#999" if value == 0 else "#ddd"}"/>')
        label = "0" if value == 0 else f"{'+' if value > 0 else '−'}{abs(value) / 60:.0f}m"
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    parts.append(_polyline(points, "#7b2cbf", start, end, -bound, bound))
    parts.append(_time_axis(review, start, end))
    parts.append("</svg>")
    return f'<p class="meta">{escape(t("drift_note"))}</p>' + "".join(parts) + _label_legend(shortened, t)


def _row(cells: list[str], numeric: frozenset[int] = frozenset(), classes: dict[int, str] | None = None) -> str:
    out = []
    for index, cell in enumerate(cells):
        css = []
        if index in numeric:
            css.append("n")
        if classes and index in classes:
            css.append(classes[index])
        attr = f' class="{" ".join(css)}"' if css else ""
        out.append(f"<td{attr}>{escape(cell)}</td>")
    return "<tr>" + "".join(out) + "</tr>"


def _table(table: Table, t: ReportText, css: str = "") -> str:
    if not table.rows:
        return f"<p>{escape(t('none'))}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    rows = "".join(_row(row, table.numeric, table.classes[i] if i < len(table.classes) else None)
                   for i, row in enumerate(table.rows))
    attr = f' class="{css}"' if css else ""
    return f"<table{attr}><tr>{head}</tr>{rows}</table>"


def _section(title: str, content: str, note: str | None = None) -> str:
    return f"<h2>{escape(title)}</h2>{content}" + (f'<p class="meta">{escape(note)}</p>' if note else "")


def _drill(section: DrillSection, t: ReportText) -> str:
    """The debrief against the original: what it is, the three largest differences boxed, then the figures."""
    parts = [f'<section class="drill"><h2>{escape(section.title)}</h2>']
    parts += [f'<p class="meta">{escape(line)}</p>' for line in section.about]
    parts.append(f'<div class="largest"><h3>{escape(section.largest_title)}</h3><ol>'
                 + "".join(f"<li>{escape(line)}</li>" for line in section.largest) + "</ol></div>")
    for heading, table in section.tables:
        parts.append(f"<h3>{escape(heading)}</h3>" + _table(table, t))
    return "".join(parts) + "</section>"


def render_html(review: Review, lang: str) -> str:
    t = ReportText(lang)
    plan = review.plan
    body = [f"<h1>{escape(t.title(review))}: {escape(plan.show.title)}</h1>"]
    for warning in t.warnings(review):
        body.append(f'<p class="warning"><b>{escape(t("warning"))}</b>: {escape(warning)}</p>')
    if review.started_at is not None:
        body.append(f'<p class="meta">{escape(t.when(review))}</p>')
        if (start := t.start(review)) is not None:
            body.append(f'<p class="meta">{escape(t("start"))}: {escape(start)}</p>')
        cards = [(t("planned_vs_actual"), f"{t.clock(plan.planned_total)} / {t.clock(review.end - review.started_at)}"),
                 (t("drift_end" if review.ended_at is not None else "drift_last"), t.how_it_ended(review))]
        totals = review.totals
        cards += [(t("online_peak"), t.number(totals.get("online_peak"))), (t("gmv"), t.number(totals.get("gmv"), "¥{:,.0f}")),
                  (t("orders"), t.number(totals.get("orders")))]
        body.append('<div class="cards">' + "".join(f"<div class='card'>{escape(k)}<b>{escape(v)}</b></div>" for k, v in cards) + "</div>")
    if review.goals:
        body.append(f"<h2>{escape(t('goals'))}</h2><table><tr><th>{escape(t('metric'))}</th><th>{escape(t('goal'))}</th>"
                    f"<th>{escape(t('actual'))}</th><th></th></tr>")
        for goal in review.goals:
            ratio = goal.ratio
            bar = "" if ratio is None else (f'<span class="bar"><i class="{"" if goal.met else "missed"}" '
                                            f'style="width:{min(100, ratio * 100):.0f}%"></i></span> {ratio:.0%}')
            body.append(f"<tr><td>{escape(t.goal_name(goal))}</td><td class='n'>{escape(t.goal_value(goal.name, goal.goal))}</td>"
                        f"<td class='n {'met' if goal.met else 'missed' if goal.met is False else ''}'>"
                        f"{escape(t.goal_value(goal.name, goal.actual))}</td><td>{bar}</td></tr>")
        body.append("</table>")
    if review.findings:
        body.append(f"<h2>{escape(t('findings'))}</h2><ul class='findings'>"
                    + "".join(f"<li>{escape(t.finding(f))}</li>" for f in review.findings) + "</ul>")
    if review.drill is not None:
        body.append(_drill(drill_section(review.drill, lang), t))
    body.append(_section(t("interventions"), _table(tables.interventions(review, t), t)))
    body.append(f"<h2>{escape(t('viewers_chart'))}</h2>" + viewers_chart(review, t))
    body.append(f"<h2>{escape(t('drift'))}</h2>" + drift_chart(review, t))
    body.append(_section(t("segments"), _table(tables.timing(review, t), t), t("budget_note")))
    body.append(_section(t("segment_figures"), _table(tables.figures(review, t), t)))
    if review.products:
        body.append(_section(t("products"), _table(tables.products(review, t), t), t("orders_from_segments")))
    if review.lotteries:
        body.append(_section(t("lotteries"), _table(tables.lotteries(review, t), t), tables.lottery_note(t)))
    body.append(_section(t("cues"), _table(tables.cues(review, t), t)))
    body.append(_section(t("alerts"), _table(tables.alerts(review, t), t)))
    if review.requests:  # a show no pane asked anything of has no such section
        body.append(_section(t("requests"), _table(tables.requests(review, t), t)))
    notes = "".join(f"<li>{escape(t.time_of(review, at))} {escape(text)}</li>" for at, text in review.notes)
    body.append(_section(t("notes"), f"<ul>{notes}</ul>" if notes else f"<p>{escape(t('none'))}</p>"))
    for heading, items in after_show_sections(review, lang):
        body.append(_section(heading, "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"))
    body.append(_section(t("action_items"), f'<p class="meta">{escape(t("action_hint"))}</p>'
                         + _table(tables.action_items(review, t, blank_rows=5), t, "actions")))
    if review.voice is not None:
        body.append(voice_html(review.voice, lang, review.started_wall))
    if review.checklist is not None:
        body.append(checklist_html(review.checklist, review.started_wall, review.zone, lang))
    return (f'<!DOCTYPE html>\n<html lang="{escape(t.texts("lang.tag"))}"><head><meta charset="utf-8">'
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(t.title(review))}: {escape(plan.show.title)}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
