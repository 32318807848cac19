"""Replaying a journal: the state at any moment, fast, by the same fold as the live console.

`ReplayIndex` scans the journal once (the fold, step by step) and keeps a checkpoint of the state
every `checkpoint_every` events, so the state at any time is a checkpoint
plus at most that many `apply` calls: seeking anywhere in a four-hour show
costs milliseconds. `ReplaySession` offers the link server the same surface
as a live session, read-only, so trainee host panes see the cues as they
were sent: at the replay's pace (its `clock_rate`), starting over from the
state at the new moment after each seek (a seek gives the replay a new session
id), and a pane named `trainee` gets the cues sent to `host`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType

from rhythm_console.events import Event, MetricSample
from rhythm_console.journal import Journal
from rhythm_console.listeners import Listeners
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.panes import PaneRoster
from rhythm_console.plan import CueLevel, Plan
from rhythm_console.refusals import Refusal, refuse
from rhythm_console.show import ShowState, apply, initial_state, scan

READ_ONLY = refuse("read_only")


class ReplayIndex:
    def __init__(self, journal: Journal, checkpoint_every: int = 500) -> None:
        self.plan: Plan = journal.header.plan
        self.started_wall: datetime = journal.header.started_wall
        self.kind: str = journal.header.kind
        self.events: list[Event] = journal.events
        self.times: list[float] = [event.at for event in self.events]
        self.checkpoint_every = checkpoint_every
        self._checkpoints: list[ShowState] = []  # state before events[k * checkpoint_every]
        self.segment_starts: list[float] = []
        self.has_commerce = False
        state = initial_state(self.plan)
        for index, (event, before, state) in enumerate(scan(self.plan, self.events)):
            if index % checkpoint_every == 0:
                self._checkpoints.append(before)
            if state.current is not None and state.current != before.current:
                self.segment_starts.append(event.at)
            if not self.has_commerce and isinstance(event, MetricSample) and "orders" in event.values:
                self.has_commerce = True
        self.final = state
        self.start = self.times[0] if self.times else 0.0
        self.end = self.times[-1] if self.times else 0.0
        self.show_start = state.started_at if state.started_at is not None else self.start

    def count_until(self, at: float) -> int:
        """How many events happened at or before `at`."""
        return bisect_right(self.times, at)

    def state_after(self, count: int) -> ShowState:
        """The fold of the first `count` events."""
        checkpoint = min(count // self.checkpoint_every, len(self._checkpoints) - 1) if self._checkpoints else -1
        if checkpoint < 0:
            return initial_state(self.plan)
        state = self._checkpoints[checkpoint]
        for event in self.events[checkpoint * self.checkpoint_every:count]:
            state = apply(state, event)
        return state

    def state_at(self, at: float) -> ShowState:
        return self.state_after(self.count_until(at))

    def history_at(self, at: float, seconds: float = 900.0) -> MetricHistory:
        """The metric history a live console would have had at `at`."""
        history = MetricHistory()
        end = self.count_until(at)
        start = bisect_right(self.times, at - seconds)
        for event in self.events[start:end]:
            if isinstance(event, MetricSample):
                history.add(event)
        return history


class ReplayCursor:
    """A position in the replay that moves forward cheaply and jumps anywhere.

    Listeners hear every event played forward (a cue reaching trainee panes),
    never the events skipped by a seek."""

    def __init__(self, index: ReplayIndex) -> None:
        self.index = index
        self.at = index.start
        self.count = index.count_until(self.at)
        self.state = index.state_after(self.count)
        self.history = index.history_at(self.at)
        self.listeners = Listeners()
        self.seeks = 0  # how many jumps so far: what a pane showed before one no longer holds

    def play_to(self, at: float) -> None:
        at = max(self.index.start, min(at, self.index.end))
        if at < self.at:
            self.seek(at)
            return
        target = self.index.count_until(at)
        for event in self.index.events[self.count:target]:
            self.state = apply(self.state, event)
            if isinstance(event, MetricSample):
                self.history.add(event)
            self.listeners.announce(event, self.state)
        self.count = target
        self.at = at

    def seek(self, at: float) -> None:
        at = max(self.index.start, min(at, self.index.end))
        self.seeks += 1
        self.at = at
        self.count = self.index.count_until(at)
        self.state = self.index.state_after(self.count)
        self.history = self.index.history_at(at)


TRAINEE_STAND_INS = MappingProxyType({"trainee": "host"})  # trainees stand in for the host


class ReplaySession:
    """What the link server needs of a session, for a replay: read-only."""

    stand_ins: Mapping[str, str] = TRAINEE_STAND_INS

    def __init__(self, cursor: ReplayCursor, lang: str) -> None:
        self.cursor = cursor
        self.clock_rate = 1.0  # the replay app sets it: its speed while playing, 0 while paused
        self.lang = lang
        self.plan = cursor.index.plan
        self.started_wall = cursor.index.started_wall
        self.listeners = Listeners()
        self.panes = PaneRoster()  # kept by the link; a replay sends no advice
        cursor.listeners.subscribe(self.listeners.announce)

    @property
    def state(self) -> ShowState:
        return self.cursor.state

    @property
    def session_id(self) -> str:
        return f"replay:{self.started_wall.isoformat()}#{self.cursor.seeks}"

    def now(self) -> float:
        return self.cursor.at

    def submit(self, event: Event) -> Refusal | None:
        return READ_ONLY  # a trainee's acks are not part of the recorded show

    def send_cue(self, text: str, level: CueLevel = CueLevel.info, **_: object) -> Refusal | None:
        return READ_ONLY

    def send_preset(self, key: str) -> Refusal | None:
        return READ_ONLY

    def start_or_advance(self) -> Refusal | None:
        return READ_ONLY

    def press_advance(self, leaving: str | None = None) -> Refusal | None:
        return READ_ONLY

    def request(self, kind: str, **_: object) -> Refusal | None:
        return READ_ONLY  # a trainee asks the recorded manager nothing
