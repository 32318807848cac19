"""The show's state and the one pure function that folds events into it.

    state = reduce(apply, events, initial_state(plan))

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

Every event is checked by `refusal()` first; `apply()` leaves the state
unchanged for an event that makes no sense, so a journal always folds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from functools import reduce
from typing import Iterable, Iterator

from rhythm_console.events import (
    Advance,
    AlertCleared,
    AlertRaised,
    Annotation,
    ChecklistTicked,
    ChecklistWaived,
    CueAcked,
    CueDelivered,
    CueSent,
    Event,
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
    Undo,
)
from rhythm_console.plan import CueAction, CueLevel, Plan, Segment
from rhythm_console.refusals import Refusal, refuse


class ShowStatus(str, Enum):
    ready = "ready"
    live = "live"
    ended = "ended"


class RunStatus(str, Enum):
    pending = "pending"
    running = "running"
    done = "done"
    skipped = "skipped"


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


@dataclass(frozen=True, slots=True)
class SegmentRun:
    segment: Segment
    status: RunStatus = RunStatus.pending
    extended: float = 0.0
    started_at: float | None = None
    ended_at: float | None = None
    held: float = 0.0  # closed holds taken while this segment ran
    inserted: bool = False
    contingency_id: str | None = None

    @property
    def id(self) -> str:
        return self.segment.id

    @property
    def budget(self) -> float:
        """The planned duration plus the manager's extensions (never below one second)."""
        return max(1.0, self.segment.duration + self.extended)


@dataclass(frozen=True, slots=True)
class CueRecord:
    cue: int
    text: str
    level: CueLevel
    sent_at: float
    origin: str
    target: str | None = None
    action: CueAction | None = None
    delivered: tuple[tuple[str, float], ...] = ()  # (pane, at)
    acked: tuple[tuple[str, float], ...] = ()
    segment: str | None = None  # the segment running when it was sent: a pane moves it aside once that one ends

    @property
    def delivered_after(self) -> tuple[tuple[str, float], ...]:
        """(pane, seconds from sending to arriving there)."""
        return tuple((pane, at - self.sent_at) for pane, at in self.delivered)

    @property
    def acked_after(self) -> tuple[tuple[str, float], ...]:
        """(pane, seconds from sending to the host acknowledging it there)."""
        return tuple((pane, at - self.sent_at) for pane, at in self.acked)


