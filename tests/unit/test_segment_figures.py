import pytest

from rhythm_console.events import Advance, MetricSample, ShowStarted
from rhythm_console.review.segments import CUMULATIVE, figures_by_segment


def test_samples_are_attributed_to_the_running_segment(small_plan):
    events = [
        MetricSample(at=0, values={"online": 100, "comments": 0, "orders": 0}),
        ShowStarted(at=1),
        MetricSample(at=2, values={"online": 200, "interaction_rate": 0.1, "comments": 10, "orders": 1, "product_clicks": 5}),
        MetricSample(at=3, values={"online": 400, "interaction_rate": 0.3, "comments": 30, "orders": 3, "product_clicks": 15}),
        Advance(at=4),
        MetricSample(at=5, values={"online": 300, "comments": 35, "orders": 7, "product_clicks": 25, "ctr": 0.02}),
        MetricSample(at=6, values={"online": 300, "comments": 35, "orders": 7, "product_clicks": 25, "ctr": 0.04}),
    ]
    state, figures = figures_by_segment(small_plan, events)
    opening, coat = figures["open"], figures["coat"]
    assert opening.online_average == 300 and opening.online_peak == 400
    assert opening.interaction_average == pytest.approx(0.2)
    assert opening.growth("comments") == 30  # counted from the sample before the start
    assert opening.growth("orders") == 3
    assert opening.growth("product_clicks") == 15  # first seen inside the segment: from its first sample
    assert coat.growth("orders") == 4 and coat.growth("comments") == 5
    assert coat.growth("gmv") is None
    assert coat.ctr == pytest.approx(0.03)  # the mean of its CTR samples
    assert state.running.id == "coat"


def _every_figure(value: float) -> dict[str, float]:
    return dict.fromkeys(CUMULATIVE, value)


def test_samples_with_every_figure_and_samples_with_some_mix(small_plan):
    """Most samples report every cumulative figure (kept as one row), some only a few (kept by name on top):
    a figure's last value is the latest sample that reported it, whichever kind that was."""
    events = [
        MetricSample(at=0, values=_every_figure(10)),
        ShowStarted(at=1),
        MetricSample(at=2, values={"orders": 12, "gmv": 120}),  # the baseline of these two: 10, from before
        MetricSample(at=3, values=_every_figure(20)),  # the others are first seen here
        MetricSample(at=4, values={"comments": 25}),  # after a whole row: this one figure moves on
        Advance(at=5),
        MetricSample(at=6, values={"orders": 30}),  # the coat's baseline: the row at 3 s, as nothing later had orders
        MetricSample(at=7, values={**_every_figure(40), "gmv": 400}),
        MetricSample(at=8, values={"likes": 41}),
    ]
    _, figures = figures_by_segment(small_plan, events)
    opening, coat = figures["open"], figures["coat"]
    assert opening.growth("orders") == 10 and opening.growth("gmv") == 10  # 20 - 10: the row at 3 s is the last
    assert opening.growth("comments") == 5  # 25 - 20
    assert opening.growth("shares") == 0  # 20 - 20
    assert coat.growth("orders") == 20  # 40 - 20
    assert coat.growth("gmv") == 0 and coat.growth("likes") == 1  # first seen in the coat at 400 and 40
    assert coat.growth("comments") == 0  # 40 - 40
