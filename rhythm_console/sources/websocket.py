"""`--source ws://HOST:PORT[/path]`: what an open-source live-room collector pushes over a local WebSocket.

A frame holds one JSON value or several lines of them; each message is told apart by its keys:

- `{"type": ...}`: our jsonl line format (sources/jsonl.py);
- `{"Type": <int>, "ProcessName": ..., "Data": "<JSON string>"}`: a barrage-grabbing tool's pack (sources/barrage.py);
- `{"common": {"method": ...}}` (or `{"method": ...}`): a Douyin webcast message (sources/douyin.py).

A connection that fails or closes is opened again by the runner, with back-off; frames and messages
that cannot be read are counted, never fatal. aiohttp is imported only when the source connects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from rhythm_console.metrics.room import RoomSink
from rhythm_console.sources.barrage import BarragePackMapper, is_pack
from rhythm_console.sources.douyin import DouyinMapper
from rhythm_console.sources.jsonl import JsonlMapper
from rhythm_console.sources.mapping import split_messages

MAX_FRAME = 4 * 1024 * 1024  # a frame larger than this is no collector's message: the connection is dropped


class FrameTooLarge(ConnectionError):
    """The collector sent a frame over MAX_FRAME bytes: the connection was dropped there (what was read before it
    stands)."""

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(f"{url} sent a frame larger than {limit // (1024 * 1024)} MB")
        self.limit = limit


class PushedMapper:
    """One mapper for all three shapes a collector may push, with their counts added up."""

    def __init__(self, sink: RoomSink, seen_limit: int = 200_000) -> None:
        self.sink = sink
        self.jsonl = JsonlMapper(sink, seen_limit)
        self.douyin = DouyinMapper(sink, seen_limit)
        self.packs = BarragePackMapper(sink, seen_limit)
        self._parts = (self.jsonl, self.douyin, self.packs)
        self._malformed = 0  # frames and values none of the three can read

    @property
    def malformed(self) -> int:
        return self._malformed + sum(part.malformed for part in self._parts)

    @malformed.setter
    def malformed(self, value: int) -> None:  # the readers count a line that is not JSON with += 1
        self._malformed += value - self.malformed

    @property
    def unknown(self) -> int:
        return sum(part.unknown for part in self._parts)

    @property
    def duplicates(self) -> int:
        return sum(part.duplicates for part in self._parts)

    @property
    def unknown_methods(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for part in self._parts:
            for name, count in part.unknown_methods.items():
                merged[name] = merged.get(name, 0) + count
        return merged

    @property
    def provides_commerce(self) -> bool:
        """Whether the feed carries orders and clicks: once it pushed our jsonl lines, which may (as a `jsonl:`
        file does). Douyin's webcast messages and the barrage packs carry none: until then, those figures are
        no data, as from a `douyin:` file, not zero."""
        return bool(self.jsonl.items)

    @property
    def items(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for part in self._parts:
            for name, count in part.items.items():
                merged[name] = merged.get(name, 0) + count
        return merged

    def feed(self, value: Any, at: float) -> None:
        """One decoded JSON value: a message, or an array of them."""
        messages, malformed = split_messages(value)
        self._malformed += malformed
        for message in messages:
            self._feed_one(message, at)

    def _feed_one(self, message: dict[str, Any], at: float) -> None:
        if "type" in message:
            self.jsonl.feed_message(message, at)
        elif is_pack(message):
            self.packs.feed_message(message, at)
        elif "common" in message or "method" in message:
            self.douyin.feed_message(message, at)
        else:
            self._malformed += 1

    def feed_frame(self, data: str | bytes, at: float) -> None:
        """A WebSocket frame: one JSON value, or lines of them."""
        try:
            self.feed(orjson.loads(data), at)
            return
        except orjson.JSONDecodeError:
            pass
        lines = data.splitlines() if isinstance(data, bytes) else data.encode("utf-8", "replace").splitlines()
        if len(lines) < 2:
            self._malformed += 1
            return
        for line in lines:
            if not line.strip():
                continue
            try:
                self.feed(orjson.loads(line), at)
            except orjson.JSONDecodeError:
                self._malformed += 1


class WebSocketSource:
    """Reads a collector's WebSocket; returns when the collector closes it (the runner connects again)."""

    gives = None  # any figure

    def __init__(self, url: str, *, now: Callable[[], float]) -> None:
        self.url = url
        self.name = url
        self.now = now
        self.connections = 0
        self._mapper: PushedMapper | None = None

    @property
    def malformed(self) -> int:
        return self._mapper.malformed if self._mapper else 0

    @property
    def provides_commerce(self) -> bool:
        return self._mapper is not None and self._mapper.provides_commerce

    @property
    def mapper(self) -> PushedMapper | None:
        return self._mapper

    async def run(self, sink: RoomSink) -> None:
        if self._mapper is None or self._mapper.sink is not sink:
            self._mapper = PushedMapper(sink)
        await read_pushed(self.url, self._mapper, self.now, on_open=self._opened)

    def _opened(self) -> None:
        self.connections += 1


async def read_pushed(url: str, mapper: PushedMapper, now: Callable[[], float],
                      on_open: Callable[[], None] = lambda: None) -> None:
    """Feed every frame from `url` into `mapper` until the collector closes the connection;
    raises when it cannot connect or the connection fails."""
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=None, connect=10)
    async with aiohttp.ClientSession(timeout=timeout) as session, \
            session.ws_connect(url, heartbeat=30, max_msg_size=MAX_FRAME, autoping=True) as ws:
        on_open()
        async for message in ws:
            if message.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
                mapper.feed_frame(message.data, now())
            elif message.type is aiohttp.WSMsgType.ERROR:
                if ws.close_code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG:
                    raise FrameTooLarge(url, MAX_FRAME)
                raise ConnectionError(f"the connection to {url} failed: {message.data or ws.exception()}")
