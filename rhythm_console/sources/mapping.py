"""What every feed mapper shares: reading numbers and names safely, and counting items by
type, malformed, unknown and duplicate messages.

A feed is outside input: any value may be of any JSON type, absurdly large, negative,
"nan" or thousands of digits long. Such a message is Malformed (counted and skipped);
nothing a feed sends raises anything else or reaches the room figures out of range.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Iterable
from typing import Any

from rhythm_console.metrics.room import MAX_AMOUNT, MAX_COUNT, RoomSink

_NUMBER_RE = re.compile(r"(\d{1,20}(?:\.\d{1,20})?)\s*(万|w|W|亿)?")
_CARRIES_ON = re.compile(r"[.,eE+\-_0-9]")
_UNIT = {"万": 10_000, "w": 10_000, "W": 10_000, "亿": 100_000_000}
_MAX_TEXT = 64  # a number written as text is short; a longer string is not one
_MAX_NAME = 80  # unknown message types are remembered by a name this long at most
_MAX_UNKNOWN_NAMES = 200  # distinct unknown names remembered (the count goes on)


class Malformed(ValueError):
    """A message that cannot be read; it is counted and skipped."""



def split_messages(value: Any) -> tuple[list[dict[str, Any]], int]:
    """A decoded JSON value as the message objects it holds (one, or an array's) and how many parts were not one."""
    if type(value) is dict:
        return [value], 0
    if type(value) is list:
        messages = [element for element in value if type(element) is dict]
        return messages, len(value) - len(messages)
    return [], 1

def to_count(value: Any) -> int | None:
    """123, 12.0, "123", "10.5万", "2252在线观众" → a count in 0..MAX_COUNT; None when absent."""
    if type(value) is str and value.isdecimal() and len(value) <= 12:  # the usual case: "15", "2252"
        return int(value)  # at most 12 digits: never past MAX_COUNT
    if value is None or value == "":
        return None
    if type(value) is int:
        number: float = value
    elif type(value) is float:
        number = value
    elif type(value) is str and len(value) <= _MAX_TEXT:
        try:
            number = float(value)  # "12", "12.5", and "1e400" or "nan" (refused below)
        except ValueError:
            match = _NUMBER_RE.search(value)
            # What follows the number must not carry it on: "1e400万" is not 1, nor is "1.2.3" 1.2.
            if match is None or "-" in value[:match.start()] or _CARRIES_ON.match(value, match.end()):
                raise Malformed("not a count") from None
            number = float(match.group(1)) * _UNIT.get(match.group(2) or "", 1)
    else:
        raise Malformed("not a count")
    if not 0 <= number <= MAX_COUNT:  # also false for NaN
        raise Malformed("a count out of range")
    return int(number)


def to_amount(value: Any) -> float:
    """A money amount in 0..MAX_AMOUNT from a number or a short numeric string; absent is 0."""
    if value is None:
        return 0.0
    if type(value) is str and len(value) <= _MAX_TEXT:
        try:
            number = float(value)
        except ValueError:
            raise Malformed("an amount is not a number") from None
    elif type(value) in (int, float):
        number = value
    else:
        raise Malformed("an amount is not a number")
    if not 0 <= number <= MAX_AMOUNT or not math.isfinite(number):
        raise Malformed("an amount out of range")
    return float(number)


def to_key(value: Any) -> str | None:
    """An id or user name as text: strings and integers only (a nested value is not a name)."""
    if value is None:
        return None
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise Malformed("an id is not a string or a number")


class SeenWindow:
    """The latest `limit` keys, evicting the oldest one at a time: O(1) whatever the traffic."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.keys: set[str] = set()
        self.order: deque[str] = deque()  # the keys, oldest first

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def add(self, key: str) -> bool:
        """Remember a key; False when it was remembered already (a duplicate). One call per message:
        the check and the remembering together."""
        keys = self.keys
        if key in keys:
            return False
        keys.add(key)
        order = self.order
        order.append(key)
        if len(order) > self.limit:
            keys.discard(order.popleft())
        return True


class FeedMapper:
    def __init__(self, sink: RoomSink, seen_limit: int = 200_000) -> None:
        self.sink = sink
        self.malformed = 0
        self.unknown = 0
        self.duplicates = 0
        self.unknown_methods: dict[str, int] = {}
        self._seen = SeenWindow(seen_limit)
        self._first_time = self._seen.add  # bound once: the hot path's one call per message id
        # The window's parts, for a mapper that writes its check out in its own hot path.
        self._seen_keys, self._seen_order, self._seen_limit = self._seen.keys, self._seen.order, seen_limit

    def feed(self, value: Any, at: float) -> None:
        """One decoded JSON value: a message object, or an array of them (not arrays of arrays)."""
        messages, malformed = split_messages(value)
        self.malformed += malformed
        for message in messages:
            self.feed_message(message, at)

    def feed_values(self, values: Iterable[Any], at: float) -> None:
        """Decoded JSON values in order (a whole capture's): a mapper with a hot loop of its own overrides it."""
        feed, feed_message = self.feed, self.feed_message
        for value in values:
            if type(value) is dict:
                feed_message(value, at)
            else:
                feed(value, at)

    def feed_message(self, message: dict, at: float) -> None:
        raise NotImplementedError

    def count_unknown(self, name: str) -> None:
        self.unknown += 1
        name = name[:_MAX_NAME]
        if name in self.unknown_methods or len(self.unknown_methods) < _MAX_UNKNOWN_NAMES:
            self.unknown_methods[name] = self.unknown_methods.get(name, 0) + 1

    def seen_before(self, key: str) -> bool:
        """True for a message id met already (counted as a duplicate); remembers the latest ids only."""
        if self._first_time(key):
            return False
        self.duplicates += 1
        return True
