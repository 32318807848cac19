"""The post-stream review (复盘): every figure the report shows, computed from a journal.

Pure: a journal's events in, a `Review` out. The same fold as the live
console; the renderers in rhythm_console/report/ only lay it out.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Literal, cast

from rhythm_console import vocabulary
from rhythm_console.acks import Delivery, delivery
from rhythm_console.events import Event, Hold, InsertSegment, ShowEnded
from rhythm_console.i18n import Named
from rhythm_console.plan import Plan, Product, SegmentKind
from rhythm_console.review.audience import AudienceCollector, AudienceReview
from rhythm_console.review.checklist import ChecklistCollector, ChecklistReview
from rhythm_console.review.interventions import Intervention, intervention
from rhythm_console.review.kinds import HoldReview, KindRulesCollector, RevisitReview
from rhythm_console.review.lottery import CumulativeSeries, LotteryReview, lottery_review
from rhythm_console.review.platform import PlatformCurve, platform_curve
from rhythm_console.review.products import ProductReview, ProductTracker
from rhythm_console.review.segments import SegmentFigureCollector, SegmentFigures
from rhythm_console.show import (
    Collector,
    RequestRecord,
    RunStatus,
    SampleRun,
    ShowState,
    ShowStatus,
    Verdict,
    VerdictKind,
    drift,
    end_outcome,
    initial_state,
    scan_runs,
    segment_elapsed,
    start_delay,
    verdict,
)
from rhythm_console.textsafe import printable

if TYPE_CHECKING:  # a drill's comparison is attached by report --against
    from rhythm_console.i18n import Said
    from rhythm_console.review.drill import DrillComparison
    from rhythm_console.review.improve import Improvement

CHART_STEP = 10.0  # seconds between points kept for the charts
DRIFT_STEP = 60.0  # seconds between points of the drift curve


@dataclass
class SegmentReview:
    id: str
    title: str
    kind: SegmentKind
    planned: float  # as written in the plan
    budget: float  # planned plus the manager's extensions
    actual: float | None  # segment time, holds excluded
    status: RunStatus
    verdict: Verdict | None
    inserted: bool
    contingency_id: str | None
    started_at: float | None
    ended_at: float | None
    held: float
    figures: SegmentFigures
    product: Product | None = None
    owner: str = "host"  # the plan's role code (the catalog's role.<code>)
    owner_names: tuple[str, ...] = ()  # who that is, from the plan's team

    @property
    def extended(self) -> float:
        """The manager's extensions (negative: shortened), so planned + extended = budget."""
        return self.budget - self.planned

    @property
    def ctr_change(self) -> float | None:
        """Relative change of CTR from the segment's first third to its last."""
        return _thirds_change(self.figures.ctr_values)

    @property
    def gmv_per_minute(self) -> float | None:
        gmv = self.figures.growth("gmv")
        if gmv is None or not self.actual:
            return None
        return gmv / (self.actual / 60)


