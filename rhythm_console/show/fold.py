"""The one pure function that folds events into the show's state.

    state = reduce(apply, events, initial_state(plan))

Every event is checked by `refusal()` first; `apply()` leaves the state
unchanged for an event that makes no sense, so a journal always folds.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import reduce
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

from rhythm_console.events import (
    Advance,
    AlertCleared,
    AlertRaised,
    Annotation,
    ChecklistTicked,
    ChecklistWaived,
    CommentExamples,
    CueAcked,
    CueDelivered,
    CueSent,
    Event,
    Extend,
    Hold,
    InsertSegment,
    MetricSample,
    Note,
    PlanRebased,
    Reorder,
    RequestAnswered,
    RequestMade,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
    Undo,
    WordingOverridden,
)
from rhythm_console.plan import Plan
from rhythm_console.refusals import Refusal, refuse
from rhythm_console.show.state import (
    UNDO_DEPTH,
    UNDO_WINDOW,
    UNDOABLE_TYPES,
    AlertRecord,
    CueRecord,
    NoteRecord,
    RequestRecord,
    RunStatus,
    SegmentRun,
    ShowState,
    ShowStatus,
    TickRecord,
    Undoable,
    initial_state,
)

# ------------------------------------------------------------ refusals


def refusal(state: ShowState, event: Event) -> Refusal | None:
    """Why this event makes no sense now, or None if it may be applied."""
    if event.at < state.last_at:
        return refuse("time_backwards")
    if isinstance(event, MetricSample):  # most of a journal, one a second: no case below is one
        return None
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
        case PlanRebased():
            if not live:
                return refuse("not_live")
            if state.rebased or state.planned_start is None or state.started_at is None \
                    or state.planned_start >= state.started_at:
                return refuse("nothing_to_rebase")
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
        case RequestMade(request=number):
            if state.status is ShowStatus.ended:
                return refuse("ended")
            if number != state.next_request_number:
                return refuse("request_sequence", request=number, expected=state.next_request_number)
        case RequestAnswered(request=number):
            asked = state.request(number)
            if asked is None:
                return refuse("unknown_request", request=number)
            if not asked.open:
                return refuse("already_answered", request=number)
    return None


# ------------------------------------------------------------ the fold


def apply(state: ShowState, event: Event) -> ShowState:
    """The state after `event`; the same state if `refusal()` objects to it."""
    if isinstance(event, MetricSample):  # by far the most frequent: keep it cheap
        if event.at < state.last_at:
            return state
        return _sampled(state, event)
    if type(event) in _TIME_ONLY:  # the next most frequent (comment examples): no rule below reads them
        return state if event.at < state.last_at else _evolve(state, last_at=event.at)
    if refusal(state, event) is not None:
        return state
    state = _evolve(state, last_at=event.at)
    if event.type in UNDOABLE_TYPES:
        state = _remember_for_undo(state, event)
    return _apply_checked(state, event)


# The events the fold takes only the time of: no case of refusal() or _apply_checked() is one of them.
_TIME_ONLY = frozenset({CommentExamples, WordingOverridden})


def _apply_checked(state: ShowState, event: Event) -> ShowState:
    at = event.at
    match event:
        case ShowStarted():
            state = _evolve(state, status=ShowStatus.live, started_at=at, undoable=(), planned_start=event.planned_at)
            return _start(state, _accepted(state.next_pending_index(), "pending segment"), at)
        case ShowEnded():
            state = _end_running(state, at)
            state = _close_gap(state, at)
            return _evolve(state, status=ShowStatus.ended, ended_at=at, undoable=())
        case Advance():
            state = _evolve(_end_running(state, at), advanced_at=at)
            following = state.next_pending_index()
            if following is None:
                return _evolve(state, gap_started=at)
            return _start(_close_gap(state, at), following, at)
        case SegmentStarted(segment_id=segment_id):
            state = _end_running(state, at)
            return _start(_close_gap(state, at), _accepted(state.index_of(segment_id), "segment"), at)
        case SegmentEnded():
            return _evolve(_end_running(state, at), gap_started=at)
        case Extend(seconds=seconds):
            current = _accepted(state.current, "running segment")
            return _replace_run(state, current, extended=state.runs[current].extended + seconds)
        case Skip(segment_id=segment_id):
            index = state.index_of(segment_id) if segment_id else state.next_pending_index()
            return _replace_run(state, _accepted(index, "segment"), status=RunStatus.skipped)
        case Hold():
            return _evolve(state, hold_started=at)
        case Resume():
            return _close_hold(state, at)
        case InsertSegment(segment=segment, contingency_id=contingency_id):
            run = SegmentRun(segment=segment, inserted=True, contingency_id=contingency_id)
            position = _insert_position(state)
            return _evolve(state, runs=state.runs[:position] + (run,) + state.runs[position:],
                           current=state.current)
        case Reorder(order=order):
            by_id = {run.id: run for run in state.pending()}
            reordered = iter(order)
            runs = tuple(by_id[next(reordered)] if run.status is RunStatus.pending else run for run in state.runs)
            return _evolve(state, runs=runs)
        case Undo(of=of, of_at=of_at):
            course = state.undoable[-1]
            state = _evolve(state, runs=course.runs, current=course.current, hold_started=course.hold_started,
                            held_total=course.held_total, gap_total=course.gap_total, gap_started=course.gap_started,
                            rebased=course.rebased, undoable=state.undoable[:-1])
            return _undo_requests(state, of, of_at, at)
        case PlanRebased():
            return _evolve(state, rebased=True)
        case CueSent():
            record = CueRecord(cue=event.cue, text=event.text, level=event.level, sent_at=at,
                               origin=event.origin, target=event.target, action=event.action,
                               segment=state.running.id if state.running is not None else None,
                               reach=tuple(event.reach) if event.reach is not None else None)
            return _evolve(state, cues=state.cues + (record,))
        case CueDelivered(cue=number, by=by):
            return _replace_cue(state, number, lambda c: replace(c, delivered=c.delivered + ((by, at),)))
        case CueAcked(cue=number, by=by):
            return _replace_cue(state, number, lambda c: replace(c, acked=c.acked + ((by, at),)))
        case Note(text=text):
            running = state.running
            note = NoteRecord(at=at, text=text, segment_id=running.id if running is not None else None)
            return _evolve(state, notes=state.notes + (note,))
        case Annotation():
            if event.platform:
                state = _evolve(state, platform={**state.platform, **event.platform})
            if event.platform_minutes is not None:
                state = _evolve(state, platform_minutes=tuple(event.platform_minutes), platform_file=event.platform_file)
            if event.note:
                note = NoteRecord(at=at, text=event.note, by=event.by, segment_id=event.segment_id)
                state = _evolve(state, notes=state.notes + (note,))
            return state
        case AlertRaised():
            raised = AlertRecord(alert=event.alert, message=event.message, raised_at=at,
                                 suggest=event.suggest, level=event.level, code=event.code, params=event.params)
            return _evolve(state, alerts=state.alerts + (raised,))
        case AlertCleared(alert=alert):
            return _evolve(state, alerts=tuple(a for a in state.alerts if a.alert != alert))
        case ChecklistTicked(item=item, done=done, by=by):
            kept = tuple(tick for tick in state.ticks if tick.item != item)
            return _evolve(state, ticks=kept + ((TickRecord(item=item, by=by, at=at),) if done else ()))
        case ChecklistWaived(items=items):
            return _evolve(state, waived=tuple(items))
        case RequestMade():
            made = RequestRecord(request=event.request, kind=event.kind, by=event.by, at=at, text=event.text,
                                 origin=event.origin, segment=event.segment)
            return _evolve(state, requests=state.requests + (made,))
        case RequestAnswered(request=number, accepted=accepted):
            return _evolve(state, requests=tuple(replace(r, answered_at=at, accepted=accepted) if r.request == number
                                                 else r for r in state.requests))
    return state


# What accepting a request performs, by its kind: the command's event type (the one undo names).
PERFORMED_BY = {"extend": "extend", "next": "advance"}


def _undo_requests(state: ShowState, of: str, of_at: float, at: float) -> ShowState:
    """An undone command that an accepted request performed (the session journals the two at one time) undoes
    what accepting it did: the request is marked undone, so the pane that asked can be told."""
    def performed(r: RequestRecord) -> bool:
        return r.accepted is True and r.undone_at is None and r.answered_at == of_at and PERFORMED_BY.get(r.kind) == of

    if not any(performed(r) for r in state.requests):
        return state
    return _evolve(state, requests=tuple(replace(r, undone_at=at) if performed(r) else r for r in state.requests))


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


RUN_LENGTH = 256  # at most this many samples in a SampleRun: a scan holds no more than one run at a time


@dataclass(frozen=True, slots=True)
class SampleRun:
    """Consecutive metric samples of a scan, with the state before them and the state after them.

    A sample changes only the room's figures (and the time last seen), so every sample of a run was taken in
    `before`'s show: its runs, its status and its timing are theirs. `after` is the state after the last of
    them, made once for the run; `after is before` when every one was refused (older than the state). A
    refused sample is in `samples` all the same, as `scan` yields it."""

    samples: list[MetricSample]
    before: ShowState
    after: ShowState


def scan_runs(plan: Plan, events: Iterable[Event],
              longest: int = RUN_LENGTH) -> Iterator[tuple[Event, ShowState, ShowState] | SampleRun]:
    """`scan`, with consecutive metric samples yielded together as a SampleRun (at most `longest`), every
    other event as scan yields it. For readers of a whole journal (the review): most of a journal is samples,
    and the fold's state is then made once a run rather than once a sample. The states are the fold's:
    a run's `after` is the state `scan` yields after its last sample (property-tested against it)."""
    state = initial_state(plan)
    run: list[MetricSample] = []
    for event in events:
        if type(event) is MetricSample:
            run.append(event)
            if len(run) < longest:
                continue
            after = _sampled_run(state, run)
            yield SampleRun(run, state, after)
            state, run = after, []
            continue
        if run:
            after = _sampled_run(state, run)
            yield SampleRun(run, state, after)
            state, run = after, []
        after = apply(state, event)
        yield event, state, after
        state = after
    if run:
        yield SampleRun(run, state, _sampled_run(state, run))


