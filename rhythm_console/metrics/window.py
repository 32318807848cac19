"""Windows over a time-ordered series: found by time, not by looking at every point kept.

The room's per-minute figures ask for the last minute of buckets kept for fifteen minutes, many
times a second (the metric history searches its own plain lists of times the same way). Points are kept
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
