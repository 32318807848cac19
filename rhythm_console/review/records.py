"""One show as flat records: the figures the library stores and compare reads (pure).

A `Review` holds everything about one show; comparing many shows needs only
its figures, row by row, so they can be kept in the library and read back
without folding the journals again. Every figure here is defined once, with
its formula in FORMULAS (compare labels its columns with them).

Basis: the feed gives counts of events and the room's online count, never
distinct people, so "viewers" from the feed are online counts sampled about
once a second; distinct viewers (UV, PV) come only from the platform's totals
the manager annotates after the show.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import timedelta
from operator import itemgetter

from rhythm_console.plan import Plan, Segment
from rhythm_console.review import Review, SegmentReview
from rhythm_console.show import VerdictKind

LIFT_BEFORE = 120.0  # seconds of online count before a segment that set its baseline
LIFT_HOLD = 1.05  # online stays "lifted" while above the baseline by this factor
LIFT_LONGEST = 30 * 60.0  # a lift is followed this long at most

# Which team members a segment's owner role stands for.
ROLE_FIELDS = {"manager": "manager", "host": "host", "assistant": "assistants", "ops": "ops"}


@dataclass
class SegmentRecord:
    position: int
    segment_id: str
    title: str
    kind: str
    owner: str  # the plan's role
    people: str  # the names the role stands for in the plan's team, comma separated
    status: str
    inserted: bool
    planned: float
    budget: float
    actual: float | None
    verdict: str | None  # on_time / over / under
    delta: float | None  # actual minus budget
    started_at: float | None  # seconds after the show started
    online_average: float | None = None
    online_peak: float | None = None
    online_before: float | None = None
    online_lift: float | None = None  # peak ÷ baseline − 1
    lift_seconds: float | None = None
    interaction: float | None = None
    clicks: float | None = None
    ctr: float | None = None
    orders: float | None = None
    gmv: float | None = None
    sku: str | None = None
    product: str | None = None
    platform_online: float | None = None  # the platform's per-minute export: mean online in the segment
    platform_gmv: float | None = None  # and its GMV in the segment

    @property
    def minutes(self) -> float:
        return (self.actual or 0.0) / 60


@dataclass
class CueRow:
    cue: int
    at: float  # seconds after the show started
    segment_id: str | None  # running when it was sent
    level: str
    origin: str
    ack: float | None  # seconds to the first acknowledgement


@dataclass
class AlertRow:
    alert: str
    code: str | None
    raised_at: float
    lasted: float


@dataclass
class NoteRow:
    at: float
    text: str
    by: str | None
    segment_id: str | None


@dataclass(slots=True)
class ShowLine:
    """A show as the `shows` table lists it: its own figures, none of its rows (the library reads only these)."""
    journal: str
    title: str
    started_wall: str
    length: float | None
    final_drift: float | None
    segments_done: int
    overran: int
    online_peak: float | None
    gmv: float | None
    goals_met: int
    goals_judged: int
    kind: str = "live"
    aborted: int = 0
    buyers: float | None = None
    refunds: float | None = None
    ad_spend: float | None = None
    platform_gmv: float | None = None
    platform_minutes_gmv: float | None = None
    ended: int = 1  # 0: its journal stops before the end (a console killed): its figures run to the last record

    @property
    def roi(self) -> float | None:
        return roi(self.platform_gmv, self.platform_minutes_gmv, self.gmv, self.ad_spend)


@dataclass
class ShowRecord:
    title: str
    started_wall: str  # ISO date and time, in the show's zone
    planned: float
    length: float | None  # start to end (or last record)
    ended: bool
    final_drift: float | None
    segments_done: int = 0
    overran: int = 0
    mean_abs_drift: float | None = None
    holds: int = 0
    held: float = 0.0
    online_average: float | None = None
    online_peak: float | None = None
    watch_minutes: float | None = None
    interaction: float | None = None
    new_followers: float | None = None
    comments: float | None = None
    clicks: float | None = None
    ctr: float | None = None
    orders: float | None = None
    gmv: float | None = None
    cue_count: int = 0
    ack_median: float | None = None
    goals_met: int = 0
    goals_judged: int = 0
    viewers_uv: float | None = None
    viewers_pv: float | None = None
    new_fans_club: float | None = None
    platform_gmv: float | None = None
    buyers: float | None = None  # 成交人数
    refunds: float | None = None  # 退款金额
    ad_spend: float | None = None  # 千川消耗
    avg_stay: float | None = None  # 平均停留, seconds
    exposure: float | None = None  # 曝光人数
    entries: float | None = None  # the feed's entry events (进场, a count of events)
    platform_entries: float | None = None  # the per-minute export's entries within the show
    platform_minutes_gmv: float | None = None  # the per-minute export's GMV within the show
    platform_online_average: float | None = None  # the per-minute export's mean online over the show
    session_id: str | None = None  # the journal header's started_wall: what a drill names its original by
    drill_of: str | None = None  # a drill: its original's session id
    trainee: str | None = None  # a drill: who ran it
    kind: str = "live"  # what the show was (the journal header's kind): live, rehearsal, simulated, drill
    aborted: bool = False  # ended within its first segment, or ran under ABORTED_SHARE of its plan
    team: dict[str, list[str]] = field(default_factory=dict)  # role -> names
    segments: list[SegmentRecord] = field(default_factory=list)
    cues: list[CueRow] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)

    @property
    def date(self) -> str:
        return self.started_wall[:10]

    @property
    def not_run(self) -> int | None:
        """Planned segments an ended show never reached; None while it had not ended."""
        if not self.ended:
            return None
        return sum(1 for segment in self.segments if segment.status == "pending" and not segment.inserted)

    @property
    def overrun_rate(self) -> float | None:
        return self.overran / self.segments_done if self.segments_done else None

    @property
    def gmv_per_kwm(self) -> float | None:
        """GMV per 1,000 watch-minutes."""
        if self.gmv is None or not self.watch_minutes:
            return None
        return self.gmv * 1000 / self.watch_minutes

    @property
    def sales(self) -> float | None:
        """The platform's GMV when annotated (--gmv, else its per-minute export's), else the feed's."""
        return platform_sales(self.platform_gmv, self.platform_minutes_gmv, self.gmv)

    @property
    def roi(self) -> float | None:
        return roi(self.platform_gmv, self.platform_minutes_gmv, self.gmv, self.ad_spend)

    @property
    def exposure_entry_rate(self) -> float | None:
        """曝光-进入率: UV (annotated, else the export's entries, else the feed's) ÷ exposure. Entries count
        visits, not people: above 100 % they are not comparable with exposure, and no rate is better than a false one."""
        visitors = next((uv for uv in (self.viewers_uv, self.platform_entries, self.entries) if uv is not None), None)
        rate = _ratio(visitors, self.exposure)
        return rate if rate is None or rate <= 1 else None

    @property
    def uv_value(self) -> float | None:
        return _ratio(self.sales, self.viewers_uv)

    @property
    def gpm(self) -> float | None:
        ratio = _ratio(self.sales, self.viewers_pv)
        return None if ratio is None else ratio * 1000

    @property
    def follow_rate(self) -> float | None:
        return _ratio(self.new_followers, self.viewers_uv)


