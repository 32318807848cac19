"""The host pane's queue line: how many cues wait unacknowledged, and the ones behind the cue shown big.

The line is one row, cut with an ellipsis, so it holds only the cues that fit its width: a long unread
queue would otherwise be converted, measured and wrapped whole on every cue.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import CueFrame
from rhythm_console.ui.format import LEVEL_STYLE


class QueueLine(Static):
    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts = texts
        self._queue: list[CueFrame] = []

    def show(self, queue: list[CueFrame]) -> None:
        """The unacknowledged cues, newest (the one shown big) first; a cue alone needs no line."""
        self._queue = queue
        self._draw()

    def on_resize(self) -> None:
        if len(self._queue) > 1:
            self._draw()  # wider: more of the queue fits

    def _draw(self) -> None:
        queue = self._queue
        shown_before = bool(self.visual)
        if len(queue) < 2:
            self.update("", layout=shown_before)
            return
        width = self.size.width or self.app.size.width  # not laid out yet: it is never wider than the screen
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {self.texts('host.unread', n=len(queue))} ", style="bold black on yellow")
        for cue in queue[1:]:
            if line.cell_len > width:
                break  # past the ellipsis: never seen
            line.append(f"  #{cue.seq} ", style="dim")
            line.append(cue.text, style=LEVEL_STYLE[cue.level.value])
        self.update(line, layout=not shown_before)  # one row either way: the screen is laid out only when it appears
