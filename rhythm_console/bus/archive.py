"""The central archive: follows the stream with a durable consumer and writes one journal per
room and session, line for line what the room's console wrote, so report, replay and library
read it like any journal.

Nothing on the bus is trusted as it comes (anyone who may publish on a room's subject could
forge a record): every record is checked by the journal's own reader rules and must be the next
seq of its session's file, whose header names that very session. What fails is quarantined in
a `.rejected` file beside the archive file (one JSON line each, with the reason), never written
into it, so the archived journal always reads and the room goes on being archived.

A message is acknowledged only after its line (or its quarantine) is on disk, and a line is
written only if its seq is the file's next, so a restart (of the archive, the bus or a console)
neither loses nor repeats a record: the durable consumer resumes where the acknowledgements
stopped. If the bus lost its store, the consumer is gone with it: the archive notices, makes it
again and reads the stream from the start as the consoles publish their journals again,
skipping what it already holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import orjson
from nats.aio.client import Client
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from rhythm_console.bus.config import EVENTS_SUBJECTS, STREAM, BusConfig, archive_inbox
from rhythm_console.bus.connection import connect, ensure_stream
from rhythm_console.bus.messages import SEQ_HEADER, SESSION_HEADER
from rhythm_console.i18n import Said
from rhythm_console.journal import (
    Journal,
    JournalError,
    JournalHeader,
    JournalWriter,
    checked_record,
    not_json,
    read_header,
    read_journal,
)

log = logging.getLogger(__name__)

BATCH = 512
CONSUMER_CHECK_EVERY = 5.0  # seconds between asking, while the stream is quiet or failing, whether the consumer is still there
QUARANTINED_BYTES = 4096  # of a refused message's data kept in its quarantine line
UNFILED = "unfiled.rejected"  # refused messages that name no room or session
_ROOM = re.compile(r"^rhythm\.([A-Za-z0-9_-]{1,64})\.events$")


def journal_name(session: str) -> str | None:
    """A session (its start, ISO 8601) as a file name that sorts by time; None if it is not one."""
    try:
        started = datetime.fromisoformat(session)
    except ValueError:
        return None
    return f"{started:%Y%m%d-%H%M%S}-{started.microsecond:06d}.jsonl"


class Refused(Exception):
    """A message the archive will not write: the reason (a Said, worded in the archive's language), for the
    quarantine."""

    def __init__(self, said: Said) -> None:
        super().__init__(said)


@dataclass(eq=False)  # kept in sets by identity
class ArchiveFile:
    """One archived journal: the journal's own reader says where it stands (a torn tail is cut back
    by the journal's own writer before anything is appended), the writer appends the room's lines."""

    path: Path
    session: str | None = None  # the session its header names; None before the header arrived
    last_seq: int = -1  # -1: no header yet
    writer: JournalWriter | None = field(default=None, repr=False)
    unreadable: Said | None = None  # why an existing file cannot be continued: its records are quarantined

    @classmethod
    def open(cls, path: Path) -> ArchiveFile:
        if not path.exists() or path.stat().st_size == 0:  # empty: a crash between creating it and its header
            return cls(path)
        try:
            journal = read_journal(path)
        except JournalError as exc:
            log.error("%s", Said("archive.log.cannot_continue", path=path, why=exc.said))
            return cls(path, unreadable=Said("archive.refused.unreadable", why=exc.said))
        if journal.torn:
            log.warning("%s", Said("archive.log.torn", path=path, seq=journal.last_seq))
        archived = cls(path, session=journal.header.started_wall.isoformat(), last_seq=journal.last_seq)
        archived.writer = _continue(path, journal)
        return archived

    def check(self, seq: int, session: str, data: bytes, where: str) -> None:
        """Raises Refused unless `data` is this file's next record, by the journal reader's rules."""
        if self.unreadable is not None:
            raise Refused(self.unreadable)
        if self.session is not None and session != self.session:
            raise Refused(Said("archive.refused.other_file", file=self.path.name, session=self.session))
        if b"\n" in data:
            raise Refused(Said("archive.refused.line_break"))
        if self.last_seq < 0:
            if seq != 0:
                raise Refused(Said("archive.refused.before_header", seq=seq))
            header = _header(data, where)
            if header.started_wall.isoformat() != session:
                raise Refused(Said("archive.refused.other_start", start=header.started_wall.isoformat(),
                                   session=session))
            return
        if seq != self.last_seq + 1:
            raise Refused(Said("archive.refused.not_next", seq=seq, last=self.last_seq))
        try:
            record: Any = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise Refused(not_json(where, data, exc)) from None
        if type(record) is dict and record.get("seq") != seq:
            raise Refused(Said("archive.refused.seq_differs", where=where, said=str(record.get("seq"))[:20],
                               header=SEQ_HEADER, seq=seq))
        try:
            checked_record(record, where, self.last_seq)
        except JournalError as exc:
            raise Refused(exc.said) from None

    def write(self, seq: int, session: str, data: bytes) -> None:
        line = data.decode("utf-8")  # checked: orjson read it, and it reads only UTF-8
        if self.writer is None:
            header = _header(data, str(self.path))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()
            self.writer = _continue(self.path, Journal(header=header, events=[], seqs=[], walls=[]))
            self.session = session
        self.writer.append_line(line, seq)
        self.last_seq = seq

    def sync(self) -> None:
        if self.writer is not None:
            self.writer.sync_if_due()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def _continue(path: Path, journal: Journal) -> JournalWriter:
    """The journal's writer on an archive file (locked, torn tail cut); synced after every batch."""
    return JournalWriter(path, journal.header.plan, resume_from=journal, fsync_interval=0.0)


def _header(data: bytes, where: str) -> JournalHeader:
    try:
        return read_header(data, where)
    except JournalError as exc:
        raise Refused(exc.said) from None


class Quarantine:
    """`.rejected` files: one JSON line per refused message, with why; synced with the archive files."""

    def __init__(self) -> None:
        self.handles: dict[Path, IO[bytes]] = {}
        self.dirty: set[Path] = set()

    def add(self, path: Path, subject: str, headers: dict[str, str], data: bytes, reason: str) -> None:
        entry = {"received": datetime.now().astimezone().isoformat(timespec="milliseconds"), "subject": subject,
                 "session": headers.get(SESSION_HEADER), "seq": headers.get(SEQ_HEADER), "reason": reason,
                 "data": data[:QUARANTINED_BYTES].decode("utf-8", errors="backslashreplace"), "bytes": len(data)}
        handle = self.handles.get(path)
        if handle is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.handles[path] = open(path, "ab")
        handle.write(orjson.dumps(entry) + b"\n")
        self.dirty.add(path)

    def sync(self) -> None:
        for path in self.dirty:
            handle = self.handles[path]
            handle.flush()
            os.fsync(handle.fileno())
        self.dirty.clear()

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles.clear()


class Archive:
    def __init__(self, config: BusConfig, directory: str | Path, durable: str = "rhythm-archive") -> None:
        self.config = config
        self.directory = Path(directory)
        self.durable = durable
        self.files: dict[Path, ArchiveFile] = {}
        self.quarantine = Quarantine()
        self.written = 0
        self.skipped = 0  # records it already holds (a redelivery, or a console publishing its journal again)
        self.rejected = 0  # quarantined
        self.recreated = 0  # times the durable consumer was found gone and made again
        self.connected = False

    async def run(self) -> None:
        """Follow the stream until cancelled. Connecting raises BusRefused / BusUnreachable."""
        client = await connect(self.config, f"rhythm-console archive {self.durable}", inbox_prefix=archive_inbox())
        try:
            js = client.jetstream()
            subscription = await self._subscribe(js)
            self.connected = True
            checked = time.monotonic()
            while True:
                try:
                    messages = await subscription.fetch(BATCH, timeout=1.0)
                except Exception as exc:  # idle (a timeout) or the bus is away: nats reconnects by itself
                    if not isinstance(exc, (NatsTimeout, asyncio.TimeoutError, TimeoutError)):
                        log.debug("archive fetch failed: %r", exc)
                        await asyncio.sleep(0.5)
                    if time.monotonic() - checked >= CONSUMER_CHECK_EVERY:
                        checked = time.monotonic()
                        subscription = await self._heal(js, client, subscription)
                    continue
                self._store(messages)
                for message in messages:
                    with contextlib.suppress(Exception):
                        await message.ack()
        finally:
            self.close()
            with contextlib.suppress(Exception):
                async with asyncio.timeout(2.0):
                    await client.close()

    async def _subscribe(self, js: JetStreamContext) -> Any:
        await ensure_stream(js)
        return await js.pull_subscribe(
            EVENTS_SUBJECTS, durable=self.durable, stream=STREAM,
            config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, deliver_policy=DeliverPolicy.ALL, max_ack_pending=-1))

    async def _heal(self, js: JetStreamContext, client: Client, subscription: Any) -> Any:
        """The durable consumer (or the whole stream) is gone when the bus lost its store: make them again
        and read the stream from its start, as the consoles publish their journals again."""
        if not client.is_connected:
            return subscription
        try:
            await js.consumer_info(STREAM, self.durable)
            return subscription
        except NotFoundError:
            pass
        except Exception as exc:  # the bus is away again: the next check asks again
            log.debug("archive consumer check failed: %r", exc)
            return subscription
        with contextlib.suppress(Exception):
            await subscription.unsubscribe()
        try:
            fresh = await self._subscribe(js)
        except Exception as exc:
            log.warning("%s", Said("archive.log.consumer_failed", durable=self.durable, why=str(exc)))
            return subscription
        self.recreated += 1
        log.warning("%s", Said("archive.log.consumer_made", durable=self.durable))
        return fresh

    def _store(self, messages: list[Any]) -> None:
        """Write or quarantine a batch, then put it on disk: only then may the bus forget it."""
        touched = {self._take(message.subject, message.headers or {}, message.data) for message in messages}
        for archived in touched:
            if archived is not None:  # None: quarantined, synced below
                archived.sync()
        self.quarantine.sync()

    def _take(self, subject: str, headers: dict[str, str], data: bytes) -> ArchiveFile | None:
        matched = _ROOM.match(subject)
        session = headers.get(SESSION_HEADER, "")
        name = journal_name(session)
        if matched is None or name is None:
            what = (Said("archive.refused.no_room") if matched is None
                    else Said("archive.refused.no_session", header=SESSION_HEADER, value=repr(session[:64])))
            self._reject(self.directory / UNFILED, subject, headers, data, what)
            return None
        path = self.directory / matched.group(1) / name
        raw_seq = headers.get(SEQ_HEADER, "")
        seq = int(raw_seq) if raw_seq.isascii() and raw_seq.isdigit() and len(raw_seq) < 17 else -1
        archived = self.files.get(path)
        if archived is None:
            archived = self.files[path] = ArchiveFile.open(path)
        try:
            if seq < 0:
                raise Refused(Said("archive.refused.seq_header", header=SEQ_HEADER, value=repr(raw_seq[:20])))
            if archived.session in (None, session) and 0 <= seq <= archived.last_seq:
                self.skipped += 1  # already archived
                return None
            archived.check(seq, session, data, f"{matched.group(1)}/{name} seq {seq}")
        except Refused as refusal:
            self._reject(path.with_name(path.name + ".rejected"), subject, headers, data, refusal.args[0])
            return None
        archived.write(seq, session, data)
        self.written += 1
        return archived

    def _reject(self, where: Path, subject: str, headers: dict[str, str], data: bytes, why: Said) -> None:
        self.rejected += 1
        reason = str(why)  # in the archive's language, on stderr and in the quarantine alike
        log.warning("%s", Said("archive.log.refused", subject=subject, seq=str(headers.get(SEQ_HEADER)), reason=reason))
        self.quarantine.add(where, subject, headers, data, reason)

    def close(self) -> None:
        for archived in self.files.values():
            archived.close()
        self.quarantine.close()
