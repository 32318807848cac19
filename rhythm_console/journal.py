"""The recorded session: append-only JSON Lines.

Line 1 is a header holding the whole plan, so a journal stands on its own:

    {"journal": "rhythm-console", "format": 1, "app_version": ..., "started_wall": ...,
     "plan_source": ..., "kind": "live", "run": {...}, "plan": {...}}

`kind` and `run` say what the show was and how it was run (run_settings.py); a journal
written before them reads as a live show with no run recorded.

Every other line is one event record: {"seq": n, "wall": ..., "at": ..., "type": ..., <payload>}.
`at` is seconds since the session's origin on a monotonic clock.

The writer flushes every record to the OS at once, and fsyncs at most every
`fsync_interval` seconds, but always straight after an event in
DURABLE_TYPES (segment boundaries, cues), so a crash loses at most a fraction
of a second of metric samples and never a cue. A headless simulation
(`simulate --instant`) may hold its records and write them `batch` at a time,
whole lines in one write: a simulation killed part way leaves a journal that
reads cleanly up to its last batch, and is made again from its seed. It holds an exclusive lock
(flock) on the file while it writes, so a second console or resume is refused,
and it refuses to write a number that is not finite: the journal only ever
holds valid JSON.

One reader, one set of rules, for report, replay and --resume alike:

- refused, naming the line: a line that is not JSON (or nested too deeply), a
  record that is not an event, a `seq` that is not a positive whole number or
  does not rise (a repeat or a step back), an `at` that is not a time within a
  show (0 to MAX_AT), an absurd figure, a header field of the wrong type, an
  impossible or zone-less start date;
- warned about and read on: a gap in the seqs (records missing), a torn last
  line (a crash mid-write), a byte-order mark at the start, zero bytes at the
  end (a crash on some filesystems): the damaged tail is dropped, and resume
  cuts the file back to the part that reads cleanly.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from math import hypot, isfinite
from operator import itemgetter
from pathlib import Path
from typing import IO, Annotated, Any

import orjson
from pydantic import ValidationError

from rhythm_console import __version__
from rhythm_console.clock import Clock, SystemClock
from rhythm_console.errors import UserError
from rhythm_console.events import (
    DURABLE_TYPES,
    EVENT_ADAPTER,
    JOURNAL_FORMAT,
    Event,
    Extend,
    MetricSample,
    examples_of_texts,
    plain_examples,
    plain_sample,
    sample_of_floats,
)
from rhythm_console.i18n import Said, Texts, lang_for_locale, speak, spoken
from rhythm_console.plan import Plan
from rhythm_console.run_settings import SHOW_KINDS, RunSettings, RunSettingsError
from rhythm_console.textsafe import printable, terminal_safe_value

MAGIC = "rhythm-console"
MAX_AT = 30 * 24 * 3600  # a show and its resumes span days; an `at` beyond a month is damage
MAX_SEQ = 2**53  # seqs stay exact in every JSON reader
MAX_FIGURE = 1e15  # no room figure comes near; larger is damage that would overflow the review's sums
_BOM = b"\xef\xbb\xbf"


class JournalError(Exception):
    """A journal that cannot be read; the message names the file and line, worded when it is said."""

    def __init__(self, said: Said) -> None:
        super().__init__(said)
        self.said = said


class JournalInUse(OSError):
    """Another process is writing this journal."""


class UnwritableRecord(ValueError):
    """A record that is not valid JSON (a number that is not finite): a bug, refused before it is written."""


@dataclass
class JournalHeader:
    plan: Plan
    format: int
    app_version: str
    started_wall: datetime
    plan_source: str | None = None
    kind: str = "live"  # one of run_settings.SHOW_KINDS
    run: RunSettings | None = None  # how the show was run; None in a journal from before it was kept
    drill_of: str | None = None  # a drill's original: that show's session id (its started_wall)
    drill_from: str | None = None  # a drill started at this segment of the original
    trainee: str | None = None  # who ran the drill
    drill_speed: float = 1.0  # show seconds per real second in the drill

    @property
    def session_id(self) -> str:
        """The show's id, as LiveSession.session_id gives it."""
        return self.started_wall.isoformat()


