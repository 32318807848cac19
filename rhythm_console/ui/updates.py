"""How changes reach the apps: typed Messages from the session, the source and the bus (the floor's
`RoomHeard`), and the one
test for "a new second has come" that every screen repaints on.

A session announces each event to its listeners in the middle of a submit; the app's listener only
posts `ShowChanged`, and the app repaints when it handles it, between frames. Many events in a burst
(a source's second, an undo) are merged in the queue (`can_replace`, as toolong merges its log lines),
so a burst costs one repaint.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual.message import Message

from rhythm_console.show import ShowState

if TYPE_CHECKING:  # the floor's: a console's first frame does not build the summary's model
    from rhythm_console.summary import RoomSummary


class ShowChanged(Message):
    """The show's state is now `state`; a newer one replaces it in the queue."""

    def __init__(self, state: ShowState) -> None:
        super().__init__()
        self.state = state

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ShowChanged)


class SourceChanged(Message):
    """The source connected, dropped, retried or ended: the status line says so."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, SourceChanged)


class RoomHeard(Message):
    """What the floor heard of a room on the bus: its summary, or None when what was there is not one (its
    earlier numbers are then no longer the room's). A newer word of the same room replaces it in the queue."""

    def __init__(self, room: str, summary: RoomSummary | None, received: float) -> None:
        super().__init__()
        self.room = room
        self.summary = summary
        self.received = received

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RoomHeard) and message.room == self.room


class NewSecond:
    """Whether a new second has come since the last time it said so: of the clock on the wall, of
    the show (a replay at ×30 moves many show seconds a second), of a countdown. One test, so every
    screen repaints its clocks at the same moment and not on every timer tick."""

    def __init__(self) -> None:
        self._last: tuple[int | None, ...] | None = None

    def __call__(self, *moments: float | None) -> bool:
        seconds = tuple(None if moment is None else math.floor(moment) for moment in moments)
        if seconds == self._last:
            return False
        self._last = seconds
        return True

    def forget(self) -> None:
        """The next call says yes (what is shown changed another way: a seek, a new show)."""
        self._last = None
