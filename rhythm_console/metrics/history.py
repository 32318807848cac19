"""Recent values of each metric, for sparklines, trends and the advisor: bounded, whatever the show's length."""

from __future__ import annotations

from collections import deque
from operator import itemgetter

from rhythm_console.events import MetricSample
from rhythm_console.metrics.window import after

_time = itemgetter(0)


class MetricHistory:
    def __init__(self, points: int = 900) -> None:
        self.points = points
        self._series: dict[str, deque[tuple[float, float]]] = {}
        self._unordered: set[str] = set()  # series a sample reached out of time order: windows look at every point

    def add(self, sample: MetricSample) -> None:
        at = sample.at
        for name, value in sample.values.items():
            series = self._series.get(name)
            if series is None:
                series = self._series[name] = deque(maxlen=self.points)
            elif at < series[-1][0]:
                self._unordered.add(name)
            series.append((at, value))

    def values(self, name: str) -> list[float]:
        return [value for _, value in self._series.get(name, ())]

    def latest(self, name: str) -> float | None:
        series = self._series.get(name)
        return series[-1][1] if series else None

    def change(self, name: str, seconds: float) -> float | None:
        """Latest value minus the value about `seconds` earlier (None if unknown)."""
        series = self._series.get(name)
        if not series or len(series) < 2:
            return None
        latest_at, latest = series[-1]
        for at, value in reversed(series):
            if latest_at - at >= seconds:
                return latest - value
        return latest - series[0][1]

    def average(self, name: str, ago: float = 0.0, span: float = 15.0) -> float | None:
        """Mean of the values in the `span` seconds ending `ago` seconds before the latest;
        None if history does not reach back that far. Smooths the noise out of comparisons."""
        series = self._series.get(name)
        if not series:
            return None
        latest_at = series[-1][0]
        end = latest_at - ago
        start = end - span
        if series[0][0] > start + 1:  # history does not cover the whole span yet
            return None
        if name in self._unordered:
            values = [value for at, value in series if start < at <= end]
        else:  # the window's own points, in order: the same sum as looking at every point
            values = [series[index][1] for index in range(after(series, start, _time), after(series, end, _time))]
        return sum(values) / len(values) if values else None
