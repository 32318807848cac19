"""The library's SQLite file: opened only when it is ours, and migrated forward one version at a time.

A file that is not SQLite, an SQLite database of some other program, a
damaged one or one from a newer Rhythm Console is refused with one line and
left exactly as it was: the library is only an index, but it is the user's file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.textsafe import printable

APP = "rhythm-console library"
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_PATH = Path("sessions") / "library.sqlite"
ENVIRONMENT = "RHYTHM_LIBRARY"

_SHOW_FIGURES = """
    segments_done INTEGER, overran INTEGER, mean_abs_drift REAL, holds INTEGER, held REAL,
    online_average REAL, online_peak REAL, watch_minutes REAL, interaction REAL, new_followers REAL,
    comments REAL, clicks REAL, ctr REAL, orders REAL, gmv REAL, cue_count INTEGER, ack_median REAL,
    goals_met INTEGER, goals_judged INTEGER"""

# Each entry takes the schema from the version before it to its own number (list index + 1).
MIGRATIONS: list[str] = [
    # 1: the first schema
    f"""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE shows (
        id INTEGER PRIMARY KEY, show_key TEXT NOT NULL, prefix_digest TEXT NOT NULL, journal TEXT NOT NULL,
        journal_size INTEGER NOT NULL,
        last_seq INTEGER NOT NULL, title TEXT NOT NULL, started_wall TEXT NOT NULL, planned REAL NOT NULL,
        length REAL, ended INTEGER NOT NULL, final_drift REAL, {_SHOW_FIGURES});
    CREATE TABLE segments (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, position INTEGER NOT NULL,
        segment_id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, owner TEXT NOT NULL, people TEXT NOT NULL,
        status TEXT NOT NULL, inserted INTEGER NOT NULL, planned REAL NOT NULL, budget REAL NOT NULL, actual REAL,
        verdict TEXT, delta REAL, started_at REAL, online_average REAL, online_peak REAL, online_before REAL,
        online_lift REAL, lift_seconds REAL, interaction REAL, clicks REAL, ctr REAL, orders REAL, gmv REAL,
        sku TEXT, product TEXT, PRIMARY KEY (show_id, position));
    CREATE TABLE products (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, sku TEXT NOT NULL, name TEXT NOT NULL,
        segment_id TEXT NOT NULL);
    CREATE TABLE cues (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, cue INTEGER NOT NULL, at REAL NOT NULL,
        segment_id TEXT, level TEXT NOT NULL, origin TEXT NOT NULL, ack REAL);
    CREATE TABLE alerts (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, alert TEXT NOT NULL, code TEXT,
        raised_at REAL NOT NULL, lasted REAL NOT NULL);
    CREATE TABLE notes (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, at REAL NOT NULL, text TEXT NOT NULL,
        by TEXT, segment_id TEXT);
    CREATE TABLE people (
        show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE, name TEXT NOT NULL, role TEXT NOT NULL);
    CREATE INDEX shows_key ON shows(show_key);
    CREATE INDEX products_sku ON products(sku);
    CREATE INDEX people_name ON people(name);
    """,
    # 2: the platform's totals (annotate) and a faster "latest shows of a plan"
    """
    ALTER TABLE shows ADD COLUMN viewers_uv REAL;
    ALTER TABLE shows ADD COLUMN viewers_pv REAL;
    ALTER TABLE shows ADD COLUMN new_fans_club REAL;
    ALTER TABLE shows ADD COLUMN platform_gmv REAL;
    CREATE INDEX shows_title_started ON shows(title, started_wall);
    CREATE INDEX shows_started ON shows(started_wall);
    """,
    # 3: drills (issue 24): each show's session id, and a drill's original (by that id) and trainee
    """
    ALTER TABLE shows ADD COLUMN session_id TEXT;
    ALTER TABLE shows ADD COLUMN drill_of TEXT;
    ALTER TABLE shows ADD COLUMN trainee TEXT;
    CREATE INDEX shows_session ON shows(session_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def library_path(option: str | None) -> Path:
    """--library, else RHYTHM_LIBRARY, else sessions/library.sqlite beside the journals."""
    return Path(option or os.environ.get(ENVIRONMENT) or DEFAULT_PATH)


def library_beside(journal: str | Path, option: str | None = None) -> Path:
    """The library a journal's show belongs in: --library, else RHYTHM_LIBRARY, else the one beside the journal."""
    return Path(option or os.environ.get(ENVIRONMENT) or Path(journal).parent / DEFAULT_PATH.name)


def _refuse(path: Path, why: str) -> UserError:
    return UserError(f"{printable(path)}: {why}; it was left untouched (name another file with --library)")


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise _refuse(path, "is a directory, not a show library")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"{printable(path)}: cannot be read ({exc.strerror})") from None
    if head and head != SQLITE_MAGIC:
        raise _refuse(path, "is not a show library (not an SQLite database)")


def open_library(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """The library at `path`, created or migrated to SCHEMA_VERSION; UserError if it is not ours."""
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_file(path)
    elif not create:
        raise UserError(f"{printable(path)}: no show library here (run a show, or `library add JOURNAL`)")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        connection = sqlite3.connect(path, timeout=5.0)
    except sqlite3.Error as exc:
        raise UserError(f"{printable(path)}: cannot open the show library ({exc})") from None
    try:
        if exists:
            version = _our_version(connection, path)
        else:
            version = 0
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        migrate(connection, version)
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise _refuse(path, f"is damaged ({exc})") from None
    except UserError:
        connection.close()
        raise
    return connection


def _our_version(connection: sqlite3.Connection, path: Path) -> int:
    check = connection.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise _refuse(path, f"is damaged (SQLite's check says: {check[0] if check else 'nothing'})")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "meta" not in tables:
        raise _refuse(path, "is an SQLite database but not a Rhythm Console show library")
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    if meta.get("app") != APP:
        raise _refuse(path, "is an SQLite database but not a Rhythm Console show library")
    try:
        version = int(meta.get("schema", ""))
    except ValueError:
        raise _refuse(path, "is damaged (its schema version is not a number)") from None
    if version > SCHEMA_VERSION:
        raise _refuse(path, f"was written by a newer Rhythm Console (schema {version}; this one knows up to "
                            f"{SCHEMA_VERSION}): upgrade rhythm-console")
    return version


def migrate(connection: sqlite3.Connection, version: int, target: int = SCHEMA_VERSION) -> None:
    """Apply the migrations after `version` up to `target`, each in one transaction with its version stamp."""
    for number in range(version + 1, target + 1):
        script = MIGRATIONS[number - 1]
        stamp = (f"INSERT OR REPLACE INTO meta VALUES ('app', '{APP}');"
                 f"INSERT OR REPLACE INTO meta VALUES ('schema', '{number}');")
        try:
            connection.executescript(f"BEGIN; {script}; {stamp} COMMIT;")
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
