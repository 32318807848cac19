"""Undo in the fold: a compensating event that puts the show's course back, within 30 s."""

import pytest

from rhythm_console.events import (
    Advance,
    CueSent,
    Extend,
    Hold,
    InsertSegment,
    Reorder,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
    Undo,
)
from rhythm_console.plan import Segment
from rhythm_console.refusals import refuse
from rhythm_console.show import (
    UNDO_WINDOW,
    RunStatus,
    apply,
    drift,
    fold,
    refusal,
    scan,
    segment_elapsed,
)


def _with_undo(plan, events, undo_at):
    """Fold the events, then undo the latest command at `undo_at`."""
    state = fold(plan, events)
    latest = state.undoable[-1]
    undo = Undo(at=undo_at, of=latest.of, of_at=latest.at)
    assert refusal(state, undo) is None
    return state, apply(state, undo)


def test_undo_of_an_advance_brings_the_segment_back_as_if_it_had_run_on(small_plan):
    before, after = _with_undo(small_plan, [ShowStarted(at=0), Advance(at=20)], undo_at=30)
    assert before.running.id == "coat"
    assert after.running.id == "open"
    assert after.runs[0].status is RunStatus.running and after.runs[0].ended_at is None
    assert after.runs[1].status is RunStatus.pending and after.runs[1].started_at is None
    assert segment_elapsed(after, after.running, 40) == 40  # it ran all along
    assert drift(after, 40) == pytest.approx(0)


def test_undo_of_a_skip_makes_the_segment_pending_again(small_plan):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Skip(at=5)], undo_at=10)
    assert after.runs[1].status is RunStatus.pending


@pytest.mark.parametrize("seconds", [60, -60])
def test_undo_of_an_extend_or_a_shorten_restores_the_budget(small_plan, seconds):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Extend(at=5, seconds=seconds)], undo_at=10)
    assert after.running.budget == 300


def test_undo_of_a_reorder_restores_the_order(small_plan):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Reorder(at=5, order=["close", "bag", "coat"])], undo_at=9)
    assert [run.id for run in after.pending()] == ["coat", "bag", "close"]


def test_undo_of_an_inserted_segment_takes_it_out(small_plan):
    filler = Segment(id="filler", kind="qa", title="临时问答", duration=240)
    _, after = _with_undo(small_plan, [ShowStarted(at=0), InsertSegment(at=5, segment=filler)], undo_at=9)
    assert [run.id for run in after.runs] == ["open", "coat", "bag", "close"]


def test_undo_of_a_hold_counts_the_time_as_running(small_plan):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Hold(at=10)], undo_at=20)
    assert not after.held
    assert segment_elapsed(after, after.running, 30) == 30


def test_undo_of_a_resume_puts_the_hold_back(small_plan):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Hold(at=10), Resume(at=15)], undo_at=20)
    assert after.held and after.hold_started == 10
    assert segment_elapsed(after, after.running, 30) == 10


@pytest.mark.parametrize("command", [SegmentStarted(at=5, segment_id="bag"), SegmentEnded(at=5)])
def test_undo_of_a_jump_or_an_end(small_plan, command):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), command], undo_at=9)
    assert after.running.id == "open" and after.gap_started is None
    assert all(run.status is RunStatus.pending for run in after.runs[1:])


def test_undo_goes_back_one_command_at_a_time(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Skip(at=5), Extend(at=6, seconds=60)])
    state = apply(state, Undo(at=7, of="extend", of_at=6))
    assert state.running.budget == 300 and state.runs[1].status is RunStatus.skipped
    state = apply(state, Undo(at=8, of="skip", of_at=5))
    assert state.runs[1].status is RunStatus.pending
    assert refusal(state, Undo(at=9, of="skip", of_at=5)) == refuse("nothing_to_undo")


def test_undo_leaves_cues_alone(small_plan):
    _, after = _with_undo(small_plan, [ShowStarted(at=0), Skip(at=5), CueSent(at=6, cue=1, text="x")], undo_at=7)
    assert [c.text for c in after.cues] == ["x"]


def test_undo_is_refused_after_the_window_and_for_another_command(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Skip(at=5)])
    assert refusal(state, Undo(at=5 + UNDO_WINDOW + 0.5, of="skip", of_at=5)) == refuse("undo_too_late", window=UNDO_WINDOW)
    assert refusal(state, Undo(at=6, of="advance", of_at=5)) == refuse("undo_not_latest")
    assert state.undo_target(5 + UNDO_WINDOW + 1) is None
    assert state.undo_target(6).of == "skip"


def test_the_start_and_the_end_cannot_be_undone(small_plan):
    started = fold(small_plan, [ShowStarted(at=0)])
    assert refusal(started, Undo(at=1, of="show_started", of_at=0)) == refuse("nothing_to_undo")
    ended = fold(small_plan, [ShowStarted(at=0), Skip(at=1), ShowEnded(at=2)])
    assert refusal(ended, Undo(at=3, of="skip", of_at=1)) == refuse("not_live")


def test_scan_shows_both_the_command_and_its_undo(small_plan):
    events = [ShowStarted(at=0), Skip(at=5), Undo(at=8, of="skip", of_at=5)]
    steps = list(scan(small_plan, events))
    assert [event.type for event, _, _ in steps] == ["show_started", "skip", "undo"]
    _, before, after = steps[-1]
    assert before.runs[1].status is RunStatus.skipped and after.runs[1].status is RunStatus.pending


def test_the_review_lists_a_skip_and_its_undoing(small_plan, tmp_path):
    from rhythm_console.clock import ManualClock
    from rhythm_console.events import ShowStarted, Skip, Undo
    from rhythm_console.journal import JournalWriter, read_journal
    from rhythm_console.report.markdown import render_markdown
    from tests.support.reviews import review_of

    path = tmp_path / "undo.jsonl"
    with JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in [ShowStarted(at=0), Skip(at=10), Undo(at=15, of="skip", of_at=10)]:
            writer.append(event)
    review = review_of(read_journal(path))
    assert [item.kind for item in review.interventions] == ["skipped", "undone"]
    text = render_markdown(review, "zh")
    assert "跳过" in text and "撤销了：跳过" in text
    assert "undo.skip" not in text
