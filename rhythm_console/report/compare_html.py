"""The comparison as one self-contained HTML page: tables, and a small SVG chart per trend (nothing fetched)."""

from __future__ import annotations

from rhythm_console.report.compare_text import (
    CompareText,
    kind_formulas,
    kind_table,
    people_table,
    product_table,
    section_table,
)
from rhythm_console.report.html import STYLE, escape
from rhythm_console.review.compare import FIGURES, SECTIONS, Comparison, Figure

CHART_W, CHART_H, PAD = 300, 120, 24


def _chart(t: CompareText, comparison: Comparison, figure: Figure) -> str:
    values = comparison.values(figure)
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = (high - low) or abs(high) or 1.0
    count = max(1, len(values) - 1)

    def x(i: int) -> float:
        return PAD + i / count * (CHART_W - 2 * PAD)

    def y(v: float) -> float:
        return PAD + (1 - (v - low) / span) * (CHART_H - 2 * PAD)

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in known)
    dots = "".join(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#1565c0"><title>'
                   f'{escape(t.show_labels(comparison.shows)[i])}: {escape(t.value(v, figure.unit))}</title></circle>'
                   for i, v in known)
    return (f'<figure class="trend"><figcaption>{escape(t.name(figure))}</figcaption>'
            f'<svg width="{CHART_W}" height="{CHART_H}" viewBox="0 0 {CHART_W} {CHART_H}" role="img">'
            f'<text x="2" y="12">{escape(t.value(high, figure.unit))}</text>'
            f'<text x="2" y="{CHART_H - 4}">{escape(t.value(low, figure.unit))}</text>'
            f'<polyline fill="none" stroke="#1565c0" stroke-width="2" points="{points}"/>{dots}</svg>'
            f'<small>{escape(t.formula(figure))}</small></figure>')


def _table(header: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i >= numeric_from else ""}>{escape(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_compare_html(comparison: Comparison, lang: str) -> str:
    t = CompareText(lang)
    shows = comparison.shows
    title = " / ".join(sorted({show.title for show in shows}))
    parts = [f'<!doctype html><html lang="{escape(t("lang.tag"))}"><head><meta charset="utf-8">',
             f"<title>{escape(t('compare.title'))}: {escape(title)}</title>",
             f"<style>{STYLE}.trends {{ display: flex; flex-wrap: wrap; gap: 1rem; }} figure.trend {{ margin: 0; }}"
             " figure.trend small { display: block; color: #777; max-width: 300px; } td.formula { color: #777;"
             " font-size: .8rem; }</style></head><body>",
             f"<h1>{escape(t('compare.title'))}: {escape(title)}</h1>",
             f'<p class="meta">{escape(t.rests_on([show.kind for show in shows]))} · {escape(t.show_label(shows[0]))} – {escape(t.show_label(shows[-1]))}</p>'
             if shows else "", f'<p class="warning">{escape(t("compare.basis"))}</p>']
    trends = [chart for figure in FIGURES if figure.trend and (chart := _chart(t, comparison, figure))]
    if trends:
        parts += [f"<h2>{escape(t('compare.trends'))}</h2>", '<div class="trends">', *trends, "</div>"]
    for section in SECTIONS:
        table = section_table(t, comparison, section)
        if table is not None:
            parts += [f"<h2>{escape(t(f'compare.section.{section}'))}</h2>", _table(*table)]
    parts += [f"<h2>{escape(t('compare.kinds'))}</h2>", _table(*kind_table(t, comparison)),
              "<ul class=meta>" + "".join(f"<li>{escape(line)}</li>" for line in kind_formulas(t)) + "</ul>",
              f"<h2>{escape(t('compare.products'))}</h2>", _table(*product_table(t, comparison), numeric_from=2),
              f"<h2>{escape(t('compare.people'))}</h2>", f"<p class=meta>{escape(t('compare.people_note'))}</p>",
              _table(*people_table(t, comparison.people, roles=False), numeric_from=2),
              f"<h3>{escape(t('compare.roles'))}</h3>",
              _table(*people_table(t, comparison.roles, roles=True), numeric_from=1), "</body></html>\n"]
    return "\n".join(parts)

