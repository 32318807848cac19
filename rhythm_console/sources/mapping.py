"""What every feed mapper counts: items by type, malformed, unknown and duplicate messages."""

from __future__ import annotations

from typing import Any

from rhythm_console.metrics.room import RoomSink


class FeedMapper:
    def __init__(self, sink: RoomSink, seen_limit: int = 200_000) -> None:
        self.sink = sink
        self.malformed = 0
        self.unknown = 0
        self.duplicates = 0
        self.unknown_methods: dict[str, int] = {}
        self._seen: dict[str, None] = {}
        self._seen_limit = seen_limit

    def feed(self, value: Any, at: float) -> None:
        """One decoded JSON value: a message object, or an array of them."""
        if type(value) is dict:
            self.feed_message(value, at)
        elif type(value) is list:
            for element in value:
                self.feed(element, at)
        else:
            self.malformed += 1

    def feed_message(self, message: dict, at: float) -> None:
        raise NotImplementedError

    def count_unknown(self, name: str) -> None:
        self.unknown += 1
        self.unknown_methods[name] = self.unknown_methods.get(name, 0) + 1

    def seen_before(self, key: str) -> bool:
        """True for a message id met already (counted as a duplicate); remembers the latest ids only."""
        seen = self._seen
        if key in seen:
            self.duplicates += 1
            return True
        seen[key] = None
        if len(seen) > self._seen_limit:  # bounded: forget the oldest tenth
            for _ in range(self._seen_limit // 10):
                del seen[next(iter(seen))]
        return False