class Collector(Protocol):
    """A reader that gathers something from the scan: each event with the states before and after it.
    `samples` is `observe` for each sample of a run of them, called by a scan that has told samples apart
    (`scan_runs`: most of a journal's events; a sample changes nothing but the room's figures)."""

    def observe(self, event: Event, before: ShowState, after: ShowState) -> None: ...

    def samples(self, run: SampleRun) -> None: ...


def _remember_for_undo(state: ShowState, event: Event) -> ShowState:
    """Keep the course before `event`; commands older than the window can no longer be undone."""
    course = Undoable(of=event.type, at=event.at, runs=state.runs, current=state.current,
                      hold_started=state.hold_started, held_total=state.held_total, gap_total=state.gap_total,
                      gap_started=state.gap_started, rebased=state.rebased)
    kept = tuple(u for u in state.undoable if event.at - u.at <= UNDO_WINDOW)[-(UNDO_DEPTH - 1):]
    return _evolve(state, undoable=kept + (course,))


_STATE_FIELDS = frozenset(field.name for field in fields(ShowState))


def _evolve(state: ShowState, **changes: object) -> ShowState:
    """`state` with `changes`: its fields copied in one step, the changed ones set (dataclasses.replace
    would read and set each of them by name, and the fold does this once an event)."""
    if not changes.keys() <= _STATE_FIELDS:
        raise TypeError(f"not fields of ShowState: {sorted(changes.keys() - _STATE_FIELDS)}")
    evolved = _copy(state)
    evolved.__dict__.update(changes)
    return evolved


