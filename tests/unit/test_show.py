"""The fold: every event kind, refusals, phases, verdicts, drift and projection."""

import pytest

from rhythm_console.events import (
    Advance,
    AlertCleared,
    AlertRaised,
    CueAcked,
    CueDelivered,
    CueSent,
    Extend,
    Hold,
    InsertSegment,
    MetricSample,
    Note,
    Reorder,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
)
from rhythm_console.plan import CueLevel
from rhythm_console.refusals import refuse
from rhythm_console.show import (
    DisplayPhase,
    RunStatus,
    ShowStatus,
    VerdictKind,
    apply,
    budget_phase,
    drift,
    fold,
    initial_state,
    is_overrunning,
    plan_time_remaining,
    projected_end,
    refusal,
    scan,
    segment_elapsed,
    segment_remaining,
    verdict,
)

M = 60.0


def test_start_runs_the_first_segment(small_plan):
    state = fold(small_plan, [ShowStarted(at=10)])
    assert state.status is ShowStatus.live
    assert state.running.id == "open"
    assert segment_elapsed(state, state.running, 70) == 60
    assert segment_remaining(state, state.running, 70) == 4 * M


def test_phases_at_their_boundaries(small_plan):
    state = fold(small_plan, [ShowStarted(at=0)])
    run = state.running  # 5m, warning 1m, tolerance 30s
    assert budget_phase(state, run, 4 * M - 0.01) is DisplayPhase.running
    assert budget_phase(state, run, 4 * M) is DisplayPhase.warning
    assert budget_phase(state, run, 5 * M - 0.01) is DisplayPhase.warning
    assert budget_phase(state, run, 5 * M) is DisplayPhase.over
    assert not is_overrunning(state, run, 5 * M + 30)
    assert is_overrunning(state, run, 5 * M + 30.01)


def test_warning_lead_never_exceeds_half_a_short_segment():
    from rhythm_console.plan import parse_plan

    plan = parse_plan("show: {title: x}\ndefaults: {warning: 2m}\nsegments: [{id: a, kind: opening, title: A, duration: 90s}]")
    state = fold(plan, [ShowStarted(at=0)])
    assert budget_phase(state, state.running, 44) is DisplayPhase.running
    assert budget_phase(state, state.running, 45) is DisplayPhase.warning


def test_advance_ends_the_segment_with_a_verdict(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Advance(at=5 * M + 80)])
    opening = state.runs[0]
    assert opening.status is RunStatus.done
    assert verdict(state, opening).kind is VerdictKind.over
    assert verdict(state, opening).delta == 80
    assert state.running.id == "coat"


def test_verdicts_on_time_and_under(small_plan):
    on_time = fold(small_plan, [ShowStarted(at=0), Advance(at=5 * M - 25)])
    assert verdict(on_time, on_time.runs[0]).kind is VerdictKind.on_time
    under = fold(small_plan, [ShowStarted(at=0), Advance(at=4 * M)])
    assert verdict(under, under.runs[0]).kind is VerdictKind.under
    assert verdict(under, under.runs[0]).delta == -M
    assert verdict(under, under.runs[1]) is None  # still running


def test_hold_is_not_segment_time_but_is_drift(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Hold(at=60), Resume(at=180)])
    run = state.running
    assert segment_elapsed(state, run, 240) == 120  # 240 s on air, 120 s of it held
    assert state.held_total == 120
    assert drift(state, 240) == 120  # the show will end two minutes late
    assert projected_end(state, 240) == 20 * M + 120


def test_an_open_hold_freezes_the_segment_clock(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Hold(at=60)])
    assert segment_elapsed(state, state.running, 60) == 60
    assert segment_elapsed(state, state.running, 600) == 60
    assert drift(state, 600) == 540


def test_advance_while_held_closes_the_hold(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Hold(at=60), Advance(at=100)])
    assert state.runs[0].held == 40
    assert not state.held
    assert segment_elapsed(state, state.runs[0], 500) == 60


def test_extend_and_shorten_change_budget_and_drift(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Extend(at=10, seconds=M), Extend(at=20, seconds=-30)])
    assert state.running.budget == 5 * M + 30
    assert drift(state, 20) == 30
    assert plan_time_remaining(state, 20) == 20 * M + 30 - 20


