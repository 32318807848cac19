"""The show library under contention: real processes adding the same journals at once, a library another
process holds, and the end of a show that finds the library busy."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rhythm_console.cli import main
from rhythm_console.library import Library, add_after_show
from rhythm_console.library import schema as library_schema
from rhythm_console.library.schema import migrate
from tests.support.across_helpers import team_events, write_journal
from tests.support.plans import PLANS, ROOT


@pytest.fixture
def journals(tmp_path: Path) -> list[Path]:
    return [write_journal(tmp_path / f"show-{day}.jsonl", team_events(coat=600 + 30 * day), day=day)
            for day in range(5)]


def count_rows(path: Path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        shows = connection.execute("SELECT count(*) FROM shows").fetchone()[0]
        keys = connection.execute("SELECT count(DISTINCT show_key) FROM shows").fetchone()[0]
    return shows, keys


def test_four_processes_adding_the_same_journals_at_once_give_one_row_per_show(tmp_path, journals):
    library = tmp_path / "library.sqlite"  # new: the four also race to create it
    command = [sys.executable, "-m", "rhythm_console", "library", "add", *map(str, journals),
               "--library", str(library), "--lang", "en"]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)}) for _ in range(4)]
    results = [(process.wait(timeout=120), *process.communicate()) for process in processes]
    for code, _, err in results:
        assert code == 0 and "Traceback" not in err, err
    assert count_rows(library) == (5, 5)
    added = sum(out.count(": added") for _, out, _ in results)
    assert added == 5  # each show added by exactly one of them; the others found it there


def test_duplicated_rows_of_an_older_library_become_one_per_show(tmp_path, journals):
    path = tmp_path / "library.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=ON")
    migrate(connection, path, target=2)  # the schema before the key was unique: what a race left behind
    # columns of a later schema that today's code writes
    later = {"session_id": "TEXT", "drill_of": "TEXT", "trainee": "TEXT", "kind": "TEXT NOT NULL DEFAULT 'live'",
             "aborted": "INTEGER NOT NULL DEFAULT 0", **dict.fromkeys(
                 ("buyers", "refunds", "ad_spend", "avg_stay", "exposure", "entries", "platform_entries",
                  "platform_minutes_gmv", "platform_online_average"), "REAL")}  # 7: the platform's figures
    later_segments = ("platform_online", "platform_gmv")
    for column, declared in later.items():
        connection.execute(f"ALTER TABLE shows ADD COLUMN {column} {declared}")
    for column in later_segments:
        connection.execute(f"ALTER TABLE segments ADD COLUMN {column} REAL")
    library = Library(connection, path)
    library.add_journal(journals[0])
    library.add_journal(journals[1])
    row = connection.execute("SELECT * FROM shows WHERE journal LIKE '%show-0.jsonl'").fetchone()
    connection.execute(f"INSERT INTO shows VALUES (NULL{', ?' * (len(row) - 1)})", row[1:])
    for column in later:  # back to schema 2 exactly, so opening it migrates every step after
        connection.execute(f"ALTER TABLE shows DROP COLUMN {column}")
    for column in later_segments:
        connection.execute(f"ALTER TABLE segments DROP COLUMN {column}")
    library.close()
    assert count_rows(path) == (3, 2)
    with Library.open(path) as library:
        assert [s.journal for s in library.shows()] == [str(journals[0].resolve()), str(journals[1].resolve())]
        assert library.add_journal(journals[0]) == "unchanged"
    assert count_rows(path) == (2, 2)


@pytest.fixture
def held_library(tmp_path: Path, journals, monkeypatch):
    """A library another connection is writing (a transaction held open); commands wait 0.2 s, not 10."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_journal(journals[0])
    monkeypatch.setattr(library_schema, "BUSY_WAIT", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield path
    holder.execute("ROLLBACK")
    holder.close()


def test_a_held_library_is_waited_for_then_refused_with_one_line(held_library, journals, capsys):
    code = main(["library", "add", str(journals[1]), "--library", str(held_library), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "the show library is busy" in err and "Traceback" not in err
    assert main(["shows", "--library", str(held_library)]) == 0  # reading never waits for a writer
    assert "show-0.jsonl" in capsys.readouterr().out


def test_the_end_of_a_show_says_how_to_add_it_later_when_the_library_is_busy(held_library, journals, tmp_path,
                                                                               capsys):
    said = add_after_show(journals[1], str(held_library))
    assert "直播库正忙" in said and f"library add {journals[1]} --library {held_library}" in said
    journal = tmp_path / "simulated.jsonl"
    code = main(["simulate", str(PLANS / "quick.yaml"), "--instant", "-o", str(journal),
                 "--library", str(held_library)])
    err = capsys.readouterr().err
    assert code == 0 and journal.stat().st_size > 0
    assert f"library add {journal}" in err