@dataclass(frozen=True, slots=True)
class AlertRecord:
    alert: str
    message: str
    raised_at: float
    suggest: str | None
    level: CueLevel
    code: str | None = None  # the catalog's alert.<code>: screens say it in their language
    params: dict[str, str | float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NoteRecord:
    at: float
    text: str
    by: str | None = None  # who wrote it, for notes added after the show
    segment_id: str | None = None  # the segment it is about: the running one for a live note


UNDO_WINDOW = 30.0  # seconds after a show-changing command during which it can be taken back
UNDO_DEPTH = 20  # at most this many commands are kept for taking back, newest last

# The commands undo takes back: each changes only the show's course (the runs, holds and gaps).
UNDOABLE_TYPES = frozenset({"advance", "skip", "extend", "reorder", "insert_segment", "hold", "resume",
                            "segment_started", "segment_ended"})


@dataclass(frozen=True, slots=True)
class Undoable:
    """A show-changing command that may still be taken back, with the show's course just before it.
    Undoing puts that course back; cues, notes, alerts and figures are left as they are, and time
    keeps counting from the original stamps (a segment brought back has run all along)."""

    of: str  # the command's event type
    at: float
    runs: tuple[SegmentRun, ...]
    current: int | None
    hold_started: float | None
    held_total: float
    gap_total: float
    gap_started: float | None


@dataclass(frozen=True, slots=True)
class TickRecord:
    """A readiness checklist item that is done: who ticked it and when."""

    item: int
    by: str
    at: float


@dataclass(frozen=True, slots=True)
class ShowState:
    plan: Plan
    runs: tuple[SegmentRun, ...]
    status: ShowStatus = ShowStatus.ready
    started_at: float | None = None
    ended_at: float | None = None
    current: int | None = None  # index into runs of the running segment
    hold_started: float | None = None
    held_total: float = 0.0  # closed holds, whole show
    gap_total: float = 0.0  # closed gaps: live with no segment running
    gap_started: float | None = None
    cues: tuple[CueRecord, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    alerts: tuple[AlertRecord, ...] = ()  # active ones
    metrics: dict[str, float] = field(default_factory=dict)  # latest value of each
    metrics_at: float | None = None
    last_at: float = 0.0
    platform: dict[str, float] = field(default_factory=dict)  # the platform's totals, as annotated
    undoable: tuple[Undoable, ...] = ()  # the commands undo can still take back, newest last
    ticks: tuple[TickRecord, ...] = ()  # checklist items done now, in the order they were ticked
    waived: tuple[int, ...] = ()  # blocking items the manager started the show without

    # -------------------------------------------------------- lookups

    @property
    def running(self) -> SegmentRun | None:
        return self.runs[self.current] if self.current is not None else None

    @property
    def held(self) -> bool:
        return self.hold_started is not None

    def pending(self) -> list[SegmentRun]:
        return [run for run in self.runs if run.status is RunStatus.pending]

    def next_pending(self) -> SegmentRun | None:
        return next((run for run in self.runs if run.status is RunStatus.pending), None)

    def index_of(self, segment_id: str) -> int | None:
        return next((i for i, run in enumerate(self.runs) if run.id == segment_id), None)

    def cue(self, number: int) -> CueRecord | None:
        return next((c for c in reversed(self.cues) if c.cue == number), None)

    @property
    def next_cue_number(self) -> int:
        return self.cues[-1].cue + 1 if self.cues else 1

    def undo_target(self, now: float) -> Undoable | None:
        """The command `u` would take back at `now`: the newest, while it is within the window."""
        if not self.undoable or now - self.undoable[-1].at > UNDO_WINDOW:
            return None
        return self.undoable[-1]


def suggestion_sent(state: ShowState, alert: AlertRecord) -> bool:
    """Whether the cue an alert suggests went out since it was raised: by `a`, or by its own key."""
    if alert.suggest is None:
        return False
    origins = {f"advice:{alert.alert}", f"preset:{alert.suggest}", f"builtin:{alert.suggest}"}
    return any(cue.origin in origins and cue.sent_at >= alert.raised_at for cue in reversed(state.cues))


def initial_state(plan: Plan) -> ShowState:
    return ShowState(plan=plan, runs=tuple(SegmentRun(segment=s) for s in plan.segments))


# ------------------------------------------------------------ refusals


def refusal(state: ShowState, event: Event) -> Refusal | None:
    """Why this event makes no sense now, or None if it may be applied."""
    if event.at < state.last_at:
        return refuse("time_backwards")
    live = state.status is ShowStatus.live
    match event:
        case ShowStarted():
            if state.status is not ShowStatus.ready:
                return refuse("already_started")
            if state.next_pending() is None:
                return refuse("nothing_to_start")
        case ShowEnded():
            if not live:
                return refuse("not_live")
        case Advance():
            if not live:
                return refuse("not_started" if state.status is ShowStatus.ready else "ended")
            if state.current is None and state.next_pending() is None:
                return refuse("no_next")
        case SegmentStarted(segment_id=segment_id):
            if not live:
                return refuse("not_live")
            index = state.index_of(segment_id)
            if index is None:
                return refuse("unknown_segment", id=segment_id)
            if state.runs[index].status is not RunStatus.pending:
                return refuse("not_pending", id=segment_id, status=(f"status.{state.runs[index].status.value}",))
        case SegmentEnded():
            if state.current is None:
                return refuse("nothing_running")
        case Extend(seconds=seconds):
            if state.current is None:
                return refuse("nothing_running" if live else "not_started" if state.status is ShowStatus.ready else "ended")
            if seconds == 0:
                return refuse("zero_extend")
            run = state.runs[state.current]
            if run.segment.duration + run.extended + seconds < 1:
                return refuse("too_short")
        case Skip(segment_id=segment_id):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            if segment_id is None:
                if state.next_pending() is None:
                    return refuse("no_skip")
            else:
                index = state.index_of(segment_id)
                if index is None:
                    return refuse("unknown_segment", id=segment_id)
                if state.runs[index].status is not RunStatus.pending:
                    return refuse("not_pending", id=segment_id, status=(f"status.{state.runs[index].status.value}",))
        case Hold():
            if state.current is None:
                return refuse("nothing_running")
            if state.held:
                return refuse("already_held")
        case Resume():
            if not state.held:
                return refuse("not_held")
        case InsertSegment(segment=segment):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            if state.index_of(segment.id) is not None:
                return refuse("duplicate_segment", id=segment.id)
        case Reorder(order=order):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            pending = [run.id for run in state.pending()]
            if sorted(order) != sorted(pending) or len(set(order)) != len(order):
                return refuse("bad_order")
        case CueSent(cue=number):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            if number != state.next_cue_number:
                return refuse("cue_sequence", cue=number, expected=state.next_cue_number)
        case CueDelivered(cue=number, by=by) | CueAcked(cue=number, by=by):
            record = state.cue(number)
            if record is None:
                return refuse("unknown_cue", cue=number)
            already = record.delivered if isinstance(event, CueDelivered) else record.acked
            if any(name == by for name, _ in already):
                return refuse("already_delivered" if isinstance(event, CueDelivered) else "already_acked", cue=number, by=by)
        case Undo(of=of, of_at=of_at):
            if state.status is not ShowStatus.live:
                return refuse("not_live")
            latest = state.undoable[-1] if state.undoable else None
            if latest is None:
                return refuse("nothing_to_undo")
            if latest.of != of or latest.at != of_at:
                return refuse("undo_not_latest")
            if event.at - latest.at > UNDO_WINDOW:
                return refuse("undo_too_late", window=UNDO_WINDOW)
        case AlertRaised(alert=alert):
            if any(a.alert == alert for a in state.alerts):
                return refuse("alert_raised", alert=alert)
        case AlertCleared(alert=alert):
            if not any(a.alert == alert for a in state.alerts):
                return refuse("alert_not_raised", alert=alert)
        case ChecklistTicked(item=item, done=done):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            if item >= len(state.plan.checklist):
                return refuse("unknown_check_item", item=item + 1)
            ticked = any(tick.item == item for tick in state.ticks)
            if done and ticked:
                return refuse("already_ticked", item=item + 1)
            if not done and not ticked:
                return refuse("not_ticked", item=item + 1)
        case ChecklistWaived(items=items):
            if state.status is not ShowStatus.ready:
                return refuse("already_started")
            if any(item >= len(state.plan.checklist) for item in items):
                return refuse("unknown_check_item", item=max(items) + 1)
    return None


# ------------------------------------------------------------ the fold


def apply(state: ShowState, event: Event) -> ShowState:
    """The state after `event`; the same state if `refusal()` objects to it."""
    if isinstance(event, MetricSample):  # by far the most frequent: keep it cheap
        if event.at < state.last_at:
            return state
        merged = dict(state.metrics)
        merged.update(event.values)
        return replace(state, metrics=merged, metrics_at=event.at, last_at=event.at)
    if refusal(state, event) is not None:
        return state
    state = replace(state, last_at=event.at)
    if event.type in UNDOABLE_TYPES:
        state = _remember_for_undo(state, event)
    return _apply_checked(state, event)


def _apply_checked(state: ShowState, event: Event) -> ShowState:
    at = event.at
    match event:
        case ShowStarted():
            state = replace(state, status=ShowStatus.live, started_at=at, undoable=())
            return _start(state, state.runs.index(state.next_pending()), at)
        case ShowEnded():
            state = _end_running(state, at)
            state = _close_gap(state, at)
            return replace(state, status=ShowStatus.ended, ended_at=at, undoable=())
        case Advance():
            state = _end_running(state, at)
            following = state.next_pending()
            if following is None:
                return replace(state, gap_started=at)
            return _start(_close_gap(state, at), state.runs.index(following), at)
        case SegmentStarted(segment_id=segment_id):
            state = _end_running(state, at)
            return _start(_close_gap(state, at), state.index_of(segment_id), at)
        case SegmentEnded():
            return replace(_end_running(state, at), gap_started=at)
        case Extend(seconds=seconds):
            return _replace_run(state, state.current, extended=state.runs[state.current].extended + seconds)
        case Skip(segment_id=segment_id):
            index = state.index_of(segment_id) if segment_id else state.runs.index(state.next_pending())
            return _replace_run(state, index, status=RunStatus.skipped)
        case Hold():
            return replace(state, hold_started=at)
        case Resume():
            return _close_hold(state, at)
        case InsertSegment(segment=segment, contingency_id=contingency_id):
            run = SegmentRun(segment=segment, inserted=True, contingency_id=contingency_id)
            position = _insert_position(state)
            return replace(state, runs=state.runs[:position] + (run,) + state.runs[position:],
                           current=state.current)
        case Reorder(order=order):
            by_id = {run.id: run for run in state.pending()}
            reordered = iter(order)
            runs = tuple(by_id[next(reordered)] if run.status is RunStatus.pending else run for run in state.runs)
            return replace(state, runs=runs)
        case Undo():
            course = state.undoable[-1]
            return replace(state, runs=course.runs, current=course.current, hold_started=course.hold_started,
                           held_total=course.held_total, gap_total=course.gap_total, gap_started=course.gap_started,
                           undoable=state.undoable[:-1])
        case CueSent():
            record = CueRecord(cue=event.cue, text=event.text, level=event.level, sent_at=at,
                               origin=event.origin, target=event.target, action=event.action,
                               segment=state.running.id if state.running is not None else None)
            return replace(state, cues=state.cues + (record,))
        case CueDelivered(cue=number, by=by):
            return _replace_cue(state, number, lambda c: replace(c, delivered=c.delivered + ((by, at),)))
        case CueAcked(cue=number, by=by):
            return _replace_cue(state, number, lambda c: replace(c, acked=c.acked + ((by, at),)))
        case Note(text=text):
            running = state.running
            note = NoteRecord(at=at, text=text, segment_id=running.id if running is not None else None)
            return replace(state, notes=state.notes + (note,))
        case Annotation():
            if event.platform:
                state = replace(state, platform={**state.platform, **event.platform})
            if event.note:
                note = NoteRecord(at=at, text=event.note, by=event.by, segment_id=event.segment_id)
                state = replace(state, notes=state.notes + (note,))
            return state
        case AlertRaised():
            record = AlertRecord(alert=event.alert, message=event.message, raised_at=at,
                                 suggest=event.suggest, level=event.level, code=event.code, params=event.params)
            return replace(state, alerts=state.alerts + (record,))
        case AlertCleared(alert=alert):
            return replace(state, alerts=tuple(a for a in state.alerts if a.alert != alert))
        case ChecklistTicked(item=item, done=done, by=by):
            kept = tuple(tick for tick in state.ticks if tick.item != item)
            return replace(state, ticks=kept + ((TickRecord(item=item, by=by, at=at),) if done else ()))
        case ChecklistWaived(items=items):
            return replace(state, waived=tuple(items))
    return state


def fold(plan: Plan, events: Iterable[Event]) -> ShowState:
    return reduce(apply, events, initial_state(plan))


def scan(plan: Plan, events: Iterable[Event]) -> Iterator[tuple[Event, ShowState, ShowState]]:
    """The same fold, one step at a time: each event with the state before and after it.

    For readers that collect more than the final state (the review, the replay
    index, the segment figures): what changed is `before` against `after`, so
    none of them pairs events up again. `after is before` means the event was
    refused and changed nothing."""
    state = initial_state(plan)
    for event in events:
        after = apply(state, event)
        yield event, state, after
        state = after


def _remember_for_undo(state: ShowState, event: Event) -> ShowState:
    """Keep the course before `event`; commands older than the window can no longer be undone."""
    course = Undoable(of=event.type, at=event.at, runs=state.runs, current=state.current,
                      hold_started=state.hold_started, held_total=state.held_total, gap_total=state.gap_total,
                      gap_started=state.gap_started)
    kept = tuple(u for u in state.undoable if event.at - u.at <= UNDO_WINDOW)[-(UNDO_DEPTH - 1):]
    return replace(state, undoable=kept + (course,))


def _replace_run(state: ShowState, index: int, **changes: object) -> ShowState:
    runs = list(state.runs)
    runs[index] = replace(runs[index], **changes)
    return replace(state, runs=tuple(runs))


def _replace_cue(state: ShowState, number: int, change) -> ShowState:
    return replace(state, cues=tuple(change(c) if c.cue == number else c for c in state.cues))


def _start(state: ShowState, index: int, at: float) -> ShowState:
    state = _replace_run(state, index, status=RunStatus.running, started_at=at)
    return replace(state, current=index)


def _close_hold(state: ShowState, at: float) -> ShowState:
    if state.hold_started is None:
        return state
    length = at - state.hold_started
    state = replace(state, hold_started=None, held_total=state.held_total + length)
    if state.current is not None:
        state = _replace_run(state, state.current, held=state.runs[state.current].held + length)
    return state


def _close_gap(state: ShowState, at: float) -> ShowState:
    if state.gap_started is None:
        return state
    return replace(state, gap_started=None, gap_total=state.gap_total + at - state.gap_started)


def _end_running(state: ShowState, at: float) -> ShowState:
    if state.current is None:
        return state
    state = _close_hold(state, at)
    state = _replace_run(state, state.current, status=RunStatus.done, ended_at=at)
    return replace(state, current=None)


def _insert_position(state: ShowState) -> int:
    if state.current is not None:
        return state.current + 1
    following = state.next_pending()
    return state.runs.index(following) if following is not None else len(state.runs)


# ------------------------------------------------------------ timing


def segment_elapsed(state: ShowState, run: SegmentRun, now: float) -> float:
    """Time the segment has run, holds excluded."""
    if run.started_at is None:
        return 0.0
    end = run.ended_at if run.ended_at is not None else now
    held = run.held
    if run.status is RunStatus.running and state.hold_started is not None:
        held += end - state.hold_started
    return max(0.0, end - run.started_at - held)


def warning_lead(state: ShowState, run: SegmentRun) -> float:
    """How long before its end a segment turns to warning: never more than half of it."""
    return min(state.plan.defaults.warning, run.budget / 2)


def countdown_phase(remaining: float, warning_lead: float, over_tolerance: float = math.inf, *,
                    held: bool = False) -> DisplayPhase:
    """The phase of a segment with `remaining` seconds of budget left (negative once over).
    The one rule: the console applies it to the state, a pane to its own countdown."""
    if held:
        return DisplayPhase.held
    if remaining <= 0:
        return DisplayPhase.overrun if -remaining > over_tolerance else DisplayPhase.over
    if remaining <= warning_lead:
        return DisplayPhase.warning
    return DisplayPhase.running


def phase(state: ShowState, run: SegmentRun, now: float) -> DisplayPhase:
    """The segment's timing alone (running, warning or over; never held or overrun): when its automatic cues fire."""
    return countdown_phase(segment_remaining(state, run, now), warning_lead(state, run))


def display_phase(state: ShowState, now: float) -> DisplayPhase:
    """What the screens show for the show at `now`."""
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
    if run.status is not RunStatus.done:
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
    remaining = sum(run.budget for run in state.runs if run.status is RunStatus.pending)
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


def planned_end(state: ShowState) -> float | None:
    """Offset at which the plan as written would end, counted from the actual start."""
    if state.started_at is None:
        return None
    return state.started_at + state.plan.planned_total


def projected_end(state: ShowState, now: float) -> float | None:
    if state.started_at is None:
        return None
    if state.ended_at is not None:
        return state.ended_at
    return now + plan_time_remaining(state, now)


def drift(state: ShowState, now: float) -> float:
    """Projected end minus planned end: positive behind plan, negative ahead."""
    end = projected_end(state, now)
    if end is None:
        return 0.0
    return end - planned_end(state)


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