@dataclass
class Journal:
    header: JournalHeader
    events: list[Event]
    seqs: list[int]
    walls: list[str]
    warnings: list[Said] = field(default_factory=list)  # worded where they are said
    torn: bool = False
    valid_bytes: int = 0  # length of the part that reads cleanly; resume truncates to it
    size: int = 0  # bytes in the file when it was read; resume refuses a file that has changed since

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
        kind: str = "live",
        run: RunSettings | None = None,
        header_fields: Mapping[str, str | float] | None = None,
        batch: int = 1,
    ) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.kind = resume_from.header.kind if resume_from is not None else kind  # what the show is: the console says
        self.zone = plan.zone  # the human-readable times are the show's own (a 20:00+08:00 show reads 20:00)
        self.fsync_interval = fsync_interval
        self._sync = sync
        self._last_sync = float("-inf")
        self._dirty = False
        self._last: bytes | None = None  # the latest record's line, as written
        # Where the next line starts, known from the lines written: asking the file (tell) costs a system call
        # a record. None: ask the file (at the start, and after a failed write the file may have moved).
        self._end: int | None = None
        self._batch = 1  # the header goes to the file at once, whatever `batch`
        self._held: list[bytes] = []  # records not yet written (batch > 1): whole lines, written together
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if resume_from is not None:
            # Bytes, not text: a record is made as UTF-8 (orjson's) and goes to the file as it is.
            self._file: IO[bytes] = open(self.path, "r+b")
            self._lock()
            if os.fstat(self._file.fileno()).st_size != resume_from.size:
                self._file.close()
                raise JournalInUse(errno.EBUSY, str(Said("journal.in_use.changed")))
            # Drop a torn tail so the next record starts on a line of its own.
            self._file.truncate(resume_from.valid_bytes)
            self._file.seek(resume_from.valid_bytes)
            if resume_from.valid_bytes and not _ends_with_newline(self.path):
                self._file.write(b"\n")
            self.seq = resume_from.last_seq
            self.started_wall = resume_from.header.started_wall
            self.origin = origin if origin is not None else self.clock.monotonic()
        else:
            self._file = open(self.path, "xb")
            self._lock()
            self.seq = 0
            self.origin = origin if origin is not None else self.clock.monotonic()
            self.started_wall = self._wall()
            header = {
                "journal": MAGIC,
                "format": JOURNAL_FORMAT,
                "app_version": __version__,
                "started_wall": self.started_wall.isoformat(),
                "plan_source": plan_source,
                "kind": kind,
                "run": run.to_json() if run is not None else None,
                **(header_fields or {}),  # a drill's: of which show, from where, by whom, at what speed
                "plan": plan.model_dump(mode="json", by_alias=True, exclude_none=True),
            }
            self._write_line(header)
            self._sync_now()
        self._batch = batch

    def _wall(self) -> datetime:
        wall = self.clock.wall()
        return wall.astimezone(self.zone) if self.zone is not None else wall

    def _lock(self) -> None:
        """Hold the journal exclusively until close; the lock goes with the process if it dies."""
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _lock_holder(self.path)
            self._file.close()
            said = Said("journal.in_use.pid", pid=holder) if holder else Said("journal.in_use.other")
            raise JournalInUse(errno.EBUSY, str(said)) from None

    @property
    def last_line(self) -> str | None:
        """The latest record exactly as written (the bus carries it byte for byte)."""
        return self._last.decode() if self._last is not None else None

    def append(self, event: Event) -> int:
        """Write one event record. On an OSError (a full disk) nothing of the record stays
        in the file, so the journal remains readable, and the error is raised (with `batch`,
        the batch the record completed is what is not written)."""
        seq, wall = self.seq + 1, self._wall().isoformat(timespec="milliseconds")
        line = _sample_line(seq, wall, event) if type(event) is MetricSample else None
        if line is None:
            record = {"seq": seq, "wall": wall}
            record.update(event.model_dump(mode="json", exclude_defaults=False))
            line = _record_line(record, self.path).encode()
        self._put(line)
        self.seq += 1
        if self._held:  # held, not in the file yet: nothing to put on disk
            return self.seq
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
        try:
            self._write_held()
        finally:
            self._sync_now()
            self._file.close()

    def append_line(self, line: str, seq: int) -> None:
        """Append a record line another writer made, byte for byte, as record `seq` (the archive's copy
        of a room's journal; the caller checked it by the reader's rules). On an OSError nothing of
        it stays in the file, as in append; sync_if_due() puts it on disk."""
        self._put(line.encode())
        self.seq = seq

    def _write_line(self, record: dict[str, Any]) -> None:
        self._put(_record_line(record, self.path).encode())

    def _put(self, line: bytes) -> None:
        """On an OSError (a full disk) nothing of the line stays in the file, and the error is raised.
        With `batch`, the line is held until the batch is full."""
        if self._batch > 1:
            self._last = line
            self._held.append(line)
            if len(self._held) >= self._batch:
                self._write_held()
            return
        self._write(line + b"\n")
        self._last = line

    def _write_held(self) -> None:
        """The held lines in one write; on an OSError none of them stays in the file (they are dropped)."""
        held, self._held = self._held, []
        if held:
            held.append(b"")  # the last line ends too
            self._write(b"\n".join(held))

    def _write(self, lines: bytes) -> None:
        """Whole lines to the file; on an OSError nothing of them stays in it, and the error is raised."""
        good = self._end if self._end is not None else self._file.tell()
        try:
            self._file.write(lines)
            self._file.flush()
        except OSError:
            self._end = None
            self._undo_partial_write(good)
            raise
        self._end = good + len(lines)
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


