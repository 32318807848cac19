"""A late start is late, an early end is not "ahead" (issue 20.3): drift counts from the plan's written start
unless the manager re-bases the plan (journaled, undoable); an ended show says how it ended."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rhythm_console.clock import ManualClock
from rhythm_console.events import Advance, PlanRebased, ShowEnded, ShowStarted, Undo
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.phrases import end_words
from rhythm_console.plan import parse_plan
from rhythm_console.report.markdown import render_markdown
from rhythm_console.session import LiveSession
from rhythm_console.show import drift, end_outcome, fold, planned_end, start_delay
from tests.support.reviews import review_of

PLAN = """\
show: {title: 晚场, starts_at: "2026-11-28T20:00:00+08:00"}
segments:
  - {id: open, kind: opening, title: 开场, duration: 10m}
  - {id: coat, kind: product, title: 大衣, duration: 20m, product: {name: 大衣, price: 399}}
  - {id: bye, kind: closing, title: 收尾, duration: 10m}
"""
ZONE = timezone(timedelta(hours=8))


def _session(tmp_path, *, opened: datetime, **options):
    plan = parse_plan(PLAN)
    clock = ManualClock(start_wall=opened)
    journal = JournalWriter(tmp_path / "late.jsonl", plan, clock=clock, sync=lambda fd: None)
    return LiveSession(plan, clock, journal, advise=False, **options), clock


def test_a_late_start_counts_from_the_plans_start_until_rebased_and_undo_brings_it_back(tmp_path):
    session, clock = _session(tmp_path, opened=datetime(2026, 11, 28, 20, 10, tzinfo=ZONE))
    clock.advance(268)  # the console opened at 20:10; the show starts at 20:14:28
    session.start_or_advance()
    state = session.state
    assert start_delay(state) == 868  # 14:28 late
    assert drift(state, session.now()) == 868  # on air for 0 s of a plan that should have run 14:28: behind
    assert session.rebase_plan() is None
    assert drift(session.state, session.now()) == 0
    clock.advance(5)
    assert session.undo() is None  # re-basing is undone like any other command
    assert drift(session.state, session.now()) == 868 and not session.state.rebased
    assert session.rebase_plan() is None and session.rebase_plan().code == "nothing_to_rebase"
    session.close()
    journal = read_journal(tmp_path / "late.jsonl")
    types = [e.type for e in journal.events]
    assert types.count("plan_rebased") == 2 and "undo" in types
    assert fold(journal.header.plan, journal.events).rebased  # the journal folds to what the console showed
    report = render_markdown(review_of(journal), "zh")
    assert "开播: 计划 20:00 · 实际 20:14 · 晚开播 14:28 · 经理已按实际开播重算计划" in report


def test_an_early_start_and_a_rehearsal_count_from_the_actual_start(tmp_path):
    early, clock = _session(tmp_path, opened=datetime(2026, 11, 28, 19, 55, tzinfo=ZONE))
    early.start_or_advance()
    assert start_delay(early.state) == -300 and drift(early.state, early.now()) == 0  # not "ahead 5:00"
    early.close()
    rehearsal, _ = _session(tmp_path / "r", opened=datetime(2026, 11, 28, 20, 30, tzinfo=ZONE), count_plan_start=False)
    rehearsal.start_or_advance()
    assert start_delay(rehearsal.state) is None and drift(rehearsal.state, rehearsal.now()) == 0
    rehearsal.close()


def test_an_early_end_reads_ended_early_with_the_segments_not_run_never_ahead(tmp_path):
    plan = parse_plan(PLAN)
    state = fold(plan, [ShowStarted(at=0), ShowEnded(at=120)])
    outcome = end_outcome(state)
    assert [run.id for run in outcome.not_run] == ["coat", "bye"]
    for lang, words in (("zh", "提前结束 · 2 段未播"), ("en", "ended early · 2 segment(s) not run")):
        assert end_words(Texts(lang), outcome) == words
    assert drift(state, 120) < 0  # what used to read 领先 38:00
    whole = fold(plan, [ShowStarted(at=0), Advance(at=500), Advance(at=1700), ShowEnded(at=2100)])
    assert end_words(Texts("zh"), end_outcome(whole)) == "提前 5:00 结束"
    assert planned_end(whole) == 2400


def test_the_review_names_the_segments_an_early_end_left_out(tmp_path):
    path = tmp_path / "short.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in (ShowStarted(at=0), ShowEnded(at=90)):
            writer.append(event)
    report = render_markdown(review_of(read_journal(path)), "zh")
    assert "结束时偏差: 提前结束 · 2 段未播" in report and "领先" not in report
    assert "提前结束：2 段没有播（大衣、收尾）" in report


def test_rebase_is_refused_without_a_late_start():
    plan = parse_plan(PLAN)
    from rhythm_console.show import refusal
    state = fold(plan, [ShowStarted(at=0)])
    assert refusal(state, PlanRebased(at=1)).code == "nothing_to_rebase"
    late = fold(plan, [ShowStarted(at=600, planned_at=0)])
    assert refusal(late, PlanRebased(at=601)) is None
    assert fold(plan, [ShowStarted(at=600, planned_at=0), PlanRebased(at=601), Undo(at=602, of="plan_rebased", of_at=601)]).rebased is False
