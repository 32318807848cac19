"""The review's segments as CSV, one row each, for spreadsheets.

Column names are stable identifiers (a spreadsheet's formulas refer to them);
the cells are words in the report's language, never the journal's codes.
"""

from __future__ import annotations

import csv
import io

from rhythm_console.i18n import lang_for_locale
from rhythm_console.report import tables
from rhythm_console.report.drill import DrillSection, drill_section
from rhythm_console.report.text import ReportText
from rhythm_console.review import Review
from rhythm_console.spreadsheet.inert import csv_row
from rhythm_console.textsafe import printable

COLUMNS = ["segment_id", "title", "kind", "owner", "status", "inserted", "planned_s", "budget_s", "actual_s", "held_s",
           "verdict", "delta_s", "online_avg", "online_peak", "interaction_rate_avg", "comments", "new_followers",
           "product_clicks", "ctr", "orders", "gmv", "product", "started_at", "ended_at", "platform_online_avg",
           "platform_gmv"]


def _round(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{round(value, digits):g}"


def render_csv(review: Review, lang: str | None = None) -> str:
    """`lang` defaults to the plan's own language."""
    t = ReportText(lang or lang_for_locale(review.plan.show.locale.value))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    platform = review.platform.segments if review.platform is not None else {}  # the per-minute export's
    for s in review.segments:
        figures = s.figures
        writer.writerow(csv_row([
            printable(s.id), printable(s.title), t.word("kind", s.kind.value), printable(t.owner(s)), t.status(s),
            int(s.inserted), _round(s.planned), _round(s.budget), _round(s.actual), _round(s.held),
            t(f"verdict_kind.{s.verdict.kind.value}") if s.verdict else "",
            _round(s.verdict.delta) if s.verdict else "", _round(figures.online_average), _round(figures.online_peak),
            _round(figures.interaction_average, 4), _round(figures.growth("comments")),
            _round(figures.growth("new_followers")), _round(figures.growth("product_clicks")) if s.product else "", _round(figures.ctr, 4) if s.product else "",
            _round(figures.growth("orders")), _round(figures.growth("gmv"), 2),
            printable(s.product.name) if s.product else "",
            t.time_of(review, s.started_at) if s.started_at is not None else "",
            t.time_of(review, s.ended_at) if s.ended_at is not None else "",
            _round(theirs.online_average) if (theirs := platform.get(s.id)) else "",
            _round(theirs.gmv, 2) if theirs else "",
        ]))
    if review.requests:
        _requests(writer, review, t)
    if review.drill is not None:
        _drill(writer, drill_section(review.drill, t.lang))
    return out.getvalue()


def _requests(writer: csv.writer, review: Review, t: ReportText) -> None:
    """The panes' requests and the answers, after a blank row: a title, the header, one row each."""
    table = tables.requests(review, t)
    writer.writerow([])
    writer.writerow(csv_row([t("requests")]))
    writer.writerow(csv_row(table.header))
    for row in table.rows:
        writer.writerow(csv_row([printable(cell) for cell in row]))


def _drill(writer: csv.writer, section: DrillSection) -> None:
    """The debrief against the original, after a blank row: one block per table, each under its title."""
    writer.writerow([])
    writer.writerow(csv_row([section.title]))
    for index, line in enumerate(section.largest, start=1):
        writer.writerow(csv_row([section.largest_title, index, printable(line)]))
    for heading, table in section.tables:
        writer.writerow([])
        writer.writerow(csv_row([heading, *table.header]))
        for row in table.rows:
            writer.writerow(csv_row(["", *(printable(cell) for cell in row)]))
