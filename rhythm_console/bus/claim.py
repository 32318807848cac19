"""One console per room: a claim in the bus's `rhythm-claims` bucket, under the room's name,
holding the session that runs it.

The claim is taken when a console reaches the bus, renewed every CLAIM_RENEW seconds and given
up when the console quits. The bucket forgets an entry CLAIM_TTL seconds after it was last
written, so the claim of a console that crashed (or lost the bus) lapses by itself. A console of
the same session (resumed after a crash) takes its own claim back at once; another session is
refused with who holds the room.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass

import orjson
from nats.js import JetStreamContext
from nats.js.errors import BucketNotFoundError, KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.kv import KeyValue

from rhythm_console.bus.config import CLAIMS_BUCKET
from rhythm_console.i18n import Said
from rhythm_console.textsafe import printable

CLAIM_TTL = 15.0
CLAIM_RENEW = 5.0


@dataclass(frozen=True)
class Holder:
    session: str
    host: str = "?"
    pid: int | None = None

    def words(self) -> Said:
        if self.pid is None:
            return Said("bus.holder", session=self.session, host=self.host)
        return Said("bus.holder_pid", session=self.session, host=self.host, pid=self.pid)


class RoomTaken(Exception):
    """Another session's console runs this room."""

    def __init__(self, room: str, holder: Holder) -> None:
        super().__init__(Said("bus.error.room_taken", room=room, holder=holder.words(), ttl=CLAIM_TTL))
        self.holder = holder


def _holder(value: bytes | None) -> Holder | None:
    """Who a claim names: text from the bus, so made printable and short; None if it names nobody."""
    try:
        data = orjson.loads(value or b"")
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict or type(data.get("session")) is not str:
        return None
    pid = data.get("pid")
    return Holder(session=printable(data["session"])[:64], host=printable(str(data.get("host", "?")))[:64],
                  pid=pid if type(pid) is int else None)


async def claims_bucket(js: JetStreamContext) -> KeyValue:
    try:
        return await js.key_value(CLAIMS_BUCKET)
    except BucketNotFoundError:
        return await js.create_key_value(bucket=CLAIMS_BUCKET, history=1, ttl=CLAIM_TTL)


async def holder_of(js: JetStreamContext, room: str) -> Holder | None:
    """Who holds the room now; None when nobody does (or the bucket is not there yet)."""
    try:
        entry = await (await js.key_value(CLAIMS_BUCKET)).get(room)
    except (BucketNotFoundError, KeyNotFoundError):
        return None
    return _holder(entry.value)


class RoomClaim:
    """This console's claim on its room; `take` and `renew` raise RoomTaken when another session has it."""

    def __init__(self, room: str, session: str) -> None:
        self.room = room
        self.session = session
        self.revision: int | None = None
        self._value = orjson.dumps({"session": session, "host": socket.gethostname(), "pid": os.getpid()})

    async def take(self, js: JetStreamContext) -> None:
        kv = await claims_bucket(js)
        for _ in range(3):  # a claim that lapses or is given up between the two calls: ask again
            try:
                self.revision = await kv.create(self.room, self._value)
                return
            except KeyWrongLastSequenceError:
                pass
            except KeyNotFoundError:  # nats-py's create looks the key up again: it lapsed in between
                continue
            try:
                entry = await kv.get(self.room)
            except KeyNotFoundError:
                continue
            holder = _holder(entry.value)
            if holder is not None and holder.session != self.session:
                raise RoomTaken(self.room, holder)
            # Its own (a resumed console) or one naming nobody: taken over in place.
            with contextlib.suppress(KeyWrongLastSequenceError):
                self.revision = await kv.update(self.room, self._value, last=entry.revision)
                return
        raise RoomTaken(self.room, Holder(session="?"))

    async def renew(self, js: JetStreamContext) -> None:
        """Written again before it lapses; taken again if it lapsed (the bus was away, or lost its store)."""
        if self.revision is not None:
            with contextlib.suppress(KeyWrongLastSequenceError, BucketNotFoundError):
                self.revision = await (await js.key_value(CLAIMS_BUCKET)).update(self.room, self._value,
                                                                                  last=self.revision)
                return
        self.revision = None
        await self.take(js)

    async def give_up(self, js: JetStreamContext) -> None:
        if self.revision is not None:
            with contextlib.suppress(Exception):  # quitting: at worst the claim lapses by itself
                await (await js.key_value(CLAIMS_BUCKET)).delete(self.room, last=self.revision)
            self.revision = None
