"""The manager's interventions, in the order they were made: what the 复盘 meeting walks through.

Read from the one fold: each accepted event is compared with the state before it,
so an intervention is exactly what changed the show. One reader per event type;
an event type with no reader (a new one, or routine like advance) is not an intervention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from rhythm_console.events import Event, Extend, Hold, InsertSegment, Reorder, SegmentStarted, ShowEnded, Skip, Undo
from rhythm_console.plan import Plan
from rhythm_console.show import RunStatus, ShowState, scan

InterventionKind = Literal["extended", "shortened", "skipped", "reordered", "jumped", "inserted", "contingency",
                           "held", "ended_early", "undone"]


@dataclass
class Intervention:
    """One change the manager made: a code (the catalog's report.intervention.<kind>) and its values."""

    at: float
    kind: InterventionKind
    segment_id: str | None
    title: str | None  # the segment's, as the plan (or the inserted segment) names it
    params: dict[str, object] = field(default_factory=dict)


Reader = Callable[[Event, ShowState, ShowState], Intervention | None]
_Read = TypeVar("_Read")


def _reads(kind: type[_Read], read: Callable[[_Read, ShowState, ShowState], Intervention | None]) -> Reader:
    """`read`, for the events of `kind` only: the table below pairs each event type with its reader."""
    def reader(event: Event, before: ShowState, after: ShowState) -> Intervention | None:
        return read(event, before, after) if isinstance(event, kind) else None
    return reader


def _extend(event: Extend, before: ShowState, after: ShowState) -> Intervention | None:
    run, extended = before.running, after.running
    if run is None or extended is None:  # the fold accepts an extend only while a segment runs
        return None
    kind: InterventionKind = "extended" if event.seconds > 0 else "shortened"
    return Intervention(event.at, kind, run.id, run.segment.title, {"by": abs(event.seconds),
                                                                    "budget": extended.budget})


def _skip(event: Skip, before: ShowState, after: ShowState) -> Intervention | None:
    skipped = next((new for old, new in zip(before.runs, after.runs, strict=True)
                    if new.status is RunStatus.skipped and old.status is not RunStatus.skipped), None)
    return None if skipped is None else Intervention(event.at, "skipped", skipped.id, skipped.segment.title)


def _reorder(event: Reorder, before: ShowState, after: ShowState) -> Intervention | None:
    old, new = [run.id for run in before.pending()], [run.id for run in after.pending()]
    if old == new:  # the same order again: nothing changed
        return None
    first = after.pending()[0]
    return Intervention(event.at, "reordered", first.id, first.segment.title,
                        {"order": tuple(run.segment.title for run in after.pending())})


def _jump(event: SegmentStarted, before: ShowState, after: ShowState) -> Intervention | None:
    """Starting a segment other than the next one is an intervention; starting the next one is routine."""
    expected = before.next_pending()
    started = after.running
    if started is None or (expected is not None and expected.id == started.id):
        return None
    return Intervention(event.at, "jumped", started.id, started.segment.title,
                        {"instead": expected.segment.title if expected else ""})


def _insert(event: InsertSegment, before: ShowState, after: ShowState) -> Intervention:
    segment = event.segment
    if event.contingency_id:
        contingency = next((c for c in after.plan.contingencies if c.id == event.contingency_id), None)
        return Intervention(event.at, "contingency", segment.id, segment.title,
                            {"contingency": contingency.title if contingency else segment.title})
    return Intervention(event.at, "inserted", segment.id, segment.title, {"duration": segment.duration})


def _hold(event: Hold, before: ShowState, after: ShowState) -> Intervention | None:
    run = before.running
    if run is None:  # the fold accepts a hold only while a segment runs
        return None
    return Intervention(event.at, "held", run.id, run.segment.title, {"reason": event.reason or ""})


def _end(event: ShowEnded, before: ShowState, after: ShowState) -> Intervention | None:
    left = after.pending()
    if not left:
        return None
    return Intervention(event.at, "ended_early", None, None, {"left": tuple(run.segment.title for run in left)})


def _undo(event: Undo, before: ShowState, after: ShowState) -> Intervention:
    """Taking a command back is an intervention too: the meeting sees both the slip and its undoing."""
    run = after.running
    return Intervention(event.at, "undone", run.id if run else None, run.segment.title if run else None,
                        {"what": f"undo.{event.of}"})


# The event types that are interventions, each with its reader: adding a kind is one line here.
READERS: dict[str, Reader] = {
    "extend": _reads(Extend, _extend),
    "skip": _reads(Skip, _skip),
    "reorder": _reads(Reorder, _reorder),
    "segment_started": _reads(SegmentStarted, _jump),
    "insert_segment": _reads(InsertSegment, _insert),
    "hold": _reads(Hold, _hold),
    "show_ended": _reads(ShowEnded, _end),
    "undo": _reads(Undo, _undo),
}


def intervention(event: Event, before: ShowState, after: ShowState) -> Intervention | None:
    """The intervention an event made, if it was one and the fold accepted it."""
    if after is before:  # refused: it changed nothing
        return None
    reader = READERS.get(getattr(event, "type", ""))
    return reader(event, before, after) if reader is not None else None


def interventions(plan: Plan, events: Iterable[Event]) -> list[Intervention]:
    """Every intervention of a journal's events, in order."""
    found = (intervention(event, before, after) for event, before, after in scan(plan, events))
    return [item for item in found if item is not None]
