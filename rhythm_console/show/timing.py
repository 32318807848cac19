"""Time read off the show's state: elapsed, remaining, verdicts, drift, the display phase.

How time is counted (all in seconds on the session's monotonic clock):

- A segment's *elapsed* time runs from its start to its end (or to now) and
  does NOT include holds (pauses) taken while it ran: the host was not
  talking through its content.
- The show's *drift* DOES include holds: the stream kept going on air, so a
  hold pushes the projected end later. Drift is projected end minus planned
  end; positive means behind plan, negative ahead.
- The planned end is the show's actual start plus the plan's total duration
  as written. Extensions, insertions and skips change the projected end, not
  the planned one, so they show up as drift.
- A segment's verdict compares its elapsed time with its budget (planned
  duration plus any extensions the manager gave it) within its tolerance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Generic, TypeVar

from rhythm_console.plan import Plan
from rhythm_console.show.state import RunStatus, SegmentRun, ShowState, ShowStatus

_Of = TypeVar("_Of")


class DisplayPhase(str, Enum):
    """What a screen shows for the show at a moment: every view switches on this, none works it out."""

    pending = "pending"  # the show has not started
    running = "running"
    warning = "warning"  # the segment's last minute (or less: see warning_lead)
    over = "over"  # past its budget, within its over tolerance
    overrun = "overrun"  # past its budget by more than its tolerance
    held = "held"
    between = "between"  # live, no segment running, more to come
    all_done = "all_done"  # live, every segment done or skipped
    ended = "ended"


class VerdictKind(str, Enum):
    on_time = "on_time"
    over = "over"
    under = "under"


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: VerdictKind
    delta: float  # actual minus budget: positive over, negative under


def segment_elapsed(state: ShowState, run: SegmentRun, now: float) -> float:
    """Time the segment has run, holds excluded."""
    if run.started_at is None:
        return 0.0
    end = run.ended_at if run.ended_at is not None else now
    held = run.held
    if state.hold_started is not None and run.status is RunStatus.running:  # the status read only while held
        held += end - state.hold_started
    return max(0.0, end - run.started_at - held)


def warning_lead(state: ShowState, run: SegmentRun) -> float:
    """How long before its end a segment turns to warning: never more than half of it."""
    return min(state.plan.defaults.warning, run.budget / 2)


def countdown_phase(remaining: float, warning_lead: float, over_tolerance: float = math.inf, *,
                    held: bool = False) -> DisplayPhase:
    """The phase of a countdown with `remaining` seconds of budget left (negative once over).
    The one rule: the console applies it to the state (budget_phase, display_phase), a pane to its own countdown."""
    if held:
        return _HELD
    if remaining <= 0:
        return _OVERRUN if -remaining > over_tolerance else _OVER
    if remaining <= warning_lead:
        return _WARNING
    return _RUNNING


# The phases countdown_phase answers (every second, for each screen and the advisor) under plain names:
# a member read off its enum's class goes through the enum's metaclass.
_HELD, _OVERRUN, _OVER = DisplayPhase.held, DisplayPhase.overrun, DisplayPhase.over
_WARNING, _RUNNING = DisplayPhase.warning, DisplayPhase.running


def budget_phase(state: ShowState, run: SegmentRun, now: float) -> DisplayPhase:
    """The phase of the segment's budget alone (running, warning or over; never held or overrun): when its
    automatic cues fire, and the advisor's clicks-rising advice near a product's end."""
    return countdown_phase(segment_remaining(state, run, now), warning_lead(state, run))


def display_phase(state: ShowState, now: float) -> DisplayPhase:
    """The phase the screens show for the whole show at `now` (pending, held, overrun, between, ended too)."""
    if state.status is ShowStatus.ready:
        return DisplayPhase.pending
    if state.status is ShowStatus.ended:
        return DisplayPhase.ended
    run = state.running
    if run is None:
        return DisplayPhase.between if state.next_pending() is not None else DisplayPhase.all_done
    return countdown_phase(segment_remaining(state, run, now), warning_lead(state, run), over_tolerance(state, run),
                           held=state.held)


def over_tolerance(state: ShowState, run: SegmentRun) -> float:
    return state.plan.tolerance_for(run.segment).over.resolve(run.segment.duration)


def under_tolerance(state: ShowState, run: SegmentRun) -> float:
    return state.plan.tolerance_for(run.segment).under.resolve(run.segment.duration)


def is_overrunning(state: ShowState, run: SegmentRun, now: float) -> bool:
    """Flagged: past its budget by more than its over tolerance (holds or not)."""
    phase_now = countdown_phase(segment_remaining(state, run, now), warning_lead(state, run), over_tolerance(state, run))
    return phase_now is DisplayPhase.overrun


def verdict(state: ShowState, run: SegmentRun) -> Verdict | None:
    """On time, over or under, for a finished segment; None for any other."""
    if run.status is not RunStatus.done or run.ended_at is None:
        return None
    delta = segment_elapsed(state, run, run.ended_at) - run.budget
    if delta > over_tolerance(state, run):
        return Verdict(VerdictKind.over, delta)
    if -delta > under_tolerance(state, run):
        return Verdict(VerdictKind.under, delta)
    return Verdict(VerdictKind.on_time, delta)


def segment_remaining(state: ShowState, run: SegmentRun, now: float) -> float:
    """Budget left (negative once over)."""
    return run.budget - segment_elapsed(state, run, now)


def plan_time_remaining(state: ShowState, now: float) -> float:
    """Planned time still to run: the rest of the running segment plus every pending one."""
    remaining = _pending_budget(state.runs)
    if state.running is not None:
        remaining += max(0.0, segment_remaining(state, state.running, now))
    return remaining


def show_elapsed(state: ShowState, now: float) -> float:
    if state.started_at is None:
        return 0.0
    return (state.ended_at if state.ended_at is not None else now) - state.started_at


def current_hold(state: ShowState, now: float) -> float:
    return now - state.hold_started if state.hold_started is not None else 0.0


def current_gap(state: ShowState, now: float) -> float:
    return now - state.gap_started if state.gap_started is not None else 0.0


def start_delay(state: ShowState) -> float | None:
    """How late the show started against the plan's written start (negative: early); None when that start
    does not count (no start written for this day, not a live show) or before the start."""
    if state.started_at is None or state.planned_start is None:
        return None
    return state.started_at - state.planned_start


def plan_origin(state: ShowState) -> float | None:
    """Where the plan's clock starts: its written start when the show began late (a late start is drift),
    else the actual start (an early start is not "ahead"); the actual start once the manager re-based it."""
    if state.started_at is None:
        return None
    delay = start_delay(state)
    if delay is None or delay <= 0 or state.rebased:
        return state.started_at
    return state.planned_start


def planned_end(state: ShowState) -> float | None:
    """Offset at which the plan as written would end, counted from plan_origin."""
    origin = plan_origin(state)
    if origin is None:
        return None
    return origin + _planned_total(state.plan)


def script_end(state: ShowState) -> float | None:
    """Where the plan as written ends: its written start plus its segments' durations (the script's own
    end, whatever the start, the pace and the changes made since). A plan whose written start does not count
    (none written, another day's, a rehearsal's) is counted from the actual start. None before the start."""
    if state.started_at is None:
        return None
    start = state.planned_start if state.planned_start is not None else state.started_at
    return start + _planned_total(state.plan)


class _LastTotal(Generic[_Of]):
    """A total of an immutable value, kept with the object it was taken of until asked of another.

    Drift is asked every second live and once a minute of a show by its review: of a long show (a thousand
    segments) summing the runs and the plan each time made the review's drift curve quadratic. A fold step
    that leaves the runs alone passes the same tuple of frozen records on, and a show has one frozen plan."""

    def __init__(self, total: Callable[[_Of], float]) -> None:
        self._total = total
        self._last: tuple[_Of, float] | None = None

    def __call__(self, of: _Of) -> float:
        last = self._last  # read once: another thread may replace it, never change it
        if last is not None and last[0] is of:
            return last[1]
        total = self._total(of)
        self._last = (of, total)
        return total


_pending_budget = _LastTotal[tuple[SegmentRun, ...]](
    lambda runs: sum(run.budget for run in runs if run.status is RunStatus.pending))
_planned_total = _LastTotal[Plan](lambda plan: plan.planned_total)


@dataclass(frozen=True, slots=True)
class EndOutcome:
    """How an ended show ended against its plan: never "ahead", which speaks of a show still running."""

    by: float  # actual end minus planned end: negative early, positive late
    not_run: tuple[SegmentRun, ...]  # segments never reached (pending at the end)
    skipped: tuple[SegmentRun, ...]

    @property
    def by_what_ran(self) -> float:
        """Actual end minus the planned end of the segments that ran (skipped ones count as cut):
        a show stopped before its plan's end is late or on time by this, never "ahead" by what it left out."""
        return self.by + sum(run.segment.duration for run in self.not_run if not run.inserted)