def test_drift_of_states_read_in_turn_is_each_ones_own(small_plan):
    """Drift keeps the last totals it took with the runs and plan they were taken of: states of two
    shows read in turn (a review and a console in one process) each get their own."""
    again = small_plan.segments[0].model_copy(update={"id": "again"})
    longer = small_plan.model_copy(update={"segments": [*small_plan.segments, again]})
    started, extended = fold(small_plan, [ShowStarted(at=0)]), fold(small_plan, [ShowStarted(at=0), Extend(at=1, seconds=M)])
    other = fold(longer, [ShowStarted(at=0)])
    for _ in range(2):
        assert drift(started, 10) == 0 and drift(extended, 10) == M and drift(other, 10) == 0
        assert plan_time_remaining(other, 10) - plan_time_remaining(started, 10) == 5 * M  # the opening again


def test_drift_when_over_running_and_ahead_when_ending_early(small_plan):
    over = fold(small_plan, [ShowStarted(at=0)])
    assert drift(over, 5 * M) == 0
    assert drift(over, 7 * M) == 2 * M
    early = fold(small_plan, [ShowStarted(at=0), Advance(at=3 * M)])
    assert drift(early, 3 * M) == -2 * M


def test_skip_next_and_by_id(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Skip(at=1)])
    assert state.runs[1].status is RunStatus.skipped
    assert drift(state, 1) == -10 * M
    state = apply(state, Skip(at=2, segment_id="close"))
    assert [r.status for r in state.runs] == [RunStatus.running, RunStatus.skipped, RunStatus.pending, RunStatus.skipped]
    state = apply(state, Advance(at=3))
    assert state.running.id == "bag"


def test_insert_after_the_running_segment(small_plan):
    contingency = small_plan.contingencies[0]
    state = fold(small_plan, [ShowStarted(at=0),
                              InsertSegment(at=30, segment=contingency.insert, contingency_id="broken")])
    assert [r.id for r in state.runs] == ["open", "filler", "coat", "bag", "close"]
    assert state.runs[1].inserted and state.runs[1].contingency_id == "broken"
    assert drift(state, 30) == 4 * M
    state = apply(state, Advance(at=60))
    assert state.running.id == "filler"


def test_reorder_pending_segments(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Reorder(at=5, order=["bag", "close", "coat"])])
    assert [r.id for r in state.runs] == ["open", "bag", "close", "coat"]
    assert apply(state, Advance(at=6)).running.id == "bag"


def test_segment_started_jumps_and_segment_ended_leaves_a_gap(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), SegmentStarted(at=60, segment_id="bag")])
    assert state.running.id == "bag" and state.runs[1].status is RunStatus.pending
    state = apply(state, SegmentEnded(at=120))
    assert state.current is None and state.gap_started == 120
    state = apply(state, Advance(at=150))
    assert state.running.id == "coat" and state.gap_total == 30


def test_last_advance_ends_the_segment_then_refuses(small_plan):
    events = [ShowStarted(at=0), Advance(at=1), Advance(at=2), Advance(at=3), Advance(at=4)]
    state = fold(small_plan, events)
    assert state.current is None and all(r.status is RunStatus.done for r in state.runs)
    assert refusal(state, Advance(at=5)) == refuse("no_next")
    ended = apply(state, ShowEnded(at=10))
    assert ended.status is ShowStatus.ended and ended.gap_total == 6


def test_show_end_closes_the_running_segment(small_plan):
    state = fold(small_plan, [ShowStarted(at=0), Hold(at=10), ShowEnded(at=20)])
    assert state.runs[0].status is RunStatus.done and state.runs[0].held == 10
    assert drift(state, 9999) == 20 - 20 * M


