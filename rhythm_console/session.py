"""A live session: the manager's commands become journaled events folded into state.

This is the one place where the console changes the show. Each command is
checked by the fold's `refusal()`, appended to the journal, applied, and
then announced to listeners (the UI, the cue link, the bus). The decisions a
screen must not make live here too: which suggestion `a` sends, advice for ops
going to the ops pane, a typed cue's wording check on the record. Nothing here
imports Textual, so the console, `simulate`, the HTTP API and the tests share them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from rhythm_console.acks import reach
from rhythm_console.advisor import TECH_ALERT, Advisor
from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.clock import Clock
from rhythm_console.events import (
    REQUEST_KINDS,
    Advance,
    AlertCleared,
    AlertRaised,
    CommentExamples,
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
    RequestKind,
    RequestMade,
    Resume,
    ShowEnded,
    ShowStarted,
    Skip,
    Undo,
    WordingOverridden,
)
from rhythm_console.i18n import Named, Texts, lang_for_locale
from rhythm_console.journal import JournalWriter
from rhythm_console.listeners import Listeners
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.metrics.room import RoomMetrics
from rhythm_console.panes import OPS_PANE, PaneRoster
from rhythm_console.plan import CueAction, CueLevel, Plan
from rhythm_console.plan.wording_check import plan_checker
from rhythm_console.refusals import Refusal, refuse
from rhythm_console.roles import roles_named
from rhythm_console.show import (
    LATE_HORIZON,
    PERFORMED_BY,
    START_HORIZON,
    AlertRecord,
    DisplayPhase,
    SegmentRun,
    ShowState,
    ShowStatus,
    apply,
    budget_phase,
    initial_state,
    refusal,
    segment_remaining,
    suggestion_sent,
)
from rhythm_console.stock import product_key
from rhythm_console.wording import WordingChecker

# Read every second: a member read off its enum's class goes through the metaclass.
_LIVE, _OVER, _WARNING = ShowStatus.live, DisplayPhase.over, DisplayPhase.warning

# Cues a person wrote (the console's cue dialog, the HTTP API): what the wording check flags in
# them is journaled when they are sent (the dialog warned first; the review can tell).
TYPED_ORIGINS = ("manager", "http")
REQUEST_EXTEND = 60.0  # seconds a pane's accepted `+1 分钟` gives the running segment
# A button's (or script's) advance this soon after the last one is a bounce or a retry, not a second move on:
# the two would skip a whole segment. On the session's clock.
ADVANCE_REPEAT = 3.0


@dataclass(frozen=True)
class AdviceOutcome:
    """What `send_advice` did: sent `alert`'s suggestion (or was refused: `reason`); with nothing
    left to send, `alert` is the newest suggestion (already sent), None when there is no advice."""

    sent: bool
    alert: AlertRecord | None
    reason: Refusal | None = None


class LiveSession:
    # For the cue link (link/session.py): a live show runs at the clock's pace; no pane stands in for another.
    clock_rate = 1.0
    stand_ins: Mapping[str, str] = MappingProxyType({})

    def __init__(self, plan: Plan, clock: Clock, journal: JournalWriter | None = None,
                 lang: str = "zh", origin: float | None = None, state: ShowState | None = None,
                 advise: bool = True, keep_comment_text: bool = True, count_plan_start: bool = True) -> None:
        self.plan = plan
        self.clock = clock
        self.journal = journal
        self.lang = lang
        # What the panes read (built-in cues, a playbook's steps) is in the plan's language, the host's,
        # whatever language the manager's console speaks (--lang).
        self.pane_lang = lang_for_locale(plan.show.locale.value)
        self.origin = origin if origin is not None else (journal.origin if journal else clock.monotonic())
        self.state = state or initial_state(plan)
        # Wall time at offset 0, so any offset can be shown as a time of day.
        self.started_wall = journal.started_wall if journal else clock.wall() - timedelta(
            seconds=clock.monotonic() - self.origin)
        self.listeners = Listeners()
        self.panes = PaneRoster()  # on the cue link now (the link keeps it; simulate's autopilot stands in)
        self.journal_error: str | None = None  # the last write failure, until a write succeeds again
        self.unjournaled = 0  # events applied but not recorded
        # Comments' words are classified by the plan's lexicon; only counts and a few examples are journaled.
        self.room = RoomMetrics(audience=AudienceTracker(plan.audience.lexicon(), keep_text=keep_comment_text))
        self.history = MetricHistory()
        self.advisor = Advisor(plan, lang) if advise else None
        # A live show's late start is drift; a rehearsal's or a simulation's start time says nothing of the plan.
        self.count_plan_start = count_plan_start
        # The panes connected now, by name: the link server says (none without one). Each cue journals which
        # of them it went to, so a cue nobody could receive is said to be so, live and in the review.
        self.connected_panes: Callable[[], Iterable[str]] = tuple
        self._follow_product()

    @cached_property
    def wording(self) -> WordingChecker:
        """The wording check (合规) with the plan's own additions: built on the first cue typed."""
        return plan_checker(self.plan)

    def now(self) -> float:
        return max(self.clock.monotonic() - self.origin, self.state.last_at)

    @property
    def session_id(self) -> str:
        """Names this show on the cue link: a resumed session keeps it, another show differs."""
        return self.started_wall.isoformat()

    # -------------------------------------------------------- the one way in

    def submit(self, event: Event) -> Refusal | None:
        """Journal and apply an event; return the reason if it is refused."""
        reason = refusal(self.state, event)
        if reason is not None:
            return reason
        if self.journal is not None:
            try:
                self.journal.append(event)
                self.journal_error = None
            except OSError as exc:
                # The show goes on: the screens keep working and say loudly that the record has a gap.
                self.journal_error = f"{self.journal.path}: {exc.strerror or exc}"
                self.unjournaled += 1
        before = self.state.current
        self.state = apply(self.state, event)
        self.listeners.announce(event, self.state)
        if isinstance(event, MetricSample):
            self.history.add(event)
        elif self.state.current != before:
            self._follow_product()
            self._advise(event.at)  # e.g. an over-run alert ends with its segment
        return None

    def _follow_product(self) -> None:
        """Orders a source reports without naming a product count against the running segment's."""
        running = self.state.running
        product = running.segment.product if running is not None else None
        self.room.selling = product_key(product) if product is not None else None

    # -------------------------------------------------------- what asks first

    def early_to_leave(self) -> tuple[SegmentRun, float] | None:
        """The running segment and its budget left, when moving on now would leave more than half of it:
        Space (and a preset that moves on) asks first, so a slip does not end an opening twenty seconds in."""
        run = self.state.running
        if run is None or self.state.status is not ShowStatus.live:
            return None
        left = segment_remaining(self.state, run, self.now())
        return (run, left) if left > run.budget / 2 else None

    def early_to_skip(self, segment_id: str | None = None) -> tuple[SegmentRun, float] | None:
        """The segment a skip would drop and its budget left, when more than half of it is left (a segment
        not yet started has all of it): `s` (and a preset that skips) asks first. None when the skip would
        be refused anyway: the refusal says why."""
        if refusal(self.state, Skip(at=self.now(), segment_id=segment_id)) is not None:
            return None
        run = next((r for r in self.state.runs if r.id == segment_id), None) if segment_id \
            else self.state.next_pending()
        if run is None:  # refused above
            return None
        left = segment_remaining(self.state, run, self.now())
        return (run, left) if left > run.budget / 2 else None

    # -------------------------------------------------------- commands

    def start_or_advance(self) -> Refusal | None:
        if self.state.status is ShowStatus.ready:
            return self.submit(ShowStarted(at=self.now(), planned_at=self.planned_start_offset()))
        return self.submit(Advance(at=self.now()))

    def press_advance(self, leaving: str | None = None) -> Refusal | None:
        """A button's or script's advance (POST /api/advance): start or move on, unless it would skip a segment.
        `leaving` names the segment it moves on from: refused (`moved_on`) when that one no longer runs. Without
        it, a second advance within ADVANCE_REPEAT seconds of the last is refused (`advance_repeated`); a start
        is no advance, and an ended show says so as any advance does."""
        state = self.state
        if state.status is ShowStatus.ended:
            return self.start_or_advance()
        running = state.running
        if leaving is not None:
            if running is None or running.id != leaving:
                now_running = (Named(running.segment.title),) if running is not None else ("advance.no_segment",)
                return refuse("moved_on", segment=leaving, running=now_running)
        elif state.status is _LIVE and state.advanced_at is not None:
            ago = self.now() - state.advanced_at
            if ago < ADVANCE_REPEAT:
                return refuse("advance_repeated", ago=ago, window=ADVANCE_REPEAT)
        return self.start_or_advance()

    def planned_start_offset(self) -> float | None:
        """The plan's written start on this session's clock, when it counts: a live show, a start written
        for this day (within the horizons the pre-show countdown uses)."""
        starts_at = self.plan.show.starts_at
        if not self.count_plan_start or starts_at is None:
            return None
        offset = (starts_at - self.started_wall).total_seconds()
        late_by = self.now() - offset
        return offset if -START_HORIZON < late_by < LATE_HORIZON else None

    def rebase_plan(self) -> Refusal | None:
        """Count the plan from the actual start from now on: the late start no longer shows as drift (undoable)."""
        return self.submit(PlanRebased(at=self.now()))

    def hold_or_resume(self, reason: str | None = None) -> Refusal | None:
        if self.state.held:
            return self.submit(Resume(at=self.now()))
        return self.submit(Hold(at=self.now(), reason=reason))

    def extend(self, seconds: float) -> Refusal | None:
        return self.submit(Extend(at=self.now(), seconds=seconds))

    def skip(self, segment_id: str | None = None) -> Refusal | None:
        return self.submit(Skip(at=self.now(), segment_id=segment_id))

    def reorder(self, order: list[str]) -> Refusal | None:
        return self.submit(Reorder(at=self.now(), order=order))

    def undo(self) -> Refusal | None:
        """Take back the latest show-changing command (a journaled Undo naming it)."""
        latest = self.state.undoable[-1] if self.state.undoable else None
        if latest is None:
            return refuse("nothing_to_undo")
        return self.submit(Undo(at=self.now(), of=latest.of, of_at=latest.at))

    def note(self, text: str) -> Refusal | None:
        text = text.strip()
        if not text:
            return refuse("empty_note")
        return self.submit(Note(at=self.now(), text=text))

    def end_show(self, reason: str = "ended by the manager") -> Refusal | None:
        return self.submit(ShowEnded(at=self.now(), reason=reason))

    def insert_contingency(self, contingency_id: str) -> Refusal | None:
        contingency = next((c for c in self.plan.contingencies if c.id == contingency_id), None)
        if contingency is None:
            return refuse("unknown_contingency", id=contingency_id)
        if contingency.insert is None:
            return refuse("nothing_to_insert")
        segment = contingency.insert
        taken = {run.id for run in self.state.runs}
        if segment.id in taken:  # inserted before: give the new run its own id
            number = 2
            while f"{segment.id}-{number}" in taken:
                number += 1
            segment = segment.model_copy(update={"id": f"{segment.id}-{number}"})
        return self.submit(InsertSegment(at=self.now(), segment=segment, contingency_id=contingency_id))

    def send_contingency_steps(self, contingency_id: str) -> tuple[Refusal | None, list[str]]:
        """Send a contingency's steps as one cue to each acting role they name (to every pane
        when they name none); returns the refusal, if any, and the roles cued."""
        contingency = next((c for c in self.plan.contingencies if c.id == contingency_id), None)
        if contingency is None:
            return refuse("unknown_contingency", id=contingency_id), []
        steps = " ".join(f"{number}. {step}" for number, step in enumerate(contingency.steps, start=1))
        text = Texts(self.pane_lang)("playbook.cue", title=contingency.title, steps=steps)
        roles = roles_named(contingency, self.plan.team)
        targets: list[str | None] = [*roles] if roles else [None]  # none named: every pane
        for role in targets:
            reason = self.send_cue(text, CueLevel.urgent, origin=f"playbook:{contingency_id}", target=role)
            if reason is not None:
                return reason, []
        return None, roles

    def send_cue(self, text: str, level: CueLevel = CueLevel.info, *, origin: str = "manager",
                 action: CueAction | None = None, target: str | None = None) -> Refusal | None:
        text = text.strip()
        if not text:
            return refuse("empty_cue")
        cue = self.state.next_cue_number
        reason = self.submit(CueSent(at=self.now(), cue=cue, text=text, level=level, action=action, target=target,
                                     origin=origin, reach=reach(target, self.connected_panes(), self.stand_ins)))
        if reason is None and origin in TYPED_ORIGINS and (words := self.flagged_words(text)):
            self.submit(WordingOverridden(at=self.now(), cue=cue, words=words))
        return reason

    def flagged_words(self, text: str) -> list[str]:
        """What the wording check (合规) flags in a cue's text."""
        return [rule.word for rule in self.wording.check(text)]

    def send_preset(self, key: str) -> Refusal | None:
        preset = self.plan.preset(key)
        if preset is None:
            return refuse("unknown_preset", key=key)
        if preset.action is CueAction.advance:
            # Move on first, so the cue belongs to the segment it opens: sent before, it would be filed
            # at once under the segment just ended and never shown large on the panes.
            action_reason = self.start_or_advance()
            reason = self.send_cue(preset.text, preset.level, origin=f"preset:{key}", action=preset.action)
            if reason is not None:
                return reason
            return refuse("action_refused", reason=action_reason) if action_reason else None
        reason = self.send_cue(preset.text, preset.level, origin=f"preset:{key}", action=preset.action)
        if reason is not None or preset.action is None:
            return reason
        match preset.action:
            case CueAction.extend:
                action_reason = self.extend(preset.by or 0)
            case CueAction.skip_next:
                action_reason = self.skip()
        return refuse("action_refused", reason=action_reason) if action_reason else None

    def cue_by_name(self, name: str, origin: str) -> Refusal | None:
        """Send a preset (by key, with its action) or a built-in cue (by name)."""
        if self.plan.preset(name) is not None:
            return self.send_preset(name)
        cue = self.plan.cue_for(name, self.pane_lang)
        if cue is None:
            return refuse("unknown_cue_name", name=name)
        return self.send_cue(cue[0], cue[1], origin=origin)

    # -------------------------------------------------------- the panes' requests (扁平化)

    def request(self, kind: RequestKind, *, by: str, text: str | None = None,
                origin: Literal["pane", "http"] = "pane", segment: str | None = None) -> Refusal | None:
        """A pane (or a button) asks the manager for something: journaled, shown on the console until answered.
        `segment` is the one the pane shows (the running one when it does not say): the request is tied to it.
        The same request from the same asker while the first still waits is refused (`request_pending`): a key
        pressed twice is one request."""
        if kind not in REQUEST_KINDS:
            return refuse("unknown_request_kind", kind=kind[:40])
        words = (text or "").strip() or None
        if kind == "text" and words is None:
            return refuse("empty_request")
        waiting = next((r for r in self.state.open_requests() if r.by == by and r.kind == kind and r.text == words),
                       None)
        if waiting is not None:
            return refuse("request_pending", request=waiting.request, what=(f"request.kind.{kind}",))
        running = self.state.running
        asked_in = segment if segment is not None else running.id if running is not None else None
        return self.submit(RequestMade(at=self.now(), request=self.state.next_request_number, kind=kind,
                                       text=words, by=by, origin=origin, segment=asked_in))

    def outdated_request(self, number: int) -> Refusal | None:
        """Why accepting request `number` would act on the wrong segment: a +1 minute or a next asked in a
        segment that has ended since (or between segments, with one running now) would extend or end another."""
        record = self.state.request(number)
        if record is None or record.kind not in PERFORMED_BY:  # the ones accepting performs: +1 minute, next
            return None
        running = self.state.running
        if record.segment == (running.id if running is not None else None):
            return None
        what = (f"request.kind.{record.kind}",)
        if record.segment is None:
            return refuse("request_segment_started", request=number, what=what)
        index = self.state.index_of(record.segment)
        title = self.state.runs[index].segment.title if index is not None else record.segment
        return refuse("request_segment_ended", request=number, what=what, segment=title)

    def early_to_accept(self, number: int) -> tuple[SegmentRun, float] | None:
        """Accepting a `next` request moves on: with more than half of the segment's budget left the console
        asks first, as it does for Space (not for one accepting would refuse: the refusal says why)."""
        record = self.state.request(number)
        if record is None or not record.open or record.kind != "next" or self.outdated_request(number) is not None:
            return None
        return self.early_to_leave()

    def answer_request(self, number: int, accepted: bool) -> Refusal | None:
        """Accept (and so perform: `extend` gives the running segment a minute, `next` moves on) or decline.
        A request whose action the show refuses, or that was asked in a segment since ended, stays open, so the
        manager can decline it instead. What accepting performs is journaled at the answer's own time: an undo
        of it is then known to undo the request (show.fold)."""
        record = self.state.request(number)
        if record is None:
            return refuse("unknown_request", request=number)
        if not record.open:
            return refuse("already_answered", request=number)
        at = self.now()
        if accepted:
            outdated = self.outdated_request(number)
            if outdated is not None:
                return outdated
            match record.kind:
                case "extend":
                    reason = self.submit(Extend(at=at, seconds=REQUEST_EXTEND))
                case "next":
                    reason = self.submit(Advance(at=at))
                case _:
                    reason = None  # a word to the manager: taking it is the answer
            if reason is not None:
                return reason
        return self.submit(RequestAnswered(at=at, request=number, accepted=accepted))

    # -------------------------------------------------------- advice

    def advice_target(self, alert: AlertRecord) -> str | None:
        """Where a suggestion goes: advice meant for ops (lag, no sound) to the ops pane when one is
        on the link, so the host is not distracted; any other to every pane (None)."""
        return OPS_PANE if alert.alert == TECH_ALERT and OPS_PANE in self.panes else None

    def send_advice(self, alert: AlertRecord | None = None) -> AdviceOutcome:
        """Send a suggestion's cue: `alert`'s, or the newest one not sent yet."""
        if alert is None:
            suggestions = [a for a in reversed(self.state.alerts) if a.suggest]
            alert = next((a for a in suggestions if not suggestion_sent(self.state, a)), None)
            if alert is None:
                return AdviceOutcome(sent=False, alert=suggestions[0] if suggestions else None)
        if not alert.suggest:
            return AdviceOutcome(sent=False, alert=None)
        origin = f"advice:{alert.alert}"
        target = self.advice_target(alert)
        if target is None:
            return AdviceOutcome(sent=True, alert=alert, reason=self.cue_by_name(alert.suggest, origin=origin))
        # To ops: the suggested words only (a preset's action, such as moving on, is not theirs to take).
        suggested = self.plan.cue_for(alert.suggest, self.pane_lang)
        if suggested is None:
            return AdviceOutcome(sent=True, alert=alert, reason=refuse("unknown_cue_name", name=alert.suggest))
        return AdviceOutcome(sent=True, alert=alert,
                             reason=self.send_cue(suggested[0], suggested[1], origin=origin, target=target))

    # -------------------------------------------------------- time passing

    def second(self) -> None:
        """The once-a-second step, the same for the console, the autopilot and the tests:
        journal the room's figures, let the advisor and the segment's automatic cues act
        on them, and put a quiet journal on disk."""
        self.sample_metrics()
        self._act_on_time()
        if self.journal is not None:
            self.journal.sync_if_due()

    def _act_on_time(self) -> None:
        """Asks the advisor what to raise and clear, and fires a segment's automatic cues.
        Both are derived from the state, so a resumed session neither repeats nor forgets them."""
        now = self.now()
        self._advise(now)
        state = self.state
        running = state.running
        if running is None or state.status is not _LIVE:
            return
        cues = running.segment.cues
        if cues is not None:
            current_phase = budget_phase(state, running, now)
            for when, name in (("warning", cues.on_warning), ("over", cues.on_over)):
                if name is None:
                    continue
                due = current_phase is _OVER or (when == "warning" and current_phase is _WARNING)
                origin = f"auto:{running.id}:{when}"
                if due and not any(c.origin == origin for c in self.state.cues):
                    self.cue_by_name(name, origin=origin)

    def _advise(self, now: float) -> None:
        if self.advisor is None:
            return
        to_raise, to_clear = self.advisor.evaluate(self.state, self.history, now)
        for alert_id in to_clear:
            self.submit(AlertCleared(at=now, alert=alert_id))
        for alert in to_raise:
            self.submit(AlertRaised(at=now, alert=alert.alert, message=alert.message, suggest=alert.suggest,
                                    level=alert.level, code=alert.code, params=alert.params))
            raised = next((a for a in self.state.alerts if a.alert == alert.alert), None)
            if raised is not None and self.advice_target(raised) == OPS_PANE:
                self.send_advice(raised)  # ops is told at once; the host is not distracted

    # -------------------------------------------------------- metrics

    def sample_metrics(self) -> MetricSample | None:
        """Journal the room's current figures (about once a second)."""
        now = self.now()
        if self.room.last_item_at is None:
            return None
        event = MetricSample.of_figures(now, self.room.figures(now))
        self.submit(event)
        audience = self.room.audience
        examples = audience.take_examples() if audience is not None else None
        if examples:
            self.submit(CommentExamples(at=now, examples=examples))
        return event

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