def _copy(state: ShowState) -> ShowState:
    """A copy of `state` to set fields of: frozen, so they are set through its dict, never by assignment."""
    evolved = object.__new__(ShowState)
    evolved.__dict__.update(state.__dict__)
    return evolved


def _sampled(state: ShowState, sample: MetricSample) -> ShowState:
    """`state` with a sample's figures: `_evolve` of the three fields a sample changes, without its check
    of the names (a review of a long show folds thousands of samples)."""
    metrics = dict(state.metrics)
    metrics.update(sample.values)
    evolved = _copy(state)
    attributes = evolved.__dict__
    attributes["metrics"], attributes["metrics_at"], attributes["last_at"] = metrics, sample.at, sample.at
    return evolved


def _sampled_run(state: ShowState, samples: list[MetricSample]) -> ShowState:
    """`reduce(apply, samples, state)` for metric samples, the figures copied once for all of them: each
    sample older than the one before it is refused, as `apply` refuses it."""
    last_at = state.last_at
    metrics: dict[str, float] | None = None
    for sample in samples:
        at = sample.at
        if at < last_at:
            continue
        if metrics is None:
            metrics = dict(state.metrics)
        metrics.update(sample.values)
        last_at = at
    if metrics is None:
        return state
    evolved = _copy(state)
    attributes = evolved.__dict__
    attributes["metrics"], attributes["metrics_at"], attributes["last_at"] = metrics, last_at, last_at
    return evolved


def _replace_run(state: ShowState, index: int, **changes: Any) -> ShowState:  # SegmentRun's fields, any type
    runs = list(state.runs)
    runs[index] = replace(runs[index], **changes)
    return _evolve(state, runs=tuple(runs))


def _replace_cue(state: ShowState, number: int, change: Callable[[CueRecord], CueRecord]) -> ShowState:
    return _evolve(state, cues=tuple(change(c) if c.cue == number else c for c in state.cues))


def _start(state: ShowState, index: int, at: float) -> ShowState:
    state = _replace_run(state, index, status=RunStatus.running, started_at=at)
    return _evolve(state, current=index)


def _close_hold(state: ShowState, at: float) -> ShowState:
    if state.hold_started is None:
        return state
    length = at - state.hold_started
    state = _evolve(state, hold_started=None, held_total=state.held_total + length)
    if state.current is not None:
        state = _replace_run(state, state.current, held=state.runs[state.current].held + length)
    return state


def _close_gap(state: ShowState, at: float) -> ShowState:
    if state.gap_started is None:
        return state
    return _evolve(state, gap_started=None, gap_total=state.gap_total + at - state.gap_started)


def _end_running(state: ShowState, at: float) -> ShowState:
    current = state.current
    if current is None:
        return state
    state = _close_hold(state, at)
    state = _replace_run(state, current, status=RunStatus.done, ended_at=at)
    return _evolve(state, current=None)


_Value = TypeVar("_Value")


def _accepted(value: _Value | None, what: str) -> _Value:
    """What refusal() has already checked is there: apply() reaches here only for accepted events."""
    if value is None:
        raise ValueError(f"an accepted event with no {what}: refusal() and apply() disagree")
    return value


def _insert_position(state: ShowState) -> int:
    if state.current is not None:
        return state.current + 1
    following = state.next_pending_index()
    return following if following is not None else len(state.runs)
