"""The host pane's earlier cues, one line each, newest first, with what became of each.

The list is redrawn on every cue, so each line is converted for the screen once and kept until its
marks change: a new cue then costs one new line, not forty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import CueFrame
from rhythm_console.ui.format import LEVEL_STYLE

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class CueHistory(Static):
    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self._lines: dict[int, tuple[CueFrame, tuple[bool, bool], Content]] = {}
        self._theme: object = None

    def show(self, cues: list[CueFrame], acked: set[int], from_earlier_segment: Callable[[CueFrame], bool]) -> None:
        """The cues listed, newest first: acknowledged ✓, still in the queue marked unread, from the
        segment before marked so."""
        theme = self.app.ansi_theme
        if theme is not self._theme:  # the colours are resolved when a line is converted
            self._theme, self._lines = theme, {}
        lines: dict[int, tuple[CueFrame, tuple[bool, bool], Content]] = {}
        for cue in cues:
            marks = (cue.seq in acked, from_earlier_segment(cue))
            kept = self._lines.get(cue.seq)
            if kept is None or kept[0] is not cue or kept[1] != marks:  # another show reuses the numbers
                kept = (cue, marks, Content.from_rich_text(self._line(cue, *marks), console=self.app.console))
            lines[cue.seq] = kept
        self._lines = lines
        shown = [line for _, _, line in lines.values()]
        # It keeps forty: most cues leave it as tall as it was, and then only it repaints (no layout of the
        # screen). Each kept line remembers its height; the text ends with a line break, hence one more row.
        width = self.size.width
        rules = cast("RulesMap", self.styles)  # as Textual's Widget measures: its styles are the rules
        height = sum(line.get_height(rules, width) for line in shown) + 1 if width else None
        self.update(Content("\n").join([*shown, ""]), layout=height != self.size.height)

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