def _record_line(record: dict[str, Any], path: Path) -> str:
    """The record as the journal's line: compact, UTF-8 as is, finite numbers only (UnwritableRecord)."""
    try:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        raise UnwritableRecord(f"{path}: a {record.get('type', 'header')} record holds a number that is not "
                               "finite; it was not written (a bug: the journal stays valid)") from None


# orjson writes a number below 1e-4 otherwise than json does (0.00001 and 1.5e-7 for 1e-05 and
# 1.5e-07); every other value the same. A sample holding one goes through json.
_TINY = 1e-4
# The fields the line below writes, in model_dump's order: a field added to MetricSample is written by
# the general path until it is added here too.
_SAMPLE_FIELDS_KNOWN = tuple(MetricSample.model_fields) == ("at", "type", "values")


def _sample_line(seq: int, wall: str, sample: MetricSample) -> bytes | None:
    """A metric sample's line, byte for byte what _record_line writes, made by orjson (several times
    faster: samples are most of a journal, one a second); None where it cannot be sure of that:
    a figure not finite (the sum of finite figures is finite unless it overflows, then json decides)."""
    values, at = sample.values, sample.at
    if not _SAMPLE_FIELDS_KNOWN or not isfinite(at) or not isfinite(sum(values.values())) or _has_tiny(at, values):
        return None
    try:
        line = orjson.dumps({"seq": seq, "wall": wall, "at": at, "type": sample.type, "values": values})
    except TypeError:  # e.g. text that is not valid UTF-8, a key that is not text: json decides
        return None
    return line


def _has_tiny(at: float, values: Mapping[str, float]) -> bool:
    """Whether a number below 1e-4 (not 0) is among a sample's: a loop over the numbers, twice as fast as
    searching orjson's line for how it writes one (its figures' names are full of e's)."""
    low, high = -_TINY, _TINY  # locals: the bounds not worked out again for each number
    if at and low < at < high:
        return True
    for value in values.values():
        if low < value < high and value:
            return True
    return False


