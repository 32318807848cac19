"""The rolling windows kept as running sums and found by time give what summing every point gives."""

from __future__ import annotations

import random

import pytest

from rhythm_console.events import MetricSample
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.metrics.room import HISTORY_SECONDS, WINDOW_SECONDS, EventKind, RoomMetrics


def _summed_over_the_window(room: RoomMetrics, now: float) -> dict[str, float]:
    """The per-minute figures added up from every bucket of the window, as they were before running sums."""
    window = room._window(now)
    figures = {f"{kind.value}_per_min": sum(b.counts.get(kind, 0) for b in window) * 60.0 / WINDOW_SECONDS
               for kind in EventKind}
    figures["users"] = sum(len(b.latest_interactions) for b in window)
    figures["anonymous"] = sum(b.anonymous_interactions for b in window)
    figures["gmv_per_min"] = round(sum(b.gmv for b in window) * 60.0 / WINDOW_SECONDS, 2)
    return figures


def _running(room: RoomMetrics, now: float) -> dict[str, float]:
    figures = room.figures(now)
    running = {f"{kind.value}_per_min": room._window_counts[kind] * 60.0 / WINDOW_SECONDS for kind in EventKind}
    running["users"] = room._window_users
    running["anonymous"] = room._window_anonymous
    running["gmv_per_min"] = figures["gmv_per_min"]
    return running


@pytest.mark.parametrize("seed", range(40))
def test_the_room_window_as_running_sums_is_the_sum_of_its_buckets(seed):
    rng = random.Random(seed)
    room = RoomMetrics()
    now = 0.0
    for _ in range(600):
        roll = rng.random()
        # Mostly a second at a time; sometimes a jump past the history, or figures asked for a moment ago.
        now = max(0.0, now + (rng.choice([60.0, 300.0, HISTORY_SECONDS + 5.0, -30.0]) if roll < 0.08 else rng.random()))
        for _ in range(rng.randint(0, 6)):
            kind = rng.choice(list(EventKind))
            late = rng.random() < 0.1  # sources are mostly in order, not always
            at = now - (rng.uniform(0, HISTORY_SECONDS + 100) if late else rng.random())
            amount = round(rng.uniform(0, 999), 2) if kind is EventKind.order else 0.0
            room.event(kind, at, rng.randint(0, 3), amount, rng.choice([None, "a", "b", f"u{rng.randint(0, 40)}"]))
        asked = now + rng.choice([0.0, 0.0, -20.0, 3.0])
        assert _running(room, asked) == _summed_over_the_window(room, asked)


def _average_of_every_point(points: list[tuple[float, float]], ago: float, span: float) -> float | None:
    """The mean over the window looking at every point kept, as before windows were found by time."""
    end = points[-1][0] - ago
    start = end - span
    if points[0][0] > start + 1:
        return None
    values = [value for at, value in points if start < at <= end]
    return sum(values) / len(values) if values else None


@pytest.mark.parametrize("seed", range(20))
def test_history_averages_found_by_time_are_the_averages_of_every_point(seed):
    rng = random.Random(seed)
    history = MetricHistory(points=60)
    kept: list[tuple[float, float]] = []
    at = 0.0
    for _ in range(200):
        at += rng.choice([1.0, 1.0, 0.5, 3.0])
        when = max(0.0, at - rng.uniform(0, 20)) if rng.random() < 0.03 else at  # now and then a late sample
        value = rng.uniform(0, 0.2)
        history.add(MetricSample(at=when, values={"interaction_rate": value}))
        kept = [*kept, (when, value)][-60:]
        for ago, span in ((0.0, 15.0), (45.0, 15.0), (30.0, 5.0)):
            assert history.average("interaction_rate", ago=ago, span=span) == _average_of_every_point(kept, ago, span)


def _change_looking_back(points: list[tuple[float, float]], seconds: float) -> float | None:
    """Latest minus the value about `seconds` earlier, walking back over every point kept."""
    if len(points) < 2:
        return None
    latest_at, latest = points[-1]
    for at, value in reversed(points):
        if latest_at - at >= seconds:
            return latest - value
    return latest - points[0][1]


@pytest.mark.parametrize("seed", range(10))
def test_history_keeps_the_latest_points_for_sparklines_and_trends(seed):
    rng = random.Random(seed)
    history = MetricHistory(points=50)
    kept: dict[str, list[tuple[float, float]]] = {"online": [], "gmv": []}
    at = 0.0
    for _ in range(300):
        at += rng.choice([1.0, 2.0])
        when = max(0.0, at - rng.uniform(0, 10)) if rng.random() < 0.05 else at
        values = {name: float(rng.randint(0, 500)) for name in kept if rng.random() < 0.8}
        history.add(MetricSample(at=when, values=values))
        for name, value in values.items():
            kept[name] = [*kept[name], (when, value)][-50:]
        for name, points in kept.items():
            assert history.values(name) == [value for _, value in points]
            assert history.latest(name) == (points[-1][1] if points else None)
            assert history.change(name, 60) == _change_looking_back(points, 60)
    assert history.values("never") == [] and history.latest("never") is None and history.change("never", 5) is None
