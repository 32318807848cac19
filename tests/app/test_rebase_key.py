"""R re-bases a late show's plan on its actual start, from the console: the fold records it and a
notification says from what time of day the plan now counts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession
from rhythm_console.show import drift
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import notices

PLAN = """\
show: {title: 晚场, starts_at: "2026-11-28T20:00:00+08:00"}
segments:
  - {id: open, kind: opening, title: 开场, duration: 10m}
  - {id: bye, kind: closing, title: 收尾, duration: 10m}
"""


async def test_r_rebases_a_late_start_and_says_from_when(tmp_path):
    plan = parse_plan(PLAN)
    clock = ManualClock(start_wall=datetime(2026, 11, 28, 20, 14, 28, tzinfo=timezone(timedelta(hours=8))))
    journal = JournalWriter(tmp_path / "late.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh", advise=False)
    app = ManagerApp(session, Texts("zh"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space")
        assert drift(session.state, session.now()) == 868  # 14:28 late
        await pilot.press("R")
        await pilot.pause()
        assert session.state.rebased and drift(session.state, session.now()) == 0
        assert any("计划已按实际开播 20:14 重算" in notice for notice in notices(app))
    session.close()
