"""The wrapped Douyin packs that Windows barrage-grabbing tools broadcast over a local WebSocket,
mapped onto room data (docs/sources.md has the table and samples).

A pack is `{"Type": <int>, "ProcessName": "chrome", "Data": "<the message as a JSON string>"}`;
the message's keys are PascalCase (`MsgId`, `User.Id`, `Content`, `Count`, `Total`, ...).
The numbers below are the tools' own message types.
"""

from __future__ import annotations

from typing import Any

import orjson

from rhythm_console.metrics.room import EventKind
from rhythm_console.sources.mapping import FeedMapper, Malformed, to_count, to_key

CHAT, LIKE, ENTER, FOLLOW, GIFT, ROOM_STATS, FANS_CLUB, SHARE, STREAM_ENDED = range(1, 10)
_ITEM_NAMES = {CHAT: "comment", LIKE: "like", ENTER: "enter", FOLLOW: "follow", GIFT: "gift",
               ROOM_STATS: "snapshot", FANS_CLUB: "fans_club", SHARE: "share", STREAM_ENDED: "stream_ended"}
_EVENTS = {CHAT: EventKind.comment, LIKE: EventKind.like, ENTER: EventKind.enter, FOLLOW: EventKind.follow,
           GIFT: EventKind.gift, SHARE: EventKind.share}


def is_pack(value: dict[str, Any]) -> bool:
    return "Type" in value and "Data" in value


def _user(data: dict[str, Any]) -> str | None:
    user = data.get("User")
    if type(user) is not dict:
        return None
    ident = user.get("Id") or user.get("SecUid") or user.get("DisplayId") or user.get("Nickname")
    return to_key(ident)


class BarragePackMapper(FeedMapper):
    """Maps barrage packs into a sink, counting items by type, malformed, unknown and duplicate packs."""

    def __init__(self, sink: Any, seen_limit: int = 200_000) -> None:
        super().__init__(sink, seen_limit)
        self.items: dict[str, int] = {}

    def feed_message(self, pack: dict[str, Any], at: float) -> None:
        kind = pack.get("Type")
        text = pack.get("Data")
        if type(kind) is not int or type(text) not in (str, dict):
            self.malformed += 1
            return
        name = _ITEM_NAMES.get(kind)
        if name is None:
            self.count_unknown(f"Type {kind}")
            return
        try:
            data = orjson.loads(text) if type(text) is str else text  # the tools send it as a JSON string
        except orjson.JSONDecodeError:
            self.malformed += 1
            return
        if type(data) is not dict:
            self.malformed += 1
            return
        try:
            msg_id = to_key(data.get("MsgId"))
            if msg_id not in (None, "0") and self.seen_before(msg_id):
                return
            self._map(kind, data, at)
        except Malformed:
            self.malformed += 1
            return
        self.items[name] = self.items.get(name, 0) + 1

    def _map(self, kind: int, data: dict[str, Any], at: float) -> None:
        sink = self.sink
        event = _EVENTS.get(kind)
        if kind == ROOM_STATS:
            online = to_count(data.get("OnlineUserCount"))
            if online is None:
                online = to_count(data.get("OnlineUserCountStr"))
            viewers = to_count(data.get("TotalUserCount"))
            if viewers is None:
                viewers = to_count(data.get("TotalUserCountStr"))
            if online is None and viewers is None:
                raise Malformed("room stats without figures")
            sink.snapshot(at, online=online, cumulative_viewers=viewers)
        elif kind == LIKE:
            count = to_count(data.get("Count"))
            total = to_count(data.get("Total"))  # read before anything is written: all or nothing
            sink.event(EventKind.like, at, count or 1, 0.0, _user(data))
            if total:
                sink.snapshot(at, likes_total=total)
        elif kind == ENTER:
            online = to_count(data.get("CurrentCount"))
            sink.event(EventKind.enter, at, 1, 0.0, _user(data))
            if online:
                sink.snapshot(at, online=online)
        elif kind == GIFT:
            # GiftCount is what this pack adds (the tools work out combos); RepeatCount is a running total.
            sink.event(EventKind.gift, at, to_count(data.get("GiftCount")) or 1, 0.0, _user(data))
        elif event is not None:
            sink.event(event, at, 1, 0.0, _user(data))
            content = data.get("Content")
            if kind == CHAT and type(content) is str and content:
                sink.said(content, at)