@dataclass
class GoalResult:
    name: str
    goal: float
    actual: float | None

    @property
    def met(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.goal

    @property
    def ratio(self) -> float | None:
        return None if self.actual is None or not self.goal else self.actual / self.goal


FindingCode = Literal["overran", "against_budget", "ctr_fell", "ctr_rose", "gmv_per_minute", "lowest_interaction", "online_peak",
                      "ended_late", "ended_early", "goals", "goals_missed", "goals_unknown", "ack_median", "unacked",
                      "slow_acks", "nobody_received", "nobody_roles", "ended_not_run", "started_late", "hold_met",
                      "hold_missed", "hold_unknown", "revisit", "revisit_sold"]


@dataclass(frozen=True)
class Finding:
    """One observation as a code and its values (the catalog's finding.<code> says it), with its clauses."""

    code: FindingCode
    params: dict[str, object] = field(default_factory=dict)
    clauses: tuple[Finding, ...] = ()


CueSource = Literal["manager", "preset", "builtin", "advice", "auto_warning", "auto_over", "autopilot", "http",
                    "floor", "other"]


def cue_source(origin: str, state: ShowState) -> tuple[CueSource, dict[str, str]]:
    """What sent a cue, from its journal origin ("preset:1", "auto:coat:warning", ...)."""
    head, _, rest = origin.partition(":")
    if head in ("builtin", "autopilot") or (head in ("manager", "http") and not rest):
        return cast(CueSource, head), {}  # one of the four just tested
    if head == "preset" and rest:
        return "preset", {"key": rest}
    if head == "advice" and rest:
        return "advice", {"alert": rest}
    if head == "floor" and rest:  # the supervisor's floor, by the name it gave (floor --name)
        return "floor", {"name": printable(rest)}
    if head == "auto":
        segment_id, _, when = rest.rpartition(":")
        index = state.index_of(segment_id)
        if index is not None and when in ("warning", "over"):
            return "auto_warning" if when == "warning" else "auto_over", {"title": state.runs[index].segment.title}
    return "other", {}


@dataclass
class CueReview:
    cue: int
    at: float
    text: str
    level: str
    origin: str
    delivered: list[tuple[str, float]]  # (pane, seconds after sending)
    acked: list[tuple[str, float]]
    source: CueSource = "other"  # where it came from, as a code (origin is how the journal wrote it)
    source_params: dict[str, str] = field(default_factory=dict)
    target: str | None = None  # a pane's name (a role's, for a playbook's steps); None: every pane
    reach: tuple[str, ...] | None = None  # the panes connected when it was sent that it went to; None: not known

    @property
    def delivery(self) -> Delivery:
        """Delivered (a pane said it received it), waiting, nobody's (no pane it goes to was there), or unknown."""
        return delivery(self)


@dataclass
class AlertReview:
    alert: str
    message: str
    raised_at: float
    cleared_at: float | None
    suggest: str | None
    code: str | None = None  # the catalog's alert.<code>, as the advisor raised it
    params: dict[str, str | float] = field(default_factory=dict)

    def duration(self, end: float) -> float:
        return (self.cleared_at if self.cleared_at is not None else end) - self.raised_at


@dataclass
class Review:
    plan: Plan
    state: ShowState
    started_wall: datetime
    started_at: float | None
    ended_at: float | None
    segments: list[SegmentReview]
    goals: list[GoalResult]
    totals: dict[str, float]
    interaction_average: float | None
    online_series: list[tuple[float, float]] = field(default_factory=list)  # (at, online), in time order
    interaction_series: list[tuple[float, float]] = field(default_factory=list)
    drift_series: list[tuple[float, float]] = field(default_factory=list)
    cues: list[CueReview] = field(default_factory=list)
    alerts: list[AlertReview] = field(default_factory=list)
    holds: list[tuple[float, float | None, str | None]] = field(default_factory=list)
    contingencies: list[tuple[float, str, str]] = field(default_factory=list)  # (at, id, title)
    notes: list[tuple[float, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Said] = field(default_factory=list)  # the journal reader's, worded by the report
    interventions: list[Intervention] = field(default_factory=list)
    products: list[ProductReview] = field(default_factory=list)
    lotteries: list[LotteryReview] = field(default_factory=list)
    hold_targets: list[HoldReview] = field(default_factory=list)  # each 憋单 that ran: its target met or not
    revisits: list[RevisitReview] = field(default_factory=list)  # each 返场 that ran: the products it showed again
    action_items: list[str] = field(default_factory=list)  # empty: filled in at the meeting (or by an improvement plan)
    improvements: list[Improvement] = field(default_factory=list)  # review.improve's actions, from this show and earlier ones
    improvement_kinds: list[str] = field(default_factory=list)  # what each show they rest on was (live, rehearsal…)
    voice: AudienceReview | None = None  # what the comments said, per segment
    checklist: ChecklistReview | None = None  # the readiness checklist at the start; None when the plan has none
    drill: DrillComparison | None = None  # a drill's review against its original (report --against)
    requests: tuple[RequestRecord, ...] = ()  # the panes' requests to the manager and the answers (扁平化)
    platform: PlatformCurve | None = None  # the platform's per-minute export joined to the show (annotate)
    kind: str = "live"  # what the show was (run_settings.SHOW_KINDS), from its journal's header: the title says it

    @property
    def zone(self) -> tzinfo | None:
        """The show's own time zone: every time of day in the report is in it."""
        return self.plan.zone

    @property
    def end(self) -> float:
        return self.ended_at if self.ended_at is not None else self.state.last_at

    @property
    def unfinished(self) -> bool:
        """Started but never ended in its journal (the console stopped without q?)."""
        return self.started_at is not None and self.ended_at is None

    @property
    def final_drift(self) -> float:
        """Drift at the end; for a show ended before its last segments, over the segments it ran."""
        outcome = end_outcome(self.state)
        if outcome is not None and outcome.not_run:
            return outcome.by_what_ran
        return drift(self.state, self.end)

    @property
    def not_run(self) -> int:
        """Planned segments an ended show never reached (0 while it runs)."""
        outcome = end_outcome(self.state)
        return 0 if outcome is None else len(outcome.not_run)


def _thirds_change(values: Sequence[float]) -> float | None:
    """Relative change between the first and last third's averages."""
    if len(values) < 6:
        return None
    third = len(values) // 3
    first, last = statistics.fmean(values[:third]), statistics.fmean(values[-third:])
    return None if first <= 0 else (last - first) / first


def build_review(plan: Plan, events: Iterable[Event], *, started_wall: datetime) -> Review:
    """The review of a show's events, read once in order (a journal can be streamed into it): every
    figure, section and finding comes from the one scan. The journal reader's warnings are the caller's."""
    review = Review(plan=plan, state=initial_state(plan), started_wall=started_wall, started_at=None,
                    ended_at=None, segments=[], goals=[], totals={}, interaction_average=None)
    voice = AudienceCollector(plan)
    checklist = ChecklistCollector(plan) if plan.checklist else None
    kinds = KindRulesCollector(plan)
    figures, products = _walk(review, plan, events, [voice, kinds, *([checklist] if checklist else [])])
    review.voice = voice.finish()
    review.hold_targets, review.revisits = kinds.finish()
    review.checklist = checklist.finish() if checklist else None
    state = review.state
    review.started_at, review.ended_at, review.totals = state.started_at, state.ended_at, dict(state.metrics)
    review.requests = state.requests
    for run in state.runs:
        review.segments.append(SegmentReview(
            id=run.id, title=run.segment.title, kind=run.segment.kind, planned=run.segment.duration,
            budget=run.budget, actual=segment_elapsed(state, run, review.end) if run.started_at is not None else None,
            status=run.status, verdict=verdict(state, run), inserted=run.inserted, contingency_id=run.contingency_id,
            started_at=run.started_at, ended_at=run.ended_at, held=run.held,
            figures=figures.get(run.id) or SegmentFigures(run.id), product=run.segment.product,
            owner=run.segment.owner, owner_names=tuple(plan.team.people(run.segment.owner))))
    review.products = products.finish(state, figures)
    review.platform = platform_curve(
        state.platform_minutes, state.platform_file, state.started_at, review.end,
        [(s.id, s.started_at, s.ended_at if s.ended_at is not None else review.end)
         for s in review.segments if s.started_at is not None])
    holds = {start: (end, reason) for start, end, reason in review.holds}
    for item in review.interventions:
        if item.kind == "held" and item.at in holds:
            end, _ = holds[item.at]
            item.params["length"] = (end if end is not None else review.end) - item.at
    rates = [value for _, value in review.interaction_series]
    review.interaction_average = statistics.fmean(rates) if rates else None
    _goals(review)
    review.findings = findings(review)
    return review


def _walk(review: Review, plan: Plan, events: Iterable[Event],
          sections: list[Collector]) -> tuple[dict[str, SegmentFigures], ProductTracker]:
    """The one scan of the review: the final state, each segment's figures, the series, the drift
    curve, cues, alerts, holds, contingencies, interventions, products and lotteries, and every
    section's collector fed on the way. Holds and alerts are read from how the state changed, so
    they open and close exactly where the fold says."""
    collector = SegmentFigureCollector()
    products = ProductTracker()
    series = CumulativeSeries()
    next_chart = 0.0
    next_drift: float | None = None
    open_alerts: dict[str, AlertReview] = {}
    figures = collector.figures
    state = initial_state(plan)
    for step in scan_runs(plan, events):
        if isinstance(step, SampleRun):  # most events: runs of samples, taken in one show state (a sample changes no run)
            before, samples = step.before, step.samples
            if next_drift is not None and before.status is ShowStatus.live and before.started_at is not None:
                latest = max(sample.at for sample in samples)
                while next_drift <= latest:
                    review.drift_series.append((next_drift - before.started_at, drift(before, next_drift)))
                    next_drift += DRIFT_STEP
            running = before.running
            if products.follows(running) and running is not None:
                # A product's sell-out is a sample's: its sum is read where the sample's orders moved (or the
                # segment's figures began), once the segment figures have taken the samples up to it.
                taken = 0
                for index, sample in enumerate(samples):
                    if running.id not in figures or products.moves(sample, running, figures):
                        collector.samples(samples[taken:index + 1], running)
                        products.sold_out(sample, running, figures)
                        taken = index + 1
                if taken < len(samples):
                    collector.samples(samples[taken:], running)
            else:
                collector.samples(samples, running)
            for section in sections:
                section.samples(step)
            series.samples(samples)
            live = before.status is ShowStatus.live
            for sample in samples:
                if sample.at >= next_chart:
                    next_chart = sample.at + CHART_STEP
                    values = sample.values
                    if "online" in values:
                        review.online_series.append((sample.at, values["online"]))
                    if "interaction_rate" in values and live:
                        review.interaction_series.append((sample.at, values["interaction_rate"]))
            state = step.after
            continue
        event, before, state = step
        if next_drift is not None:
            while next_drift <= event.at and before.status is ShowStatus.live and before.started_at is not None:
                review.drift_series.append((next_drift - before.started_at, drift(before, next_drift)))
                next_drift += DRIFT_STEP
        collector.observe(event, before)
        products.observe(event, before, figures)
        for section in sections:
            section.observe(event, before, state)
        if state.started_at is not None and next_drift is None:
            next_drift = state.started_at
        if state is before:  # refused: it changed nothing
            continue
        made = intervention(event, before, state)
        if made is not None:
            review.interventions.append(made)
        if state.hold_started != before.hold_started:
            if before.hold_started is not None:  # resumed, or ended with its segment
                start, _, reason = review.holds[-1]
                review.holds[-1] = (start, event.at, reason)
            if state.hold_started is not None:
                review.holds.append((state.hold_started, None, event.reason if isinstance(event, Hold) else None))
        if state.alerts is not before.alerts:
            _alert_changes(review, open_alerts, before, state, event.at)
        if isinstance(event, InsertSegment) and event.contingency_id:
            contingency = next((c for c in plan.contingencies if c.id == event.contingency_id), None)
            review.contingencies.append((event.at, event.contingency_id,
                                         contingency.title if contingency else event.contingency_id))
        if isinstance(event, ShowEnded) and state.ended_at is not None and state.started_at is not None:
            # Segments never run would read as "ahead" after the end: then the last point is where the show stood.
            final = drift(state, state.ended_at)
            if final < 0 and state.pending():
                final = drift(before, state.ended_at)
            review.drift_series.append((state.ended_at - state.started_at, final))
    for record in state.cues:
        source, params = cue_source(record.origin, state)
        review.cues.append(CueReview(
            cue=record.cue, at=record.sent_at, text=record.text, level=record.level.value, origin=record.origin,
            delivered=list(record.delivered_after), acked=list(record.acked_after), source=source,
            source_params=params, target=record.target, reach=record.reach))
    review.notes = [(note.at, note.text) for note in state.notes if not note.by]  # the team's views are a section of their own
    review.state = state
    show_started = state.started_at  # a segment that started started the show
    review.lotteries = [
        lottery_review(series, run.id, run.segment.title, run.started_at,
                       run.ended_at if run.ended_at is not None else state.last_at, show_started,
                       collector.figures[run.id].online_average if run.id in collector.figures else None)
        for run in state.runs
        if run.segment.kind is SegmentKind.lottery and run.started_at is not None and show_started is not None]
    return collector.figures, products


def _alert_changes(review: Review, open_alerts: dict[str, AlertReview], before: ShowState, after: ShowState,
                   at: float) -> None:
    """Close the alerts that left the state at `at`; open the ones that entered it."""
    still = {alert.alert for alert in after.alerts}
    for alert in before.alerts:
        if alert.alert not in still and alert.alert in open_alerts:
            open_alerts.pop(alert.alert).cleared_at = at
    for alert in after.alerts:
        if alert.alert not in open_alerts:
            open_alerts[alert.alert] = AlertReview(alert.alert, alert.message, alert.raised_at, None, alert.suggest,
                                                   alert.code, alert.params)
            review.alerts.append(open_alerts[alert.alert])


def _goals(review: Review) -> None:
    goals = review.plan.show.goals
    totals = review.totals
    clicks, orders = totals.get("product_clicks"), totals.get("orders")
    pairs = [
        ("peak_online", goals.peak_online, totals.get("online_peak")),
        ("gmv", goals.gmv, totals.get("gmv")),
        ("orders", goals.orders, orders),
        ("interaction_rate", goals.interaction_rate, review.interaction_average),
        ("new_followers", goals.new_followers, totals.get("new_followers")),
        ("conversion_rate", goals.conversion_rate, orders / clicks if clicks and orders is not None else None),
    ]
    review.goals = [GoalResult(name, goal, actual) for name, goal, actual in pairs if goal is not None]


# ------------------------------------------------------------ findings


SLOW_ACK = 10.0  # seconds: an acknowledgement slower than this is worth a word
CTR_SHIFT = 0.15  # a CTR change this large during an over-run says whether the extra time paid


def _kind_findings(review: Review) -> list[Finding]:
    """Each 憋单's target met (and when) or missed, each 返场's products and what it sold."""
    found: list[Finding] = []
    for hold in review.hold_targets:
        if hold.target is None:
            continue
        met = hold.met
        if met:
            found.append(Finding("hold_met", {"title": hold.title, "target": hold.target, "after": hold.reached_after}))
        elif met is False:
            found.append(Finding("hold_missed", {"title": hold.title, "target": hold.target, "peak": hold.peak}))
        else:
            found.append(Finding("hold_unknown", {"title": hold.title, "target": hold.target}))
    separator = "、" if review.plan.show.locale.value != "en" else ", "
    for revisit in review.revisits:
        sold = ((Finding("revisit_sold", {"orders": revisit.orders, "gmv": revisit.gmv}),)
                if revisit.orders is not None and revisit.gmv is not None else ())
        found.append(Finding("revisit", {"title": revisit.title, "products": separator.join(revisit.products),
                                         "count": len(revisit.products)}, sold))
    return found


def findings(review: Review) -> list[Finding]:
    """A handful of observations computed from the data, to open the team meeting."""
    found: list[Finding] = []
    done = [s for s in review.segments if s.verdict is not None]
    overs = sorted(((s, s.verdict) for s in done if s.verdict is not None and s.verdict.kind is VerdictKind.over),
                   key=lambda over: -over[1].delta)
    for segment, over in overs[:2]:
        # Clicks only say something where there was a product to click on.
        change = segment.ctr_change if segment.product is not None else None
        clauses: tuple[Finding, ...] = ()
        if segment.extended:
            clauses = (Finding("against_budget", {"budget": segment.budget, "planned": segment.planned}),)
        if change is not None and change <= -CTR_SHIFT:
            clauses += (Finding("ctr_fell", {"change": -change}),)
        elif change is not None and change >= CTR_SHIFT:
            clauses += (Finding("ctr_rose", {"change": change}),)
        found.append(Finding("overran", {"title": segment.title, "delta": over.delta}, clauses))
    # Each figure with the segment it belongs to, where the segment has it.
    products = [(s, s.gmv_per_minute) for s in done if s.kind is SegmentKind.product and s.gmv_per_minute is not None]
    if len(products) >= 2:
        best, best_gmv = max(products, key=lambda product: product[1])
        worst, worst_gmv = min(products, key=lambda product: product[1])
        found.append(Finding("gmv_per_minute", {"best": best.title, "best_gmv": best_gmv,
                                                "worst": worst.title, "worst_gmv": worst_gmv}))
    rated = [(s, s.figures.interaction_average) for s in done if s.figures.interaction_average is not None]
    if rated and review.interaction_average:
        lowest, rate = min(rated, key=lambda segment_rate: segment_rate[1])
        if rate < review.interaction_average * 0.8:
            found.append(Finding("lowest_interaction", {"title": lowest.title, "rate": rate,
                                                        "average": review.interaction_average}))
    peaks = [(s, s.figures.online_peak) for s in review.segments if s.figures.online_peak is not None]
    if peaks:
        peak, online_peak = max(peaks, key=lambda segment_peak: segment_peak[1])
        found.append(Finding("online_peak", {"peak": online_peak, "title": peak.title}))
    outcome = end_outcome(review.state)
    if outcome is not None and outcome.not_run:  # ended before the plan did: which segments never ran, not "early by"
        found.append(Finding("ended_not_run", {"count": len(outcome.not_run),
                                               "titles": [run.segment.title for run in outcome.not_run[:5]]}))
    elif outcome is not None and abs(outcome.by) >= 60:
        found.append(Finding("ended_late" if outcome.by > 0 else "ended_early", {"by": abs(outcome.by)}))
    delay = start_delay(review.state)
    if delay is not None and delay >= 60:
        found.append(Finding("started_late", {"by": delay}))
    found += _kind_findings(review)
    missed = [g for g in review.goals if g.met is False]
    met = [g for g in review.goals if g.met]
    judged = [g for g in review.goals if g.met is not None]  # a goal the source had no figure for is not missed
    if judged:
        unknown = len(review.goals) - len(judged)
        clauses = ()
        if missed:
            clauses += (Finding("goals_missed", {"goals": tuple(f"goal.{g.name}" for g in missed)}),)
        if unknown:
            clauses += (Finding("goals_unknown", {"count": unknown}),)
        found.append(Finding("goals", {"met": len(met), "judged": len(judged)}, clauses))
    unreached = [cue for cue in review.cues if cue.delivery is Delivery.nobody]
    if unreached:  # sent with no pane there to show it: nobody read these
        roles = tuple(sorted({cue.target for cue in unreached if cue.target is not None}))
        # A target is a role (host) or a pane's own name (小李, from a button aimed at one): the name said as it is.
        known = vocabulary.codes("role")
        words = tuple(f"role.{r}" if r in known else Named(r) for r in roles)
        clauses = (Finding("nobody_roles", {"roles": words}),) if roles else ()
        found.append(Finding("nobody_received", {"count": len(unreached)}, clauses))
    acks = [latency for cue in review.cues for _, latency in cue.acked]
    if len(acks) >= 3:
        slow = [cue for cue in review.cues if cue.acked and max(latency for _, latency in cue.acked) > SLOW_ACK]
        unacked = sum(1 for cue in review.cues if not cue.acked)
        clauses = ()
        if unacked:
            clauses += (Finding("unacked", {"count": unacked}),)
        if slow:
            clauses += (Finding("slow_acks", {"count": len(slow), "limit": SLOW_ACK}),)
        found.append(Finding("ack_median", {"median": statistics.median(acks)}, clauses))
    return found
