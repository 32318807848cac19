"""The floor's side of the bus: every room's latest summary, and cues sent to a room.

Summaries are read from the bucket when the floor connects (and after any reconnect), then
followed as they are put, through a plain subscription to the bucket's subject, which nats
keeps across reconnects. What arrives is validated: a value under a room's key that is not that
room's summary (not JSON, wrong types, missing or non-finite figures, another room's name) is
counted and reported as the room being unreadable, never drawn; a key that is not a room name
is only counted.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import NoRespondersError
from nats.errors import TimeoutError as NatsTimeout
from nats.js.errors import NotFoundError
from pydantic import ValidationError

from rhythm_console.bus.config import SUMMARY_BUCKET, BusConfig, BusConfigError, cue_subject, floor_inbox, room_name
from rhythm_console.bus.connection import connect
from rhythm_console.bus.messages import CueAnswer, CueRequest
from rhythm_console.plan import CueLevel
from rhythm_console.summary import RoomSummary
from rhythm_console.textsafe import printable

CUE_TIMEOUT = 3.0
SUMMARY_STREAM = f"KV_{SUMMARY_BUCKET}"  # the stream behind the bucket, as nats names it
SUMMARY_PREFIX = f"$KV.{SUMMARY_BUCKET}."
MAX_ROOMS = 10_000  # rooms read on connecting: a bound, not a plan


@dataclass(frozen=True)
class CueOutcome:
    kind: str  # sent, nobody, refused, no_console, no_answer, unsendable
    cue: int | None = None
    reason: str | None = None
    reach: tuple[str, ...] | None = None  # the room's panes it went on to; None: the room's console did not say


class FloorClient:
    def __init__(self, config: BusConfig, name: str, on_summary: Callable[[RoomSummary, float], None],
                 monotonic: Callable[[], float] = time.monotonic, *,
                 on_unreadable: Callable[[str, float], None] | None = None) -> None:
        self.config = config
        self.name = name
        self.on_summary = on_summary
        self.on_unreadable = on_unreadable
        self.monotonic = monotonic
        self.connected = False
        self.malformed = 0
        self._nc: Client | None = None

    async def start(self) -> None:
        """Connect (a refused login or an unreachable bus raises) and load every room."""
        self._nc = await connect(self.config, f"rhythm-console floor {self.name}", inbox_prefix=floor_inbox(),
                                 on_disconnect=self._disconnected, on_reconnect=self._reconnected)
        await self._nc.subscribe(f"{SUMMARY_PREFIX}*", cb=self._put)
        await self._load_all()
        self.connected = True

    async def stop(self) -> None:
        if self._nc is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(2.0):
                    await self._nc.close()

    async def _disconnected(self) -> None:
        self.connected = False

    @property
    def _client(self) -> Client:
        """The connection to the bus: asked for only after start()."""
        if self._nc is None:
            raise RuntimeError("the floor is not connected to the bus")
        return self._nc

    async def _reconnected(self) -> None:
        self.connected = True
        with contextlib.suppress(Exception):
            await self._load_all()  # what was put while the floor was away

    async def _load_all(self) -> None:
        """Every room's latest summary, read one stored message after the other: a floor that may only
        read needs nothing but the stream's message lookup (no consumer of its own)."""
        js = self._client.jetstream()
        seq = 1
        for _ in range(MAX_ROOMS):
            try:
                msg = await js.get_msg(SUMMARY_STREAM, seq=seq, subject=f"{SUMMARY_PREFIX}*", next=True)
            except NotFoundError:  # past the last one, or no bucket yet (no room ever ran)
                return
            if msg.subject is None or msg.seq is None:  # a stored message has both
                return
            deleted = (msg.headers or {}).get("KV-Operation") in ("DEL", "PURGE")
            self._take(msg.subject.removeprefix(SUMMARY_PREFIX), None if deleted else msg.data)
            seq = msg.seq + 1

    async def _put(self, msg: Msg) -> None:
        self._take(msg.subject.removeprefix(SUMMARY_PREFIX), msg.data)

    def _take(self, key: str, data: bytes | None) -> None:
        if not data:
            return  # a deleted room
        try:
            room = room_name(key, "")
        except BusConfigError:
            self.malformed += 1  # not a room's key: nothing to name on the floor
            return
        try:
            summary = RoomSummary.model_validate_json(data)
        except ValueError:  # pydantic's ValidationError, whatever the bytes were
            summary = None
        if summary is None or summary.room != room:  # a room speaks only under its own key
            self.malformed += 1
            if self.on_unreadable is not None:
                self.on_unreadable(room, self.monotonic())
            return
        self.on_summary(summary, self.monotonic())

    async def send_cue(self, room: str, text: str, level: CueLevel = CueLevel.info,
                       target: str | None = None) -> CueOutcome:
        try:
            request = CueRequest(text=text, level=level, target=target, sender=self.name)
        except ValidationError:  # blank, over 500 characters or holding control characters: never sent
            return CueOutcome("unsendable")
        try:
            reply = await self._client.request(cue_subject(room), request.model_dump_json().encode(), timeout=CUE_TIMEOUT)
        except NoRespondersError:
            return CueOutcome("no_console")
        except (NatsTimeout, asyncio.TimeoutError, TimeoutError):
            return CueOutcome("no_answer")
        try:
            answer = CueAnswer.model_validate_json(reply.data)
        except ValidationError:
            return CueOutcome("no_answer")
        if answer.ok:
            reach = tuple(printable(pane) for pane in answer.reach) if answer.reach is not None else None
            # Taken by the room's console is not delivered: with no pane connected there, nobody will read it.
            return CueOutcome("nobody" if reach == () else "sent", cue=answer.cue, reach=reach)
        return CueOutcome("refused", reason=answer.reason or answer.code)
