"""The show's state: what the fold builds, one frozen value per moment.

`fold.py` turns events into it; `timing.py` reads time off it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rhythm_console.events import PlatformMinute, RequestKind
from rhythm_console.plan import CueAction, CueLevel, Plan, Segment


class ShowStatus(str, Enum):
    ready = "ready"
    live = "live"
    ended = "ended"


class RunStatus(str, Enum):
    pending = "pending"
    running = "running"
    done = "done"
    skipped = "skipped"


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
    reach: tuple[str, ...] | None = None  # the connected panes it went to when sent; None: not known

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
                            "segment_started", "segment_ended", "plan_rebased"})


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
    rebased: bool = False


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """A pane's request to the manager and, once given, the answer."""

    request: int
    kind: RequestKind
    by: str
    at: float
    text: str | None = None
    origin: str = "pane"  # or http
    answered_at: float | None = None
    accepted: bool | None = None  # None: not answered yet
    segment: str | None = None  # the segment it was asked in (None: none ran, or a journal too old to say)
    undone_at: float | None = None  # when the manager undid what accepting it performed (+1 minute, next)

    @property
    def open(self) -> bool:
        return self.answered_at is None


@dataclass(frozen=True, slots=True)
class TickRecord:
    """A readiness checklist item that is done: who ticked it and when."""

    item: int
    by: str
    at: float


# Not slotted: the fold makes a new state per event, and one with a __dict__ is copied in one step
# (show/fold.py `_evolve`), where dataclasses.replace reads and sets every field by name.
@dataclass(frozen=True)
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
    platform_minutes: tuple[PlatformMinute, ...] = ()  # the platform's per-minute export, as annotated last
    platform_file: str | None = None  # the export's file name
    undoable: tuple[Undoable, ...] = ()  # the commands undo can still take back, newest last
    ticks: tuple[TickRecord, ...] = ()  # checklist items done now, in the order they were ticked
    waived: tuple[int, ...] = ()  # blocking items the manager started the show without
    planned_start: float | None = None  # the plan's written start on the session clock (when it counts)
    rebased: bool = False  # the manager re-based the plan on the actual start: the late start no longer counts
    requests: tuple[RequestRecord, ...] = ()  # the panes' requests to the manager, answered or not, by number
    advanced_at: float | None = None  # the last advance (Space, a button, an accepted next; a start is none)

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

    def next_pending_index(self) -> int | None:
        """Where next_pending() is in the runs (found by status: comparing runs compares their segments)."""
        return next((i for i, run in enumerate(self.runs) if run.status is RunStatus.pending), None)

    def index_of(self, segment_id: str) -> int | None:
        return next((i for i, run in enumerate(self.runs) if run.id == segment_id), None)

    def cue(self, number: int) -> CueRecord | None:
        return next((c for c in reversed(self.cues) if c.cue == number), None)

    def request(self, number: int) -> RequestRecord | None:
        return next((r for r in reversed(self.requests) if r.request == number), None)

    def open_requests(self) -> list[RequestRecord]:
        """The requests the manager has not answered, oldest first (the one the keys answer)."""
        return [r for r in self.requests if r.open]

    @property
    def next_request_number(self) -> int:
        return self.requests[-1].request + 1 if self.requests else 1

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
