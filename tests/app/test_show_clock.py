"""The show's own clock: a plan starting 20:00+08:00 reads 20:00 on a machine set to UTC,
on screen (header, countdown, cue log) and in the journal's human-readable times."""

import json
import time
from datetime import datetime, timezone

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.show import fold
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import PLANS, run_for, text_of


@pytest.fixture
def machine_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _console_at(path, wall: datetime):
    plan = load_plan(PLANS / "demo.yaml")  # starts_at 2026-11-28T20:00:00+08:00
    clock = ManualClock(start_wall=wall)
    journal = JournalWriter(path, plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh")
    return ManagerApp(session, Texts("zh")), session, clock


async def test_the_header_counts_down_to_the_shows_own_start(tmp_path, machine_in_utc):
    assert datetime.now().astimezone().utcoffset().total_seconds() == 0  # the machine reads UTC
    app, session, clock = _console_at(tmp_path / "s.jsonl", datetime(2026, 11, 28, 11, 30, tzinfo=timezone.utc))
    async with app.run_test(size=(120, 40)) as pilot:
        app.refresh_view()
        header = text_of(app, "#header-status")
        assert "19:30:00" in header
        assert "20:00 开播，还有 30:00" in header
        run_for(app, clock, 45 * 60)  # now 20:15 there: late
        assert "计划 20:00 开播，已晚 15:00" in text_of(app, "#header-status")
        await pilot.press("space", "1")
        await pilot.pause()
        assert "20:15:00" in text_of(app, "#header-status")
        assert "20:15:00" in text_of(app, "#cuelog-body")


async def test_the_journal_writes_the_shows_own_times_and_still_folds(tmp_path, machine_in_utc):
    path = tmp_path / "s.jsonl"
    app, session, clock = _console_at(path, datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["started_wall"].startswith("2026-11-28T20:00:00") and lines[0]["started_wall"].endswith("+08:00")
    assert lines[1]["wall"].startswith("2026-11-28T20:00:00") and lines[1]["wall"].endswith("+08:00")
    journal = read_journal(path)
    assert fold(journal.header.plan, journal.events).running.id == "opening"


def test_a_plan_without_a_start_keeps_the_machines_zone(tmp_path, machine_in_utc, small_plan):
    clock = ManualClock(start_wall=datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc))
    journal = JournalWriter(tmp_path / "s.jsonl", small_plan, clock=clock, sync=lambda fd: None)
    journal.close()
    assert journal.started_wall.utcoffset().total_seconds() == 0
