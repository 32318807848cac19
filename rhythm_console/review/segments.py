"""Figures per segment, computed from a journal's events (pure; the review uses them).

The console journals a metric sample about once a second; a segment's figures
come from the samples taken while it ran: averages and peaks of the
instantaneous figures, and the growth of the cumulative ones (comments,
follows, clicks, orders, GMV) from its start to its end.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from rhythm_console.events import Event, MetricSample
from rhythm_console.plan import Plan
from rhythm_console.show import SegmentRun, ShowState, initial_state, scan

CUMULATIVE = ("comments", "likes", "new_followers", "product_clicks", "orders", "gmv", "entries", "shares")
AVERAGED = ("interaction_rate", "ctr")  # rates on the trend basis: a segment's figure is their mean
_CUMULATIVE_ROW = itemgetter(*CUMULATIVE)
_ADDED_ROW = itemgetter("online", *AVERAGED)  # what add() reads of most samples, in one call


class LatestFigures:
    """The latest reported value of each cumulative figure, over samples in order.

    Most samples report every one of them: such a sample is kept as a row of its values (no dict is
    written per sample, and a review reads every sample of a long show); the figures of samples that
    report only some are kept by name on top of it."""

    __slots__ = ("_row", "_since")

    def __init__(self) -> None:
        self._row: tuple[float, ...] | None = None  # the latest sample reporting all of CUMULATIVE
        self._since: dict[str, float] = {}  # figures reported after it

    def take(self, values: dict[str, float], row: tuple[float, ...] | None = None) -> None:
        """Keep a sample's figures; `row`: its CUMULATIVE figures if it has them all, when already read."""
        if row is None:
            try:
                row = _CUMULATIVE_ROW(values)
            except KeyError:  # a sample without some of them
                pass
        if row is None:
            for name in CUMULATIVE:
                value = values.get(name)
                if value is not None:
                    self._since[name] = value
            return
        self._row = row
        if self._since:
            self._since = {}

    def get(self, name: str) -> float | None:
        """The figure's latest value; None if no sample reported it."""
        value = self._since.get(name)
        if value is None and self._row is not None:
            value = self._row[CUMULATIVE.index(name)]
        return value


@dataclass
class SegmentFigures:
    segment_id: str
    samples: int = 0
    online_sum: float = 0.0
    online_peak: float | None = None
    sums: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, float] = field(default_factory=dict)
    last: LatestFigures = field(default_factory=LatestFigures)
    # In order: how CTR moved while it ran. A flat array of floats (8 bytes a sample): a review holds it for
    # every sample of a long show.
    ctr_values: array[float] = field(default_factory=lambda: array("d"))

    def add(self, values: dict[str, float], row: tuple[float, ...] | None = None) -> None:
        """Count a sample taken while the segment ran (`row` as LatestFigures.take has it)."""
        self.samples += 1
        try:
            online, rate, ctr = _ADDED_ROW(values)
        except KeyError:  # a sample without some of them: each looked for
            pass
        else:  # most samples: the loop below, unrolled
            self.online_sum += online
            peak = self.online_peak
            if peak is None or online > peak:
                self.online_peak = online
            sums, counts = self.sums, self.counts
            sums["interaction_rate"] = sums.get("interaction_rate", 0.0) + rate
            counts["interaction_rate"] = counts.get("interaction_rate", 0) + 1
            sums["ctr"] = sums.get("ctr", 0.0) + ctr
            counts["ctr"] = counts.get("ctr", 0) + 1
            self.ctr_values.append(ctr)
            self._cumulative(values, row)
            return
        online = values.get("online")
        if online is not None:
            self.online_sum += online
            peak = self.online_peak
            if peak is None or online > peak:
                self.online_peak = online
        sums, counts = self.sums, self.counts
        for name in AVERAGED:
            value = values.get(name)
            if value is not None:
                sums[name] = sums.get(name, 0.0) + value
                counts[name] = counts.get(name, 0) + 1
                if name == "ctr":
                    self.ctr_values.append(value)
        self._cumulative(values, row)

    def add_rows(self, rows: list[tuple[float, float, float]]) -> None:
        """`add`'s averaged figures of samples that each have all of them (online, interaction rate, CTR: as
        `_ADDED_ROW` reads them), in order; their cumulative figures are the caller's."""
        online_sum, peak = self.online_sum, self.online_peak
        sums, counts = self.sums, self.counts
        rate_sum, ctr_sum = sums.get("interaction_rate", 0.0), sums.get("ctr", 0.0)
        append = self.ctr_values.append
        for online, rate, ctr in rows:
            online_sum += online
            if peak is None or online > peak:
                peak = online
            rate_sum += rate
            ctr_sum += ctr
            append(ctr)
        self.samples += len(rows)
        self.online_sum, self.online_peak = online_sum, peak
        sums["interaction_rate"] = rate_sum
        counts["interaction_rate"] = counts.get("interaction_rate", 0) + len(rows)
        sums["ctr"] = ctr_sum
        counts["ctr"] = counts.get("ctr", 0) + len(rows)

    def _cumulative(self, values: dict[str, float], row: tuple[float, ...] | None) -> None:
        first = self.first
        if len(first) < len(CUMULATIVE):  # once every figure has its first value, the last ones alone move
            for name in CUMULATIVE:
                if name in values:
                    first.setdefault(name, values[name])
        self.last.take(values, row)

    @property
    def online_average(self) -> float | None:
        return self.online_sum / self.samples if self.samples and self.online_peak is not None else None

    def average(self, name: str) -> float | None:
        return self.sums[name] / self.counts[name] if self.counts.get(name) else None

    @property
    def interaction_average(self) -> float | None:
        return self.average("interaction_rate")

    def growth(self, name: str) -> float | None:
        """How much a cumulative figure grew while the segment ran (None if the source has no such figure)."""
        last = self.last.get(name)
        if last is None:
            return None
        return last - self.first[name]

    @property
    def ctr(self) -> float | None:
        """The mean of the per-minute CTR samples (clicks in the last minute ÷ online), as the console showed it."""
        return self.average("ctr")



