"""The improvement plan (改进计划): concrete actions for the next run of a plan, each with its evidence (pure).

Rules read the records of one or more shows of the same plan and return
codes with their values (the catalog's improve.<code> words them), the
segment each concerns, the shows that are its evidence and, for a budget
change, the new duration. `plan.rewrite` applies them to the plan's text.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Literal

from rhythm_console.plan import Plan, Segment, SegmentKind
from rhythm_console.review.records import SegmentRecord, ShowRecord, mean

ImprovementCode = Literal["budget_up", "budget_down", "lottery_gap", "slow_acks", "low_interaction"]

BUDGET_STEP = 30.0  # new budgets are rounded to half minutes: a plan is written by people
SHORTEST_BUDGET = 60.0
SLOW_ACK = 10.0  # seconds: the median acknowledgement above which a segment's cues were being missed
LOW_INTERACTION = 0.8  # a segment below this share of its show's interaction rate is a quiet one
LIFT_WORTH = 0.10  # a lottery that lifts online by at least this much is worth having every hour
HOUR = 3600.0
REPEATED = 0.4  # share of the shows in which a segment must have done the same to make a pattern


@dataclass(frozen=True)
class Improvement:
    code: ImprovementCode
    segment_id: str | None
    params: dict[str, object]
    evidence: tuple[str, ...] = ()  # the shows it rests on (their start dates and times)
    budget: float | None = None  # the new duration, for a budget change

    @property
    def changes_budget(self) -> bool:
        return self.budget is not None


def improvements(plan: Plan, shows: list[ShowRecord]) -> list[Improvement]:
    """Actions for `plan` from `shows` (the same plan's shows, oldest first)."""
    if not shows:
        return []
    found: list[Improvement] = []
    found += _budgets(plan, shows)
    found += _lottery_gaps(plan, shows)
    found += _slow_acks(plan, shows)
    found += _quiet_segments(plan, shows)
    return found


def _pattern(hits: int, runs: int, *, at_least: int) -> bool:
    """Often enough to plan for: in every run of a single show, else in two shows or more and 40% of them."""
    if runs == 1:
        return hits == 1 and at_least == 1
    return hits >= max(2, at_least) and hits / runs >= REPEATED


def _rounded(seconds: float) -> float:
    return max(SHORTEST_BUDGET, math.ceil(seconds / BUDGET_STEP) * BUDGET_STEP)


def _runs(plan: Plan, shows: list[ShowRecord]) -> dict[str, list[tuple[str, SegmentRecord]]]:
    """Each planned segment's judged runs across the shows: (show, record)."""
    ids = {segment.id for segment in plan.segments}
    runs: dict[str, list[tuple[str, SegmentRecord]]] = {segment.id: [] for segment in plan.segments}
    for show in shows:
        for segment in show.segments:
            if segment.segment_id in ids and not segment.inserted and segment.verdict is not None:
                runs[segment.segment_id].append((show.started_wall, segment))
    return runs


def _budgets(plan: Plan, shows: list[ShowRecord]) -> list[Improvement]:
    found = []
    runs = _runs(plan, shows)
    directions: tuple[tuple[str, ImprovementCode], ...] = (("over", "budget_up"), ("under", "budget_down"))
    for segment in plan.segments:
        judged = runs[segment.id]
        if not judged:
            continue
        for verdict, code in directions:
            # Judged against its budget, said against the plan: a run over a shortened budget that still ended
            # before the planned time did not "run over" the plan, so it is no evidence for a longer one.
            sign = 1 if code == "budget_up" else -1
            hits = [(when, run.actual) for when, run in judged
                    if run.verdict == verdict and run.actual is not None and (run.actual - segment.duration) * sign > 0]
            if not _pattern(len(hits), len(judged), at_least=1 if code == "budget_up" else 2):
                continue
            delta = statistics.fmean(actual - segment.duration for _, actual in hits)
            budget = _rounded(segment.duration + delta)
            if budget == segment.duration or (budget - segment.duration) * sign < 0:
                continue
            found.append(Improvement(code, segment.id, {
                "title": segment.title, "count": len(hits), "shows": len(judged), "delta": delta,
                "was": segment.duration, "budget": budget}, tuple(when for when, _ in hits), budget))
    return found


def _lottery_gaps(plan: Plan, shows: list[ShowRecord]) -> list[Improvement]:
    """A stretch of the plan an hour long (or its last half hour or more) with no lottery, when lotteries lift.
    Said as the plan's clock times (0:00:00–1:00:00, 1:00:00–1:40:00), never as "the second hour" of a shorter plan."""
    with_lottery = [(show, s) for show in shows for s in show.segments
                    if s.kind == SegmentKind.lottery.value and s.online_lift is not None]
    lift = mean([s.online_lift for _, s in with_lottery])
    if lift is None or lift < LIFT_WORTH:
        return []
    lasted = mean([s.lift_seconds for _, s in with_lottery]) or 0.0
    starts, at = [], 0.0
    for segment in plan.segments:
        starts.append((at, segment))
        at += segment.duration
    evidence = tuple(sorted({show.started_wall for show, _ in with_lottery}))
    found = []
    for hour in range(int(at // HOUR) + 1):
        begin, end = hour * HOUR, min((hour + 1) * HOUR, at)
        inside = [segment for start, segment in starts if begin <= start < end]
        if not inside or end - begin < HOUR / 2:  # a short last part needs no lottery of its own
            continue
        if any(segment.kind is SegmentKind.lottery for segment in inside):
            continue
        found.append(Improvement("lottery_gap", inside[0].id, {
            "start": begin, "end": end, "lift": lift, "lasted": lasted, "count": len(with_lottery)}, evidence))
    return found


def _slow_acks(plan: Plan, shows: list[ShowRecord]) -> list[Improvement]:
    found = []
    titles = {segment.id: segment.title for segment in plan.segments}
    for segment_id, title in titles.items():
        acks = [(show.started_wall, cue.ack) for show in shows for cue in show.cues
                if cue.segment_id == segment_id and cue.ack is not None]
        if len(acks) < 2:
            continue
        median = statistics.median(ack for _, ack in acks)
        if median > SLOW_ACK:
            found.append(Improvement("slow_acks", segment_id, {"title": title, "median": median, "cues": len(acks)},
                                     tuple(sorted({when for when, _ in acks}))))
    return found


def _quiet_segments(plan: Plan, shows: list[ShowRecord]) -> list[Improvement]:
    found = []
    planned: dict[str, Segment] = {}
    for each in plan.segments:
        planned.setdefault(each.id, each)
    # Each show's judged run of a segment (the first), and its product segments' interaction in order: read
    # once, not once a segment (a long show's thousand segments).
    judged_runs: list[dict[str, SegmentRecord]] = []
    products: list[list[tuple[str, float | None]]] = []
    for show in shows:
        runs: dict[str, SegmentRecord] = {}
        for record in show.segments:
            if record.verdict is not None:
                runs.setdefault(record.segment_id, record)
        judged_runs.append(runs)
        products.append([(r.segment_id, r.interaction) for r in show.segments if r.kind == SegmentKind.product.value])
    for segment_id, judged in _runs(plan, shows).items():
        segment = planned[segment_id]
        if segment.kind is not SegmentKind.product or not judged:
            continue
        quiet = []
        for show, runs, interactions in zip(shows, judged_runs, products, strict=True):
            run = runs.get(segment_id)
            # Against the show's *other* product segments, as the sentence says: lotteries and votes would make
            # every product look quiet, and the segment itself would pull its own yardstick down.
            usual = mean([interaction for other, interaction in interactions if other != segment_id])
            if run is not None and run.interaction is not None and usual and run.interaction < usual * LOW_INTERACTION:
                quiet.append((show.started_wall, run.interaction / usual))
        if _pattern(len(quiet), len(judged), at_least=1):
            found.append(Improvement("low_interaction", segment_id, {
                "title": segment.title, "count": len(quiet), "shows": len(judged),
                "share": statistics.fmean(share for _, share in quiet)}, tuple(when for when, _ in quiet)))
    return found
