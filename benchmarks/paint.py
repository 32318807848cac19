"""Timing when a headless Textual app actually writes a frame."""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_left

from textual.app import App


def record_paints(app: App) -> list[float]:
    """perf_counter() of every frame the app writes from now on (the list fills as it paints)."""
    painted: list[float] = []
    display = app._display

    def counting_display(screen, renderable):
        display(screen, renderable)
        painted.append(time.perf_counter())

    app._display = counting_display
    return painted


async def first_paint_after(painted: list[float], changed_at: float, limit: float = 5.0) -> float:
    """The first frame written at or after a change (its perf_counter() taken where it happened).

    Timed from the change itself, not from when the benchmark noticed it: the app may well have
    painted in between, and waiting for a frame after the noticing then waits for an unrelated
    later one, or for ever when nothing else paints."""
    deadline = time.perf_counter() + limit
    while (index := bisect_left(painted, changed_at)) == len(painted):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no frame written within {limit:.0f} s of the change")
        await asyncio.sleep(0.0005)
    return painted[index]


async def until(predicate, what: str, limit: float = 5.0, poll: float = 0.0005) -> None:
    """Poll until predicate() holds; a benchmark that would wait for ever says what it waited for instead."""
    deadline = time.perf_counter() + limit
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"waited {limit:.0f} s for {what}")
        await asyncio.sleep(poll)