def _lock_holder(path: Path) -> int | None:
    """The pid holding a flock on `path`, from /proc/locks (Linux); None where that cannot be told."""
    try:
        inode = os.stat(path).st_ino
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5].rsplit(":", 1)[-1] == str(inode):
                    return int(fields[4])
    except (OSError, ValueError):
        pass
    return None


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _header(raw: bytes, name: str) -> JournalHeader:
    where = f"{name}:1"
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise JournalError(Said("error.journal.not_json", where=where)) from None
    if not isinstance(data, dict) or data.get("journal") != MAGIC:
        raise JournalError(Said("error.journal.no_header", where=where))
    version = data.get("format")
    if type(version) is not int or version < 1:
        raise JournalError(Said("error.journal.no_format", where=where))
    if version > JOURNAL_FORMAT:
        raise JournalError(Said("error.journal.newer", path=name, version=version, known=JOURNAL_FORMAT,
                                app=__version__))
    for key, types in (("started_wall", (str,)), ("app_version", (str, type(None))),
                       ("plan_source", (str, type(None))), ("plan", (dict,))):
        if not isinstance(data.get(key), types):
            raise JournalError(Said("error.journal.header_field", where=where, key=key,
                                    type=_TYPE_NAMES[types[0]]))
    started = _start_time(data["started_wall"], where)
    for key in ("drill_of", "drill_from", "trainee"):
        if not isinstance(data.get(key), str | None):
            raise JournalError(Said("error.journal.header_text", where=where, key=key))
    speed = data.get("drill_speed", 1.0)
    if type(speed) not in (int, float) or not 0 < speed <= 1000:
        raise JournalError(Said("error.journal.header_speed", where=where))
    try:
        # A plan is refused for a control character now, but a journal written before that rule must
        # still read (nothing flushed is lost): its words come back escaped, as every event's do.
        plan = Plan.model_validate(terminal_safe_value(data["plan"]))
    except ValidationError as exc:
        raise JournalError(Said("error.journal.header_plan", where=where, why=_first_error(exc))) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise JournalError(Said("error.journal.header_plan", where=where, why=str(exc))) from None
    kind, run = _run_fields(data, where)
    return JournalHeader(plan=plan, format=version, app_version=data.get("app_version") or "?",
                         started_wall=started, plan_source=data.get("plan_source"), kind=kind, run=run,
                         drill_of=data.get("drill_of"), drill_from=data.get("drill_from"), trainee=data.get("trainee"),
                         drill_speed=float(speed))


def _run_fields(data: dict[str, Any], where: str) -> tuple[str, RunSettings | None]:
    """The header's kind (missing: "live", as every journal before it was) and run (missing: None)."""
    kind = data.get("kind", "live")
    if kind not in SHOW_KINDS:
        raise JournalError(Said("error.journal.header_kind", where=where, kind=_shown(kind), kinds=list(SHOW_KINDS)))
    if data.get("run") is None:
        return kind, None
    try:
        return kind, RunSettings.from_json(data["run"])
    except RunSettingsError as exc:
        raise JournalError(Said(f"error.journal.run.{exc.expected}", where=where, field=exc.field)) from None


_TYPE_NAMES = {str: ("journal.type.text",), dict: ("journal.type.object",)}  # catalog keys, said in the message's words


def _start_time(text: str, where: str) -> datetime:
    try:
        started = datetime.fromisoformat(text)
    except ValueError:
        raise JournalError(Said("error.journal.start.not_date", where=where, text=repr(text[:40]))) from None
    if started.tzinfo is None or started.utcoffset() is None:
        raise JournalError(Said("error.journal.start.no_zone", where=where, text=repr(text[:40])))
    if not 1970 <= started.year <= 9000:  # a show's times are added to it: keep far from datetime's ends
        raise JournalError(Said("error.journal.start.out_of_range", where=where, text=repr(text[:40])))
    return started


