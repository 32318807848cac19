"""A room at a glance: what the floor shows of each room and the bus carries.

Pure: built from the folded state at a moment, so the console that publishes it and the
tests that check it compute the same thing. It is also what the floor reads back from the
bus, so it is a validated model: nothing another machine sends is trusted as it comes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from rhythm_console.metrics.history import MetricHistory
from rhythm_console.show import (
    DisplayPhase,
    RunStatus,
    SegmentRun,
    ShowState,
    display_phase,
    drift,
    planned_end,
    projected_end,
    segment_elapsed,
    segment_remaining,
)
from rhythm_console.units import wall_at

# Viewers counted as falling when they dropped by more than this share over TREND_SECONDS.
TREND_SECONDS = 60.0
FALLING_SHARE = 0.05
QUIET_AFTER = 10.0  # seconds without a summary before the floor greys a room


# What the floor accepts of a number: finite (the JSON parser would take NaN and Infinity) and far
# from where formatting a clock or a sum fails. Bounds, not plausibility: a wrong figure a room
# sends is its own; one the floor cannot draw makes the room unreadable instead.
FIGURE_BOUND = 1e15  # viewers, GMV, rates: no room comes near
SECONDS_BOUND = 30 * 86400.0  # durations and drift: a show and its resumes span days, not a month
Figure = Annotated[float, Field(ge=-FIGURE_BOUND, le=FIGURE_BOUND)]
Seconds = Annotated[float, Field(ge=-SECONDS_BOUND, le=SECONDS_BOUND)]
WallClock = Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")]


class _Model(BaseModel):
    # Strict: a number sent as text or a list where an object belongs is not a summary, not a guess.
    model_config = ConfigDict(frozen=True, extra="ignore", strict=True, allow_inf_nan=False)


class SegmentBrief(_Model):
    id: str = Field(max_length=200)
    title: str = Field(max_length=200)
    status: Literal["pending", "running", "done", "skipped"] = "pending"
    planned: Seconds = 0.0  # budget, seconds
    actual: Seconds | None = None  # elapsed, once started
    remaining: Seconds | None = None  # running only; negative once over


class AlertBrief(_Model):
    alert: str = Field(max_length=200)
    message: str = Field(max_length=500)
    level: str = Field(default="info", max_length=20)
    code: str | None = Field(default=None, max_length=100)
    params: dict[str, str | Figure] = Field(default={}, max_length=20)


class RoomSummary(_Model):
    room: str = Field(max_length=64)
    session: str = Field(max_length=64)
    seq: int = Field(default=0, ge=0, le=2**53)  # the last journal record it reflects
    title: str = Field(max_length=200)
    manager: str | None = Field(default=None, max_length=100)
    host: str | None = Field(default=None, max_length=100)
    status: Literal["ready", "live", "ended"]
    phase: DisplayPhase
    current: SegmentBrief | None = None
    next: SegmentBrief | None = None
    drift: Seconds | None = None  # seconds behind plan (negative: ahead)
    projected_end: WallClock | None = None  # HH:MM, the room's wall clock
    planned_end: WallClock | None = None
    online: Figure | None = None
    online_change: Figure | None = None  # over TREND_SECONDS
    interaction_rate: Figure | None = None
    gmv: Figure | None = None
    gmv_goal: Figure | None = None
    alerts: list[AlertBrief] = Field(default=[], max_length=100)
    panes: list[str] = Field(default=[], max_length=100)
    rundown: list[SegmentBrief] = Field(default=[], max_length=500)
    source_age: Seconds | None = None  # seconds since the room's data last arrived


def _brief(state: ShowState, run: SegmentRun, now: float) -> SegmentBrief:
    started = run.started_at is not None
    return SegmentBrief(id=run.id, title=run.segment.title, status=run.status.value, planned=run.budget,
                        actual=segment_elapsed(state, run, now) if started else None,
                        remaining=segment_remaining(state, run, now) if run.status is RunStatus.running else None)


def summarize(state: ShowState, now: float, *, room: str, session: str, seq: int, started_wall: datetime,
              history: MetricHistory, panes: list[str] | None = None,
              source_age: float | None = None) -> RoomSummary:
    plan = state.plan
    running = state.current
    upcoming = state.next_pending()
    online = history.latest("online")
    change = history.change("online", TREND_SECONDS)
    projected, planned = projected_end(state, now), planned_end(state)

    def clock(offset: float | None) -> str | None:
        return None if offset is None else f"{wall_at(started_wall, offset):%H:%M}"

    return RoomSummary(
        room=room, session=session, seq=seq, title=plan.show.title, manager=plan.team.manager, host=plan.team.host,
        status=state.status.value, phase=display_phase(state, now),
        current=_brief(state, state.runs[running], now) if running is not None else None,
        next=_brief(state, upcoming, now) if upcoming is not None else None,
        drift=drift(state, now) if state.started_at is not None else None,
        projected_end=clock(projected), planned_end=clock(planned),
        online=online, online_change=change, interaction_rate=history.latest("interaction_rate"),
        gmv=history.latest("gmv"), gmv_goal=plan.show.goals.gmv,
        alerts=[AlertBrief(alert=a.alert, message=a.message, level=a.level.value, code=a.code, params=dict(a.params))
                for a in state.alerts],
        panes=sorted(set(panes or [])),
        rundown=[_brief(state, run, now) for run in state.runs],
        source_age=source_age,
    )


def falling(summary: RoomSummary) -> bool:
    if summary.online is None or summary.online_change is None or summary.online <= 0:
        return False
    before = summary.online - summary.online_change
    return before > 0 and -summary.online_change / before > FALLING_SHARE


def attention(summary: RoomSummary, quiet: bool) -> int:
    """How much a room needs the supervisor now: higher first. Over-running weighs most, then
    open alerts, falling viewers and silence; an ended show needs nobody."""
    if summary.status == "ended":
        return -1
    score = 0
    if summary.phase in (DisplayPhase.overrun, DisplayPhase.over):
        score += 100 if summary.phase is DisplayPhase.overrun else 60
    score += 10 * min(len(summary.alerts), 5)
    if falling(summary):
        score += 20
    if quiet:
        score += 30
    return score