class SegmentFigureCollector:
    """Attributes each metric sample to the segment running when it was taken.

    A cumulative figure's growth counts from the last sample before the
    segment started, so nothing that happened at a boundary is lost."""

    def __init__(self) -> None:
        self.figures: dict[str, SegmentFigures] = {}
        self._latest: LatestFigures | None = None  # None before the first sample

    def observe(self, event: Event, state: ShowState) -> None:
        """Call with each event and the state *before* it (as `scan` yields them)."""
        if isinstance(event, MetricSample):
            self.sample(event, state.running)

    def samples(self, samples: list[MetricSample], running: SegmentRun | None) -> None:
        """`sample` for each of a run of samples, all taken while `running` ran. Most runs: a segment past its
        first samples, each sample with every figure read here: added in one loop, the same sums in the same
        order; the latest figures are the last sample's (a sample with all of them replaces the earlier ones)."""
        values = [sample.values for sample in samples]
        try:
            row: tuple[float, ...] = _CUMULATIVE_ROW(values[-1])
            added = list(map(_ADDED_ROW, values)) if running is not None else []
        except KeyError:  # a sample without some of them: one at a time
            added = None
        target = self.figures.get(running.id) if running is not None else None
        latest = self._latest
        if added is None or latest is None or (running is not None and (
                target is None or not target.samples or len(target.first) < len(CUMULATIVE))):
            for sample in samples:  # a segment's first samples: where it began, and its first figures
                self.sample(sample, running)
            return
        if target is not None:
            target.add_rows(added)
            target.last.take(values[-1], row)
        latest.take(values[-1], row)

    def sample(self, event: MetricSample, running: SegmentRun | None) -> None:
        """`observe` for a sample, with the segment running when it was taken."""
        values = event.values
        try:  # read once for both LatestFigures that take it
            row: tuple[float, ...] | None = _CUMULATIVE_ROW(values)
        except KeyError:
            row = None
        if running is not None:
            target = self.figures.get(running.id)
            if target is None:  # made only when first needed: this runs for every sample
                target = self.figures[running.id] = SegmentFigures(running.id)
            if not target.samples and self._latest is not None:
                # Baseline: where the figures stood as it began (a figure not yet
                # reported then had not started counting: zero).
                for name in CUMULATIVE:
                    if name in event.values:
                        earlier = self._latest.get(name)
                        target.first.setdefault(name, 0.0 if earlier is None else earlier)
            target.add(values, row)
        if self._latest is None:
            self._latest = LatestFigures()
        self._latest.take(values, row)


def figures_by_segment(plan: Plan, events: Iterable[Event]) -> tuple[ShowState, dict[str, SegmentFigures]]:
    """Fold the events, collecting each segment's figures on the way."""
    state = initial_state(plan)
    collector = SegmentFigureCollector()
    for event, before, after in scan(plan, events):
        collector.observe(event, before)
        state = after
    return state, collector.figures
