"""The host pane's earlier cues, one line each, newest first, with what became of each.

A region of fixed size that scrolls (Textual's line API) rather than a growing text in a scrolling container:
a new cue then repaints the rows in sight, and the screen is not laid out again while the list grows (a
container's child that grows lays the whole screen out, twice). Each cue's line is converted and wrapped
once and kept until its marks or the width change, so a new cue costs one new line, not forty.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Visual
from textual.widget import Widget

from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import CueFrame
from rhythm_console.ui.format import LEVEL_STYLE

_EMPTY = Content("")
_NOTHING = Strip([], 0)


class _Line(NamedTuple):
    cue: CueFrame
    marks: tuple[bool, bool]  # acknowledged, from the segment before
    content: Content
    wrapped: dict[int, list[Strip]]  # its rows at a width, kept while the line stays


class CueHistory(ScrollView):
    """Scrolls with the keys and the mouse as the scrolling container it replaces did (it has the focus)."""

    ALLOW_MAXIMIZE = False
    DEFAULT_CSS = """
    CueHistory {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self._lines: dict[int, _Line] = {}
        self._shown: list[_Line] = []
        self._theme: object = None
        self._rows: list[tuple[Strip, int]] = []  # each row on screen and the text line it belongs to
        self._selected_rows: list[Strip] | None = None  # drawn whole while some of it is selected
        self._empty_line: dict[int, list[Strip]] = {}
        self._width = 0  # the rows' width
        self._style: VisualStyle | None = None  # and their colours

    def show(self, cues: list[CueFrame], acked: set[int], from_earlier_segment: Callable[[CueFrame], bool]) -> None:
        """The cues listed, newest first: acknowledged ✓, still in the queue marked unread, from the
        segment before marked so."""
        theme = self.app.ansi_theme
        if theme is not self._theme:  # the colours are resolved when a line is converted
            self._theme, self._lines = theme, {}
        lines: dict[int, _Line] = {}
        for cue in cues:
            marks = (cue.seq in acked, from_earlier_segment(cue))
            kept = self._lines.get(cue.seq)
            if kept is None or kept.cue is not cue or kept.marks != marks:  # another show reuses the numbers
                text = Content.from_rich_text(self._line(cue, *marks), console=self.app.console)
                kept = _Line(cue, marks, text, {})
            lines[cue.seq] = kept
        self._lines = lines
        shown = list(lines.values())
        if len(shown) == len(self._shown) and all(map(operator.is_, shown, self._shown)):
            return  # the same lines kept (compared as objects: their texts need not be compared)
        self._shown = shown
        self._lay_out()

    @property
    def content(self) -> Content:
        """The whole list as one text, as a Static showing it would hold (its last line break ends it)."""
        return Content("\n").join([*(line.content for line in self._shown), ""])

    def _line(self, cue: CueFrame, acked: bool, earlier_segment: bool) -> Text:
        text = Text()
        text.append(f"#{cue.seq} {cue.sent_wall[11:19]} ", style="dim")
        text.append(cue.text, style=LEVEL_STYLE[cue.level.value])
        if acked:
            text.append(" ✓", style="green")
        elif not earlier_segment:
            text.append(f" · {self.texts('cue.unread')}", style="bold yellow")  # waiting in the queue
        if earlier_segment:
            text.append(f" · {self.texts('host.previous_segment')}", style="dim italic")
        return text

    # ------------------------------------------------------------ rows

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Wrap the lines to the width left beside the scrollbar (when they overflow, as a scrolling container
        lays its child out), and tell the scrollbar the new height without laying out the screen."""
        self._selected_rows = None
        width, height = self.size
        if not width:
            return  # not laid out yet: its first resize comes here
        scrollbar = self.styles.scrollbar_size_vertical
        narrow = self.show_vertical_scrollbar and scrollbar
        rows = self._wrap(width - scrollbar if narrow else width)
        if narrow and len(rows) <= height:
            rows = self._wrap(width)  # fits again without the scrollbar
        elif not narrow and len(rows) > height and scrollbar:
            rows = self._wrap(width - scrollbar)
        self._rows = rows
        virtual_size = Size(width, len(rows))
        if virtual_size != self.virtual_size:
            # The assignment would lay out the whole screen; this widget's size stays, only its scrollbar
            # changes, and when the scrollbar appears or goes its own reactive asks for that layout.
            self.set_reactive(Widget.virtual_size, virtual_size)
            self._scroll_update(virtual_size)
        self.refresh()

    def _wrap(self, width: int) -> list[tuple[Strip, int]]:
        style = self.visual_style
        if style is not self._style:  # restyled (another theme): the rows kept have the old colours
            self._style = style
            self._empty_line.clear()
            for line in self._shown:
                line.wrapped.clear()
        self._width = width
        rows: list[tuple[Strip, int]] = []
        first = 0  # the line of the whole text each cue's text starts on
        for line in self._shown:
            rows.extend((strip, first) for strip in self._strips(line.content, line.wrapped, width, style))
            first += line.content.plain.count("\n") + 1
        # The text ended with a line break: its empty last line, drawn as the Static drew it.
        rows.extend((strip, first) for strip in self._strips(_EMPTY, self._empty_line, width, style))
        return rows

    def _strips(self, content: Content, kept: dict[int, list[Strip]], width: int, style: VisualStyle) -> list[Strip]:
        strips = kept.get(width)
        if strips is None:
            if len(kept) > 1:
                kept.clear()  # kept at two widths: beside the scrollbar and without it
            strips = kept[width] = Visual.to_strips(self, content, width, None, style,
                                                    apply_selection=False)
        return strips

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        if self.visual_style is not self._style and self._width:
            self._rows = self._wrap(self._width)
        if self.text_selection is not None:
            if self._selected_rows is None:
                self._selected_rows = Visual.to_strips(self, self.content, self._width, None, self.visual_style)
            if index < len(self._selected_rows):
                return self._selected_rows[index]
        elif index < len(self._rows):
            strip, first = self._rows[index]
            return _on_line(strip, first)
        return _NOTHING  # below the list: the background, as a container draws its empty rows

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.content.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._selected_rows = None
        self.refresh()


def _on_line(strip: Strip, first: int) -> Strip:
    """A cue's row with the text positions its cells carry (for selecting with the mouse) counted from
    the top of the whole list, not of the cue's own text."""
    if not first:
        return strip
    segments = []
    for text, style, control in strip:
        if style is not None and style._meta and (offset := style.meta.get("offset")) is not None:
            style = style + RichStyle.from_meta({"offset": (offset[0], offset[1] + first)})
        segments.append(Segment(text, style, control))
    return Strip(segments, strip.cell_length)
