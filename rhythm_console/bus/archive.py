"""The central archive: follows the stream with a durable consumer and writes one journal per
room and session, line for line what the room's console wrote, so report, replay and library
read it like any journal.

A message is acknowledged only after its line is on disk, and a line is written only if its seq
is past the file's last one, so a restart (of the archive, the bus or a console) neither loses
nor repeats a record: the durable consumer resumes where the acknowledgements stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

import orjson
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from rhythm_console.bus.config import EVENTS_SUBJECTS, STREAM, BusConfig
from rhythm_console.bus.connection import connect, ensure_stream
from rhythm_console.bus.messages import SEQ_HEADER, SESSION_HEADER

log = logging.getLogger(__name__)

BATCH = 512
_ROOM = re.compile(r"^rhythm\.([A-Za-z0-9_-]{1,64})\.events$")


def journal_name(session: str) -> str | None:
    """A session (its start, ISO 8601) as a file name that sorts by time; None if it is not one."""
    try:
        started = datetime.fromisoformat(session)
    except ValueError:
        return None
    return f"{started:%Y%m%d-%H%M%S}-{started.microsecond:06d}.jsonl"


@dataclass(eq=False)  # kept in sets by identity
class ArchiveFile:
    path: Path
    last_seq: int = -1  # -1: no header yet
    handle: IO[bytes] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path) -> ArchiveFile:
        archived = cls(path)
        if path.exists():
            lines = path.read_bytes().rstrip(b"\n").split(b"\n")
            archived.last_seq = 0
            if len(lines) > 1:
                with contextlib.suppress(orjson.JSONDecodeError, KeyError, TypeError, ValueError):
                    archived.last_seq = int(orjson.loads(lines[-1])["seq"])
        return archived

    def write(self, line: bytes) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "ab")
        self.handle.write(line + b"\n")

    def sync(self) -> None:
        if self.handle is not None:
            self.handle.flush()
            os.fsync(self.handle.fileno())

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class Archive:
    def __init__(self, config: BusConfig, directory: str | Path, durable: str = "rhythm-archive") -> None:
        self.config = config
        self.directory = Path(directory)
        self.durable = durable
        self.files: dict[tuple[str, str], ArchiveFile] = {}
        self.written = 0
        self.skipped = 0  # repeats, and records whose journal's header the stream no longer holds
        self.connected = False

    async def run(self) -> None:
        """Follow the stream until cancelled. Connecting raises BusRefused / BusUnreachable."""
        client = await connect(self.config, f"rhythm-console archive {self.durable}")
        try:
            js = client.jetstream()
            await ensure_stream(js)
            subscription = await js.pull_subscribe(
                EVENTS_SUBJECTS, durable=self.durable, stream=STREAM,
                config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, deliver_policy=DeliverPolicy.ALL,
                                      max_ack_pending=-1))
            self.connected = True
            while True:
                try:
                    messages = await subscription.fetch(BATCH, timeout=1.0)
                except (NatsTimeout, asyncio.TimeoutError, TimeoutError):
                    continue
                except Exception as exc:  # the bus is away: nats reconnects by itself
                    log.debug("archive fetch failed: %r", exc)
                    await asyncio.sleep(0.5)
                    continue
                touched = {self._take(message.subject, message.headers or {}, message.data) for message in messages}
                for archived in touched - {None}:
                    archived.sync()  # on disk before the bus is told it may forget
                for message in messages:
                    with contextlib.suppress(Exception):
                        await message.ack()
        finally:
            self.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), 2.0)

    def _take(self, subject: str, headers: dict[str, str], data: bytes) -> ArchiveFile | None:
        matched = _ROOM.match(subject)
        session = headers.get(SESSION_HEADER, "")
        name = journal_name(session)
        try:
            seq = int(headers.get(SEQ_HEADER, ""))
        except ValueError:
            seq = -1
        if matched is None or name is None or seq < 0 or b"\n" in data:
            self.skipped += 1
            return None
        key = (matched.group(1), session)
        archived = self.files.get(key)
        if archived is None:
            archived = self.files[key] = ArchiveFile.open(self.directory / matched.group(1) / name)
        if seq <= archived.last_seq or (seq > 0 and archived.last_seq < 0):
            self.skipped += 1
            return None
        archived.write(data)
        archived.last_seq = seq
        self.written += 1
        return archived

    def close(self) -> None:
        for archived in self.files.values():
            archived.close()
