"""Per lottery (福袋) segment: comments and entries while it ran against the minutes before it.

A lucky bag is there to bring people in and make them comment; whether it did is
the rate during it against the rate just before (docs/metrics.md, "Lottery lift").
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass

from rhythm_console.events import Event, MetricSample

BASELINE = 300.0  # seconds before the segment compared with it (less if the show had not run that long)
MIN_WINDOW = 30.0  # a window shorter than this says nothing about a rate

WATCHED = ("comments", "entries")


@dataclass(frozen=True)
class Rates:
    """Counts in a window and what they are per minute."""

    seconds: float
    comments: float | None
    entries: float | None

    def per_minute(self, name: str) -> float | None:
        value = getattr(self, name)
        return None if value is None or self.seconds < MIN_WINDOW else value / (self.seconds / 60)


@dataclass
class LotteryReview:
    segment_id: str
    title: str
    during: Rates
    before: Rates | None  # None: no minutes before it to compare with
    online_average: float | None

    def lift(self, name: str) -> float | None:
        """Relative change of the per-minute rate, before to during (+0.5 = half as much again)."""
        if self.before is None:
            return None
        now, then = self.during.per_minute(name), self.before.per_minute(name)
        return None if now is None or not then else now / then - 1

    @property
    def participation(self) -> float | None:
        """Comments during it per average online viewer."""
        if self.during.comments is None or not self.online_average:
            return None
        return self.during.comments / self.online_average


class CumulativeSeries:
    """The cumulative comments and entries as they were reported, to read them at any moment.

    Kept as flat arrays of floats (24 bytes a sample, not a dict each): a report reads every sample
    of a long show, and this is the one thing it holds per sample."""

    def __init__(self) -> None:
        self.times = array("d")
        self._values = {name: array("d") for name in WATCHED}
        self._since: dict[str, int] = {}  # the index of a figure's first report: before it, it is unknown

    def observe(self, event: Event) -> None:
        if isinstance(event, MetricSample):
            self.sample(event)

    def samples(self, samples: list[MetricSample]) -> None:
        """`sample` for each of a run of samples; once both figures have been reported, a sample that has
        them both (most) is appended as it is."""
        if len(self._since) < len(WATCHED):
            for sample in samples:
                self.sample(sample)
            return
        times, comments, entries = self.times, self._values["comments"], self._values["entries"]
        for sample in samples:
            reported = sample.values
            if "comments" in reported and "entries" in reported:
                times.append(sample.at)
                comments.append(reported["comments"])
                entries.append(reported["entries"])
            else:
                self.sample(sample)

    def sample(self, event: MetricSample) -> None:
        reported = event.values
        if reported.keys().isdisjoint(WATCHED):
            return
        index = len(self.times)
        self.times.append(event.at)
        for name, values in self._values.items():
            if name in reported:
                self._since.setdefault(name, index)
                values.append(reported[name])
            else:  # not in this sample: the last report stands
                values.append(values[-1] if index else 0.0)

    def at(self, moment: float) -> dict[str, float]:
        """The figures as last reported at or before `moment` (nothing counted yet: empty)."""
        index = bisect.bisect_right(self.times, moment) - 1
        return {name: self._values[name][index] for name, since in self._since.items() if since <= index}

    def window(self, start: float, end: float) -> Rates:
        first, last = self.at(start), self.at(end)

        def grown(name: str) -> float | None:
            return last[name] - first.get(name, 0.0) if name in last else None

        return Rates(end - start, grown("comments"), grown("entries"))


def lottery_review(series: CumulativeSeries, segment_id: str, title: str, started: float, ended: float,
                   show_started: float, online_average: float | None) -> LotteryReview:
    span = min(BASELINE, started - show_started)
    before = series.window(started - span, started) if span >= MIN_WINDOW else None
    return LotteryReview(segment_id, title, series.window(started, ended), before, online_average)
