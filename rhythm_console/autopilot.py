"""A headless autopilot: a whole show run by a simulated manager and host.

It drives the same LiveSession the console uses, over the simulated room,
so its journal is like a real one: segments advanced with jitter (a couple
left to over-run), preset cues during product explanations, some of the
advisor's suggestions followed, a hold, sometimes a contingency, and a host
who receives and acknowledges cues after a human delay. The simulated team is
on the link as panes (the host; ops when the plan names ops), so advice for ops
goes to ops as it does live. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from rhythm_console.clock import ManualClock
from rhythm_console.events import CueAcked, CueDelivered
from rhythm_console.panes import OPS_PANE
from rhythm_console.plan import CueLevel, SegmentKind
from rhythm_console.session import LiveSession
from rhythm_console.show import SegmentRun, ShowState, ShowStatus, segment_elapsed, suggestion_sent
from rhythm_console.sources.simulated import SimulatedSource

# Read every second, under plain names: a member read off its enum's class goes through the metaclass.
_READY, _ENDED = ShowStatus.ready, ShowStatus.ended


@dataclass
class _Plan:
    """What the simulated manager intends for the running segment."""

    segment_id: str
    end_after: float  # seconds of segment time before advancing
    cues_at: dict[float, str]  # segment second -> preset key or built-in name


class Autopilot:
    def __init__(self, session: LiveSession, clock: ManualClock, seed: int = 1, scale: float = 1.0) -> None:
        self.session = session
        self.clock = clock
        self.rng = random.Random(seed)
        self.room = SimulatedSource(session, seed=seed, scale=scale)
        self._intent: _Plan | None = None
        self._pending_acks: list[tuple[float, int, str]] = []  # (at, cue, what)
        runs = [run.id for run in session.state.runs]
        # Over-run one or two segments a little; let one product explanation go long.
        self._overrunning = set(self.rng.sample(runs, k=min(len(runs), self.rng.choice([1, 2]))))
        self._hold_at = self.rng.uniform(0.3, 0.7)  # fraction of the show
        self._held_once = False
        self._contingency_at = self.rng.uniform(0.4, 0.8) if session.plan.contingencies and self.rng.random() < 0.6 else None
        self._followed: set[str] = set()
        self._hold_length = 60.0
        self._cues_seen = 0
        self._planned: tuple[object, float] = (None, 0.0)  # the plan last looked at and its planned total
        session.panes.join("host")
        if session.plan.team.ops:
            session.panes.join(OPS_PANE)

    # ------------------------------------------------------------ the manager's choices

    def _intend(self, running: SegmentRun) -> _Plan:
        """How the running segment goes: decided once, when it starts."""
        if self._intent is not None and self._intent.segment_id == running.id:
            return self._intent
        budget = running.budget
        factor = self.rng.uniform(1.15, 1.45) if running.id in self._overrunning else self.rng.uniform(0.9, 1.04)
        cues: dict[float, str] = {}
        segment = running.segment
        presets = {p.key: p for p in self.session.plan.cue_presets}
        if segment.kind is SegmentKind.product:
            link = next((key for key, p in presets.items() if p.level is CueLevel.urgent), None) or "push_link"
            cues[round(budget * self.rng.uniform(0.35, 0.6))] = link
            plain = sorted(key for key, p in presets.items() if p.action is None)  # a talking cue, not a jump
            if self.rng.random() < 0.4 and plain:
                cues[round(budget * self.rng.uniform(0.1, 0.3))] = self.rng.choice(plain)
        elif segment.kind is SegmentKind.lottery:
            cues[round(budget * 0.2)] = "add_interaction"
        self._intent = _Plan(running.id, budget * factor, cues)
        return self._intent

    def _planned_total(self, state: ShowState) -> float:
        """The plan's planned length, summed again only when the plan changes (an inserted segment)."""
        plan, total = self._planned
        if plan is not state.plan:
            total = state.plan.planned_total
            self._planned = (state.plan, total)
        return total

    def _manage(self, now: float) -> None:
        session = self.session
        state = session.state
        if state.status is _READY:
            session.start_or_advance()
            return
        running = state.running
        if running is None:
            if state.next_pending() is None:
                session.end_show("the show is over")
            else:
                session.start_or_advance()
            return
        intent = self._intend(running)
        elapsed = segment_elapsed(state, running, now)
        for second, name in list(intent.cues_at.items()):
            if elapsed >= second:
                del intent.cues_at[second]
                session.cue_by_name(name, origin=f"autopilot:{name}")
        started = state.started_at if state.started_at is not None else now  # a segment runs: the show started
        progress = (now - started) / max(1.0, self._planned_total(state))
        if state.hold_started is not None:  # held
            if now - state.hold_started >= self._hold_length:
                session.hold_or_resume()
            return
        if not self._held_once and progress >= self._hold_at:
            self._held_once = True
            self._hold_length = self.rng.uniform(30, 90)
            session.hold_or_resume(reason="推流卡顿")
            return
        if self._contingency_at is not None and progress >= self._contingency_at:
            contingency = self.rng.choice([c for c in state.plan.contingencies if c.insert] or [None])
            self._contingency_at = None
            if contingency is not None:
                session.note(f"{contingency.title}: {contingency.trigger}")
                session.insert_contingency(contingency.id)
        for alert in state.alerts:  # follow most advice, once each, after a moment's thought
            if alert.suggest and alert.alert not in self._followed and now - alert.raised_at > 8:
                self._followed.add(alert.alert)
                if self.rng.random() < 0.6 and not suggestion_sent(session.state, alert):
                    session.send_advice(alert)
        if elapsed >= intent.end_after:
            session.start_or_advance()

    # ------------------------------------------------------------ the host

    def _host(self, now: float) -> None:
        cues = self.session.state.cues
        for cue in cues[self._cues_seen:]:
            self._pending_acks.append((cue.sent_at + self.rng.uniform(0.002, 0.006), cue.cue, "delivered"))
            self._pending_acks.append((cue.sent_at + self.rng.uniform(0.8, 4.5), cue.cue, "acked"))
        self._cues_seen = len(cues)
        if not self._pending_acks:  # most seconds: nothing sent, nothing to acknowledge
            return
        due = [item for item in self._pending_acks if item[0] <= now]
        self._pending_acks = [item for item in self._pending_acks if item[0] > now]
        for _, number, what in sorted(due):
            event = CueDelivered if what == "delivered" else CueAcked
            self.session.submit(event(at=now, cue=number, by="host"))

    # ------------------------------------------------------------ running

    def step(self) -> bool:
        """One simulated second; False once the show has ended."""
        self.clock.advance(1)
        session = self.session
        self.room.feed(session.room)
        session.second()
        now = session.now()
        self._host(now)
        self._manage(now)
        return session.state.status is not _ENDED

    def run(self, on_second: Callable[[], None] | None = None, limit_seconds: int = 24 * 3600) -> None:
        for _ in range(limit_seconds):
            if not self.step():
                return
            if on_second is not None:
                on_second()
        self.session.end_show("the autopilot's time limit")
