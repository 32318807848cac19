"""A room's console on the bus: every journal record to the stream, the room's summary to the
bucket, and cues from the floor into the session.

The journal stays the truth and the show never waits for the bus: the session's listener only
queues the record exactly as the journal wrote it; one task sends the queue in order and drops a
record only once the stream has acknowledged it. While the bus is down the queue grows; on
reconnect the publisher first asks the stream which record of this session it holds last, so a
record is never stored twice, then sends the rest in order.

Time limits are `asyncio.timeout` blocks, never `asyncio.wait_for`: on Python 3.11 a cancel that lands
as wait_for's inner await finishes is swallowed, and a task stopped at that moment never stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

import orjson
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from nats.js.kv import KeyValue
from pydantic import ValidationError

from rhythm_console.bus.claim import CLAIM_RENEW, RoomClaim, RoomTaken
from rhythm_console.bus.config import STREAM, BusConfig, cue_subject, events_subject, message_id, room_inbox
from rhythm_console.bus.connection import (
    BusRefused,
    BusUnreachable,
    connect,
    ensure_stream,
    permission_refusal,
    summary_bucket,
)
from rhythm_console.bus.messages import MSG_ID_HEADER, SEQ_HEADER, SESSION_HEADER, CueAnswer, CueRequest
from rhythm_console.events import Event
from rhythm_console.i18n import Texts
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowState
from rhythm_console.summary import summarize

log = logging.getLogger(__name__)

BATCH = 512  # records in flight at once: enough to backfill thousands a second on loopback
ACK_TIMEOUT = 2.0
RETRY_WAIT = 0.5
SUMMARY_EVERY = 1.0
SUMMARY_GAP = 0.05  # at most twenty summaries a second however busy the room
CLOSING_GRACE = 2.0  # on quit, how long the queue may take to reach the bus


@dataclass(frozen=True)
class BusStatus:
    state: str  # connecting, up, down, refused, taken (another session's console runs the room)
    backlog: int  # records the bus has not yet acknowledged
    problem: str | None = None


class RoomPublisher:
    def __init__(self, session: LiveSession, config: BusConfig, room: str, *,
                 panes: Callable[[], list[str]] = list, source_age: Callable[[], float | None] = lambda: None) -> None:
        if session.journal is None:
            raise ValueError("the bus carries the journal: a session without one has nothing to publish")
        self.session = session
        self.config = config
        self.room = room
        self.panes = panes
        self.source_age = source_age
        self.subject = events_subject(room)
        self._journal_path = session.journal.path
        self.backlog: deque[tuple[int, bytes]] = deque(_journal_so_far(self._journal_path))
        self._journal_seq = session.journal.seq
        self.state = "connecting"
        self.problem: str | None = None
        self.published = 0
        self.republished = 0  # records sent again after the bus lost its store
        self._acked = -1  # the last seq the stream acknowledged
        self._synced = False  # whether the queue was checked against the stream since the last failure
        self._wake = asyncio.Event()
        self._summary_due = asyncio.Event()
        self._renew_now = asyncio.Event()
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._kv: KeyValue | None = None
        self._task: asyncio.Task[None] | None = None
        self._claim = RoomClaim(room, session.session_id)
        self._texts = Texts(session.lang)
        session.listeners.subscribe(self._on_event)

    # ------------------------------------------------------------------ the show's side

    def _on_event(self, event: Event, state: ShowState) -> None:
        journal = self.session.journal
        if journal is None or journal.seq == self._journal_seq or journal.last_line is None:
            return  # not journaled (disk full): the bus only ever copies the journal
        self._journal_seq = journal.seq
        self.backlog.append((journal.seq, journal.last_line.encode()))
        self._wake.set()
        self._summary_due.set()

    def status(self) -> BusStatus:
        return BusStatus(self.state, len(self.backlog), self.problem)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name=f"bus:{self.room}")

    async def stop(self) -> None:
        if self._task is not None and self.state == "up" and self.backlog:
            # The last records (the show's end) are worth a moment; never more than that.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(CLOSING_GRACE):
                    await self._drained()
        if self._task is not None:
            self._task.cancel()
            # Bounded: quitting the console must never hang on the bus, whatever state nats is in.
            await asyncio.wait({self._task}, timeout=CLOSING_GRACE)
        if self._kv is not None and self.state == "up":
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1.0):
                    await self._put_summary(self._kv)
        if self._js is not None and self.state == "up":
            with contextlib.suppress(Exception):
                async with asyncio.timeout(1.0):
                    await self._claim.give_up(self._js)
        self.session.listeners.unsubscribe(self._on_event)
        if self._nc is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(2.0):
                    await self._nc.close()

    async def _drained(self) -> None:
        while self.backlog:
            await asyncio.sleep(0.02)

    async def _run(self) -> None:
        while True:
            try:
                self._nc = await connect(self.config, f"rhythm-console {self.room}", inbox_prefix=room_inbox(self.room),
                                         on_disconnect=self._disconnected, on_reconnect=self._reconnected,
                                         on_error=self._bus_error)
                break
            except BusRefused as exc:  # a login that will not work now will not work in a second either
                self.state, self.problem = "refused", str(exc)
                return
            except BusUnreachable as exc:
                self.state, self.problem = "down", str(exc)
                await asyncio.sleep(RETRY_WAIT)
        self._js = self._nc.jetstream()
        if not await self._take_room():
            return
        await self._nc.subscribe(cue_subject(self.room), cb=self._cue)
        self.state, self.problem = "up", None
        self._summary_due.set()
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self._send_events())
                group.create_task(self._send_summaries())
                group.create_task(self._hold_room())
        except* RoomTaken as taken:  # the claim lapsed while the bus was away and another console took the room
            self.state, self.problem = "taken", str(taken.exceptions[0])

    @property
    def _stream(self) -> JetStreamContext:
        """The bus's JetStream: the tasks that use it start once connected."""
        if self._js is None:
            raise RuntimeError("the room's publisher is not connected to the bus")
        return self._js

    async def _take_room(self) -> bool:
        """The room's claim, before anything is published; False when another session's console has it."""
        while self.state != "refused":
            try:
                await self._claim.take(self._stream)
                return True
            except RoomTaken as exc:
                self.state, self.problem = "taken", str(exc)
                return False
            except Exception as exc:  # the bus is not answering yet: ask again
                log.debug("bus claim failed: %r", exc)
                await asyncio.sleep(RETRY_WAIT)
        return False

    async def _hold_room(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(CLAIM_RENEW):
                    await self._renew_now.wait()
            self._renew_now.clear()
            try:
                await self._claim.renew(self._stream)
            except RoomTaken:
                raise
            except Exception as exc:  # the bus is away: renewed, or taken again, once it is back
                log.debug("bus claim renewal failed: %r", exc)

    async def _bus_error(self, exc: Exception) -> None:
        """The server refused this login something the room needs (its subjects, its inbox): the room's
        permissions do not match --room; nothing of the room reaches the bus until that is fixed."""
        refusal = permission_refusal(exc)
        if refusal is not None:
            self.state, self.problem = "refused", f"the bus does not let this login run room {self.room} ({refusal})"

    async def _disconnected(self) -> None:
        if self.state == "up":
            self.state = "down"

    async def _reconnected(self) -> None:
        if self.state in ("taken", "refused"):
            return
        self.state, self.problem = "up", None
        self._synced = False  # the server may have come back without its store: ask what it holds
        self._renew_now.set()  # and without the room's claim: take it again before anyone else does
        self._wake.set()
        self._summary_due.set()

    # ------------------------------------------------------------------ events

    async def _send_events(self) -> None:
        self._synced = False
        self._wake.set()
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                if not self._synced:
                    await ensure_stream(self._stream)
                    await self._skip_stored()
                    self._synced = True
                while self.backlog:
                    await self._send_batch(list(islice(self.backlog, BATCH)))
            except Exception as exc:  # nats has no common base for "the bus is not there right now"
                log.debug("bus publish failed: %r", exc)
                self._synced = False  # after any failure, ask the stream where it stands before sending again
                if self.state == "up":
                    self.problem = str(exc) or type(exc).__name__
                await asyncio.sleep(RETRY_WAIT)
                self._wake.set()

    async def _send_batch(self, batch: list[tuple[int, bytes]]) -> None:
        session = self.session.session_id
        futures = []
        try:
            for seq, line in batch:
                headers = {MSG_ID_HEADER: message_id(self.room, session, seq), SESSION_HEADER: session,
                           SEQ_HEADER: str(seq)}
                futures.append(await self._stream.publish_async(self.subject, line, headers=headers))
            for (seq, _), future in zip(batch, futures, strict=True):
                async with asyncio.timeout(ACK_TIMEOUT):
                    await future
                # A server only stores what came before on the same connection, so acks arrive in order.
                if self.backlog and self.backlog[0][0] == seq:
                    self.backlog.popleft()
                    self.published += 1
                    self._acked = seq
        finally:
            for future in futures:
                future.cancel()  # frees nats' in-flight slot of an ack that will never come

    async def _skip_stored(self) -> None:
        """Drop from the queue what the stream already holds of this session (sent before a drop,
        or by this console before a crash and --resume); if the stream holds less than it once
        acknowledged (the bus lost its store), queue the journal again from where the stream stops,
        so the archive can fill itself again."""
        stored = await self._stored_seq()
        if stored < self._acked:
            log.warning("the bus holds this session up to seq %d but had stored up to %d (its store was lost?): "
                        "publishing the journal again from there", stored, self._acked)
            self.backlog = deque(record for record in _journal_so_far(self._journal_path)
                                 if record[0] > stored)
            self._acked = stored
            self.republished += len(self.backlog)
        while self.backlog and self.backlog[0][0] <= stored:
            self.backlog.popleft()

    async def _stored_seq(self) -> int:
        """The last seq of this session the stream holds; -1 for none."""
        try:
            last = await self._stream.get_last_msg(STREAM, self.subject)
        except NotFoundError:
            return -1
        headers = last.headers or {}
        if headers.get(SESSION_HEADER) != self.session.session_id:
            return -1
        try:
            stored = int(headers.get(SEQ_HEADER, "-1"))
        except ValueError:
            return -1
        if stored > self._journal_seq:  # beyond this journal: not this console's record (forged?)
            log.warning("the stream's last record on %s claims seq %d of this session, past the journal's %d",
                        self.subject, stored, self._journal_seq)
            return self._acked
        return stored

    # ------------------------------------------------------------------ summary

    async def _send_summaries(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SUMMARY_EVERY):
                    await self._summary_due.wait()
            self._summary_due.clear()
            try:
                if self._kv is None:
                    self._kv = await summary_bucket(self._stream)
                await self._put_summary(self._kv)
            except Exception as exc:  # the next second tries again; the summary is only ever the latest
                log.debug("bus summary failed: %r", exc)
                self._kv = None
            await asyncio.sleep(SUMMARY_GAP)

    def summary_bytes(self) -> bytes:
        session = self.session
        summary = summarize(session.state, session.now(), room=self.room, session=session.session_id,
                            seq=self._journal_seq, started_wall=session.started_wall, history=session.history,
                            panes=self.panes(), source_age=self.source_age())
        return summary.model_dump_json().encode()

    async def _put_summary(self, kv: KeyValue) -> None:
        await kv.put(self.room, self.summary_bytes())

    # ------------------------------------------------------------------ cues from the floor

    async def _cue(self, msg: Msg) -> None:
        try:
            request = CueRequest.model_validate_json(msg.data)
        except ValidationError:
            answer = CueAnswer(ok=False, code="bad_request", reason=self._texts("bus.cue.bad_request"))
        else:
            refusal = self.session.send_cue(request.text, request.level, origin=f"floor:{request.sender}",
                                            target=request.target)
            if refusal is None:
                record = self.session.state.cues[-1]
                answer = CueAnswer(ok=True, cue=record.cue, reach=list(record.reach) if record.reach is not None else None)
            else:
                answer = CueAnswer(ok=False, code=refusal.code, reason=self._texts.reason(refusal))
        if msg.reply:
            with contextlib.suppress(Exception):
                await msg.respond(answer.model_dump_json().encode())


def _journal_so_far(path) -> list[tuple[int, bytes]]:
    """The header (as seq 0) and every record already in the journal: a resumed show's earlier
    records may never have reached the bus."""
    records: list[tuple[int, bytes]] = []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle):
            line = line.rstrip(b"\n")
            if not line:
                continue
            if number == 0:
                records.append((0, line))
                continue
            try:
                records.append((int(orjson.loads(line)["seq"]), line))
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                continue  # the journal's reader already refused or cut such a line at resume
    return records
