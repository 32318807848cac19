"""The simulated room as a source: the room model driven by what the show is doing.

The room sees the running segment (its kind, time, price and stock) and the
texts of the cues sent to the host, which it hears as the session announces
them. It starts from the show's last figures, so a resumed show's room
carries on rather than counting its viewers from zero again.
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from rhythm_console.events import CueSent, Event
from rhythm_console.i18n import lang_for_locale
from rhythm_console.listeners import Listeners
from rhythm_console.metrics.room import RoomSink
from rhythm_console.plan import Segment
from rhythm_console.show import ShowState, ShowStatus, segment_elapsed
from rhythm_console.sources.merge import EVERY_FIGURE
from rhythm_console.sources.simulated_room import RoomContext, RoomSimulator
from rhythm_console.stock import product_key

_LIVE = ShowStatus.live  # read every second: a member read off its enum's class goes through the metaclass


class WatchedShow(Protocol):
    """What the simulated room watches of a live session."""

    state: ShowState
    listeners: Listeners

    def now(self) -> float: ...


class SimulatedSource:
    """The simulated room, one simulated second each `step` seconds of real time (`feed` steps it by hand)."""

    provides_commerce = True
    gives = EVERY_FIGURE

    def __init__(self, show: WatchedShow, seed: int = 1, scale: float = 1.0, step: float = 1.0) -> None:
        self.name = f"simulate:seed={seed},scale={scale:g}"
        self.malformed = 0
        self._show = show
        self._simulator = RoomSimulator(seed=seed, scale=scale, start=show.state.metrics,
                                        lang=lang_for_locale(show.state.plan.show.locale))
        self._step = step
        self._new_cues: list[str] = []
        self._segment: Segment | None = None
        self._seen: tuple[str, float | None, int | None, str | None, str | None] = ("", None, None, None, None)
        show.listeners.subscribe(self._heard)

    def _heard(self, event: Event, state: ShowState) -> None:
        if isinstance(event, CueSent):
            self._new_cues.append(event.text)

    def context(self, now: float) -> RoomContext:
        """What the room sees at `now`; consumes the cues heard since the last call."""
        state = self._show.state
        cues, self._new_cues = tuple(self._new_cues), []
        running = state.running
        live = state.status is _LIVE
        if running is None or not live:
            return RoomContext(live=live, new_cues=cues)
        segment = running.segment
        if segment is not self._segment:  # what the room sees of a segment, read once while it runs
            product, interaction = segment.product, segment.interaction
            self._segment = segment
            self._seen = (segment.kind.value, product.price if product else None, product.stock if product else None,
                          product_key(product) if product else None, interaction.prompt if interaction else None)
        kind, price, stock, product_named, prompt = self._seen
        return RoomContext(True, kind, segment_elapsed(state, running, now), running.id, price, product_named, stock,
                           prompt, cues)

    def feed(self, room: RoomSink) -> int:
        """Write one simulated second of the room into `room`; how many items it made (words not counted)."""
        now = self._show.now()
        return self._simulator.step_into(now, self.context(now), room)

    async def run(self, sink: RoomSink) -> None:
        while True:
            self.feed(sink)
            await asyncio.sleep(self._step)
