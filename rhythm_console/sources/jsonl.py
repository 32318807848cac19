"""Our own line format, for any outside collector (documented in docs/sources.md).

One JSON object a line, with a "type":

    {"type": "snapshot", "online": 1234, "cumulative_viewers": 56789, "likes_total": 3400}
    {"type": "comment", "user": "u1", "text": "多大码"}    {"type": "like", "count": 12, "user": "u2"}
    {"type": "enter", "user": "u3"}            {"type": "follow", "user": "u3"}
    {"type": "share"}    {"type": "gift", "count": 1}    {"type": "click", "user": "u4"}
    {"type": "order", "amount": 199.0, "count": 1, "user": "u4"}

A comment's optional "text" is classified (questions, complaints, buying signals: docs/metrics.md).
Optional on every line: "ts" (epoch seconds, for the collector's own records)
and "id" (lines with an id seen before are dropped as duplicates).
"""

from __future__ import annotations

from rhythm_console.metrics.room import EventKind, RoomSink
from rhythm_console.sources.mapping import FeedMapper, Malformed, to_amount, to_count, to_key

_EVENT_TYPES = {kind.value: kind for kind in EventKind}


class JsonlMapper(FeedMapper):
    def __init__(self, sink: RoomSink, seen_limit: int = 200_000) -> None:
        super().__init__(sink, seen_limit)
        self.items: dict[str, int] = {}

    def feed_message(self, record: dict, at: float) -> None:
        kind = record.get("type")
        if not isinstance(kind, str):
            self.malformed += 1
            return
        event_kind = _EVENT_TYPES.get(kind)
        if event_kind is None and kind != "snapshot":
            self.count_unknown(kind)
            return
        try:
            record_id = to_key(record.get("id"))
            if record_id is not None and self.seen_before(record_id):
                return
            if event_kind is None:
                online = to_count(record.get("online"))
                cumulative = to_count(record.get("cumulative_viewers"))
                likes = to_count(record.get("likes_total"))
                if online is None and cumulative is None and likes is None:
                    raise Malformed("a snapshot needs online, cumulative_viewers or likes_total")
                self.sink.snapshot(at, online, cumulative, likes)
            else:
                count = to_count(record.get("count"))
                amount = to_amount(record.get("amount"))
                self.sink.event(event_kind, at, count if count else 1, amount, to_key(record.get("user")))
                text = record.get("text")
                if event_kind is EventKind.comment and type(text) is str and text:
                    self.sink.said(text, at)
        except Malformed:
            self.malformed += 1
            return
        self.items[kind] = self.items.get(kind, 0) + 1
