"""Every segment: planned and actual time, status, verdict; the running one highlighted."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from rhythm_console.durations import format_clock
from rhythm_console.show import RunStatus, is_overrunning, segment_elapsed, verdict
from rhythm_console.ui.format import STATUS_MARK, Clipped, clip, verdict_text
from rhythm_console.ui.view import ShowsView, View

# The rundown's columns beside the segment's title, as the table sets them: their least width, and whether right-justified.
FIXED_COLUMNS = ((5, True), (5, True), (4, False))  # planned, actual, verdict
HEADER_STYLE = "table.header"


class RundownLines:
    """The rundown as a table with no box: a header and one uncut line per segment.

    Drawn line by line with the widths and styles a `rich.table.Table` of these columns gives (`table`),
    at a fraction of its cost: the table measures and renders each of its ~100 cells through padding and
    line splitting, twenty milliseconds a frame on a slow machine, on every key and every second. Where
    the columns do not all fit (a width the layout's least does not allow), the table itself draws it.
    """

    def __init__(self, headers: tuple[str, str, str, str, str],
                 rows: list[tuple[str, Text, str, str, Text, str]]) -> None:
        self.headers = headers
        self.rows = rows

    def table(self) -> Table:
        headers = self.headers
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
        table.add_column(headers[0], width=1, no_wrap=True)
        table.add_column(headers[1], ratio=1, no_wrap=True, overflow="ellipsis")
        for header, (least, _right) in zip(headers[2:], FIXED_COLUMNS, strict=True):
            table.add_column(header, justify="right" if _right else "left", no_wrap=True, min_width=least)
        for mark, title, planned, actual, status, style in self.rows:
            table.add_row(mark, Clipped(title), planned, actual, status, style=style)
        return table

    def _widths(self, width: int) -> list[int] | None:
        """Each column's cells, padding included (one cell on the right, none after the last); None where the
        table would have to squeeze a column."""
        fixed = []
        for column, (least, _right) in enumerate(FIXED_COLUMNS, start=2):
            pad = 0 if column == 4 else 1
            cells = [cell_len(self.headers[column])]
            for row in self.rows:
                cells.append(cell_len(row[column]) if column < 4 else row[4].cell_len)  # type: ignore[arg-type]
            fixed.append(max(least, *cells) + pad)
        title = width - 2 - sum(fixed)
        if title < 2:
            return None
        return [2, title, *fixed]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths is None or options.max_width < 1:
            yield self.table()
            return
        get_style = console.get_style
        header = Text(end="")
        header_style = get_style(HEADER_STYLE)
        for column, words in enumerate(self.headers):
            header.append_text(_cell(Text(words), widths[column], column, header_style))
        lines: list[tuple[Text, Style | None]] = [(header, None)]
        for mark, title, planned, actual, status, style in self.rows:
            row_style = get_style(style) if style else None
            line = Text(end="")
            cells = (Text(mark), clip(title, widths[1] - 1).copy(), Text(planned), Text(actual), status.copy())
            for column, cell in enumerate(cells):
                line.append_text(_cell(cell, widths[column], column))
            lines.append((line, row_style))
        new_line = Segment.line()
        for line, row_style in lines:  # each exactly as wide as the table: nothing to wrap, justify or cut
            # the row's style under each cell's, as the table applies it
            yield from Segment.apply_style(line.render(console), row_style) if row_style else line.render(console)
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table())


def _cell(text: Text, width: int, column: int, style: Style | None = None) -> Text:
    """One cell as the table lays it: cut or padded to its column's width less its padding (as
    rich's Lines.justify does it), then the padding, the whole cell in the cell's style."""
    last = column == len(FIXED_COLUMNS) + 1
    inner = width if last else width - 1
    right = column >= 2 and FIXED_COLUMNS[column - 2][1]
    text.rstrip_end(inner)
    if right:
        text.rstrip()
        text.truncate(inner, overflow="ellipsis")
        text.pad_left(inner - text.cell_len)
    else:
        text.truncate(inner, overflow="ellipsis", pad=True)
    cell = Text(end="", style=style or "")
    cell.append_text(text)
    if not last:
        cell.append(" ")
    return cell


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
        headers = (t("rundown.col.segment"), t("rundown.col.planned"), t("rundown.col.actual"), t("rundown.col.verdict"))
        rows = []
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
            rows.append((STATUS_MARK[run.status], title, planned, actual, status, style))
        # The table's height is its rows': with as many rows as before, no layout of the screen is needed.
        widget = self.query_one("#rundown-table", RundownTable)
        widget.rows = len(state.runs)
        widget.update(RundownLines(("", *headers), rows), layout=len(state.runs) != self._rows_drawn)
        self._rows_drawn = len(state.runs)
        # Keep the running segment in view, with a little context above it.
        self.scroll_to(y=max(0, current_row + 1 - 3), animate=False)
