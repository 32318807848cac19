"""Recent values of each metric, for sparklines, trends and the advisor: bounded, whatever the show's length."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from math import inf

from rhythm_console.events import MetricSample

_UNKNOWN = object()  # an average not worked out since the latest sample


class _Series:
    """One metric's points as two lists side by side, times and values: a window is found by a binary
    search over plain floats and summed from a slice, both in C."""

    __slots__ = ("ordered", "times", "values")

    def __init__(self) -> None:
        self.times: list[float] = []
        self.values: list[float] = []
        self.ordered = True  # False once a sample reached it out of time order: windows look at every point


class MetricHistory:
    """The samples kept as rows (their figures as they came), and a metric's own series made of them the first
    time it is read, then kept up to date sample by sample: a sample carries some fifty figures, and only
    the few a screen or the advisor reads need series. Reads give what series of every metric would give."""

    def __init__(self, points: int = 900) -> None:
        self.points = points
        # The series of every metric read so far (and of every metric, once a sample came out of order).
        self._series: dict[str, _Series] = {}
        # The latest samples in time order, `points` of them at least: a metric without a series of its own
        # has been in each of them since it first came (see _keep_gone), so its series is a run of their end.
        self._row_times: list[float] = []
        self._rows: list[Mapping[str, float]] = []
        self._latest_at = -inf  # the latest sample's time: one at or after it is in order for every series
        self._since_trim = 0  # samples added since the series were last cut back to `points`
        # Averages given since the latest sample: the advisor asks for the same window more than once a second
        # (a plan's rule and a built-in one watching the same figure), and nothing changes until a sample comes.
        self._averages: dict[tuple[str, float, float], float | None] = {}

    def add(self, sample: MetricSample) -> None:
        if self._averages:
            self._averages.clear()
        at, values = sample.at, sample.values
        every, rows = self._series, self._rows
        if at >= self._latest_at:  # in order for every series: the usual case, read without a check a point
            self._latest_at = at
            if rows and not rows[-1].keys() <= values.keys():
                self._keep_gone(rows[-1], values)
            for name, series in every.items():
                value = values.get(name)
                if value is not None:
                    series.times.append(at)
                    series.values.append(value)
        else:  # out of order: every metric gets its series, which says whether it is in order
            for name in rows[-1] if rows else ():
                self._series_of(name)
            for name, value in values.items():
                late = every.get(name)
                if late is None:
                    late = every[name] = _Series()
                elif at < late.times[-1]:
                    late.ordered = False
                late.times.append(at)
                late.values.append(value)
        self._row_times.append(at)
        rows.append(values)
        # The oldest points are dropped in a batch once `points` samples have come since the last cut (a
        # series then holds at most twice the points it shows), so an append stays O(1) on average.
        self._since_trim += 1
        if self._since_trim >= self.points:
            self._since_trim = 0
            kept = self.points
            for series in every.values():
                if len(series.times) > kept:
                    del series.times[:-kept]
                    del series.values[:-kept]
            del self._row_times[:-kept]
            del rows[:-kept]

    def _keep_gone(self, previous: Mapping[str, float], values: Mapping[str, float]) -> None:
        """A metric the previous sample had and this one lacks gets its series now (its rows stop being a run)."""
        for name in previous:
            if name not in values:
                self._series_of(name)

    def _series_of(self, name: str) -> _Series | None:
        """The metric's series, made of the rows the first time it is asked for; None for one never seen."""
        series = self._series.get(name)
        if series is not None:
            return series
        rows = self._rows
        first = len(rows)
        while first and name in rows[first - 1]:  # the rows it has been in since it came
            first -= 1
        if first == len(rows):
            return None
        series = self._series[name] = _Series()
        series.times = self._row_times[first:]
        series.values = [row[name] for row in rows[first:]]
        return series

    def _first(self, series: _Series) -> int:
        """The index of the oldest point kept: only the latest `points` count."""
        return max(0, len(series.times) - self.points)

    def values(self, name: str) -> list[float]:
        series = self._series_of(name)
        return series.values[self._first(series):] if series is not None else []

    def latest(self, name: str) -> float | None:
        series = self._series.get(name)
        if series is not None:
            return series.values[-1]
        # No series yet: a metric seen is in the latest row (it has been in every row since it came).
        return self._rows[-1].get(name) if self._rows else None

    def change(self, name: str, seconds: float) -> float | None:
        """Latest value minus the value about `seconds` earlier (None if unknown)."""
        series = self._series_of(name)
        if series is None:
            return None
        first, times, values = self._first(series), series.times, series.values
        if len(times) - first < 2:
            return None
        latest_at, latest = times[-1], values[-1]
        for index in range(len(times) - 1, first - 1, -1):
            if latest_at - times[index] >= seconds:
                return latest - values[index]
        return latest - values[first]

    def average(self, name: str, ago: float = 0.0, span: float = 15.0) -> float | None:
        """Mean of the values in the `span` seconds ending `ago` seconds before the latest;
        None if history does not reach back that far. Smooths the noise out of comparisons."""
        asked, given = (name, ago, span), self._averages
        average = given.get(asked, _UNKNOWN)
        if average is not _UNKNOWN:
            return average  # type: ignore[return-value]  # never _UNKNOWN
        series = self._series.get(name) or self._series_of(name)
        if series is None:
            given[asked] = None
            return None
        times = series.times
        first = len(times) - self.points  # _first(series)
        if first < 0:
            first = 0
        end = times[-1] - ago
        start = end - span
        if times[first] > start + 1:  # history does not cover the whole span yet
            average = None
        elif series.ordered:  # the window's own points, in order: the same sum as looking at every point
            low = bisect_right(times, start, first)
            high = bisect_right(times, end, low)  # the end is not before the start: it is at `low` or later
            average = sum(series.values[low:high]) / (high - low) if high > low else None
        else:
            values = [value for at, value in zip(times[first:], series.values[first:], strict=True)
                      if start < at <= end]
            average = sum(values) / len(values) if values else None
        given[asked] = average
        return average
