import pytest

from rhythm_console.events import Advance, MetricSample, ShowStarted
from rhythm_console.review.segments import figures_by_segment


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
