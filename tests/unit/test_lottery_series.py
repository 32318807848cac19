"""The cumulative comments and entries a lucky bag's lift is read from: figures carried forward,
unknown before their first report, read at a moment including a sample taken at that moment."""

from rhythm_console.events import MetricSample, Note
from rhythm_console.review.lottery import CumulativeSeries


def test_a_figure_is_carried_forward_and_unknown_before_its_first_report():
    series = CumulativeSeries()
    for event in (MetricSample(at=10, values={"online": 5}),  # neither watched figure: nothing held
                  MetricSample(at=20, values={"entries": 4}),
                  Note(at=25, text="not a sample"),
                  MetricSample(at=30, values={"comments": 7, "entries": 9}),
                  MetricSample(at=40, values={"comments": 12})):
        series.observe(event)
    assert list(series.times) == [20, 30, 40]
    assert series.at(19.9) == {}
    assert series.at(20) == {"entries": 4}  # a sample at the very moment counts
    assert series.at(29) == {"entries": 4}
    assert series.at(30) == {"comments": 7, "entries": 9}
    assert series.at(99) == {"comments": 12, "entries": 9}  # entries not in the last sample: the last report stands
    rates = series.window(20, 40)
    assert (rates.seconds, rates.comments, rates.entries) == (20, 12, 5)
    assert series.window(0, 20).comments is None  # never reported by then: not zero, unknown
