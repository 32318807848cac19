"""Where time comes from.

Everything that needs "now" asks a Clock. Timing is always computed from
timestamps taken from it, never by counting ticks, so a timer cannot drift.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never jumps backwards."""

    def wall(self) -> datetime:
        """The current date-time, timezone-aware."""


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now().astimezone()


class ManualClock:
    """A clock that moves only when told to: the clock of every test."""

    def __init__(
        self,
        start_wall: datetime | None = None,
        start_monotonic: float = 1000.0,
    ) -> None:
        self._start_wall = start_wall or datetime(2026, 11, 28, 20, 0, tzinfo=timezone(timedelta(hours=8)))
        self._start_monotonic = start_monotonic
        self._now = start_monotonic

    def monotonic(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._start_wall + timedelta(seconds=self._now - self._start_monotonic)

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a manual clock cannot go backwards")
        self._now += seconds


class ScaledClock:
    """Another clock run `rate` times as fast from the moment it is made: a drill at --speed 2."""

    def __init__(self, base: Clock, rate: float) -> None:
        self._base = base
        self.rate = rate
        self._start_monotonic = base.monotonic()
        self._start_wall = base.wall()

    def _elapsed(self) -> float:
        return (self._base.monotonic() - self._start_monotonic) * self.rate

    def monotonic(self) -> float:
        return self._start_monotonic + self._elapsed()

    def wall(self) -> datetime:
        return self._start_wall + timedelta(seconds=self._elapsed())
