"""`shows` tells a show that never ended (a console killed) from one that did, and dates shows of several
time zones so they read in order (F20)."""

from datetime import datetime, timezone

from rhythm_console.cli import main
from rhythm_console.clock import ManualClock
from rhythm_console.events import ShowEnded
from rhythm_console.journal import JournalWriter
from rhythm_console.library.store import LINE_COLUMNS, Library
from rhythm_console.plan import parse_plan
from tests.support.across_helpers import TEAM_PLAN, team_events, write_journal


def listed(tmp_path, capsys, *journals, lang: str = "zh") -> list[str]:
    """The table's rows, oldest first, each as its cells."""
    library = tmp_path / "lib.sqlite"
    assert main(["library", "add", *map(str, journals), "--library", str(library)]) == 0
    capsys.readouterr()
    assert main(["shows", "--library", str(library), "--lang", lang]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_a_show_that_never_ended_is_marked_and_its_drift_is_at_its_last_record(tmp_path, capsys):
    unended = [event for event in team_events() if not isinstance(event, ShowEnded)]
    journals = [write_journal(tmp_path / "ended.jsonl", team_events()),
                write_journal(tmp_path / "killed.jsonl", unended, day=1),
                write_journal(tmp_path / "never.jsonl", [], day=2)]
    ended, killed, never = listed(tmp_path, capsys, *journals)
    assert ended[1] == "直播" and ended[4] == "+2:00"
    assert killed[1] == "直播 · 未结束" and killed[4].endswith("（最后记录时）")
    assert never[1] == "直播 · 未开播" and never[4] == "—"
    _, killed, never = listed(tmp_path, capsys, *journals, lang="en")
    assert killed[1] == "live · not ended" and killed[4].endswith(" (at last record)")
    assert never[1] == "live · never started"


def test_shows_of_several_zones_are_dated_with_their_zone_in_the_order_they_ran(tmp_path, capsys):
    # 20:00 in Shanghai is 12:00 UTC: the show at 13:00 UTC ran an hour after it, though "13:00" < "20:00".
    shanghai = write_journal(tmp_path / "shanghai.jsonl", team_events())
    utc = tmp_path / "utc.jsonl"
    clock = ManualClock(start_wall=datetime(2026, 11, 28, 13, 0, tzinfo=timezone.utc))
    with JournalWriter(utc, parse_plan(TEAM_PLAN), clock=clock, sync=lambda fd: None) as writer:
        for event in team_events():
            writer.append(event)
    rows = listed(tmp_path, capsys, utc, shanghai)
    assert [row[0] for row in rows] == ["2026-11-28 20:00 +08:00", "2026-11-28 13:00 +00:00"]


def test_shows_of_one_zone_are_dated_as_before(tmp_path, capsys):
    rows = listed(tmp_path, capsys, write_journal(tmp_path / "a.jsonl", team_events()),
                  write_journal(tmp_path / "b.jsonl", team_events(), day=1))
    assert [row[0] for row in rows] == ["2026-11-28 20:00", "2026-11-29 20:00"]


def test_the_listing_reads_its_index_alone(tmp_path):
    # Every column `shows` prints (whether the show ended too) is in the index: no lookup of each wide row.
    with Library.open(tmp_path / "lib.sqlite") as library:
        sql, params = library._select(", ".join(LINE_COLUMNS), last=None, plan=None, person=None, since=None)
        plan = " ".join(row[-1] for row in library.connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "ended" in LINE_COLUMNS and "COVERING INDEX shows_listing" in plan, plan
