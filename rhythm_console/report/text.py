"""Labels and cell formats the report renderers share."""

from __future__ import annotations

from rhythm_console import vocabulary
from rhythm_console.acks import Delivery
from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.phrases import alert_words, drift_words, end_words, finding_words, verdict_words
from rhythm_console.review import AlertReview, CueReview, Finding, GoalResult, Review, SegmentReview
from rhythm_console.review.interventions import Intervention
from rhythm_console.show import RunStatus, end_outcome, start_delay
from rhythm_console.units import price, wall_at

UNJUDGED = {RunStatus.skipped: "skipped", RunStatus.pending: "pending", RunStatus.running: "running"}


class ReportText:
    """The catalog's report.* labels, and how the report writes its cells."""

    def __init__(self, lang: str) -> None:
        self.texts = Texts(lang)
        self.lang = lang

    def __call__(self, key: str, /, **values: object) -> str:
        return self.texts(f"report.{key}", **values)

    def goal_name(self, goal: GoalResult) -> str:
        return self.texts(f"goal.{goal.name}")

    def goal_value(self, name: str, value: float | None) -> str:
        if value is None:
            return self("no_data")
        if name in ("interaction_rate", "conversion_rate"):
            return f"{value:.1%}"
        if name == "gmv":
            return f"¥{value:,.0f}"
        return f"{value:,.0f}"

    def verdict(self, segment: SegmentReview) -> str:
        if segment.verdict is None:
            return self(UNJUDGED[segment.status]) if segment.status in UNJUDGED else ""
        return verdict_words(self.texts, segment.verdict)

    def drift(self, value: float) -> str:
        return drift_words(self.texts, value)

    def how_it_ended(self, review: Review) -> str:
        """An ended show: "提前结束 · 3 段未播", "提前 5:00 结束" (never "领先"); one not ended: its last drift."""
        outcome = end_outcome(review.state)
        return end_words(self.texts, outcome) if outcome is not None else self.drift(review.final_drift)

    def start(self, review: Review) -> str | None:
        """The planned start, the actual start and how late it was (`计划 20:00 · 实际 20:14 · 晚开播 14:28`);
        None when the plan's start did not count (none written, not a live show)."""
        delay = start_delay(review.state)
        if delay is None or review.started_at is None or review.state.planned_start is None:
            return None
        actual = wall_at(review.started_wall, review.started_at, review.zone)
        planned = wall_at(review.started_wall, review.state.planned_start, review.zone)
        words = self("start_times", planned=f"{planned:%H:%M}", actual=f"{actual:%H:%M}")
        if delay >= 1:
            words += " · " + self.texts("header.late_start", delay=delay)
            if review.state.rebased:
                words += " · " + self("rebased")
        return words

    def finding(self, finding: Finding) -> str:
        return finding_words(self.texts, finding)

    def alert(self, alert: AlertReview, review: Review | None = None) -> str:
        """Built-in advice in this language; a plan rule in its author's words, or said from the plan's words."""
        if alert.code is None and review is not None and alert.alert.startswith("rule:"):
            rule = next((r for r in review.plan.rules if f"rule:{r.id}" == alert.alert), None)
            if rule is not None and rule.message is None:
                return self("rule_alert", metric=self.word("metric", rule.metric.value),
                            comparison=self.word("comparison", rule.comparison.value), threshold=rule.threshold)
        return alert_words(self.texts, alert)

    def word(self, field: str, code: str) -> str:
        """A plan value as the team writes it in this language (segment kind, level, role, metric ...)."""
        return vocabulary.shown(field, code, self.lang)

    def status(self, segment: SegmentReview) -> str:
        return self.texts(f"status.{segment.status.value}")

    def origin(self, cue: CueReview, review: Review) -> str:
        """Where a cue came from; a cue sent from advice also says which advice."""
        if cue.source == "advice":
            raised = [a for a in review.alerts if a.alert == cue.source_params.get("alert") and a.raised_at <= cue.at]
            if raised:
                return self("origin.advice_of", alert=self.alert(raised[-1], review))
            return self("origin.advice")
        return self(f"origin.{cue.source}", **cue.source_params)

    def acks(self, cue: CueReview) -> str:
        """Who acknowledged a cue and how soon; a pane left with its default name is called by its role."""
        said = [self("ack_after", pane=self.word("role", pane), seconds=latency) for pane, latency in cue.acked]
        if said:
            return self.texts.listed(said)
        # Not acknowledged: say whether it even arrived (`助播: 无人接收`), never leave "sent" standing for it.
        match cue.delivery:
            case Delivery.nobody:
                if cue.target is None:
                    return self.texts("cue.nobody")
                return self.texts("cue.nobody_for", who=self.word("role", cue.target))
            case Delivery.waiting:
                return self.texts("cue.not_delivered")
            case Delivery.unknown:
                return self.texts("cue.delivery_unknown")
        return self.texts("cue.delivered")  # arrived, never acknowledged

    def suggestion(self, alert: AlertReview, review: Review) -> str:
        """The cue an alert suggested, as the host would have read it."""
        if not alert.suggest:
            return "—"
        cue = review.plan.cue_for(alert.suggest, self.texts)
        return cue[0] if cue else self("origin.other")

    def owner(self, segment: SegmentReview) -> str:
        role = self.word("role", segment.owner)
        names = self.texts.listed(segment.owner_names)
        return f"{role} {names}" if names else role

    def intervention(self, item: Intervention) -> str:
        params = dict(item.params)
        for name, value in params.items():  # lists of titles, in order
            if isinstance(value, tuple):
                params[name] = (" → " if name == "order" else self.texts("list.separator")).join(value)
        key = "held_for" if item.kind == "held" and params.get("reason") else item.kind
        if item.kind == "held" and "length" not in params:
            params["length"] = 0.0
        if item.kind == "undone":  # which command: the catalog's words for it (undo.<event type>)
            params["what"] = self.texts(str(params["what"]))
        return self(f"intervention.{key}", **params)

    def title(self, review: Review) -> str:
        """直播复盘, or what else the show was: 彩排复盘, 模拟复盘, 演练复盘 (a review pasted alone says it)."""
        return self("title") if review.kind == "live" else self(f"title.{review.kind}")

    def warnings(self, review: Review) -> list[str]:
        """The journal reader's warnings, then the review's own: a show that never ended, or never started."""
        read = [warning.in_language(self.lang) for warning in review.warnings]
        kind = self(f"kind.{review.kind}")
        if review.unfinished:  # a simulation has no console to quit with q
            read.append(self("unfinished_simulated") if review.kind == "simulated" else self("unfinished", kind=kind))
        elif review.started_at is None:
            read.append(self("never_started", kind=kind))
        return read

    @staticmethod
    def clock(seconds: float | None, sign: bool = False) -> str:
        return "" if seconds is None else format_clock(seconds, sign=sign)

    @staticmethod
    def money(value: float) -> str:
        return price(value)

    @staticmethod
    def time_of(review: Review, at: float) -> str:
        """A time of day in the show's own zone."""
        return f"{wall_at(review.started_wall, at, review.zone):%H:%M:%S}"

    def when(self, review: Review) -> str:
        """The show's date and span in its own zone, naming the zone when the plan gives one."""
        start = wall_at(review.started_wall, review.started_at or 0.0, review.zone)
        zone = f" ({self('zone')} {start:%Z})" if review.zone is not None and start.tzinfo is not None else ""
        return f"{start:%Y-%m-%d} {self.time_of(review, review.started_at or 0.0)}–{self.time_of(review, review.end)}{zone}"

    @staticmethod
    def number(value: float | None, pattern: str = "{:,.0f}") -> str:
        return "—" if value is None else pattern.format(value)

    @staticmethod
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:.1%}"
