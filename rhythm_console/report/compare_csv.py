"""The comparison as CSV: one row per show, one column per figure (raw numbers, for spreadsheets)."""

from __future__ import annotations

import csv
import io

from rhythm_console.review.compare import FIGURES, Comparison
from rhythm_console.spreadsheet.inert import csv_row
from rhythm_console.textsafe import printable


def render_compare_csv(comparison: Comparison) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["started", "kind", "title", *(f.name for f in FIGURES)])
    for show in comparison.shows:
        writer.writerow(csv_row([show.started_wall, show.kind, printable(show.title),
                                 *("" if (v := f.value(show)) is None else f"{round(v, 4):g}" for f in FIGURES)]))
    return out.getvalue()
