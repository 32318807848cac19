"""The readiness checklist's section of the report (Markdown and HTML), apart from the review's own sections."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from rhythm_console.i18n import Texts
from rhythm_console.review.checklist import ChecklistReview
from rhythm_console.textsafe import printable
from rhythm_console.units import wall_at


def _rows(review: ChecklistReview, started_wall: datetime, zone: tzinfo | None, texts: Texts) -> list[list[str]]:
    rows = []
    for line in review.lines:
        done = (f"{wall_at(started_wall, line.done_at, zone):%H:%M:%S} ({line.done_by})" if line.done_at is not None
                else texts("review.checklist.never"))
        rows.append([("⚠ " if line.blocking else "") + line.text, texts(f"role.{line.owner}"),
                     "✗" if line.open_at_start else "", done])
    return rows


def _header(texts: Texts) -> list[str]:
    return [texts("review.checklist.item"), texts("review.checklist.owner"), texts("review.checklist.open_at_start"),
            texts("review.checklist.done_at")]


def checklist_markdown(review: ChecklistReview, started_wall: datetime, zone: tzinfo | None, lang: str) -> str:
    if not review.lines:
        return ""
    texts = Texts(lang)
    lines = [f"## {texts('review.checklist.title')}", ""]
    if review.waived:
        lines += [f"> {texts('review.checklist.started_anyway', count=len(review.waived))}", ""]
    header = _header(texts)
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for row in _rows(review, started_wall, zone, texts):
        lines.append("| " + " | ".join(printable(cell).replace("|", "\\|") for cell in row) + " |")
    return "\n".join(lines) + "\n\n"


def checklist_html(review: ChecklistReview, started_wall: datetime, zone: tzinfo | None, lang: str) -> str:
    if not review.lines:
        return ""
    texts = Texts(lang)
    parts = [f"<section><h2>{escape(texts('review.checklist.title'))}</h2>"]
    if review.waived:
        parts.append(f"<p><strong>{escape(texts('review.checklist.started_anyway', count=len(review.waived)))}</strong></p>")
    parts.append("<table><tr>" + "".join(f"<th>{escape(cell)}</th>" for cell in _header(texts)) + "</tr>")
    for row in _rows(review, started_wall, zone, texts):
        parts.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>")
    parts.append("</table></section>")
    return "".join(parts)
