"""The show library: an SQLite index of journals, rebuilt from them at will (the journals are the truth).

A show is known by its journal's header line (the plan and the start time),
so the same journal added twice, or copied elsewhere, is one show; a journal
that grew since it was added (annotations, a resumed show) is read again.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.journal import JournalError, JournalStream
from rhythm_console.library.schema import busy, is_busy, open_library
from rhythm_console.review import build_review
from rhythm_console.review.records import (
    AlertRow,
    CueRow,
    NoteRow,
    SegmentRecord,
    ShowLine,
    ShowRecord,
    show_record,
)
from rhythm_console.textsafe import printable

Outcome = Literal["added", "updated", "unchanged"]

_CHILDREN = {"segments", "cues", "alerts", "notes", "team"}
SHOW_COLUMNS = [f.name for f in fields(ShowRecord) if f.name not in _CHILDREN]
SEGMENT_COLUMNS = [f.name for f in fields(SegmentRecord)]
CUE_COLUMNS = [f.name for f in fields(CueRow)]
ALERT_COLUMNS = [f.name for f in fields(AlertRow)]
NOTE_COLUMNS = [f.name for f in fields(NoteRow)]
LINE_COLUMNS = [f.name for f in fields(ShowLine)]


@dataclass
class StoredShow:
    id: int
    journal: str
    record: ShowRecord


@dataclass
class Hardest:
    """A show as drill material: its over-runs (in its record), alerts, urgent cues never acknowledged, worst segment."""

    show: StoredShow
    alerts: int
    unacked_urgent: int
    worst_segment: str | None


PREFIX = 64 * 1024  # a journal's first bytes tell its show: two shows of one plan differ within them


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _identity(path: Path, prefix_length: int = PREFIX) -> tuple[str, bytes]:
    """The digest of the journal's header line (the plan and the start), and its first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(prefix_length)
    except OSError as exc:
        raise UserError(Said("error.cannot_read", path=printable(path), why=exc.strerror or exc)) from None
    header = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return _digest(header), head


