"""The review's rules for the segment kinds with a rule of their own: did a 憋单 (hold) reach its online target,
and when; which products a 返场 (revisit) showed again, and what it sold. Collected in the review's one scan."""

from __future__ import annotations

from dataclasses import dataclass, field

from rhythm_console.events import Event, MetricSample
from rhythm_console.plan import Plan, SegmentKind
from rhythm_console.show import SampleRun, SegmentRun, ShowState, segment_elapsed


@dataclass
class HoldReview:
    segment_id: str
    title: str
    target: int | None  # the online target (None: the hold was for a time only)
    longest: float | None  # when the link went up at the latest (segment time)
    peak: float | None = None  # the most online while it ran (None: no online figure)
    reached_after: float | None = None  # segment time at which online first reached the target

    @property
    def met(self) -> bool | None:
        """The target reached (within `longest` when there is one); None when nothing says."""
        if self.target is None or self.peak is None:
            return None
        if self.reached_after is None:
            return False
        return self.longest is None or self.reached_after <= self.longest


@dataclass
class RevisitReview:
    segment_id: str
    title: str
    products: list[str]
    orders: float | None = None  # orders and GMV while it ran, when the source gives them
    gmv: float | None = None
    _first: dict[str, float] = field(default_factory=dict)


class KindRulesCollector:
    """Feeds on the scan (`observe`), then `finish()` gives the holds and revisits that ran."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.holds: dict[str, HoldReview] = {}
        self.revisits: dict[str, RevisitReview] = {}
        self.final: ShowState | None = None

    def _hold(self, run: SegmentRun) -> HoldReview:
        target = self.plan.hold_for(run.segment)
        return self.holds.setdefault(run.id, HoldReview(
            run.id, run.segment.title, target.online if target else None, target.longest if target else None))

    def _revisit(self, run: SegmentRun) -> RevisitReview:
        return self.revisits.setdefault(run.id, RevisitReview(
            run.id, run.segment.title, [product.name for product in self.plan.revisited(run.segment)]))

    def observe(self, event: Event, before: ShowState, after: ShowState) -> None:
        self.final = after
        if isinstance(event, MetricSample):
            self.sample(event, before, after)

    def samples(self, run: SampleRun) -> None:
        """`sample` for each of a run of samples (taken in one show: most runs are of no kind with a rule)."""
        running = run.before.running
        if running is None or running.segment.kind not in (SegmentKind.hold, SegmentKind.revisit):
            return
        for sample in run.samples:
            self.sample(sample, run.before, run.after)

    def sample(self, event: MetricSample, before: ShowState, after: ShowState) -> None:
        """A sample changes no run: the final state's runs are those of the last other event's."""
        run = before.running
        if run is None:
            return
        segment = run.segment
        if segment.kind is SegmentKind.hold:
            hold = self._hold(run)
            online = event.values.get("online")
            if online is None:
                return
            hold.peak = online if hold.peak is None else max(hold.peak, online)
            if hold.target is not None and hold.reached_after is None and online >= hold.target:
                hold.reached_after = segment_elapsed(before, run, event.at)
        elif segment.kind is SegmentKind.revisit:
            revisit = self._revisit(run)
            for name in ("orders", "gmv"):
                if name in event.values:
                    first = revisit._first.setdefault(name, event.values[name])
                    setattr(revisit, name, event.values[name] - first)

    def finish(self) -> tuple[list[HoldReview], list[RevisitReview]]:
        """Every hold and revisit that ran, in the show's order (one without samples has no figures)."""
        holds, revisits = [], []
        for run in self.final.runs if self.final is not None else ():
            if run.started_at is None:
                continue
            if run.segment.kind is SegmentKind.hold:
                holds.append(self._hold(run))
            elif run.segment.kind is SegmentKind.revisit:
                revisits.append(self._revisit(run))
        return holds, revisits
