"""The post-stream review (复盘): every figure the report shows, computed from a journal.

Pure: a journal's events in, a `Review` out. The same fold as the live
console; the renderers in rhythm_console/report/ only lay it out.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from rhythm_console.durations import format_clock
from rhythm_console.events import (
    AlertCleared,
    AlertRaised,
    Event,
    Hold,
    InsertSegment,
    MetricSample,
    Resume,
    ShowEnded,
)
from rhythm_console.plan import Plan, SegmentKind
from rhythm_console.review.segments import SegmentFigureCollector, SegmentFigures
from rhythm_console.show import (
    RunStatus,
    ShowState,
    ShowStatus,
    Verdict,
    VerdictKind,
    apply,
    drift,
    initial_state,
    segment_elapsed,
    verdict,
)

if TYPE_CHECKING:  # the review reads a journal's contents; reading the file is the caller's job
    from rhythm_console.journal import Journal

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


@dataclass
class CueReview:
    cue: int
    at: float
    text: str
    level: str
    origin: str
    delivered: list[tuple[str, float]]  # (pane, seconds after sending)
    acked: list[tuple[str, float]]


@dataclass
class AlertReview:
    alert: str
    message: str
    raised_at: float
    cleared_at: float | None
    suggest: str | None

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
    online_series: list[tuple[float, float]] = field(default_factory=list)
    interaction_series: list[tuple[float, float]] = field(default_factory=list)
    drift_series: list[tuple[float, float]] = field(default_factory=list)
    cues: list[CueReview] = field(default_factory=list)
    alerts: list[AlertReview] = field(default_factory=list)
    holds: list[tuple[float, float | None, str | None]] = field(default_factory=list)
    contingencies: list[tuple[float, str, str]] = field(default_factory=list)  # (at, id, title)
    notes: list[tuple[float, str]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def end(self) -> float:
        return self.ended_at if self.ended_at is not None else self.state.last_at

    @property
    def final_drift(self) -> float:
        return drift(self.state, self.end)


def _thirds_change(values: list[float]) -> float | None:
    """Relative change between the first and last third's averages."""
    if len(values) < 6:
        return None
    third = len(values) // 3
    first, last = statistics.fmean(values[:third]), statistics.fmean(values[-third:])
    return None if first <= 0 else (last - first) / first


def build_review(journal: Journal, lang: str = "zh") -> Review:
    plan = journal.header.plan
    events = journal.events
    review = Review(plan=plan, state=initial_state(plan), started_wall=journal.header.started_wall, started_at=None,
                    ended_at=None, segments=[], goals=[], totals={}, interaction_average=None,
                    warnings=list(journal.warnings))
    figures = _walk(review, plan, events)
    state = review.state
    review.started_at, review.ended_at, review.totals = state.started_at, state.ended_at, dict(state.metrics)
    for run in state.runs:
        review.segments.append(SegmentReview(
            id=run.id, title=run.segment.title, kind=run.segment.kind, planned=run.segment.duration,
            budget=run.budget, actual=segment_elapsed(state, run, review.end) if run.started_at is not None else None,
            status=run.status, verdict=verdict(state, run), inserted=run.inserted, contingency_id=run.contingency_id,
            started_at=run.started_at, ended_at=run.ended_at, held=run.held,
            figures=figures.get(run.id) or SegmentFigures(run.id)))
    rates = [value for _, value in review.interaction_series]
    review.interaction_average = statistics.fmean(rates) if rates else None
    _goals(review)
    if review.started_at is not None and review.ended_at is None:
        review.warnings.append("the show never ended in this journal (the console stopped without q?): "
                               "figures run to its last record" if lang != "zh" else
                               "日志里直播没有结束（控场台未按 q 退出？）：数据截至最后一条记录")
    review.findings = findings(review, lang)
    return review


def _walk(review: Review, plan: Plan, events: list[Event]) -> dict[str, SegmentFigures]:
    """The one fold of the review: the final state, each segment's figures, the series, the drift
    curve, cues, alerts, holds and contingencies."""
    state = initial_state(plan)
    collector = SegmentFigureCollector()
    next_chart = 0.0
    next_drift: float | None = None
    alerts: dict[str, AlertReview] = {}
    for event in events:
        if next_drift is not None:
            while next_drift <= event.at and state.status is ShowStatus.live:
                review.drift_series.append((next_drift - state.started_at, drift(state, next_drift)))
                next_drift += DRIFT_STEP
        collector.observe(event, state)
        state = apply(state, event)
        if state.started_at is not None and next_drift is None:
            next_drift = state.started_at
        match event:
            case MetricSample(values=values):
                if event.at >= next_chart:
                    next_chart = event.at + CHART_STEP
                    if "online" in values:
                        review.online_series.append((event.at, values["online"]))
                    if "interaction_rate" in values and state.status is ShowStatus.live:
                        review.interaction_series.append((event.at, values["interaction_rate"]))
            case AlertRaised():
                alerts[event.alert] = AlertReview(event.alert, event.message, event.at, None, event.suggest)
                review.alerts.append(alerts[event.alert])
            case AlertCleared():
                if event.alert in alerts:
                    alerts.pop(event.alert).cleared_at = event.at
            case Hold(reason=reason):
                review.holds.append((event.at, None, reason))
            case Resume():
                if review.holds and review.holds[-1][1] is None:
                    start, _, reason = review.holds[-1]
                    review.holds[-1] = (start, event.at, reason)
            case InsertSegment(contingency_id=contingency_id) if contingency_id:
                contingency = next((c for c in plan.contingencies if c.id == contingency_id), None)
                review.contingencies.append((event.at, contingency_id, contingency.title if contingency else contingency_id))
            case ShowEnded():
                if state.ended_at is not None:
                    review.drift_series.append((state.ended_at - state.started_at, drift(state, state.ended_at)))
    for record in state.cues:
        review.cues.append(CueReview(
            cue=record.cue, at=record.sent_at, text=record.text, level=record.level.value, origin=record.origin,
            delivered=[(pane, at - record.sent_at) for pane, at in record.delivered],
            acked=[(pane, at - record.sent_at) for pane, at in record.acked]))
    review.notes = [(note.at, note.text) for note in state.notes]
    review.state = state
    return collector.figures


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
        ("conversion_rate", goals.conversion_rate, orders / clicks if clicks else None),
    ]
    review.goals = [GoalResult(name, goal, actual) for name, goal, actual in pairs if goal is not None]


