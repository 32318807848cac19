"""Who hears of each event a show applies: one type, one way to subscribe and unsubscribe.

The live session and a replay cursor announce every event after folding it; the UI, the cue link,
the bus and the simulated room listen. A listener must not raise and must not submit events
itself (it runs in the middle of a submit): it notes what it needs and acts afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from rhythm_console.events import Event
from rhythm_console.show import ShowState

Listener = Callable[[Event, ShowState], None]


class Listeners:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Safe to call twice, or for a listener never subscribed (a shutdown that ran halfway)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def announce(self, event: Event, state: ShowState) -> None:
        for listener in list(self._listeners):  # a listener may unsubscribe while it is told
            listener(event, state)

    def __len__(self) -> int:
        return len(self._listeners)
