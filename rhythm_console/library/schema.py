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
from rhythm_console.i18n import Said
from rhythm_console.textsafe import printable

APP = "rhythm-console library"
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_PATH = Path("sessions") / "library.sqlite"
ENVIRONMENT = "RHYTHM_LIBRARY"
BUSY_WAIT = 10.0  # seconds a command waits for another process's write before it says the library is busy

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
    # 3: one row per show (its journal's header line): rows that concurrent `library add`s duplicated go (the
    # longest journal of each show stays), and the key is unique from now on
    """
    DELETE FROM shows WHERE id NOT IN (
        SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY show_key ORDER BY journal_size DESC, id DESC)
                        AS rank FROM shows) WHERE rank = 1);
    DROP INDEX IF EXISTS shows_key;
    CREATE UNIQUE INDEX shows_key ON shows(show_key);
    """,
    # 4: what `shows` lists, in one index in its order: the listing reads the index alone, in sequence
    # (4,000 shows: the table's wide rows were read one lookup each, spread over the file)
    """
    CREATE INDEX shows_listing ON shows(started_wall, id, journal, title, length, final_drift, segments_done,
                                        overran, online_peak, gmv, goals_met, goals_judged);
    """,
    # 5: drills (issue 24): each show's session id, and a drill's original (by that id) and trainee
    """
    ALTER TABLE shows ADD COLUMN session_id TEXT;
    ALTER TABLE shows ADD COLUMN drill_of TEXT;
    ALTER TABLE shows ADD COLUMN trainee TEXT;
    CREATE INDEX shows_session ON shows(session_id);
    """,
    # 6: what each show was (issue 20.4): live, rehearsal, simulated, drill (shows from before: live, as their
    # journals' headers say), and whether it was aborted; evidence across shows reads live shows by default
    """
    ALTER TABLE shows ADD COLUMN kind TEXT NOT NULL DEFAULT 'live';
    ALTER TABLE shows ADD COLUMN aborted INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX shows_kind ON shows(kind, started_wall);
    """,
    # 7: the platform's after-show figures (issue 25.5): buyers, refunds, ad spend, average stay, exposure, the
    # feed's entries (for 曝光-进入率), the per-minute export's totals and per segment; `shows` lists buyers,
    # refunds and ROI, so its index carries them (and the kind and aborted columns 6 added) again
    """
    ALTER TABLE shows ADD COLUMN buyers REAL;
    ALTER TABLE shows ADD COLUMN refunds REAL;
    ALTER TABLE shows ADD COLUMN ad_spend REAL;
    ALTER TABLE shows ADD COLUMN avg_stay REAL;
    ALTER TABLE shows ADD COLUMN exposure REAL;
    ALTER TABLE shows ADD COLUMN entries REAL;
    ALTER TABLE shows ADD COLUMN platform_entries REAL;
    ALTER TABLE shows ADD COLUMN platform_minutes_gmv REAL;
    ALTER TABLE shows ADD COLUMN platform_online_average REAL;
    ALTER TABLE segments ADD COLUMN platform_online REAL;
    ALTER TABLE segments ADD COLUMN platform_gmv REAL;
    DROP INDEX IF EXISTS shows_listing;
    CREATE INDEX shows_listing ON shows(started_wall, id, journal, title, length, final_drift, segments_done,
                                        overran, online_peak, gmv, goals_met, goals_judged, kind, aborted, buyers,
                                        refunds, ad_spend, platform_gmv, platform_minutes_gmv);
    """,
    # 8: `shows` marks a show whose journal never ended (a console killed), so its index carries `ended` too
    """
    DROP INDEX IF EXISTS shows_listing;
    CREATE INDEX shows_listing ON shows(started_wall, id, journal, title, length, final_drift, segments_done,
                                        overran, online_peak, gmv, goals_met, goals_judged, kind, aborted, buyers,
                                        refunds, ad_spend, platform_gmv, platform_minutes_gmv, ended);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def library_path(option: str | None) -> Path:
    """--library, else RHYTHM_LIBRARY, else sessions/library.sqlite beside the journals."""
    return Path(option or os.environ.get(ENVIRONMENT) or DEFAULT_PATH)


def library_beside(journal: str | Path, option: str | None = None) -> Path:
    """The library a journal's show belongs in: --library, else RHYTHM_LIBRARY, else the one beside the journal."""
    return Path(option or os.environ.get(ENVIRONMENT) or Path(journal).parent / DEFAULT_PATH.name)


def _refuse(path: Path, why: Said) -> UserError:
    return UserError(Said("error.library.refused", path=printable(path), why=why))


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise _refuse(path, Said("error.library.directory"))
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(Said("error.cannot_read", path=printable(path), why=exc.strerror or exc)) from None
    if head and head != SQLITE_MAGIC:
        raise _refuse(path, Said("error.library.not_sqlite"))


def busy(path: Path) -> UserError:
    """What a command says when another process held the library for longer than BUSY_WAIT."""
    return UserError(Said("error.library.busy", path=printable(path), seconds=BUSY_WAIT))


def is_busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def open_library(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """The library at `path`, created or migrated to SCHEMA_VERSION; UserError if it is not ours or stays busy."""
    exists = path.exists() and path.stat().st_size > 0
    if exists:
        _check_file(path)
    elif not create:
        raise UserError(Said("error.library.none", path=printable(path)))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Autocommit: every transaction is begun explicitly (BEGIN IMMEDIATE where it writes), so a writer
        # waits its turn (the busy timeout) instead of failing when another process wrote in between.
        connection = sqlite3.connect(path, timeout=BUSY_WAIT, isolation_level=None)
    except sqlite3.Error as exc:
        raise UserError(Said("error.library.open", path=printable(path), why=exc)) from None
    try:
        if exists:
            _check_ours(connection, path, thorough=create)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        migrate(connection, path)
    except sqlite3.DatabaseError as exc:
        connection.close()
        if is_busy(exc):
            raise busy(path) from None
        raise _refuse(path, Said("error.library.damaged", why=exc)) from None
    except UserError:
        connection.close()
        raise
    return connection


def _check_ours(connection: sqlite3.Connection, path: Path, *, thorough: bool) -> None:
    """Ours and whole. SQLite's quick check reads the whole file (a third of a second at 4,000 shows): it runs
    before a write; a command that only reads meets damage as an error of the page it reads, one line too."""
    if thorough:
        check = connection.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise _refuse(path, Said("error.library.damaged_check", check=check[0] if check else "—"))
    _our_version(connection, path)


def _our_version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of our library at `path`; 0 for a new, empty database."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise _refuse(path, Said("error.library.not_ours"))
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    if meta.get("app") != APP:
        raise _refuse(path, Said("error.library.not_ours"))
    try:
        version = int(meta.get("schema", ""))
    except ValueError:
        raise _refuse(path, Said("error.library.damaged_version")) from None
    if version > SCHEMA_VERSION:
        raise _refuse(path, Said("error.library.newer", version=version, known=SCHEMA_VERSION))
    return version


def migrate(connection: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> None:
    """Bring the library up to `target`, each migration in one transaction with its version stamp.

    The version is read inside the writing transaction: of several processes opening a new library at once,
    one creates it and the others find it made."""
    if _our_version(connection, path) >= target:
        return  # up to date: opening for reading takes no write lock
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            number = _our_version(connection, path) + 1
            if number > target:
                connection.execute("COMMIT")
                return
            for statement in MIGRATIONS[number - 1].split(";"):  # no ";" inside the scripts' statements
                if statement.strip():
                    connection.execute(statement)
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('app', ?)", (APP,))
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(number),))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