# ------------------------------------------------------------ findings


def findings(review: Review, lang: str = "zh") -> list[str]:
    """A handful of observations computed from the data, to open the team meeting."""
    zh = lang == "zh"
    found: list[str] = []
    done = [s for s in review.segments if s.verdict is not None]
    overs = sorted((s for s in done if s.verdict.kind is VerdictKind.over), key=lambda s: -s.verdict.delta)
    for segment in overs[:2]:
        text = (f"“{segment.title}”超时 {format_clock(segment.verdict.delta)}" if zh
                else f"“{segment.title}” over-ran by {format_clock(segment.verdict.delta)}")
        if segment.ctr_change is not None and segment.ctr_change <= -0.15:
            text += (f"，期间商品点击率下降 {-segment.ctr_change:.0%}" if zh
                     else f" while its CTR fell {-segment.ctr_change:.0%}")
        elif segment.ctr_change is not None and segment.ctr_change >= 0.15:
            text += (f"，但点击率上升 {segment.ctr_change:.0%}，延长值得" if zh
                     else f", but its CTR rose {segment.ctr_change:.0%}: the extra time paid")
        found.append(text + ("。" if zh else "."))
    products = [s for s in done if s.kind is SegmentKind.product and s.gmv_per_minute is not None]
    if len(products) >= 2:
        best = max(products, key=lambda s: s.gmv_per_minute)
        worst = min(products, key=lambda s: s.gmv_per_minute)
        found.append(f"每分钟成交额最高的是“{best.title}”（¥{best.gmv_per_minute:,.0f}/分），最低的是“{worst.title}”（¥{worst.gmv_per_minute:,.0f}/分）。"
                     if zh else f"Best GMV per minute: “{best.title}” (¥{best.gmv_per_minute:,.0f}/min); weakest: “{worst.title}” (¥{worst.gmv_per_minute:,.0f}/min).")
    rated = [s for s in done if s.figures.interaction_average is not None]
    if rated and review.interaction_average:
        lowest = min(rated, key=lambda s: s.figures.interaction_average)
        if lowest.figures.interaction_average < review.interaction_average * 0.8:
            found.append(f"互动率最低的环节是“{lowest.title}”（{lowest.figures.interaction_average:.1%}，全场平均 {review.interaction_average:.1%}）。"
                         if zh else f"Lowest interaction: “{lowest.title}” ({lowest.figures.interaction_average:.1%} against {review.interaction_average:.1%} for the show).")
    peaks = [s for s in review.segments if s.figures.online_peak is not None]
    if peaks:
        peak = max(peaks, key=lambda s: s.figures.online_peak)
        found.append(f"在线峰值 {peak.figures.online_peak:,.0f} 出现在“{peak.title}”。" if zh
                     else f"Online viewers peaked at {peak.figures.online_peak:,.0f} during “{peak.title}”.")
    if review.ended_at is not None and review.started_at is not None:
        late = review.final_drift
        if abs(late) >= 60:
            found.append((f"全场比计划{'晚' if late > 0 else '早'} {format_clock(abs(late))} 结束。" if zh
                          else f"The show ended {format_clock(abs(late))} {'later' if late > 0 else 'earlier'} than planned."))
    missed = [g for g in review.goals if g.met is False]
    met = [g for g in review.goals if g.met]
    judged = [g for g in review.goals if g.met is not None]  # a goal the source had no figure for is not missed
    if judged:
        unknown = len(review.goals) - len(judged)
        text = (f"目标达成 {len(met)}/{len(judged)}" + (f"；未达成：{'、'.join(GOAL_LABELS[g.name][0] for g in missed)}" if missed else "")
                + (f"；{unknown} 项无数据" if unknown else "") + "。"
                if zh else f"Goals met: {len(met)} of {len(judged)}" + (f"; missed: {', '.join(GOAL_LABELS[g.name][1] for g in missed)}" if missed else "")
                + (f"; {unknown} without data" if unknown else "") + ".")
        found.append(text)
    acks = [latency for cue in review.cues for _, latency in cue.acked]
    if len(acks) >= 3:
        slow = [cue for cue in review.cues if cue.acked and max(latency for _, latency in cue.acked) > 10]
        text = (f"主播确认提词的中位时间 {statistics.median(acks):.1f} 秒" if zh
                else f"The host acknowledged cues in {statistics.median(acks):.1f} s (median)")
        unacked = sum(1 for cue in review.cues if not cue.acked)
        if unacked:
            text += f"，{unacked} 条未确认" if zh else f"; {unacked} never acknowledged"
        if slow:
            text += f"，{len(slow)} 条超过 10 秒" if zh else f"; {len(slow)} took over 10 s"
        found.append(text + ("。" if zh else "."))
    return found


GOAL_LABELS = {
    "peak_online": ("在线峰值", "Peak online"),
    "gmv": ("成交额", "GMV"),
    "orders": ("订单数", "Orders"),
    "interaction_rate": ("平均互动率", "Avg. interaction rate"),
    "new_followers": ("新增关注", "New followers"),
    "conversion_rate": ("点击成交率", "Click-to-order rate"),
}