@pytest.mark.parametrize(
    ("events", "command", "reason"),
    [
        ([], Advance(at=1), refuse("not_started")),
        ([], Extend(at=1, seconds=60), refuse("not_started")),
        ([], Hold(at=1), refuse("nothing_running")),
        ([], ShowEnded(at=1), refuse("not_live")),
        ([ShowStarted(at=0)], ShowStarted(at=1), refuse("already_started")),
        ([ShowStarted(at=0), ShowEnded(at=1)], Extend(at=2, seconds=60), refuse("ended")),
        ([ShowStarted(at=0), ShowEnded(at=1)], Advance(at=2), refuse("ended")),
        ([ShowStarted(at=0), Skip(at=1), Skip(at=1), Skip(at=1)], Skip(at=2), refuse("no_skip")),
        ([ShowStarted(at=0)], Skip(at=1, segment_id="open"),
         refuse("not_pending", id="open", status=("status.running",))),
        ([ShowStarted(at=0)], Skip(at=1, segment_id="nope"), refuse("unknown_segment", id="nope")),
        ([ShowStarted(at=0)], Extend(at=1, seconds=-300), refuse("too_short")),
        ([ShowStarted(at=0)], Extend(at=1, seconds=0), refuse("zero_extend")),
        ([ShowStarted(at=0)], Resume(at=1), refuse("not_held")),
        ([ShowStarted(at=0), Hold(at=1)], Hold(at=2), refuse("already_held")),
        ([ShowStarted(at=0)], Reorder(at=1, order=["coat"]), refuse("bad_order")),
        ([ShowStarted(at=0)], Reorder(at=1, order=["coat", "coat", "bag"]), refuse("bad_order")),
        ([ShowStarted(at=0)], CueSent(at=1, cue=2, text="x"), refuse("cue_sequence", cue=2, expected=1)),
        ([ShowStarted(at=0)], CueAcked(at=1, cue=1, by="host"), refuse("unknown_cue", cue=1)),
        ([ShowStarted(at=0)], AlertCleared(at=1, alert="a"), refuse("alert_not_raised", alert="a")),
        ([ShowStarted(at=5)], Advance(at=1), refuse("time_backwards")),
    ],
)
def test_refused_commands_leave_the_state_unchanged(small_plan, events, command, reason):
    state = fold(small_plan, events)
    assert refusal(state, command) == reason
    assert apply(state, command) is state


def test_cues_delivery_and_acks(small_plan):
    state = fold(small_plan, [
        ShowStarted(at=0),
        CueSent(at=10, cue=1, text="上链接", level="urgent", origin="preset:1"),
        CueDelivered(at=10.002, cue=1, by="host"),
        CueAcked(at=12, cue=1, by="host"),
    ])
    cue = state.cue(1)
    assert cue.text == "上链接" and cue.level is CueLevel.urgent
    assert cue.delivered == (("host", 10.002),) and cue.acked == (("host", 12),)
    assert state.next_cue_number == 2
    assert refusal(state, CueAcked(at=13, cue=1, by="host")) == refuse("already_acked", cue=1, by="host")


def test_notes_alerts_and_metrics(small_plan):
    state = fold(small_plan, [
        Note(at=1, text="灯光偏暗"),
        MetricSample(at=2, values={"online": 1200, "comments_per_min": 30}),
        MetricSample(at=3, values={"online": 1300}),
        AlertRaised(at=4, alert="viewers-drop", message="在线下降", suggest="7"),
    ])
    assert state.notes[0].text == "灯光偏暗"
    assert state.metrics == {"online": 1300, "comments_per_min": 30} and state.metrics_at == 3
    assert state.alerts[0].suggest == "7"
    assert refusal(state, AlertRaised(at=5, alert="viewers-drop", message="x")) == refuse("alert_raised", alert="viewers-drop")
    assert apply(state, AlertCleared(at=6, alert="viewers-drop")).alerts == ()


def test_initial_state_before_start(small_plan):
    state = initial_state(small_plan)
    assert drift(state, 100) == 0 and projected_end(state, 100) is None
    assert plan_time_remaining(state, 100) == 20 * M


def test_scan_steps_through_the_fold_with_the_state_before_and_after(small_plan):
    events = [ShowStarted(at=0), Hold(at=10), Extend(at=20, seconds=0), Resume(at=30), Advance(at=40)]
    steps = list(scan(small_plan, events))
    assert [event for event, _, _ in steps] == events
    assert steps[0][1] == initial_state(small_plan)
    for (_, _, after), (_, before, _) in zip(steps, steps[1:], strict=False):
        assert before is after  # each step starts where the last one ended
    assert steps[-1][2] == fold(small_plan, events)
    assert steps[1][2].held and not steps[3][2].held
    _, before, after = steps[2]
    assert after is before  # a refused event (extending by zero) changes nothing
