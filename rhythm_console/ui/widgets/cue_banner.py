"""The host pane's cue, drawn to read across a desk: a terminal has one size of letter, so the cue's line
is widened instead (a space between its Chinese characters when that still fits one line) and set bold on a
full-width block of the level's colour (the stylesheet's), a few rows high."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text


def spaced(text: str) -> str:
    """`上链接！` as `上 链 接 ！`: a space beside each double-width character (Latin words stay whole:
    spaced-out letters read slower, not larger)."""
    out: list[str] = []
    for char in text:
        if out and not char.isspace() and not out[-1].isspace() and max(cell_len(char), cell_len(out[-1])) == 2:
            out.append(" ")
        out.append(char)
    return "".join(out)


class Banner:
    """A cue's text, spaced out when it fits the width on one line, else as written (wrapped, centred)."""

    def __init__(self, text: str, style: str = "bold") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = spaced(self.text)
        shown = wide if cell_len(wide) <= options.max_width else self.text
        yield Text(shown, style=self.style, justify="center")

    def __str__(self) -> str:
        return self.text
