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


@pytest.mark.parametrize("seed", range(20))
def test_a_metric_read_first_late_has_every_point_a_series_of_its_own_would_hold(seed):
    """Samples are kept as rows and a metric gets its series when first read: one read late (after evictions,
    after it went missing from samples, after a late sample) gives what it would have given read throughout."""
    rng = random.Random(seed)
    history = MetricHistory(points=40)
    names = ["online", "gmv", "ctr", "sold:a", "sold:b"]
    kept: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    presence = {name: rng.choice([1.0, 1.0, 0.9, 0.5]) for name in names}  # some in every sample, some not
    starts = {name: rng.randint(0, 120) for name in names}  # some come later in the show
    read_from = {name: rng.choice([0, 60, 150, 250]) for name in names}  # when a screen first reads it
    at = 0.0
    for step in range(300):
        at += rng.choice([1.0, 1.0, 2.0])
        when = max(0.0, at - rng.uniform(0, 10)) if rng.random() < 0.01 else at
        values = {name: float(rng.randint(0, 500)) for name in names
                  if step >= starts[name] and rng.random() < presence[name]}
        history.add(MetricSample(at=when, values=values))
        for name, value in values.items():
            kept[name] = [*kept[name], (when, value)][-40:]
        for name in names:
            if step >= read_from[name] and rng.random() < 0.3:
                points = kept[name]
                assert history.latest(name) == (points[-1][1] if points else None)
                assert history.values(name) == [value for _, value in points]
                assert history.change(name, 30) == _change_looking_back(points, 30)
                expected = _average_of_every_point(points, 10.0, 15.0) if points else None
                assert history.average(name, 10.0, 15.0) == expected


# ------------------------------------------------------------------ the edges of each window, and after eviction


def _naive_history(points: list[tuple[float, float]], kept: int) -> list[tuple[float, float]]:
    return points[-kept:]


def test_an_average_takes_the_point_at_its_end_and_leaves_the_one_at_its_start():
    history = MetricHistory(points=100)
    for second in range(40):
        history.add(MetricSample(at=float(second), values={"online": float(second)}))
    # Latest at 39: the span (24, 39] holds 25..39; 24 sits on the start and is left out.
    assert history.average("online", span=15.0) == sum(range(25, 40)) / 15
    # 15 s ago: (9, 24].
    assert history.average("online", ago=15.0, span=15.0) == sum(range(10, 25)) / 15
    # (0, 15]: the first point sits on the start.
    assert history.average("online", ago=24.0, span=15.0) == sum(range(1, 16)) / 15
    # History must reach back to the start within a second: from 0, a span starting at -1 is covered...
    assert history.average("online", ago=25.0, span=15.0) == sum(range(0, 15)) / 15
    # ...one starting before -1 is not.
    assert history.average("online", ago=26.0, span=15.0) is None


def test_an_average_after_eviction_reads_only_the_points_kept():
    history = MetricHistory(points=30)
    kept: list[tuple[float, float]] = []
    for second in range(200):  # evicted in batches as it goes: at times the lists hold more than 30
        value = float(second % 7) + 0.1 * (second % 3)
        history.add(MetricSample(at=float(second), values={"rate": value}))
        kept = _naive_history([*kept, (float(second), value)], 30)
        for ago, span in ((0.0, 15.0), (14.0, 15.0), (15.0, 15.0), (28.0, 1.0), (29.0, 5.0)):
            assert history.average("rate", ago=ago, span=span) == _average_of_every_point(kept, ago, span)
    # The oldest point kept decides whether a window is covered: 30 kept, from 170.
    assert history.average("rate", ago=14.0, span=15.0) is not None
    assert history.average("rate", ago=15.0, span=15.0) is not None  # (169, 184]: 170 is within a second of 169
    assert history.average("rate", ago=16.0, span=15.0) is None  # (168, 183]: more than a second before 170


def test_an_average_asked_again_after_a_sample_is_the_new_one():
    history = MetricHistory()
    for second in range(20):
        history.add(MetricSample(at=float(second), values={"online": 100.0}))
    assert history.average("online", span=5.0) == 100.0
    history.add(MetricSample(at=20.0, values={"online": 200.0}))
    assert history.average("online", span=5.0) == (4 * 100.0 + 200.0) / 5


def test_a_change_at_its_edge_and_after_eviction():
    history = MetricHistory(points=20)
    kept: list[tuple[float, float]] = []
    for second in range(100):
        value = float(second * second % 50)
        history.add(MetricSample(at=float(second), values={"online": value}))
        kept = _naive_history([*kept, (float(second), value)], 20)
        for seconds in (1.0, 10.0, 19.0, 20.0, 60.0):  # 19 s back is the oldest kept; 20 and more: the oldest
            assert history.change("online", seconds) == _change_looking_back(kept, seconds)
    assert history.change("online", 10.0) == kept[-1][1] - kept[-11][1]  # exactly 10 s before the latest


def test_the_room_rate_counts_the_minute_after_its_start_and_forgets_what_left_the_history():
    room = RoomMetrics()
    room.event(EventKind.comment, 100.0, count=2)  # second 100: on the start of a window ending at 160.x
    room.event(EventKind.comment, 101.0, count=3)
    room.event(EventKind.comment, 160.9, count=5)
    assert room.figures(160.5)["comments_per_min"] == 8.0  # (100, 160]: 101 and 160
    assert room.rate(EventKind.comment, 160.5) == 8.0
    assert room.figures(161.0)["comments_per_min"] == 5.0  # (101, 161]
    assert room.rate(EventKind.comment, 161.0, seconds=120) == 10.0 * 60 / 120
    # An item far later pushes the old buckets out of the history: they leave the window with them.
    room.event(EventKind.comment, 160.0 + HISTORY_SECONDS, count=1)
    assert room.figures(160.0 + HISTORY_SECONDS)["comments_per_min"] == 1.0
    assert room.rate(EventKind.comment, 160.0 + HISTORY_SECONDS, seconds=HISTORY_SECONDS) == 60.0 / HISTORY_SECONDS


def _gmv_summed_over_the_window(room: RoomMetrics, now: float) -> float:
    return sum(b.gmv for b in room._window(now))


@pytest.mark.parametrize("seed", range(30))
def test_the_window_gmv_is_the_sum_of_its_buckets_to_the_last_bit(seed):
    """Amounts with many decimals, late orders and eviction: the figure is the bucket-by-bucket sum, not a
    running total that drifted from it (rounded to cents, a drifted sum can turn a figure)."""
    rng = random.Random(seed)
    room = RoomMetrics()
    now = 0.0
    for _ in range(400):
        now += rng.choice([0.3, 1.0, 1.0, 7.0, 61.0]) if rng.random() > 0.02 else HISTORY_SECONDS + 3.0
        for _ in range(rng.randint(0, 4)):
            late = rng.random() < 0.15
            at = now - (rng.uniform(0, HISTORY_SECONDS + 60) if late else rng.random())
            room.event(EventKind.order, max(0.0, at), 1, rng.uniform(0, 1000) / rng.choice([1, 3, 7]))
        asked = now + rng.choice([0.0, 0.5, -10.0])
        figures = room.figures(asked)
        exact = _gmv_summed_over_the_window(room, asked)
        assert room._window_gmv() == exact
        assert figures["gmv_per_min"] == round(exact * 60.0 / WINDOW_SECONDS, 2)
