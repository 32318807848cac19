"""The readiness checklist: ticks folded from the journal, the pre-show screen, starting with blocking items open,
and what the review says about it."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from rhythm_console.clock import ManualClock
from rhythm_console.events import ChecklistTicked, ChecklistWaived, ShowStarted
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import parse_plan
from rhythm_console.readiness import blocking_open, open_items
from rhythm_console.review import build_review
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowStatus, fold, initial_state, refusal
from rhythm_console.ui.manager import ManagerApp
from rhythm_console.ui.widgets.checklist import StartAnyway
from rhythm_console.ui.widgets.dialogs import TextPrompt
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.waiting import until

PLAN = """\
show: {title: 测试专场, starts_at: "2026-11-28T20:00:00+08:00"}
segments:
  - {id: open, kind: 开场, title: 开场, duration: 5m}
  - {id: close, kind: 收尾, title: 收尾, duration: 2m}
checklist:
  - {text: 推流测试, owner: 运营, due: 15m, blocking: true}
  - {text: 样品到位, owner: 助播}
  - {text: 链接上架, owner: ops, blocking: true}
"""


@pytest.fixture
def plan():
    return parse_plan(PLAN, "x.yaml")


def test_the_plans_checklist(plan):
    item = plan.checklist[0]
    assert (item.owner, item.due, item.blocking) == ("ops", 900, True)
    assert plan.checklist[1].owner == "assistant" and not plan.checklist[1].blocking


def test_ticks_and_unticks_fold_with_who_and_when(plan):
    events = [ChecklistTicked(at=1, item=0, by="阿杰"), ChecklistTicked(at=2, item=1),
              ChecklistTicked(at=3, item=1, done=False)]
    state = fold(plan, events)
    assert [(t.item, t.by, t.at) for t in state.ticks] == [(0, "阿杰", 1)]
    assert open_items(state) == [1, 2] and blocking_open(state) == [2]
    assert refusal(state, ChecklistTicked(at=4, item=0)).code == "already_ticked"
    assert refusal(state, ChecklistTicked(at=4, item=1, done=False)).code == "not_ticked"
    assert refusal(state, ChecklistTicked(at=4, item=3)).code == "unknown_check_item"
    assert refusal(initial_state(plan), ChecklistWaived(at=0, items=[5])).code == "unknown_check_item"


def test_the_review_lists_what_was_open_at_the_start_and_when_each_was_done(plan):
    events = [ChecklistTicked(at=1, item=1), ChecklistWaived(at=2, items=[0, 2]), ShowStarted(at=2),
              ChecklistTicked(at=30, item=0, by="阿杰")]
    review = build_review(plan, events, started_wall=ManualClock().wall()).checklist
    assert [line.open_at_start for line in review.lines] == [True, False, True]
    assert [line.done_at for line in review.lines] == [30, 1, None]
    assert review.waived == (0, 2)
    assert fold(plan, events).status is ShowStatus.live


def _console(tmp_path, plan):
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh")
    return ManagerApp(session, Texts("zh")), session, clock


async def test_the_pre_show_screen_ticks_unticks_and_asks_before_starting(tmp_path, plan):
    app, session, clock = _console(tmp_path, plan)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.query_one("#checklist").display and not app.query_one("#current").display
        assert "推流测试" in text_of(app, "#checklist-items")
        await pilot.press("down", "x")  # the second item: who did it? the person at the console, unless typed
        await until(lambda: isinstance(app.screen, TextPrompt))
        assert app.screen.query_one(Input).value == "manager"  # the plan names no manager: the role
        await pilot.press("enter")
        assert [t.item for t in session.state.ticks] == [1]
        assert "☑ 助播 ✓ manager 20:00 样品到位" in text_of(app, "#checklist-items")
        await pilot.press("x")  # again: unticked
        assert session.state.ticks == ()
        await pilot.press("up", "x")
        await until(lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("escape")  # not ticked after all
        await until(lambda: not isinstance(app.screen, TextPrompt))
        assert session.state.ticks == ()
        await pilot.press("x")
        await until(lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Jay", "enter")  # a name typed in the dialog
        assert [(t.item, t.by) for t in session.state.ticks] == [(0, "Jay")]
        assert "✓ Jay 20:00 推流测试" in text_of(app, "#checklist-items")

        await pilot.press("space")  # item 3 still blocks: asked, not started
        await until(lambda: isinstance(app.screen, StartAnyway))
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, StartAnyway))
        assert session.state.status is ShowStatus.ready

        await pilot.press("space")
        await until(lambda: isinstance(app.screen, StartAnyway))
        await pilot.press("y")
        await until(lambda: session.state.status is ShowStatus.live)
        run_for(app, clock, 1)
        assert app.query_one("#current").display and not app.query_one("#checklist").display
        await pilot.press("x")  # the checklist key is gone with the pre-show screen
        assert len(session.state.ticks) == 1
    session.close()
    journal = read_journal(tmp_path / "s.jsonl")
    kinds = [event.type for event in journal.events]
    assert kinds[:5] == ["checklist_ticked", "checklist_ticked", "checklist_ticked", "checklist_waived", "show_started"]
    assert journal.events[3].items == [2]


async def test_a_plan_with_every_item_ticked_starts_without_asking(tmp_path, plan):
    app, session, clock = _console(tmp_path, plan)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in plan.checklist:
            await pilot.press("x", "enter", "down")
        await pilot.press("space")
        assert session.state.status is ShowStatus.live and session.state.waived == ()


async def test_a_plan_without_a_checklist_keeps_its_usual_pre_show_screen(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.query_one("#current").display and not app.query_one("#checklist").display
        await pilot.press("space")
        assert session.state.status is ShowStatus.live


def _pre_show(tmp_path):
    app, session, clock = make_console(tmp_path / "snap.jsonl", plan_name="demo.yaml")

    async def drive(pilot):
        await pilot.press("down", "x", "enter", "down")
        clock.advance(65)
        app.keep_time()
        app.clear_notifications()
        await pilot.pause()

    return app, drive


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_the_pre_show_screen(snap_compare, tmp_path, size):
    app, drive = _pre_show(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=drive)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_has_a_checklist_section(tmp_path, plan, capsys, fmt):
    from rhythm_console.cli import main

    clock = ManualClock()
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh")
    session.submit(ChecklistTicked(at=session.now(), item=1, by="小雨"))
    session.submit(ChecklistWaived(at=session.now(), items=[0, 2]))
    session.start_or_advance()
    clock.advance(60)
    session.submit(ChecklistTicked(at=session.now(), item=0, by="阿杰"))
    session.end_show()
    session.close()
    assert main(["report", str(tmp_path / "s.jsonl"), "--format", fmt]) == 0
    text = capsys.readouterr().out
    assert "开播准备" in text and "开播时仍有 2 项必须完成的准备未勾选" in text
    if fmt == "md":
        assert "| ⚠ 推流测试 | 运营 | ✗ | 20:01:00 (阿杰) |" in text
        assert "| 样品到位 | 助播 |  | 20:00:00 (小雨) |" in text
        assert "| ⚠ 链接上架 | 运营 | ✗ | 未完成 |" in text
    else:
        assert "<td>⚠ 推流测试</td><td>运营</td><td>✗</td><td>20:01:00 (阿杰)</td>" in text


@pytest.mark.parametrize(("rehearsal", "days_later", "overdue"), [(False, 0, True), (True, 0, False), (False, 7, False)])
async def test_a_deadline_is_overdue_only_for_the_show_the_plan_was_written_for(tmp_path, plan, rehearsal, days_later,
                                                                               overdue):
    from datetime import timedelta

    # At the written start the 15-minute item is late; in a rehearsal, or a week later, that start is another show's.
    clock = ManualClock(start_wall=ManualClock().wall() + timedelta(days=days_later))
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh", count_plan_start=not rehearsal)
    app = ManagerApp(session, Texts("zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        items = text_of(app, "#checklist-items")
        assert ("已过期" in items) is overdue
        assert ("开播前15m" in items) is not overdue
