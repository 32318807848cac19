"""Every segment: planned and actual time, status, verdict; the running one highlighted."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from rhythm_console.durations import format_clock
from rhythm_console.show import RunStatus, is_overrunning, segment_elapsed, verdict
from rhythm_console.ui.format import STATUS_MARK, Clipped, verdict_text
from rhythm_console.ui.view import ShowsView, View


class RundownTable(Static):
    """The rundown's table: a header and one uncut line per segment (every column is no_wrap), so its
    height is known without drawing it, and the first frame draws the table once, not twice."""

    rows: int | None = None  # segments in the table drawn; None: no table yet

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.rows is None or not width:
            return super().get_content_height(container, viewport, width)
        return self.rows + 1


class Rundown(ShowsView, VerticalScroll):
    can_focus = False
    _rows_drawn = -1

    def compose(self):
        yield RundownTable(id="rundown-table")

    def update_view(self, view: View) -> None:
        state, t = view.state, view.texts
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
        table.add_column("", width=1, no_wrap=True)
        table.add_column(t("rundown.col.segment"), ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(t("rundown.col.planned"), justify="right", no_wrap=True, min_width=5)
        table.add_column(t("rundown.col.actual"), justify="right", no_wrap=True, min_width=5)
        table.add_column(t("rundown.col.verdict"), no_wrap=True, min_width=4)
        current_row = 0
        for index, run in enumerate(state.runs):
            style = ""
            if run.status is RunStatus.running:
                current_row = index
                style = "bold reverse" if not is_overrunning(state, run, view.now) else "bold white on red"
            elif run.status is RunStatus.skipped:
                style = "dim strike"
            elif run.status is RunStatus.done:
                style = "dim"
            title = Text(run.segment.title)
            if run.inserted:
                title = Text("+", style="magenta") + title
            planned = format_clock(run.budget)
            actual = format_clock(segment_elapsed(state, run, view.now)) if run.started_at is not None else ""
            if run.status is RunStatus.done:
                status = verdict_text(t, verdict(state, run), compact=self.size.width < 42)
            elif run.status is RunStatus.skipped:
                status = Text(t("status.skipped"))
            else:  # pending and running are told by the mark and the highlight
                status = Text("")
            table.add_row(STATUS_MARK[run.status], Clipped(title), planned, actual, status, style=style)
        # The table's height is its rows': with as many rows as before, no layout of the screen is needed.
        widget = self.query_one("#rundown-table", RundownTable)
        widget.rows = len(state.runs)
        widget.update(table, layout=len(state.runs) != self._rows_drawn)
        self._rows_drawn = len(state.runs)
        # Keep the running segment in view, with a little context above it.
        self.scroll_to(y=max(0, current_row + 1 - 3), animate=False)
