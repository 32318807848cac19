"""The comparison of shows as Markdown."""

from __future__ import annotations

from rhythm_console.report.compare_text import (
    CompareText,
    Table,
    kind_formulas,
    kind_table,
    people_table,
    product_table,
    section_table,
)
from rhythm_console.report.markdown import _table
from rhythm_console.review.compare import SECTIONS, Comparison
from rhythm_console.textsafe import printable


def _md(table: Table) -> list[str]:
    return _table(*table) + [""]


def render_compare_markdown(comparison: Comparison, lang: str) -> str:
    t = CompareText(lang)
    titles = sorted({show.title for show in comparison.shows})
    lines = [f"# {t('compare.title')}: {printable(' / '.join(titles))}", "",
             t.rests_on([show.kind for show in comparison.shows]), "", f"> {t('compare.basis')}", ""]
    for section in SECTIONS:
        table = section_table(t, comparison, section)
        if table is not None:
            lines += [f"## {t(f'compare.section.{section}')}", ""] + _md(table)
    lines += [f"## {t('compare.kinds')}", ""] + _md(kind_table(t, comparison))
    lines += [f"- {line}" for line in kind_formulas(t)] + [""]
    lines += [f"## {t('compare.products')}", ""] + _md(product_table(t, comparison))
    lines += [f"## {t('compare.people')}", "", f"> {t('compare.people_note')}", ""]
    lines += _md(people_table(t, comparison.people, roles=False))
    lines += [f"### {t('compare.roles')}", ""] + _md(people_table(t, comparison.roles, roles=True))
    return "\n".join(lines)