# What each figure means, for every table that shows it (the catalog words the names; these say the basis).
FORMULAS = {
    "planned": "Σ segment durations as written in the plan",
    "length": "end − start of the show (holds included)",
    "final_drift": "actual end − planned end (positive: late); a show ended early: of the segments it ran",
    "not_run": "planned segments the show ended before reaching",
    "overrun_rate": "segments over budget + tolerance ÷ segments done",
    "mean_abs_drift": "mean of |actual − planned| over segments done",
    "holds": "count of holds; their total time",
    "online_average": "mean online count, sampled ~1/s while live (a count, not distinct viewers)",
    "online_peak": "highest sampled online count",
    "watch_minutes": "Σ per segment of mean online × segment minutes",
    "interaction": "mean of the per-minute interaction-rate samples",
    "new_followers": "feed's follow events (count of events)",
    "clicks": "feed's product-click events (count of events)",
    "ctr": "mean of per-minute CTR samples (clicks in the minute ÷ online)",
    "orders": "feed's order events",
    "gmv": "feed's GMV (¥)",
    "gmv_per_kwm": "GMV × 1000 ÷ watch-minutes",
    "cue_count": "cues sent",
    "ack_median": "median seconds from sending a cue to its first ack",
    "uv_value": "GMV ÷ UV (platform's distinct viewers; platform GMV when annotated)",
    "gpm": "GMV × 1000 ÷ PV (platform's views)",
    "follow_rate": "new followers ÷ UV (转粉率)",
    "online_lift": "segment's peak online ÷ mean online in the 2 min before it − 1",
    "lift_seconds": "seconds from the segment's start until online fell back within 5% of that baseline",
    "gmv_per_minute": "GMV grown during the segments ÷ their minutes",
    "buyers": "the platform's buyers (成交人数), annotated",
    "refunds": "the platform's refunds (退款金额, ¥), annotated",
    "ad_spend": "ad spend (千川消耗, ¥), annotated",
    "roi": "GMV ÷ ad spend (the platform's GMV when annotated)",
    "avg_stay": "the platform's average stay (平均停留), annotated",
    "exposure": "the platform's exposure (曝光人数), annotated",
    "exposure_entry_rate": "UV ÷ exposure (UV: annotated, else the per-minute export's entries in the show, else the "
                           "feed's entry events; none above 100 %: entries counted visits, not people)",
}


