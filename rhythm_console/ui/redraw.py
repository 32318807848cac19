"""A Static updated only as much as its change needs.

`Static.update` lays the whole screen out again by default (any widget's size might have changed),
and under a busy room that full layout is most of a key's way to the screen. So: nothing is done
when the widget already shows the same content, and the layout is asked for only when the widget's
size can follow its content.
"""

from __future__ import annotations

from enum import Enum

from rich.text import Text
from textual.visual import VisualType
from textual.widgets import Static

from rhythm_console.ui.format import Clipped


class Sized(Enum):
    by_stylesheet = "stylesheet"  # width and height set by the .tcss: no content changes them
    by_text_width = "width"  # one line of `width: auto`: its size changes with its length in cells
    by_content = "content"  # `height: auto` and the like: any change may resize it


def show(widget: Static, content: VisualType, sized: Sized = Sized.by_content) -> None:
    before = widget.content
    if _same(before, content):
        return
    if sized is Sized.by_stylesheet:
        layout = False
    elif sized is Sized.by_text_width:
        width = _one_line_width(before)
        layout = width is None or width != _one_line_width(content)
    else:
        layout = True
    widget.update(content, layout=layout)


def _same(before: VisualType, after: VisualType) -> bool:
    if type(before) is Clipped and type(after) is Clipped:  # a line cut where it is drawn: the same text
        return _same(before.text, after.text)
    if type(before) is str and type(after) is str:
        return before == after
    if type(before) is Text and type(after) is Text:
        # Text's own == compares the characters and spans only, not its style or how it is cut.
        return (before.plain == after.plain and before.spans == after.spans and before.style == after.style
                and before.justify == after.justify and before.overflow == after.overflow
                and before.no_wrap == after.no_wrap and before.end == after.end)
    return False  # another renderable: drawn again


def _one_line_width(content: VisualType) -> int | None:
    """Cells of a one-line Text; None for anything else (markup, lines, renderables): taken as a new size."""
    if type(content) is Text and "\n" not in content.plain:
        return content.cell_len
    return None
