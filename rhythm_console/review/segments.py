"""Figures per segment, computed from a journal's events (pure; the review uses them).

The console journals a metric sample about once a second; a segment's figures
come from the samples taken while it ran: averages and peaks of the
instantaneous figures, and the growth of the cumulative ones (comments,
follows, clicks, orders, GMV) from its start to its end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rhythm_console.events import Event, MetricSample
from rhythm_console.plan import Plan
from rhythm_console.show import ShowState, initial_state, scan

CUMULATIVE = ("comments", "likes", "new_followers", "product_clicks", "orders", "gmv", "entries", "shares")
AVERAGED = ("interaction_rate", "ctr")  # rates on the trend basis: a segment's figure is their mean


@dataclass
class SegmentFigures:
    segment_id: str
    samples: int = 0
    online_sum: float = 0.0
    online_peak: float | None = None
    sums: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, float] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    ctr_values: list[float] = field(default_factory=list)  # in order: how CTR moved while it ran

    def add(self, values: dict[str, float]) -> None:
        self.samples += 1
        online = values.get("online")
        if online is not None:
            self.online_sum += online
            self.online_peak = online if self.online_peak is None else max(self.online_peak, online)
        for name in AVERAGED:
            if name in values:
                self.sums[name] = self.sums.get(name, 0.0) + values[name]
                self.counts[name] = self.counts.get(name, 0) + 1
        if "ctr" in values:
            self.ctr_values.append(values["ctr"])
        for name in CUMULATIVE:
            if name in values:
                self.first.setdefault(name, values[name])
                self.last[name] = values[name]

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
        if name not in self.last:
            return None
        return self.last[name] - self.first[name]

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
        self._last_values: dict[str, float] | None = None  # every figure's latest value, kept up to date in place

    def observe(self, event: Event, state: ShowState) -> None:
        """Call with each event and the state *before* it (as `scan` yields them)."""
        if not isinstance(event, MetricSample):
            return
        running = state.running
        if running is not None:
            target = self.figures.setdefault(running.id, SegmentFigures(running.id))
            if not target.samples and self._last_values is not None:
                # Baseline: where the figures stood as it began (a figure not yet
                # reported then had not started counting: zero).
                for name in CUMULATIVE:
                    if name in event.values:
                        target.first.setdefault(name, self._last_values.get(name, 0.0))
            target.add(event.values)
        if self._last_values is None:
            self._last_values = dict(event.values)
        else:
            self._last_values.update(event.values)


def figures_by_segment(plan: Plan, events: Iterable[Event]) -> tuple[ShowState, dict[str, SegmentFigures]]:
    """Fold the events, collecting each segment's figures on the way."""
    state = initial_state(plan)
    collector = SegmentFigureCollector()
    for event, before, after in scan(plan, events):
        collector.observe(event, before)
        state = after
    return state, collector.figures
