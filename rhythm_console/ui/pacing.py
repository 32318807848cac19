"""A screen's frames paced from the last frame, not on a fixed grid.

Textual paints a screen from its update timer: the screen pauses it after each frame and resumes it when
something is dirty. That timer ticks on a fixed 60 Hz grid, and a tick woken from its pause sets the next
one two slots on: a change that lands just after a frame then waits up to two frame intervals (33 ms)
instead of one. `FramePacer` takes the timer's place (`PacedScreen`): a frame as soon as the screen asks
when the last one is a frame interval old, else one frame interval after the last, so never more than
60 a second, as before. What the user waits for (the host pane's cue) may `hurry` the next frame: painted
as soon as it is ready, unless the last frame is less than half an interval old (so a burst of cues paints
at most 120 frames a second).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

from textual.app import active_app
from textual.screen import UPDATE_PERIOD, Screen
from textual.timer import Timer

from rhythm_console.ui.base import LocalizedScreen


class FramePacer(Timer):
    """Resumed: calls `paint` now, or one interval after its last call if that is sooner than an interval ago.
    Paused: calls nothing until resumed."""

    def __init__(self, screen: Screen, paint: Callable[[], None], interval: float = UPDATE_PERIOD,
                 loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(screen, interval, name="frame_pacer", callback=paint, pause=True)
        self._paint = paint
        self._screen = weakref.ref(screen)
        self._loop = loop or asyncio.get_running_loop()
        self._pending: asyncio.Handle | None = None
        self._pending_at = 0.0  # when the pending frame is due
        self._last = float("-inf")
        self._hurried = False  # the next frame is painted as soon as it is asked for

    def hurry(self) -> None:
        """The next frame the screen asks for is painted as soon as the last is half an interval old."""
        self._hurried = True

    def resume(self) -> None:
        now = self._loop.time()
        due = max(now, self._last + (self._interval / 2 if self._hurried else self._interval))
        if self._pending is not None:
            if self._pending_at <= due:
                return  # a frame is on its way, no later than this one would be
            self._pending.cancel()
        self._hurried = False
        self._pending_at = due
        if due <= now:
            self._pending = self._loop.call_soon(self._tick_now)
        else:
            self._pending = self._loop.call_at(due, self._tick_now)

    def pause(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def stop(self) -> None:
        self.pause()

    def reset(self) -> None:
        self._last = float("-inf")

    def _tick_now(self, regardless: bool = False) -> None:
        self._pending = None
        screen = self._screen()
        app = active_app.get(None)
        if screen is None or not screen.is_running or app is None or app._exit:
            return  # the screen or the app is going: as Textual's timer, nothing more is painted
        if screen.message_queue_size and not regardless:
            # A widget's update is queued for the screen: the frame waits until the screen has taken it in
            # (its idle asks again, and is painted at once), not to show half a change; an interval at most,
            # under a flood of them.
            self._hurried = True
            self._pending_at = self._loop.time() + self._interval
            self._pending = self._loop.call_at(self._pending_at, self._tick_now, True)
            return
        self._last = self._loop.time()
        try:
            self._paint()
        except Exception as error:  # as Textual's timer: the app shows it and stops
            app._handle_exception(error)


class PacedScreen(LocalizedScreen):
    """A screen whose frames `FramePacer` paces (it stands in for the update timer Textual's screen asks for)."""

    _pacer: FramePacer | None = None

    @property
    def _update_timer(self) -> Timer:
        return self.pacer

    @property
    def pacer(self) -> FramePacer:
        if self._pacer is None:
            self._pacer = FramePacer(self, self._on_timer_update)
        return self._pacer