class Library:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Library:
        return cls(open_library(path, create=create), path)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ adding

    def add_journal(self, journal_path: str | Path) -> Outcome:
        """Index one journal; UserError naming it if it cannot be read, or if the library stays busy."""
        path = Path(journal_path)
        if not path.is_file():
            raise UserError(Said("error.library.no_journal", path=printable(path)))
        key, head = _identity(path)
        size = path.stat().st_size
        with self._guarded():
            known = self.connection.execute("SELECT journal_size FROM shows WHERE show_key = ?", (key,)).fetchone()
        if known is not None and known[0] >= size:  # read again inside the write, should another process race
            return "unchanged"
        try:
            with JournalStream(path) as journal:
                header = journal.header
                record = show_record(build_review(header.plan, journal.events(), started_wall=header.started_wall))
        except JournalError as exc:
            raise UserError(exc.said) from None
        record.session_id, record.drill_of, record.trainee = header.session_id, header.drill_of, header.trainee
        record.kind = header.kind
        return self.store(record, key=key, prefix=_digest(head), journal=str(path.resolve()), size=size,
                          last_seq=journal.last_seq)

    def store(self, record: ShowRecord, *, key: str, prefix: str, journal: str, size: int,
              last_seq: int) -> Outcome:
        """Write one show's records in one transaction: a show is one row (its journal's header line, `key`),
        replaced only by a longer journal of it (annotated, resumed). The check is inside the writing
        transaction, so processes adding the same journals at once still leave one row per show."""
        with self._guarded(), self._writing():
            known = self.connection.execute("SELECT id, journal_size FROM shows WHERE show_key = ?",
                                            (key,)).fetchone()
            if known is not None and known[1] >= size:
                return "unchanged"
            if known is not None:
                self.connection.execute("DELETE FROM shows WHERE id = ?", (known[0],))
            values = [getattr(record, name) for name in SHOW_COLUMNS]
            names = ["show_key", "prefix_digest", "journal", "journal_size", "last_seq", *SHOW_COLUMNS]
            cursor = self.connection.execute(
                f"INSERT INTO shows ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [key, prefix, journal, size, last_seq, *values])
            show_id = cursor.lastrowid
            if show_id is None:  # sqlite3 sets it on every INSERT
                raise sqlite3.DatabaseError("the show's row has no id")
            self._insert("segments", SEGMENT_COLUMNS, show_id, record.segments)
            self._insert("cues", CUE_COLUMNS, show_id, record.cues)
            self._insert("alerts", ALERT_COLUMNS, show_id, record.alerts)
            self._insert("notes", NOTE_COLUMNS, show_id, record.notes)
            self.connection.executemany(
                "INSERT INTO products (show_id, sku, name, segment_id) VALUES (?, ?, ?, ?)",
                [(show_id, s.sku, s.product or s.sku, s.segment_id) for s in record.segments if s.sku])
            self.connection.executemany(
                "INSERT INTO people (show_id, name, role) VALUES (?, ?, ?)",
                [(show_id, name, role) for role, names in record.team.items() for name in names])
        return "updated" if known is not None else "added"

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE: waits for another writer, never fails midway)."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """SQLite's errors as one line: busy past the wait, or damaged."""
        try:
            yield
        except sqlite3.Error as exc:
            if is_busy(exc):
                raise busy(self.path) from None
            raise UserError(Said("error.library.unusable", path=printable(self.path), why=exc)) from None

    def _insert(self, table: str, columns: list[str], show_id: int, rows: list) -> None:
        if rows:
            self.connection.executemany(
                f"INSERT INTO {table} (show_id, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})",
                [(show_id, *(getattr(row, name) for name in columns)) for row in rows])

    def journals(self) -> list[str]:
        with self._guarded():
            return [row[0] for row in self.connection.execute("SELECT journal FROM shows ORDER BY started_wall, id")]

    # ------------------------------------------------------------ reading

    def shows(self, *, last: int | None = None, plan: str | None = None, person: str | None = None,
              since: str | None = None, kinds: tuple[str, ...] | None = None,
              complete: bool = False) -> list[StoredShow]:
        """Shows oldest first (without their rows): the newest `last` of those that match; `kinds`: only shows
        of those kinds (live, rehearsal, simulated, drill); `complete`: aborted shows left out."""
        sql, params = self._select(f"id, journal, {', '.join(SHOW_COLUMNS)}", last=last, plan=plan, person=person,
                                   since=since, kinds=kinds, complete=complete)
        return self._read_shows(sql, params)[::-1]

    def _stored(self, where: str, params: list[object], order: str = "started_wall, id") -> list[StoredShow]:
        """Shows (without their rows) matching `where`, in `order`."""
        return self._read_shows(f"SELECT id, journal, {', '.join(SHOW_COLUMNS)} FROM shows WHERE {where} "
                                f"ORDER BY {order}", params)

    def _read_shows(self, sql: str, params: list[object]) -> list[StoredShow]:
        with self._guarded():
            rows = self.connection.execute(sql, params).fetchall()
        found = [StoredShow(row[0], row[1], ShowRecord(**dict(zip(SHOW_COLUMNS, row[2:], strict=True))))
                 for row in rows]
        for show in found:
            show.record.ended = bool(show.record.ended)
            show.record.aborted = bool(show.record.aborted)
        return found

    def hardest(self, count: int) -> list[Hardest]:
        """The shows (drills left out) with the most over-runs, alerts and urgent cues never acknowledged,
        hardest first: drill material, each with its segment furthest over budget."""
        with self._guarded():
            rows = self.connection.execute(
                """SELECT id,
                          (SELECT count(*) FROM alerts a WHERE a.show_id = s.id),
                          (SELECT count(*) FROM cues c WHERE c.show_id = s.id AND c.level = 'urgent' AND c.ack IS NULL),
                          (SELECT g.segment_id FROM segments g WHERE g.show_id = s.id AND g.verdict = 'over'
                           ORDER BY g.delta DESC LIMIT 1)
                   FROM shows s WHERE s.drill_of IS NULL""").fetchall()
        figures = {row[0]: row[1:] for row in rows}
        shows = {show.id: show for show in self._stored("drill_of IS NULL", [])}
        ranked = sorted(figures, key=lambda show_id: (-(shows[show_id].record.overran + figures[show_id][0]
                                                        + figures[show_id][1]), shows[show_id].record.started_wall))
        return [Hardest(shows[show_id], *figures[show_id]) for show_id in ranked[:count]]

    def drills(self, person: str) -> list[StoredShow]:
        """The drills `person` ran, oldest first."""
        return self._stored("drill_of IS NOT NULL AND trainee = ?", [person])

    def by_session(self, session_id: str) -> StoredShow | None:
        """The show (not a drill) with this session id, as a drill names its original."""
        found = self._stored("session_id = ? AND drill_of IS NULL", [session_id], order="id DESC")
        return found[0] if found else None

    def listing(self, *, last: int | None = None, plan: str | None = None, person: str | None = None,
                since: str | None = None) -> list[ShowLine]:
        """What `shows` lists, oldest first: the few columns it prints, read through the indexes."""
        sql, params = self._select(", ".join(LINE_COLUMNS), last=last, plan=plan, person=person, since=since)
        with self._guarded():
            rows = self.connection.execute(sql, params).fetchall()
        rows.reverse()
        return [ShowLine(*row) for row in rows]

    @staticmethod
    def _select(columns: str, *, last: int | None, plan: str | None, person: str | None,
                since: str | None, kinds: tuple[str, ...] | None = None,
                complete: bool = False) -> tuple[str, list[object]]:
        """The query of shows that match, newest first (each condition one an index answers)."""
        where: list[str] = []
        params: list[object] = []
        if kinds is not None:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
        if complete:
            where.append("aborted = 0")
        if plan is not None:
            where.append("title = ?")
            params.append(plan)
        if since is not None:  # ISO text: a date sorts before every time of that day
            where.append("started_wall >= ?")
            params.append(since)
        if person is not None:
            where.append("id IN (SELECT show_id FROM people WHERE name = ?)")
            params.append(person)
        sql = f"SELECT {columns} FROM shows"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY started_wall DESC, id DESC"
        if last is not None:  # SQLite's LIMIT is a 64-bit integer: more shows than that is all of them
            sql += f" LIMIT {min(int(last), 2**62)}"
        return sql, params

    def load(self, shows: list[StoredShow]) -> list[ShowRecord]:
        """The shows with their segments, cues, alerts, notes and team."""
        with self._guarded():
            return self._load(shows)

    def _load(self, shows: list[StoredShow]) -> list[ShowRecord]:
        by_id = {show.id: show.record for show in shows}
        if not by_id:
            return []
        marks = ", ".join("?" * len(by_id))
        ids = list(by_id)
        for table, columns, kind, target in (
            ("segments", SEGMENT_COLUMNS, SegmentRecord, "segments"), ("cues", CUE_COLUMNS, CueRow, "cues"),
            ("alerts", ALERT_COLUMNS, AlertRow, "alerts"), ("notes", NOTE_COLUMNS, NoteRow, "notes"),
        ):
            order = "position" if table == "segments" else "rowid"
            sql = f"SELECT show_id, {', '.join(columns)} FROM {table} WHERE show_id IN ({marks}) ORDER BY show_id, {order}"
            for row in self.connection.execute(sql, ids):
                item = kind(**dict(zip(columns, row[1:], strict=True)))
                if isinstance(item, SegmentRecord):
                    item.inserted = bool(item.inserted)
                getattr(by_id[row[0]], target).append(item)
        for show_id, name, role in self.connection.execute(
                f"SELECT show_id, name, role FROM people WHERE show_id IN ({marks}) ORDER BY rowid", ids):
            by_id[show_id].team.setdefault(role, []).append(name)
        return [show.record for show in shows]


def rebuild(path: Path) -> tuple[int, list[str]]:
    """Recreate the library from the journals it knows, into a new file that replaces the old one
    only when complete. Returns the shows indexed and the journals that could not be read."""
    with Library.open(path, create=False) as old:
        journals = old.journals()
    fresh = path.with_name(path.name + ".rebuilding")
    for leftover in _files_of(fresh):
        leftover.unlink(missing_ok=True)
    missing: list[str] = []
    with Library.open(fresh) as new:
        for journal in journals:
            try:
                new.add_journal(journal)
            except UserError as exc:
                missing.append(str(exc))
        count = new.connection.execute("SELECT count(*) FROM shows").fetchone()[0]
        new.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for stale in _files_of(path)[1:]:
        stale.unlink(missing_ok=True)
    os.replace(fresh, path)
    for leftover in _files_of(fresh):
        leftover.unlink(missing_ok=True)
    return count, missing


def _files_of(path: Path) -> list[Path]:
    """The database and its WAL companions."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
