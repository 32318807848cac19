"""The live advisor: rules that turn timing and metrics into suggested cues.

It evaluates the plan's `rules` plus built-in advice the plan can switch off
(`advisor: {disable: [...]}`), and answers which alerts to raise and which
to clear. It holds only how long each condition has held; the alerts
themselves live in the show's state, so they are journal events.

Conditions:
- `<`, `<=`, `>`, `>=`: the metric compared with the threshold, continuously
  for the rule's `for` seconds;
- `falls_by` / `rises_by`: the metric changed by at least `threshold` percent
  between `for` seconds ago and now.
A rule with `kinds` holds only while a segment of one of those kinds runs.

Built-in advice read straight from the state (no history): an urgent cue of
the running segment a pane has not acknowledged after 20 s (acks.py), and the
running segment's product sold out (stock.py), pointing at the plan's
sold-out contingency when it has one. Both clear as soon as they stop being
true: an ack or a new segment is definite, not a noisy figure.
Built-ins on the audience's voice (comment categories' counts in the samples):
- technical complaints: TECH_COUNT or more within TECH_WINDOW seconds → urgent, meant for ops;
- one question topic at QUESTIONS_PER_MIN or more a minute during a product segment → answer them;
- rhythm complaints at RHYTHM_PER_MIN or more a minute and rising → speed up, or push the link.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, cast

from rhythm_console.acks import overdue_among, unconfirmed, undelivered_among, unread_panes
from rhythm_console.audience.lexicon import Kind, metric_name
from rhythm_console.i18n import Texts
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.plan import Comparison, CueLevel, Metric, Plan, Rule, SegmentKind
from rhythm_console.plan.model import AUDIENCE_CUE
from rhythm_console.show import (
    CueRecord,
    DisplayPhase,
    SegmentRun,
    ShowState,
    ShowStatus,
    countdown_phase,
    is_overrunning,
    segment_elapsed,
    segment_remaining,
    warning_lead,
)
from rhythm_console.stock import sold_metric, sold_out_contingency

BUILTIN_PREFIX = "builtin:"
SMOOTHING = 15.0  # seconds averaged at each end of a change
CLEAR_AFTER = 20.0  # a raised alert clears only once its condition has been false this long


AlertCode = Literal["interaction_falling", "viewers_drop", "overrun", "clicks_rising", "cue_unread",
                    "cue_undelivered", "sold_out", "sold_out_playbook", "tech_complaints", "questions_rising",
                    "rhythm_complaints"]
UNREAD_PREFIX = f"{BUILTIN_PREFIX}cue-unread:"  # + the cue's number: one alert per cue
UNDELIVERED_PREFIX = f"{BUILTIN_PREFIX}cue-undelivered:"  # + the cue's number: cleared once a pane confirms it

TECH_COUNT, TECH_WINDOW = 5, 30.0
QUESTIONS_PER_MIN = 10.0
RHYTHM_PER_MIN = 5.0
TECH_ALERT = "builtin:tech-complaints"  # the alert meant for ops
TECH_TOTAL = metric_name("tech_complaints", per_min=False)
RHYTHM_PER_MIN_METRIC = metric_name("rhythm_complaints")
CLICKS_PER_MIN = "product_clicks_per_min"


@dataclass(frozen=True)
class Alert:
    alert: str
    message: str  # in the session's language, for whoever reads the journal
    suggest: str | None
    level: CueLevel
    code: AlertCode | None = None  # built-in advice: the catalog's alert.<code>, so each screen says it its own way
    params: dict[str, str | float] = field(default_factory=dict)


BUILTIN_RULES = {
    "interaction-falling": Rule(
        id="interaction-falling", metric=Metric.interaction_rate, comparison=Comparison.falls_by, threshold=20,
        for_=120, kinds=[SegmentKind.product], suggest="add_interaction"),
    "viewers-drop": Rule(
        id="viewers-drop", metric=Metric.online, comparison=Comparison.falls_by, threshold=20, for_=180,
        suggest="lucky_bag"),
}


# Members read every second, under plain names: one read off an enum's class goes through its metaclass (~70 ns).
_LIVE, _PRODUCT, _WARNING = ShowStatus.live, SegmentKind.product, DisplayPhase.warning
_FALLS_BY, _RISES_BY = Comparison.falls_by, Comparison.rises_by

_COMPARE = {Comparison.below: operator.lt, Comparison.at_most: operator.le, Comparison.above: operator.gt,
            Comparison.at_least: operator.ge}


class Advisor:
    def __init__(self, plan: Plan, lang: str = "zh") -> None:
        self.plan = plan
        self.texts = Texts(lang)
        # A plan rule named after a built-in one (viewers-drop) is the plan's version of it: it replaces the
        # built-in, which would otherwise raise the same alert a second time.
        disabled = set(plan.advisor.disable) | {rule.id for rule in plan.rules if rule.id in BUILTIN_RULES}
        self.builtins = {name: rule for name, rule in BUILTIN_RULES.items() if name not in disabled}
        self.check_clicks_rising = "clicks-rising" not in disabled
        self.check_overrun = "overrun" not in disabled
        self.check_tech = "tech-complaints" not in disabled
        self.check_questions = "questions-rising" not in disabled
        self.check_rhythm = "rhythm-complaints" not in disabled
        lexicon = plan.audience.lexicon()
        self.question_topics = [(c.id, c.label, metric_name(c.id)) for c in lexicon.categories
                                if c.kind is Kind.question]
        # A built-in rule is named after its alert's code. Each with its metric's name, read once here: a rule
        # is weighed every second.
        # With it, the kinds it holds in (a tuple: empty, any) and whether it weighs a change (falls_by, rises_by).
        named = [*((f"rule:{rule.id}", rule, None) for rule in plan.rules),
                 *((BUILTIN_PREFIX + name, rule, cast(AlertCode, name.replace("-", "_")))
                   for name, rule in self.builtins.items())]
        self._rules: list[tuple[str, Rule, AlertCode | None, str, tuple[SegmentKind, ...], bool]] = [
            (alert_id, rule, code, rule.metric.value, tuple(rule.kinds), rule.comparison in (_FALLS_BY, _RISES_BY))
            for alert_id, rule, code in named]
        # The running product's `sold:` figure, named once per product (remaining_stock's, every second).
        self._sold_name: tuple[object, str] = (None, "")
        # The urgent cues of the running segment, found again only when the cues or the segment change.
        self._urgent: tuple[object, str | None, tuple[CueRecord, ...]] = (None, None, ())
        self._since: dict[str, float] = {}
        self._false_since: dict[str, float] = {}

    # ------------------------------------------------------------ conditions

    @staticmethod
    def _changed(rule: Rule, metric: str, history: MetricHistory) -> bool:
        """A falls_by or rises_by rule: the change between averages over SMOOTHING seconds at each end, so
        one noisy second cannot decide."""
        before = history.average(metric, rule.for_ - SMOOTHING, SMOOTHING)
        if before is None or before <= 0:
            return False
        latest = history.average(metric, 0.0, SMOOTHING)
        if latest is None:
            return False
        change = (latest - before) / before * 100
        return -change >= rule.threshold if rule.comparison is _FALLS_BY else change >= rule.threshold

    def _holds(self, alert_id: str, rule: Rule, metric: str, history: MetricHistory, now: float) -> bool:
        """A comparison rule: the latest value compared with the threshold, continuously for `for` seconds."""
        value = history.latest(metric)
        if value is None or not _COMPARE[rule.comparison](value, rule.threshold):
            self._since.pop(alert_id, None)
            return False
        since = self._since.setdefault(alert_id, now)
        return now - since >= rule.for_

    # ------------------------------------------------------------ evaluation

    def evaluate(self, state: ShowState, history: MetricHistory, now: float) -> tuple[list[Alert], list[str]]:
        """(alerts to raise, alert ids to clear), given what is raised in `state` now."""
        # What holds, by alert id, each as the making of its alert: only one not raised yet is made (its words
        # cost more than the rest of a second's advice, and most of what holds has been raised before).
        wanted: dict[str, Callable[[], Alert]] = {}
        running = state.running
        live = running is not None and state.status is _LIVE
        kind = running.segment.kind if running is not None and live else None
        held_since = self._since
        for alert_id, rule, code, metric, kinds, change in self._rules:
            if kind is None or (kinds and kind not in kinds):
                if held_since:
                    held_since.pop(alert_id, None)
            elif self._changed(rule, metric, history) if change else self._holds(alert_id, rule, metric, history, now):
                wanted[alert_id] = partial(self._rule_alert, alert_id, rule, code)
        if running is not None and kind is not None:
            title = running.segment.title
            remaining = segment_remaining(state, running, now)
            # Over-running needs the budget spent (its tolerance, looked up in the plan, only then).
            if self.check_overrun and remaining <= 0 and is_overrunning(state, running, now):
                alert_id = f"{BUILTIN_PREFIX}overrun:{running.id}"
                over = segment_elapsed(state, running, now) - running.budget
                wanted[alert_id] = partial(self._builtin, alert_id, "overrun", {"title": title, "over": over},
                                           "wrap_up", CueLevel.urgent)
            if (self.check_clicks_rising and kind is _PRODUCT
                    and countdown_phase(remaining, warning_lead(state, running)) is _WARNING  # budget_phase
                    and self._clicks_rising(history)):
                alert_id = f"{BUILTIN_PREFIX}clicks-rising:{running.id}"
                wanted[alert_id] = partial(self._builtin, alert_id, "clicks_rising", {"title": title}, "keep_going",
                                           CueLevel.info)
        self._unread(state.cues, running, now, wanted)
        self._sold_out(state, running, wanted)
        if running is not None and kind is not None:
            self._audience(running.id, kind, history, state, wanted)
        # In the state's order, not a set's: a set of strings iterates in an order that changes from one
        # process to the next (hash randomisation), and the journal would too (simulate --seed N).
        if not state.alerts:  # most seconds of a show: nothing raised, so nothing to clear
            return [make() for make in wanted.values()], []
        raised = dict.fromkeys(alert.alert for alert in state.alerts)
        to_raise = [make() for alert_id, make in wanted.items() if alert_id not in raised]
        to_clear = []
        running_id = running.id if running is not None else None
        for alert_id in raised:
            if alert_id in wanted or not alert_id.startswith((BUILTIN_PREFIX, "rule:")):
                self._false_since.pop(alert_id, None)  # still true, or not the advisor's to clear
                continue
            if alert_id.startswith((UNREAD_PREFIX, UNDELIVERED_PREFIX)):
                to_clear.append(alert_id)  # acknowledged, or its segment is over: nothing to wait for
                continue
            segment_bound = alert_id.count(":") == 2  # e.g. builtin:overrun:coat ends with its segment
            if segment_bound and not alert_id.endswith(f":{running_id}"):
                to_clear.append(alert_id)
                continue
            # Hysteresis: a condition hovering at its threshold must not make the alert flap.
            since = self._false_since.setdefault(alert_id, now)
            if now - since >= CLEAR_AFTER:
                to_clear.append(alert_id)
                del self._false_since[alert_id]
        return to_raise, to_clear

    def _rule_alert(self, alert_id: str, rule: Rule, code: AlertCode | None) -> Alert:
        suggestion = self.plan.cue_for(rule.suggest, self.texts)
        level = suggestion[1] if suggestion else CueLevel.warn
        if code is None:
            return Alert(alert_id, rule.message or self._describe(rule), rule.suggest, level)
        return self._builtin(alert_id, code, {}, rule.suggest, level)

    @staticmethod
    def _clicks_rising(history: MetricHistory) -> bool:
        then = history.average(CLICKS_PER_MIN, 60 - SMOOTHING, SMOOTHING)
        if then is None:
            return False
        recent = history.average(CLICKS_PER_MIN, 0.0, SMOOTHING)
        return recent is not None and recent - then > 0

    def _unread(self, cues: tuple[CueRecord, ...], running: SegmentRun | None, now: float,
                wanted: dict[str, Callable[[], Alert]]) -> None:
        running_id = running.id if running is not None else None
        seen, seen_running, urgent = self._urgent
        if cues is not seen or running_id != seen_running:
            # A cue no pane has left unread or waits for is never overdue: a delivery or an ack makes a new record,
            # and new `cues`.
            urgent = tuple(cue for cue in cues if cue.segment == running_id and cue.level is CueLevel.urgent
                           and (unread_panes(cue) or unconfirmed(cue)))
            self._urgent = (cues, running_id, urgent)
        for cue, panes in overdue_among(urgent, running_id, now):  # overdue_cues(state, now), of fewer cues
            alert_id = f"{UNREAD_PREFIX}{cue.cue}"
            params: dict[str, str | float] = {"cue": str(cue.cue), "text": cue.text, "panes": ", ".join(panes)}
            wanted[alert_id] = partial(self._builtin, alert_id, "cue_unread", params, None, CueLevel.urgent)
        for cue in undelivered_among(urgent, running_id, now):
            alert_id = f"{UNDELIVERED_PREFIX}{cue.cue}"
            params = {"cue": str(cue.cue), "text": cue.text}
            wanted[alert_id] = partial(self._builtin, alert_id, "cue_undelivered", params, None, CueLevel.urgent)

    def _sold_out(self, state: ShowState, running: SegmentRun | None, wanted: dict[str, Callable[[], Alert]]) -> None:
        product = running.segment.product if running is not None else None
        if running is None or product is None or product.stock is None or state.status is not _LIVE:
            return
        known, name = self._sold_name
        if known is not product:
            name = sold_metric(product)
            self._sold_name = (product, name)
        if product.stock - int(state.metrics.get(name, 0)) > 0:  # remaining_stock(state, product) != 0
            return
        alert_id = f"{BUILTIN_PREFIX}sold-out:{running.id}"  # segment-bound: a later encore of it may raise it again
        contingency = sold_out_contingency(self.plan)
        if contingency is None:
            wanted[alert_id] = partial(self._builtin, alert_id, "sold_out", {"product": product.name}, None,
                                       CueLevel.urgent)
            return
        params: dict[str, str | float] = {"product": product.name, "contingency": contingency.title}
        wanted[alert_id] = partial(self._builtin, alert_id, "sold_out_playbook", params, None, CueLevel.urgent)

    def _audience(self, running_id: str, kind: SegmentKind, history: MetricHistory, state: ShowState,
                  wanted: dict[str, Callable[[], Alert]]) -> None:
        if self.check_tech:
            latest_total = history.latest(TECH_TOTAL)
            if latest_total is not None:
                # Counted since TECH_WINDOW ago; a history shorter than that holds every complaint so far.
                before = history.average(TECH_TOTAL, TECH_WINDOW, 5.0)
                recent = latest_total - (before or 0.0)
                if recent >= TECH_COUNT:
                    wanted[TECH_ALERT] = partial(self._builtin, TECH_ALERT, "tech_complaints", {"count": recent},
                                                 AUDIENCE_CUE + "tech_complaints", CueLevel.urgent)
        if self.check_questions and kind is _PRODUCT:
            for topic, label, name in self.question_topics:
                rate = history.latest(name)
                if rate is not None and rate >= QUESTIONS_PER_MIN:
                    alert_id = f"{BUILTIN_PREFIX}{topic}:{running_id}"  # ends with its segment
                    words = label or self.texts(f"audience.cat.{topic}")
                    wanted[alert_id] = partial(self._builtin, alert_id, "questions_rising",
                                               {"topic": words, "rate": rate}, AUDIENCE_CUE + topic, CueLevel.warn)
        rate = history.latest(RHYTHM_PER_MIN_METRIC)
        if self.check_rhythm and rate is not None and rate >= RHYTHM_PER_MIN:
            before = history.average(RHYTHM_PER_MIN_METRIC, 60 - SMOOTHING, SMOOTHING)
            alert_id = BUILTIN_PREFIX + "rhythm-complaints"
            if before is None or rate > before or any(alert.alert == alert_id for alert in state.alerts):
                suggest = "push_link" if kind is _PRODUCT else "speed_up"
                wanted[alert_id] = partial(self._builtin, alert_id, "rhythm_complaints", {"rate": rate}, suggest,
                                           CueLevel.warn)

    def _builtin(self, alert_id: str, code: AlertCode, params: dict[str, str | float], suggest: str | None,
                 level: CueLevel) -> Alert:
        return Alert(alert_id, self.texts(f"alert.{code}", **params), suggest, level, code, params)

    def _describe(self, rule: Rule) -> str:
        return f"{rule.metric.value} {rule.comparison.value} {rule.threshold:g}"
