"""`scan_runs` is `scan` with consecutive samples yielded together: the same events in the same order, and the
states `scan` yields (each run's state made once, from the figures copied once), key order of the figures too."""

import importlib

from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.events import Advance, Hold, MetricSample, Note, Resume, ShowEnded, ShowStarted
from rhythm_console.plan import parse_plan
from rhythm_console.show import SampleRun, scan, scan_runs
from tests.support.plans import SMALL_PLAN

PLAN = parse_plan(SMALL_PLAN)
NAMES = ["online", "gmv", "orders", "comments", "ctr"]

sample = st.builds(lambda at, values: ("sample", at, values), st.floats(0, 50, allow_nan=False),
                   st.dictionaries(st.sampled_from(NAMES), st.floats(0, 1e6, allow_nan=False), max_size=5))
command = st.builds(lambda at, name: (name, at, None), st.floats(0, 50, allow_nan=False),
                    st.sampled_from(["start", "advance", "hold", "resume", "note", "end"]))
MADE = {"start": ShowStarted, "advance": Advance, "hold": Hold, "resume": Resume, "end": ShowEnded}


def _events(steps):
    """Steps as events at rising times (a step's time is added to the last), samples older than the one before
    them now and then (refused by the fold)."""
    now, events = 0.0, []
    for kind, gap, values in steps:
        now += gap
        if kind == "sample":  # a gap above 40: taken 30 seconds back
            events.append(MetricSample(at=now - 30 if gap > 40 and now >= 30 else now, values=values))
        elif kind == "note":
            events.append(Note(at=now, text="灯光"))
        else:
            events.append(MADE[kind](at=now))
    return events


def _same_state(one, other):
    assert one == other
    assert list(one.metrics.items()) == list(other.metrics.items())  # the figures' order too (resume reads it)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(sample, sample, sample, command), max_size=60), st.integers(1, 5))
def test_scan_runs_yields_the_events_and_states_scan_yields(steps, longest):
    events = _events(steps)
    expected = list(scan(PLAN, events))
    position = 0
    for step in scan_runs(PLAN, events, longest):
        if isinstance(step, SampleRun):
            assert 1 <= len(step.samples) <= longest
            taken = expected[position:position + len(step.samples)]
            assert [event for event, _, _ in taken] == step.samples
            assert step.before is taken[0][1] or step.before == taken[0][1]
            _same_state(step.after, taken[-1][2])
            if all(after is before for _, before, after in taken):
                assert step.after is step.before  # every sample refused: nothing changed
            position += len(step.samples)
        else:
            event, before, after = step
            assert not isinstance(event, MetricSample)
            assert event is expected[position][0]
            _same_state(before, expected[position][1])
            _same_state(after, expected[position][2])
            position += 1
    assert position == len(events)


def test_a_run_ends_at_the_next_command_and_its_samples_share_the_state_before_them():
    events = [MetricSample(at=1.0, values={"online": 5.0}), ShowStarted(at=2.0),
              MetricSample(at=3.0, values={"online": 6.0, "gmv": 1.0}), MetricSample(at=2.5, values={"online": 9.0}),
              MetricSample(at=4.0, values={"gmv": 2.0})]
    first, started, second = list(scan_runs(PLAN, events))
    assert isinstance(first, SampleRun) and first.samples == events[:1] and first.after.metrics == {"online": 5.0}
    assert started[0] is events[1]
    assert isinstance(second, SampleRun) and second.before is started[2] and second.samples == events[2:]
    # The sample older than the one before it is refused, as apply refuses it.
    assert second.after.metrics == {"online": 6.0, "gmv": 2.0} and second.after.last_at == 4.0


def _in_full(state, event):
    """apply's general path: every rule of refusal() and _apply_checked() looked at."""
    from rhythm_console.show import refusal
    from rhythm_console.show.state import UNDOABLE_TYPES

    fold = importlib.import_module("rhythm_console.show.fold")  # the module (the package's `fold` is its function)

    if refusal(state, event) is not None:
        return state
    state = fold._evolve(state, last_at=event.at)
    if event.type in UNDOABLE_TYPES:
        state = fold._remember_for_undo(state, event)
    return fold._apply_checked(state, event)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(sample, command), max_size=30), st.floats(-5, 5, allow_nan=False))
def test_the_events_the_fold_takes_only_the_time_of_fold_as_every_rule_says(steps, offset):
    from rhythm_console.events import CommentExamples, WordingOverridden
    from rhythm_console.show import apply, initial_state

    state = initial_state(PLAN)
    for event in [*_events(steps), None]:
        for ignored in (CommentExamples(at=max(0.0, state.last_at + offset), examples={"price": ["多少钱"]}),
                        WordingOverridden(at=max(0.0, state.last_at + offset), cue=1, words=["最"])):
            _same_state(apply(state, ignored), _in_full(state, ignored))
            assert (apply(state, ignored) is state) == (_in_full(state, ignored) is state)
        if event is not None:
            state = apply(state, event)
