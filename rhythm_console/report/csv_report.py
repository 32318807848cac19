"""The review's segments as CSV, one row each, for spreadsheets."""

from __future__ import annotations

import csv
import io

from rhythm_console.review import Review
from rhythm_console.textsafe import printable

COLUMNS = ["segment_id", "title", "kind", "status", "inserted", "planned_s", "budget_s", "actual_s", "held_s",
           "verdict", "delta_s", "online_avg", "online_peak", "interaction_rate_avg", "comments", "new_followers",
           "product_clicks", "ctr", "orders", "gmv"]


def _round(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{round(value, digits):g}"


def render_csv(review: Review) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in review.segments:
        figures = s.figures
        writer.writerow([
            printable(s.id), printable(s.title), s.kind.value, s.status.value, int(s.inserted), _round(s.planned), _round(s.budget),
            _round(s.actual), _round(s.held), s.verdict.kind.value if s.verdict else "",
            _round(s.verdict.delta) if s.verdict else "", _round(figures.online_average), _round(figures.online_peak),
            _round(figures.interaction_average, 4), _round(figures.growth("comments")),
            _round(figures.growth("new_followers")), _round(figures.growth("product_clicks")), _round(figures.ctr, 4),
            _round(figures.growth("orders")), _round(figures.growth("gmv"), 2),
        ])
    return out.getvalue()
