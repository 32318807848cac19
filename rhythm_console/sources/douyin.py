"""Douyin webcast messages, in the JSON forms open-source live-room collectors emit,
mapped onto room data (see docs/sources.md for the table).

Collectors disagree: camelCase or snake_case keys, numbers as strings, 万 in
display strings, createTime as a string, a number or missing, one message a
line or an array of them. Everything here is plain dict work (no pydantic)
because captures run to millions of messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rhythm_console.metrics.room import EventKind, RoomSink
from rhythm_console.sources.mapping import FeedMapper, Malformed, to_count, to_key

__all__ = ["DouyinMapper", "Malformed", "to_count"]

_LATEST_MILLIS = 10**15  # createTime in milliseconds, until the year 33658
# Read once: EventKind.x costs ~50 ns a time (the Enum class), a global ~6; a capture reads one per message.
_COMMENT, _LIKE, _ENTER, _FOLLOW, _SHARE, _GIFT = (
    EventKind.comment, EventKind.like, EventKind.enter, EventKind.follow, EventKind.share, EventKind.gift)


def _get(data: dict, camel: str, snake: str) -> Any:
    value = data.get(camel)
    return data.get(snake) if value is None else value


def _user(message: dict) -> str | None:
    user = message.get("user")
    if type(user) is not dict:
        return None
    ident = user.get("id")
    if type(ident) is str and ident:  # the usual case
        return ident
    ident = ident or user.get("idStr") or user.get("id_str") or user.get("secUid") or user.get("sec_uid")
    if ident is None:
        ident = user.get("nickName") or user.get("nickname") or user.get("nick_name")
    return to_key(ident)


# What a message produced, by the index its handler returns: the mapper counts indexes in a list (no
# hashing per message) and `items` expands them per item type when asked.
OUTCOMES: tuple[tuple[str, ...], ...] = (
    ("comment",), ("like",), ("like", "snapshot"), ("enter",), ("enter", "snapshot"), ("follow",), ("share",),
    ("social_other",), ("gift",), ("snapshot",), ("stream_ended",), ("control",), ("product_update",))
(_COMMENTED, _LIKED, _LIKED_TOTAL, _ENTERED, _ENTERED_ONLINE, _FOLLOWED, _SHARED, _SOCIAL_OTHER, _GIFTED,
 _SNAPSHOT, _STREAM_ENDED, _CONTROL, _PRODUCT_UPDATE) = range(len(OUTCOMES))

Handler = Callable[[dict, float], int]

# Every method the mapper knows, by a code. A viewer's chat, like or entry is nine messages in ten of a busy
# room: those three are mapped in the mapper's loop itself (a call per message cost as much as the mapping
# did), the others by a handler each.
(_CHAT, _LIKES, _ENTRY, _SOCIAL, _GIFT_SENT, _USER_SEQ, _ROOM_STATS, _CONTROL_SENT, _SHOPPING) = range(9)
METHODS: dict[Any, int] = {  # looked up with whatever a message's method is
    "WebcastChatMessage": _CHAT,
    "WebcastLikeMessage": _LIKES,
    "WebcastMemberMessage": _ENTRY,
    "WebcastSocialMessage": _SOCIAL,
    "WebcastGiftMessage": _GIFT_SENT,
    "WebcastRoomUserSeqMessage": _USER_SEQ,
    "WebcastRoomStatsMessage": _ROOM_STATS,
    "WebcastControlMessage": _CONTROL_SENT,
    "WebcastLiveShoppingMessage": _SHOPPING,
    "WebcastProductChangeMessage": _SHOPPING,
}


def handlers_for(sink: RoomSink) -> dict[int, Handler]:
    """A handler for each method code the loop does not map itself, bound to the sink's methods once (a
    capture makes millions of calls). Each writes into the sink and returns the index of what it produced in
    OUTCOMES; a message it cannot read raises Malformed before anything is written."""
    event, snapshot = sink.event, sink.snapshot

    def social(m: dict, at: float) -> int:
        action = m.get("action")
        if action in ("1", 1):
            event(_FOLLOW, at, 1, 0.0, _user(m))
            return _FOLLOWED
        if action in ("3", 3):
            event(_SHARE, at, 1, 0.0, _user(m))
            return _SHARED
        return _SOCIAL_OTHER

    def gift(m: dict, at: float) -> int:
        # Combo gifts arrive as several messages with a growing repeatCount:
        # count messages, not the running total, so a combo is not counted twice.
        event(_GIFT, at, 1, 0.0, _user(m))
        return _GIFTED

    def user_seq(m: dict, at: float) -> int:
        online = to_count(m.get("total"))
        cumulative = to_count(_get(m, "totalUser", "total_user"))
        if online is None and cumulative is None:
            raise Malformed("user seq without figures")
        snapshot(at, online, cumulative)
        return _SNAPSHOT

    def room_stats(m: dict, at: float) -> int:
        online = to_count(m.get("total"))
        if online is None:
            online = to_count(_get(m, "displayLong", "display_long") or _get(m, "displayValue", "display_value"))
        if online is None:
            raise Malformed("room stats without an online figure")
        snapshot(at, online)
        return _SNAPSHOT

    def control(m: dict, at: float) -> int:
        return _STREAM_ENDED if m.get("status") in ("3", 3) else _CONTROL

    def shopping(m: dict, at: float) -> int:
        return _PRODUCT_UPDATE

    return {_SOCIAL: social, _GIFT_SENT: gift, _USER_SEQ: user_seq, _ROOM_STATS: room_stats,
            _CONTROL_SENT: control, _SHOPPING: shopping}


def _unwrap(message: dict) -> tuple[dict, dict] | None:
    """Some collectors write the push frame's envelope instead of the message's own `common`:
    {"method": ..., "msgId": ..., "payload": {...decoded body...}}. Read those too."""
    method = message.get("method")
    if not isinstance(method, str):
        return None
    body = message.get("payload")
    body = body if type(body) is dict else message
    common = body.get("common")
    common = common if type(common) is dict else {}
    envelope = {"method": method}
    for key in ("msgId", "msg_id", "createTime", "create_time"):
        if key in message:
            envelope[key] = message[key]
    return body, {**envelope, **common}


class DouyinMapper(FeedMapper):
    """Maps decoded messages into a sink, counting what it sees.

    `at` is supplied by the caller (the console stamps receipt time); the
    message's own createTime, when present, is kept as `last_create_time`.
    """

    def __init__(self, sink: RoomSink, seen_limit: int = 200_000) -> None:
        super().__init__(sink, seen_limit)
        self._produced = [0] * len(OUTCOMES)  # messages per outcome, by its index
        self._last_common: dict = {}
        self._handlers = handlers_for(sink)

    @property
    def items(self) -> dict[str, int]:
        """How many items of each type the messages produced."""
        totals: dict[str, int] = {}
        for names, count in zip(OUTCOMES, self._produced, strict=True):
            if count:
                for name in names:
                    totals[name] = totals.get(name, 0) + count
        return totals

    @property
    def last_create_time(self) -> float | None:
        """The latest message's createTime, in epoch seconds (None if none was readable)."""
        common = self._last_common
        created = common.get("createTime")
        if created is None:
            created = common.get("create_time")
        if type(created) is str and len(created) <= 20:
            try:
                created = int(created)
            except ValueError:
                return None
        if (type(created) is int or type(created) is float) and 0 <= created <= _LATEST_MILLIS:
            return created / 1000
        return None

    def feed(self, value: Any, at: float) -> None:
        self.feed_values((value,), at)

    def feed_message(self, message: dict, at: float) -> None:
        self.feed_values((message,), at)

    def feed_values(self, values: Iterable[Any], at: float) -> None:
        """Decoded JSON values in order, each a message or an array of them: the hot loop of a capture of
        millions. What it reads and counts lives in locals (a loop's cheapest) and is written back at the end;
        only the fields a handler uses are looked at."""
        handlers, event, snapshot, said = self._handlers, self.sink.event, self.sink.snapshot, self.sink.said
        seen, order, limit = self._seen_keys, self._seen_order, self._seen_limit
        remember, queue, forget, oldest = seen.add, order.append, seen.discard, order.popleft
        produced = self._produced
        malformed = duplicates = 0
        commented = liked = liked_total = entered = entered_online = 0  # the viewers' acts, counted here
        last_common = None
        try:
            for message in values:
                if type(message) is not dict:
                    if type(message) is list:
                        if last_common is not None:  # the array's messages are later ones
                            self._last_common, last_common = last_common, None
                        messages = [element for element in message if type(element) is dict]
                        malformed += len(message) - len(messages)
                        self.feed_values(messages, at)
                    else:
                        malformed += 1
                    continue
                common = message.get("common")
                if type(common) is not dict:
                    unwrapped = _unwrap(message)
                    if unwrapped is None:
                        malformed += 1
                        continue
                    message, common = unwrapped
                method = common.get("method")
                try:
                    code = METHODS.get(method)
                except TypeError:  # a method that is a list or an object: not one
                    code = None
                if code is None and not (isinstance(method, str) and method):
                    malformed += 1
                    continue
                msg_id = common.get("msgId")
                if msg_id is None:
                    msg_id = common.get("msg_id")
                if msg_id is not None:
                    if type(msg_id) is not str:
                        if type(msg_id) is not int:
                            malformed += 1
                            continue
                        msg_id = str(msg_id)  # 7388… and "7388…" are the same message
                    # The duplicate window (mapping.SeenWindow.add) written out: no call of ours per message.
                    if msg_id in seen:
                        duplicates += 1
                        continue
                    remember(msg_id)
                    queue(msg_id)
                    if len(order) > limit:
                        forget(oldest())
                if code is None:  # after the duplicate window: a repeated unknown message is a duplicate
                    self.count_unknown(str(method))  # a str: checked above
                    continue
                if "createTime" in common or "create_time" in common:
                    last_common = common  # createTime is read from it only when asked for
                try:
                    if code > _ENTRY:
                        produced[handlers[code](message, at)] += 1
                        continue
                    # A viewer's act. Everything that can be Malformed is read before anything is written.
                    user = message.get("user")
                    ident = user.get("id") if type(user) is dict else None
                    if type(ident) is not str or not ident:  # the usual id is a string: anything else, _user
                        ident = _user(message)
                    if code == _CHAT:
                        event(_COMMENT, at, 1, 0.0, ident)
                        text = message.get("content")
                        if type(text) is str and text:
                            said(text, at)
                        commented += 1
                    elif code == _LIKES:
                        count = to_count(message.get("count"))
                        total = to_count(message.get("total"))
                        event(_LIKE, at, count if count and count > 0 else 1, 0.0, ident)
                        if total is None:
                            liked += 1
                        else:
                            snapshot(at, None, None, total)
                            liked_total += 1
                    else:
                        online = message.get("memberCount")
                        online = to_count(message.get("member_count") if online is None else online)
                        event(_ENTER, at, 1, 0.0, ident)
                        if online is None:
                            entered += 1
                        else:
                            snapshot(at, online)
                            entered_online += 1
                except Malformed:
                    malformed += 1
        finally:
            self.malformed += malformed
            self.duplicates += duplicates
            for outcome, count in ((_COMMENTED, commented), (_LIKED, liked), (_LIKED_TOTAL, liked_total),
                                   (_ENTERED, entered), (_ENTERED_ONLINE, entered_online)):
                produced[outcome] += count
            if last_common is not None:
                self._last_common = last_common
