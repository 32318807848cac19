"""Random command sequences: the fold never raises, and time always adds up."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.events import (
    Advance,
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
)
from rhythm_console.plan import Segment
from rhythm_console.show import apply, current_gap, current_hold, initial_state, segment_elapsed, show_elapsed
from tests.support.plans import SMALL_PLAN

IDS = ["open", "coat", "bag", "close", "x1", "x2", "nope"]

command = st.one_of(
    st.just("start"), st.just("advance"), st.just("advance"), st.just("end_segment"), st.just("end"),
    st.just("hold"), st.just("resume"), st.tuples(st.just("extend"), st.integers(-600, 600)),
    st.tuples(st.just("skip"), st.sampled_from(IDS + [None])), st.tuples(st.just("jump"), st.sampled_from(IDS)),
    st.tuples(st.just("insert"), st.sampled_from(["x1", "x2", "open"])), st.tuples(st.just("reorder"), st.randoms()),
)


def _event(state, at, cmd):
    name, arg = cmd if isinstance(cmd, tuple) else (cmd, None)
    match name:
        case "start": return ShowStarted(at=at)
        case "advance": return Advance(at=at)
        case "end_segment": return SegmentEnded(at=at)
        case "end": return ShowEnded(at=at)
        case "hold": return Hold(at=at)
        case "resume": return Resume(at=at)
        case "extend": return Extend(at=at, seconds=arg)
        case "skip": return Skip(at=at, segment_id=arg)
        case "jump": return SegmentStarted(at=at, segment_id=arg)
        case "insert": return InsertSegment(at=at, segment=Segment(id=arg, kind="qa", title="问答", duration=120))
        case "reorder":
            order = [run.id for run in state.pending()]
            arg.shuffle(order)
            return Reorder(at=at, order=order)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 400, allow_nan=False), command), max_size=40))
def test_random_commands_never_raise_and_time_adds_up(steps):
    from rhythm_console.plan import parse_plan

    plan = parse_plan(SMALL_PLAN)
    state = initial_state(plan)
    now = 0.0
    for gap, cmd in steps:
        now += gap
        state = apply(state, _event(state, now, cmd))
        if state.started_at is None:
            continue
        segment_time = sum(segment_elapsed(state, run, now) for run in state.runs)
        holds = state.held_total + current_hold(state, now)
        gaps = state.gap_total + current_gap(state, now)
        assert abs(segment_time + holds + gaps - show_elapsed(state, now)) < 1e-6
