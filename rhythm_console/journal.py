"""The recorded session: append-only JSON Lines.

Line 1 is a header holding the whole plan, so a journal stands on its own:

    {"journal": "rhythm-console", "format": 1, "app_version": ..., "started_wall": ...,
     "plan_source": ..., "plan": {...}}

Every other line is one event record: {"seq": n, "wall": ..., "at": ..., "type": ..., <payload>}.
`at` is seconds since the session's origin on a monotonic clock.

The writer flushes every record to the OS at once, and fsyncs at most every
`fsync_interval` seconds, but always straight after an event in
DURABLE_TYPES (segment boundaries, cues), so a crash loses at most a fraction
of a second of metric samples and never a cue.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import orjson
from pydantic import ValidationError

from rhythm_console import __version__
from rhythm_console.clock import Clock, SystemClock
from rhythm_console.events import DURABLE_TYPES, EVENT_ADAPTER, JOURNAL_FORMAT, Event
from rhythm_console.plan import Plan

MAGIC = "rhythm-console"


class JournalError(Exception):
    """A journal that cannot be read; the message names the file and line."""


@dataclass
class JournalHeader:
    plan: Plan
    format: int
    app_version: str
    started_wall: datetime
    plan_source: str | None = None


@dataclass
class Journal:
    header: JournalHeader
    events: list[Event]
    seqs: list[int]
    walls: list[str]
    warnings: list[str] = field(default_factory=list)
    torn: bool = False
    valid_bytes: int = 0  # length of the part that reads cleanly; resume truncates to it

    @property
    def last_seq(self) -> int:
        return self.seqs[-1] if self.seqs else 0


class JournalWriter:
    """Appends event records; creates the file with its header, or continues one (resume)."""

    def __init__(
        self,
        path: str | Path,
        plan: Plan,
        *,
        clock: Clock | None = None,
        origin: float | None = None,
        plan_source: str | None = None,
        fsync_interval: float = 0.2,
        sync: Callable[[int], None] = os.fsync,
        resume_from: Journal | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.fsync_interval = fsync_interval
        self._sync = sync
        self._last_sync = float("-inf")
        self._dirty = False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume_from is not None:
            self._file: IO[str] = open(self.path, "r+", encoding="utf-8", newline="\n")
            # Drop a torn tail so the next record starts on a line of its own.
            self._file.truncate(resume_from.valid_bytes)
            self._file.seek(resume_from.valid_bytes)
            if resume_from.valid_bytes and not _ends_with_newline(self.path):
                self._file.write("\n")
            self.seq = resume_from.last_seq
            self.started_wall = resume_from.header.started_wall
            self.origin = origin if origin is not None else self.clock.monotonic()
        else:
            self._file = open(self.path, "x", encoding="utf-8", newline="\n")
            self.seq = 0
            self.origin = origin if origin is not None else self.clock.monotonic()
            self.started_wall = self.clock.wall()
            header = {
                "journal": MAGIC,
                "format": JOURNAL_FORMAT,
                "app_version": __version__,
                "started_wall": self.started_wall.isoformat(),
                "plan_source": plan_source,
                "plan": plan.model_dump(mode="json", by_alias=True, exclude_none=True),
            }
            self._write_line(header)
            self._sync_now()

    def append(self, event: Event) -> int:
        """Write one event record. On an OSError (a full disk) nothing of the record stays
        in the file, so the journal remains readable, and the error is raised."""
        record = {"seq": self.seq + 1, "wall": self.clock.wall().isoformat(timespec="milliseconds")}
        record.update(event.model_dump(mode="json", exclude_defaults=False))
        good = self._file.tell()
        try:
            self._write_line(record)
        except OSError:
            self._undo_partial_write(good)
            raise
        self.seq += 1
        if event.type in DURABLE_TYPES or self.clock.monotonic() - self._last_sync >= self.fsync_interval:
            self._sync_now()
        return self.seq

    def _undo_partial_write(self, good: int) -> None:
        try:
            self._file.seek(good)
            self._file.truncate(good)
        except (OSError, ValueError):
            pass  # the reader drops a torn last line anyway

    def sync_if_due(self) -> None:
        """Call now and then (e.g. once a second) so quiet periods still reach the disk."""
        if self._dirty and self.clock.monotonic() - self._last_sync >= self.fsync_interval:
            self._sync_now()

    def close(self) -> None:
        if self._file.closed:
            return
        self._sync_now()
        self._file.close()

    def _write_line(self, record: dict[str, Any]) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._file.flush()
        self._dirty = True

    def _sync_now(self) -> None:
        if self._dirty:
            self._sync(self._file.fileno())
            self._dirty = False
        self._last_sync = self.clock.monotonic()

    def __enter__(self) -> JournalWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _header(line: str, name: str) -> JournalHeader:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        raise JournalError(f"{name}:1: not a Rhythm Console journal (the first line is not JSON)") from None
    if not isinstance(data, dict) or data.get("journal") != MAGIC:
        raise JournalError(f"{name}:1: not a Rhythm Console journal (no header)")
    version = data.get("format")
    if not isinstance(version, int):
        raise JournalError(f"{name}:1: the header has no format version")
    if version > JOURNAL_FORMAT:
        raise JournalError(
            f"{name}: journal format {version} is newer than this Rhythm Console understands "
            f"(format {JOURNAL_FORMAT}, version {__version__}); upgrade rhythm-console to read it"
        )
    try:
        plan = Plan.model_validate(data["plan"])
        started = datetime.fromisoformat(data["started_wall"])
    except (KeyError, ValueError, ValidationError) as exc:
        raise JournalError(f"{name}:1: the header's plan or start time cannot be read ({str(exc).splitlines()[0]})") from None
    return JournalHeader(plan=plan, format=version, app_version=str(data.get("app_version", "?")),
                         started_wall=started, plan_source=data.get("plan_source"))


def iter_lines(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(line number, raw line, ends with newline) for each line."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            yield number, raw, raw.endswith(b"\n")


def read_journal(path: str | Path) -> Journal:
    """Read a whole journal. A torn last line (a crash mid-write) is dropped with a
    warning; damage anywhere else is a JournalError naming the line."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise JournalError(f"{name}: no such file")
    if path.is_dir():
        raise JournalError(f"{name}: is a directory, not a journal")
    header: JournalHeader | None = None
    events: list[Event] = []
    seqs: list[int] = []
    walls: list[str] = []
    warnings: list[str] = []
    torn = False
    valid_bytes = 0
    validate = EVENT_ADAPTER.validate_python
    lines = list(iter_lines(path))
    for number, raw, complete in lines:
        is_last = number == len(lines)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if is_last:
                torn = True
                warnings.append(f"{name}:{number}: the last line is torn (cut mid-write); it was dropped")
                break
            raise JournalError(f"{name}:{number}: not UTF-8 text") from None
        if not text.strip():
            valid_bytes += len(raw)
            continue
        if header is None:
            header = _header(text, name)
            valid_bytes += len(raw)
            continue
        try:
            record = orjson.loads(raw)
            seq = record.pop("seq")
            wall = record.pop("wall", "")
            event = validate(record)
        except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError, ValidationError) as exc:
            if is_last and not complete:
                torn = True
                warnings.append(f"{name}:{number}: the last line is torn (cut mid-write); it was dropped")
                break
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else type(exc).__name__
            raise JournalError(f"{name}:{number}: not a valid event record ({reason})") from None
        events.append(event)
        seqs.append(seq)
        walls.append(wall)
        valid_bytes += len(raw)
    if header is None:
        raise JournalError(f"{name}: the journal is empty")
    return Journal(header=header, events=events, seqs=seqs, walls=walls, warnings=warnings,
                   torn=torn, valid_bytes=valid_bytes)


def default_journal_path(plan_path: str | Path, wall: datetime, directory: str | Path = "sessions") -> Path:
    stem = Path(plan_path).stem
    return Path(directory) / f"{wall:%Y%m%d-%H%M%S}-{stem}.jsonl"