def end_outcome(state: ShowState) -> EndOutcome | None:
    """None until the show has ended."""
    planned = planned_end(state)  # none before the start
    if state.ended_at is None or planned is None:
        return None
    return EndOutcome(by=state.ended_at - planned,
                      not_run=tuple(run for run in state.runs if run.status is RunStatus.pending),
                      skipped=tuple(run for run in state.runs if run.status is RunStatus.skipped))


def projected_end(state: ShowState, now: float) -> float | None:
    if state.started_at is None:
        return None
    if state.ended_at is not None:
        return state.ended_at
    return now + plan_time_remaining(state, now)


def drift(state: ShowState, now: float) -> float:
    """Projected end minus planned end: positive behind plan, negative ahead."""
    end, planned = projected_end(state, now), planned_end(state)
    if end is None or planned is None:  # not started
        return 0.0
    return end - planned


START_HORIZON = 24 * 3600.0  # a written start further ahead than this is not counted down
LATE_HORIZON = 6 * 3600.0  # nor one further behind: that plan is for another day


def until_start(state: ShowState, wall: datetime) -> float | None:
    """Seconds from `wall` to the plan's written start (negative: late), before the show starts;
    None once it has started, without a written start, or when that start is on another day."""
    starts_at = state.plan.show.starts_at
    if state.status is not ShowStatus.ready or starts_at is None:
        return None
    until = (starts_at - wall).total_seconds()
    return until if -LATE_HORIZON < until < START_HORIZON else None
