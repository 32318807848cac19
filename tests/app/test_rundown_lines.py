"""The rundown drawn line by line: cell for cell and style for style what its rich Table draws."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from rhythm_console.ui.widgets.rundown import RundownLines

HEADERS = ("", "环节", "计划", "实际", "判定")


def _cells(renderable, width: int) -> list[list[tuple[str, object]]]:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    return [[(character, segment.style or None) for segment in line for character in segment.text]
            for line in console.render_lines(renderable, console.options, pad=True)]


def _rows() -> list[tuple[str, Text, str, str, Text, str]]:
    return [
        ("✓", Text("开场暖场 · 福利预告"), "5:00", "5:12", Text("超 0:12", style="bold red"), "dim"),
        ("⤼", Text("+", style="magenta") + Text("福袋① 整点福袋"), "3:00", "", Text("跳过"), "dim strike"),
        ("▶", Text("主推① 双面羊毛大衣 a long title that will not fit"), "12:00", "1:02:03", Text(""), "bold reverse"),
        (" ", Text("short"), "0:30", "", Text(""), ""),
        ("✓", Text("收尾"), "1:00:00", "59:59", Text("准时 on time", style="green"), "bold white on red"),
    ]


@pytest.mark.parametrize("width", [4, 12, 20, 26, 33, 34, 41, 52, 80, 119])
def test_the_rundown_draws_what_its_table_draws(width):
    lines = RundownLines(HEADERS, _rows())
    assert _cells(lines, width) == _cells(lines.table(), width)


def test_a_wide_rundown_is_drawn_by_lines_and_a_narrow_one_by_the_table():
    lines = RundownLines(HEADERS, _rows())
    assert lines._widths(52) is not None and sum(lines._widths(52)) == 52
    assert lines._widths(20) is None  # the fixed columns alone are wider: the table squeezes them


def test_drawing_leaves_the_rows_as_they_were():
    rows = _rows()
    lines = RundownLines(HEADERS, rows)
    _cells(lines, 52)
    assert [row[1].plain for row in rows] == [row[1].plain for row in _rows()]
    assert _cells(lines, 52) == _cells(lines.table(), 52)
