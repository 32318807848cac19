"""The show library on a real SQLite file: adding, growing, rebuilding, refusing, migrating."""

import sqlite3

import pytest

from rhythm_console.cli import main
from rhythm_console.errors import UserError
from rhythm_console.i18n import speaking
from rhythm_console.library import Library, rebuild
from rhythm_console.library.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from tests.support.across_helpers import team_events, write_journal


@pytest.fixture
def journals(tmp_path):
    return [write_journal(tmp_path / f"show{i}.jsonl", team_events(coat=600 + 60 * i), day=i) for i in range(3)]


def _dump(path):
    """Every table's rows without the row ids, in a stable order."""
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})") if row[1] not in ("id", "show_id")]
            dump[table] = sorted(map(repr, connection.execute(f"SELECT {', '.join(columns)} FROM {table}")))
        return dump
    finally:
        connection.close()


def test_the_same_journal_twice_is_one_show(tmp_path, journals):
    with Library.open(tmp_path / "lib.sqlite") as library:
        assert library.add_journal(journals[0]) == "added"
        assert library.add_journal(journals[0]) == "unchanged"
        assert library.add_journal(journals[1]) == "added"
        assert len(library.shows()) == 2
        assert library.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_journal_that_grew_is_updated(tmp_path, journals):
    library_path = tmp_path / "lib.sqlite"
    with Library.open(library_path) as library:
        library.add_journal(journals[0])
    assert main(["annotate", str(journals[0]), "--viewers-uv", "900", "--viewers-pv", "2000",
                 "--library", str(tmp_path / "elsewhere.sqlite")]) == 0
    with Library.open(library_path) as library:
        assert library.add_journal(journals[0]) == "updated"
        assert library.add_journal(journals[0]) == "unchanged"
        (show,) = library.shows()
        assert (show.record.viewers_uv, show.record.viewers_pv) == (900, 2000)


def test_rebuild_equals_the_original(tmp_path, journals):
    library_path = tmp_path / "lib.sqlite"
    with Library.open(library_path) as library:
        for journal in journals:
            library.add_journal(journal)
    before = _dump(library_path)
    assert rebuild(library_path) == (3, [])
    assert _dump(library_path) == before
    assert not (tmp_path / "lib.sqlite.rebuilding").exists()


@pytest.mark.parametrize("content", [b"hello, not a database", b"SQLite format 3\x00" + b"\x07" * 200])
def test_a_foreign_or_damaged_file_is_refused_and_left_alone(tmp_path, journals, capsys, content):
    library_path = tmp_path / "lib.sqlite"
    library_path.write_bytes(content)
    assert main(["library", "add", str(journals[0]), "--library", str(library_path), "--lang", "en"]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "left untouched" in error
    assert library_path.read_bytes() == content


def test_another_programs_database_is_refused(tmp_path, journals):
    library_path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(library_path)
    connection.execute("CREATE TABLE orders (id INTEGER)")
    connection.commit()
    connection.close()
    content = library_path.read_bytes()
    with speaking("en"), pytest.raises(UserError, match="not a Rhythm Console show library"):
        Library.open(library_path)
    assert library_path.read_bytes() == content


def test_a_library_from_the_first_schema_is_migrated(tmp_path, journals):
    library_path = tmp_path / "lib.sqlite"
    connection = sqlite3.connect(library_path)
    migrate(connection, library_path, target=1)
    connection.execute("INSERT INTO shows (show_key, prefix_digest, journal, journal_size, last_seq, title, "
                       "started_wall, planned, ended) VALUES ('k', 'p', 'old.jsonl', 1, 1, '旧场次', "
                       "'2026-01-01T20:00:00+08:00', 600, 1)")
    connection.commit()
    connection.close()
    with Library.open(library_path) as library:
        version = library.connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION == len(MIGRATIONS) > 1
        assert [s.record.title for s in library.shows()] == ["旧场次"]
        assert library.shows()[0].record.viewers_uv is None
        assert library.add_journal(journals[0]) == "added"


def test_a_library_from_a_newer_version_is_refused(tmp_path):
    library_path = tmp_path / "lib.sqlite"
    Library.open(library_path).close()
    connection = sqlite3.connect(library_path)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    connection.commit()
    connection.close()
    with pytest.raises(UserError, match="更新版本的 Rhythm Console"):  # said in Chinese unless told otherwise
        Library.open(library_path)


def test_shows_filters(tmp_path, journals, capsys):
    library_path = tmp_path / "lib.sqlite"
    assert main(["library", "add", *map(str, journals), "--library", str(library_path)]) == 0
    capsys.readouterr()
    assert main(["shows", "--library", str(library_path), "--lang", "en", "--last", "2"]) == 0
    table = capsys.readouterr().out
    assert "2026-11-29 20:00" in table and "2026-11-30 20:00" in table and "2026-11-28" not in table
    assert "| Journal |" in table and f"{journals[-1].name} |" in table  # what report and compare take
    assert main(["shows", "--library", str(library_path), "--since", "2026-11-30", "--person", "小雨"]) == 0
    assert capsys.readouterr().out.count("双人测试") == 1
    assert main(["shows", "--library", str(library_path), "--person", "nobody", "--lang", "en"]) == 0
    assert "no shows" in capsys.readouterr().out
    assert main(["shows", "--library", str(library_path), "--since", "yesterday", "--lang", "en"]) == 2
    assert "not a date" in capsys.readouterr().err
    huge = "99999999999999999999"  # beyond SQLite's 64-bit LIMIT: all of them, not a traceback
    assert main(["shows", "--library", str(library_path), "--last", huge]) == 0
    assert capsys.readouterr().out.count("双人测试") == 3
    assert main(["compare", "--library", str(library_path), "--last", huge, "-o", str(tmp_path / "c.md")]) == 0
