"""Waiting for what another task brings about (a frame, a feed line): never for time itself."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(predicate: Callable[[], object], limit: int = 1500) -> None:
    """Return as soon as `predicate()` holds; fail after `limit` short yields to the event loop.

    The bound is generous (15 s or more) so a loaded machine waits longer instead of failing;
    a condition that holds returns at once, so passing tests never pay for it."""
    for _ in range(limit):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never met")