def _check_record(record: Any, where: Callable[[], str], previous_seq: int) -> tuple[int, str]:
    """The record's seq and wall, after the rules pydantic does not know; raises JournalError naming `where()`."""
    if type(record) is not dict:
        raise JournalError(Said("error.journal.record.not_object", where=where()))
    seq = record.pop("seq", None)
    if type(seq) is not int or not 1 <= seq <= MAX_SEQ:
        raise JournalError(Said("error.journal.record.seq", where=where(), seq=_shown(seq)))
    if seq <= previous_seq:
        raise JournalError(Said("error.journal.record.order", where=where(), seq=seq, previous=previous_seq))
    wall = record.pop("wall", "")
    if type(wall) is not str:
        raise JournalError(Said("error.journal.record.wall", where=where()))
    at = record.get("at")
    if (type(at) is int or type(at) is float) and not 0 <= at <= MAX_AT:
        raise JournalError(Said("error.journal.record.at", where=where(), at=at, days=MAX_AT // 86400))
    return seq, wall


def _shown(value: Any) -> str | tuple[str]:
    """A bad value for a message: short, and never a deep structure's repr (a JSON type: a catalog key,
    said in the message's language)."""
    if type(value) in (int, float, str):
        return printable(repr(value)[:40])
    if value is None:
        return ("journal.value.null",)
    kind = type(value).__name__
    return (f"journal.value.{kind}" if kind in ("dict", "list", "bool") else "journal.value.other",)


def _check_event(event: Event, where: Callable[[], str]) -> None:
    """Figures the review adds up must stay far from overflow."""
    if isinstance(event, MetricSample):
        # Most samples: one pass in C. The figures' norm is at least the largest of them, so within the bound
        # it bounds each; beyond it (or NaN), each figure is looked at.
        if hypot(*event.values.values()) <= MAX_FIGURE:
            return
        for name, value in event.values.items():
            if not -MAX_FIGURE <= value <= MAX_FIGURE:
                raise JournalError(Said("error.journal.record.figure", where=where(), name=_shown(name), value=value))
    elif isinstance(event, Extend) and not -MAX_AT <= event.seconds <= MAX_AT:
        raise JournalError(Said("error.journal.record.extend", where=where(), seconds=event.seconds))


def not_json(where: str, line: bytes, error: orjson.JSONDecodeError) -> Said:
    """Where a record stops being JSON: the byte that is no UTF-8 text, else the character JSON cannot take."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as bad:
        return Said("error.journal.record.not_utf8", where=where, byte=bad.start + 1)
    return Said("error.journal.record.not_json", where=where, column=error.pos + 1)


class JournalStream:
    """A journal read one record at a time, by the rules in this module's docstring: the one reader.

    Opening reads the header (JournalError if it cannot be read); iterating yields each record as
    (seq, wall, event) and raises JournalError naming the line where one breaks the rules. Only the
    record being read is held, so a report of a long show needs no more memory than a short one.
    The file is read as it was when opened (a live console may still be appending). `warnings`,
    `torn`, `valid_bytes` and `last_seq` are complete once the records are exhausted.

        with JournalStream(path) as stream:
            for seq, wall, event in stream: ...
    """

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        self.name = name = printable(path)
        if not path.exists():
            raise JournalError(Said("error.no_such_file", path=name))
        if path.is_dir():
            raise JournalError(Said("error.journal.not_journal_dir", path=name))
        try:
            self._file = open(path, "rb")  # noqa: SIM115 (closed by close(), or on leaving `with`)
            self.size = os.fstat(self._file.fileno()).st_size
        except OSError as exc:
            raise JournalError(Said("error.cannot_read", path=name, why=exc.strerror)) from None
        self.torn = False
        self.valid_bytes = 0  # length of the part that reads cleanly; resume truncates to it
        self.last_seq = 0
        self._left = self.size
        self._number = 0
        self._started = False
        self._bom: Said | None = None
        self._zeros: Said | None = None
        self._torn_line: Said | None = None
        self._gaps: list[Said] = []
        self._salvaged: list[int] = []
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    @property
    def warnings(self) -> list[Said]:
        """What was read on past, in the order the file holds it (all of it once the records are read);
        worded where it is said (stderr, the report), in that language."""
        warnings = [said for said in (self._bom, self._zeros, self._torn_line) if said is not None]
        if self._salvaged:
            where, more = f"{self.name}:{self._salvaged[0]}", len(self._salvaged) - 1
            warnings.append(Said("journal.warning.salvaged_more", where=where, more=more) if more
                            else Said("journal.warning.salvaged", where=where))
        if self._gaps:
            first, more = self._gaps[0], len(self._gaps) - 1
            warnings.append(Said("journal.warning.gaps", **first.values, more=more) if more else first)
        return warnings

    def _lines(self) -> Iterator[tuple[bytes, bool]]:
        """Each line's bytes, and whether it ended with a newline (only the last may not). The newline is kept:
        JSON reads past it, and most lines need no copy without it."""
        read = self._file.readline
        while self._left > 0:
            try:
                raw = read(self._left)
            except OSError as exc:
                raise JournalError(Said("error.cannot_read", path=self.name, why=exc.strerror)) from None
            if not raw:
                return
            self._left -= len(raw)
            self._number += 1
            if self._number == 1 and raw.startswith(_BOM):
                self._bom = Said("journal.warning.bom", where=f"{self.name}:1")
                self.valid_bytes = len(_BOM)
                raw = raw[len(_BOM):]
            if raw.endswith(b"\n"):
                yield raw, True
                continue
            content = raw.rstrip(b"\0")
            if len(content) < len(raw):
                self.torn = True
                self._zeros = Said("journal.warning.zeros", path=self.name, count=len(raw) - len(content))
            if content:
                yield content, False
            return

    def _read_header(self) -> JournalHeader:
        self._records = self._lines()
        for raw, ended in self._records:
            self.valid_bytes += len(raw)
            if raw.strip():
                return _header(raw[:-1] if ended else raw, self.name)
        raise JournalError(Said("error.journal.empty", path=self.name))

    def __iter__(self) -> Iterator[tuple[int, str, Event]]:
        if self._started:
            raise RuntimeError("a journal stream is read once")
        self._started = True
        loads, where, written = orjson.loads, self._where, _one_pass().read
        for raw, ended in self._records:
            if raw.isspace():  # a blank line (a torn last line is never empty)
                self.valid_bytes += len(raw)
                continue
            try:
                read = written(raw, self.last_seq)  # most records
                if read is None:
                    try:
                        record = loads(raw)
                    except orjson.JSONDecodeError:
                        record = self._unparsed(raw[:-1] if ended else raw)
                    read = _checked(record, where, self.last_seq)
                seq, wall, event = read
            except JournalError:
                if not ended:  # the last line, cut mid-write
                    self.torn = True
                    self._torn_line = Said("journal.warning.torn", where=self._where())
                    return
                raise
            if seq != self.last_seq + 1 and self.last_seq:
                self._gaps.append(Said("journal.warning.gap", where=self._where(), seq=seq, previous=self.last_seq))
            self.last_seq = seq
            self.valid_bytes += len(raw)
            yield seq, wall, event

    def _unparsed(self, line: bytes) -> dict[str, Any]:
        """A line that is not JSON: the sample an earlier version wrote with NaN, or JournalError."""
        record = _salvaged_sample(line)
        if record is not None:
            self._salvaged.append(self._number)
            return record
        try:  # again without its newline, so the place named is within the line
            orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise JournalError(not_json(self._where(), line, exc)) from None
        raise AssertionError("JSON that reads only without its newline")

    def _where(self) -> str:
        """The line being read, as messages name it (made only for a message: most lines need none)."""
        return f"{self.name}:{self._number}"

    def events(self) -> Iterator[Event]:
        """The records' events alone, in order."""
        return map(itemgetter(2), self)  # in C: a review reads every record through it

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JournalStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def checked_record(record: Any, where: str, previous_seq: int) -> tuple[int, str, Event]:
    """One parsed record line by the reader's rules (its seq must rise past `previous_seq`):
    its seq, wall and event, or JournalError naming `where`. The archive checks what the bus
    brings with it, so a copy of a journal holds only what the reader reads."""
    return _checked(record, lambda: where, previous_seq)


class _OnePass:
    """Lines holding a metric sample or comment examples as the writer writes them (most of a journal), parsed
    and checked against their types and the reader's bounds in one pass, in C (msgspec). Made when a journal is
    first read (`_one_pass`): a console that only writes one never imports msgspec."""

    def __init__(self) -> None:
        import msgspec

        written = [("seq", Annotated[int, msgspec.Meta(ge=1, le=MAX_SEQ)]), ("wall", str),
                   ("at", Annotated[float, msgspec.Meta(ge=0, le=MAX_AT)])]
        self._sample = msgspec.defstruct(
            "WrittenSample", [*written, ("values", dict[str, Annotated[float, msgspec.Meta(ge=-MAX_FIGURE,
                                                                                           le=MAX_FIGURE)]])],
            tag_field="type", tag="metric_sample", forbid_unknown_fields=True)
        examples = msgspec.defstruct("WrittenExamples", [*written, ("examples", dict[str, list[str]])],
                                     tag_field="type", tag="comment_examples", forbid_unknown_fields=True)
        self._decode = msgspec.json.Decoder(self._sample | examples).decode
        self._refused = msgspec.MsgspecError

    def read(self, raw: bytes, previous_seq: int) -> tuple[int, str, Event] | None:
        """The line read by the rules of `_checked`, their checks made as it is parsed: the seq, wall and event
        `_checked` gives it. None for any other line, and for one those rules refuse or validation would change:
        `_checked` reads those, and words what is wrong."""
        try:
            record: Any = self._decode(raw)  # one of the two structs made above
        except self._refused:
            return None
        if record.seq <= previous_seq:
            return None
        sample = type(record) is self._sample
        if sample:
            event: Event | None = sample_of_floats(record.at, record.values)
        else:
            event = examples_of_texts(record.at, record.examples)
        return None if event is None else (record.seq, record.wall, event)


@cache
def _one_pass() -> _OnePass:
    return _OnePass()


def _checked(record: Any, where: Callable[[], str], previous_seq: int) -> tuple[int, str, Event]:
    """checked_record, naming the line only when there is something to say (`where()`): the stream
    reads thousands of lines that need no name."""
    seq, wall = _check_record(record, where, previous_seq)
    event: Event | None = plain_sample(record)  # most records: a sample as the writer wrote it
    if event is None:
        event = plain_examples(record)  # the most of the rest
    if event is None:
        try:
            event = EVENT_ADAPTER.validate_python(record)
        except ValidationError as exc:
            raise JournalError(Said("error.journal.record.invalid", where=where(), why=_first_error(exc))) from None
        except (ValueError, TypeError, RecursionError) as exc:
            raise JournalError(Said("error.journal.record.invalid", where=where(), why=type(exc).__name__)) from None
    _check_event(event, where)
    return seq, wall, event


read_header = _header  # the first line's rules, for the archive's check of a header from the bus


def read_journal(path: str | Path) -> Journal:
    """A whole journal read into memory, by the stream's rules: JournalError naming the line, or a
    Journal with its warnings. For readers that go back and forth (replay, resume); a single pass
    (the report) reads a JournalStream."""
    events: list[Event] = []
    seqs: list[int] = []
    walls: list[str] = []
    with JournalStream(path) as stream:
        for seq, wall, event in stream:
            events.append(event)
            seqs.append(seq)
            walls.append(wall)
    return Journal(header=stream.header, events=events, seqs=seqs, walls=walls, warnings=stream.warnings,
                   torn=stream.torn, valid_bytes=stream.valid_bytes, size=stream.size)


def _salvaged_sample(raw: bytes) -> dict[str, Any] | None:
    """A metric sample from an earlier version that wrote NaN or Infinity for a figure, without those
    figures; None for any other line that is not JSON. Such journals hold a whole show worth keeping."""
    constants: list[str] = []
    try:
        record = json.loads(raw, parse_constant=lambda name: constants.append(name))
    except (ValueError, RecursionError):
        return None
    if not constants or type(record) is not dict or record.get("type") != "metric_sample":
        return None
    values = record.get("values")
    if type(values) is not dict:
        return None
    record["values"] = {key: value for key, value in values.items() if value is not None}
    return record


def _first_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field_path = ".".join(str(part) for part in first["loc"])
    return printable(f"{field_path}: {first['msg']}" if field_path else first["msg"])


def default_journal_path(plan_path: str | Path, wall: datetime, directory: str | Path = "sessions") -> Path:
    stem = Path(plan_path).stem
    return Path(directory) / f"{wall:%Y%m%d-%H%M%S}-{stem}.jsonl"


def read_journal_for_command(path: str | Path, lang: str | None = None) -> tuple[Journal, str]:
    """Read a journal for a command (replay, resume): one clear line if it cannot be
    read, its warnings on stderr, and the language to speak (`lang`, else the recorded plan's)."""
    try:
        journal = read_journal(path)
    except JournalError as exc:
        raise UserError(exc.said) from None
    lang = lang or lang_for_locale(journal.header.plan.show.locale.value)
    speak(lang)  # the command's later messages are said in it, the reader's warnings first
    _say_warnings(journal.warnings)
    return journal, lang


@contextmanager
def stream_journal_for_command(path: str | Path) -> Iterator[JournalStream]:
    """A journal streamed for a command that reads it once (report, compare): one clear line if it
    cannot be read, at whichever record, and its warnings on stderr once it has been read."""
    try:
        with JournalStream(path) as stream:
            yield stream
    except JournalError as exc:
        raise UserError(exc.said) from None
    _say_warnings(stream.warnings)


def _say_warnings(warnings: list[Said]) -> None:
    texts = Texts(spoken())
    for warning in warnings:
        print(texts("journal.warning", warning=warning.in_language(texts.lang)), file=sys.stderr)
