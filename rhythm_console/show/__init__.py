"""The show: its state (`state.py`), the one fold over events (`fold.py`) and time read off it (`timing.py`).

Callers import from `rhythm_console.show`; the modules say where each part lives.
"""

from rhythm_console.show.fold import (
    PERFORMED_BY,
    RUN_LENGTH,
    Collector,
    SampleRun,
    apply,
    fold,
    refusal,
    scan,
    scan_runs,
)
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
    suggestion_sent,
)
from rhythm_console.show.timing import (
    LATE_HORIZON,
    START_HORIZON,
    DisplayPhase,
    EndOutcome,
    Verdict,
    VerdictKind,
    budget_phase,
    countdown_phase,
    current_gap,
    current_hold,
    display_phase,
    drift,
    end_outcome,
    is_overrunning,
    over_tolerance,
    plan_origin,
    plan_time_remaining,
    planned_end,
    projected_end,
    script_end,
    segment_elapsed,
    segment_remaining,
    show_elapsed,
    start_delay,
    under_tolerance,
    until_start,
    verdict,
    warning_lead,
)

__all__ = [
    "LATE_HORIZON", "PERFORMED_BY", "START_HORIZON", "UNDOABLE_TYPES", "UNDO_DEPTH", "UNDO_WINDOW", "AlertRecord", "Collector", "CueRecord",
    "DisplayPhase", "NoteRecord", "RequestRecord", "RunStatus", "SegmentRun", "ShowState", "ShowStatus", "TickRecord", "Undoable",
    "Verdict", "VerdictKind", "apply", "countdown_phase", "current_gap", "current_hold", "display_phase", "drift",
    "fold", "initial_state", "is_overrunning", "over_tolerance", "budget_phase", "plan_time_remaining", "planned_end",
    "projected_end", "refusal", "scan", "segment_elapsed", "segment_remaining", "show_elapsed", "suggestion_sent",
    "under_tolerance", "until_start", "verdict", "warning_lead", "EndOutcome", "end_outcome", "plan_origin",
    "start_delay", "script_end", "RUN_LENGTH", "SampleRun", "scan_runs",
]
