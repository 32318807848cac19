"""Windows over a time-ordered series: found by time, not by looking at every point kept.

The advisor (through MetricHistory) and the room's per-minute figures ask for the last few
seconds of a history kept for fifteen minutes; each asks many times a second. Points are kept
in time order, so a window's first point is a binary search away and only the window's own
points are read: the cost of a figure follows its window, not the history.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TypeVar

Point = TypeVar("Point")


def after(series: Sequence[Point], start: float, time_of: Callable[[Point], float]) -> int:
    """The index of the first point later than `start` in a series kept in time order."""
    return bisect_right(series, start, key=time_of)
