"""Read a whole feed into room figures: what the console would see of it.

Kept free of Textual and pydantic imports so a big capture is read in moments.
"""

from __future__ import annotations

import asyncio
from typing import IO, Any

from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.metrics.room import COMMERCE, RoomMetrics
from rhythm_console.sources.feeds import Mapper, make_mapper, read_into
from rhythm_console.sources.websocket import PushedMapper, read_pushed

_FIGURES = ("online", "online_peak", "comments", "likes", "entries", "new_followers", "shares", "gifts",
            "product_clicks", "orders", "gmv")
_JSON_NAMES = {"new_followers": "follows"}


def probe(kind: str, handle: IO[bytes], follow: bool = False) -> tuple[Mapper, RoomMetrics, bool]:
    """Read to the end (or Ctrl-C); returns the mapper's counts, the figures, and whether it was interrupted."""
    room = RoomMetrics(provides_commerce=kind == "jsonl", audience=AudienceTracker(keep_text=False))
    mapper = make_mapper(kind, room)
    try:
        read_into(mapper, handle, follow=follow)
    except KeyboardInterrupt:
        return mapper, room, True
    return mapper, room, False


def probe_pushed(url: str) -> tuple[PushedMapper, RoomMetrics, bool]:
    """Read a collector's WebSocket until it closes the connection (or Ctrl-C); raises OSError or
    aiohttp's errors when it cannot connect."""
    room = RoomMetrics(provides_commerce=True, audience=AudienceTracker(keep_text=False))
    mapper = PushedMapper(room)
    try:
        asyncio.run(read_pushed(url, mapper, lambda: 0.0))
    except KeyboardInterrupt:
        return mapper, room, True
    return mapper, room, False


def summary(mapper: Mapper | PushedMapper, room: RoomMetrics) -> dict[str, Any]:
    figures = room.figures(room.last_item_at or 0.0)
    metrics: dict[str, Any] = {}
    for name in _FIGURES:
        value = figures.get(name)
        if name in COMMERCE or name == "gmv":
            value = figures.get(name) if room.provides_commerce else None
        elif name == "online":
            value = room.online
        metrics[_JSON_NAMES.get(name, name)] = value
    return {
        "items": dict(sorted(mapper.items.items())),
        "malformed": mapper.malformed,
        "unknown": mapper.unknown,
        "duplicates": mapper.duplicates,
        "metrics": metrics,
        "audience": room.audience.summary() if room.audience is not None else None,
    }