def platform_sales(typed: float | None, minutes: float | None, feed: float | None) -> float | None:
    """GMV by the platform: typed in (--gmv), else its per-minute export's; the feed's when it has neither."""
    return typed if typed is not None else minutes if minutes is not None else feed


def roi(typed: float | None, minutes: float | None, feed: float | None, spend: float | None) -> float | None:
    """GMV ÷ ad spend (千川 ROI)."""
    return _ratio(platform_sales(typed, minutes, feed), spend)


def mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.fmean(known) if known else None


def summed(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def gmv_per_minute(segments: list[SegmentRecord]) -> float | None:
    """GMV grown during the segments ÷ their minutes (segments whose source had GMV)."""
    sold = [(s.gmv, s.minutes) for s in segments if s.gmv is not None and s.actual]
    minutes = sum(segment_minutes for _, segment_minutes in sold)
    return sum(gmv for gmv, _ in sold) / minutes if minutes else None


def overrun_rate(segments: list[SegmentRecord]) -> float | None:
    judged = [s for s in segments if s.verdict is not None]
    return sum(1 for s in judged if s.verdict == "over") / len(judged) if judged else None


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return None if top is None or not bottom else top / bottom


def team_of(plan: Plan) -> dict[str, list[str]]:
    team = plan.team
    return {"manager": [team.manager] if team.manager else [], "host": [team.host] if team.host else [],
            "assistant": list(team.assistants), "ops": list(team.ops)}


ABORTED_SHARE = 0.10  # a show that ran under this share of its plan was aborted, whatever it reached


def aborted(review: Review) -> bool:
    """Ended within its first segment, or ran under a tenth of its plan: not evidence of how the plan runs."""
    if review.ended_at is None or review.started_at is None:
        return False
    if review.end - review.started_at < ABORTED_SHARE * review.plan.planned_total:
        return True
    return sum(1 for segment in review.segments if segment.started_at is not None) <= 1 and any(
        segment.status.value == "pending" for segment in review.segments)


def show_record(review: Review) -> ShowRecord:
    """Every figure of one show that compare, shows and the improvement rules read."""
    plan, state = review.plan, review.state
    start = review.started_at
    team = team_of(plan)
    record = ShowRecord(
        title=plan.show.title, started_wall=_wall(review), planned=plan.planned_total,
        length=None if start is None else review.end - start, ended=review.ended_at is not None,
        final_drift=None if start is None else review.final_drift, team=team, aborted=aborted(review))
    cue_rows = _cue_rows(review)
    record.cues = cue_rows
    planned: dict[str, Segment] = {}  # each run's segment by id, the first where two share one
    for run in state.runs:
        planned.setdefault(run.id, run.segment)
    for position, segment in enumerate(review.segments):
        record.segments.append(_segment_record(review, position, segment, planned[segment.id], team))
    done = [s for s in record.segments if s.verdict is not None]
    record.segments_done = len(done)
    record.overran = sum(1 for s in done if s.verdict == VerdictKind.over.value)
    if done:
        record.mean_abs_drift = statistics.fmean(abs(s.actual - s.planned) for s in done if s.actual is not None)
    record.holds = len(review.holds)
    record.held = sum((end if end is not None else review.end) - begin for begin, end, _ in review.holds)
    live = [value for at, value in review.online_series
            if start is not None and start <= at <= review.end]
    record.online_average = statistics.fmean(live) if live else None
    record.online_peak = review.totals.get("online_peak", max(live) if live else None)
    watched = [s.online_average * s.minutes for s in record.segments if s.online_average is not None and s.actual]
    record.watch_minutes = sum(watched) if watched else None
    record.interaction = review.interaction_average
    totals = review.totals
    for name, key in (("new_followers", "new_followers"), ("comments", "comments"), ("clicks", "product_clicks"),
                      ("orders", "orders"), ("gmv", "gmv")):
        setattr(record, name, totals.get(key))
    ctr_sum = sum(s.figures.sums.get("ctr", 0.0) for s in review.segments)
    ctr_count = sum(s.figures.counts.get("ctr", 0) for s in review.segments)
    record.ctr = ctr_sum / ctr_count if ctr_count else None
    record.cue_count = len(cue_rows)
    acks = [row.ack for row in cue_rows if row.ack is not None]
    record.ack_median = statistics.median(acks) if acks else None
    record.goals_met = sum(1 for goal in review.goals if goal.met)
    record.goals_judged = sum(1 for goal in review.goals if goal.met is not None)
    platform = state.platform
    record.viewers_uv, record.viewers_pv = platform.get("viewers_uv"), platform.get("viewers_pv")
    record.new_fans_club, record.platform_gmv = platform.get("new_fans_club"), platform.get("gmv")
    record.buyers, record.refunds, record.ad_spend = platform.get("buyers"), platform.get("refunds"), platform.get("ad_spend")
    record.avg_stay, record.exposure = platform.get("avg_stay"), platform.get("exposure")
    record.entries = totals.get("entries")
    if review.platform is not None:
        curve = review.platform
        record.platform_entries, record.platform_minutes_gmv = curve.entries, curve.gmv
        record.platform_online_average = curve.online_average
        for row in record.segments:
            if (theirs := curve.segments.get(row.segment_id)) is not None:
                row.platform_online, row.platform_gmv = theirs.online_average, theirs.gmv
    offset = start or 0.0
    record.alerts = [AlertRow(a.alert, a.code, a.raised_at - offset, a.duration(review.end)) for a in review.alerts]
    record.notes = [NoteRow(n.at - offset if start is not None else 0.0, n.text, n.by, n.segment_id)
                    for n in state.notes]
    return record


def _wall(review: Review) -> str:
    shift = review.started_at or 0.0
    return (review.started_wall + timedelta(seconds=shift)).isoformat(timespec="seconds")


def _cue_rows(review: Review) -> list[CueRow]:
    offset = review.started_at or 0.0
    spans = [(s.started_at, s.ended_at if s.ended_at is not None else review.end, s.id)
             for s in review.segments if s.started_at is not None]
    rows = []
    for cue in review.cues:
        running = next((sid for begin, end, sid in spans if begin <= cue.at < end), None)
        ack = min((latency for _, latency in cue.acked), default=None)
        rows.append(CueRow(cue.cue, cue.at - offset, running, cue.level, cue.origin, ack))
    return rows


def _segment_record(review: Review, position: int, segment: SegmentReview, found: Segment,
                    team: dict[str, list[str]]) -> SegmentRecord:
    figures = segment.figures
    owner = found.owner
    start = review.started_at
    record = SegmentRecord(
        position=position, segment_id=segment.id, title=segment.title, kind=segment.kind.value, owner=owner,
        people=", ".join(team.get(owner, [])), status=segment.status.value, inserted=segment.inserted,
        planned=segment.planned, budget=segment.budget, actual=segment.actual,
        verdict=segment.verdict.kind.value if segment.verdict else None,
        delta=segment.verdict.delta if segment.verdict else None,
        started_at=None if segment.started_at is None or start is None else segment.started_at - start,
        online_average=figures.online_average, online_peak=figures.online_peak,
        interaction=figures.interaction_average, clicks=figures.growth("product_clicks"), ctr=figures.ctr,
        orders=figures.growth("orders"), gmv=figures.growth("gmv"),
        sku=found.product.sku if found.product else None, product=found.product.name if found.product else None)
    if segment.started_at is not None:
        _lift(record, review.online_series, segment.started_at, segment.ended_at or review.end)
    return record


_time = itemgetter(0)  # a series point's time


def _lift(record: SegmentRecord, series: list[tuple[float, float]], begin: float, end: float) -> None:
    """How far online rose over its level just before the segment, and for how long it stayed up.
    The series is in time order (the review's): the points around the segment are found by binary search,
    so a long show's thousand segments do not each read the whole series."""
    first, start = bisect_left(series, begin - LIFT_BEFORE, key=_time), bisect_left(series, begin, key=_time)
    before = [value for _, value in series[first:start]]
    if not before or record.online_peak is None:
        return
    baseline = statistics.fmean(before)
    if baseline <= 0:
        return
    record.online_before = baseline
    record.online_lift = record.online_peak / baseline - 1
    lasted = 0.0
    risen = False
    for index in range(start, len(series)):
        at, value = series[index]
        if at - begin > LIFT_LONGEST or (value < baseline * LIFT_HOLD and (risen or at > end)):
            break
        if value >= baseline * LIFT_HOLD:
            risen = True
            lasted = at - begin
    record.lift_seconds = lasted
