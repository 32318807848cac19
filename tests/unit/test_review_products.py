"""A product's sell-out moment is found sample by sample; the tracker sums its orders only when the sum can
have moved (a new run, the sample's orders, a segment's first figures): it must find what summing at every
sample finds."""

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

import rhythm_console.review as review_module
from rhythm_console.events import Advance, MetricSample, ShowEnded, ShowStarted
from rhythm_console.plan import parse_plan
from rhythm_console.review import build_review
from rhythm_console.review.products import ProductTracker

PLAN = parse_plan("""
show: {title: 货}
segments:
  - {id: open, kind: opening, title: 开场, duration: 1m}
  - {id: coat, kind: product, title: 大衣, duration: 1m, product: {name: 大衣, sku: C1, price: 899, stock: 6}}
  - {id: scarf, kind: product, title: 围巾, duration: 1m, product: {name: 围巾, price: 99, stock: 4}}
  - {id: again, kind: product, title: 大衣返场, duration: 1m, product: {name: 大衣, sku: C1, price: 899, stock: 6}}
  - {id: close, kind: closing, title: 收尾, duration: 1m}
""")


class EverySample(ProductTracker):
    """The sum taken at every sample, as before the tracker skipped any."""

    def moves(self, *args, **kwargs) -> bool:  # type: ignore[no-untyped-def]
        product = self._product
        return product is not None and product.sold_out_at is None and product.stock is not None


steps = st.lists(st.one_of(st.just(None), st.dictionaries(st.sampled_from(["orders", "gmv", "online"]),
                                                          st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0]))),
                 max_size=60)


def _products(events, tracker):
    original = review_module.ProductTracker
    review_module.ProductTracker = tracker
    try:
        review = build_review(PLAN, events, started_wall=datetime(2026, 1, 1, tzinfo=timezone.utc))
    finally:
        review_module.ProductTracker = original
    return [(p.key, p.orders, p.sold_out_at, p.segment_ids) for p in review.products]


@settings(max_examples=200, deadline=None)
@given(steps=steps)
def test_sold_out_is_found_where_summing_every_sample_finds_it(steps):
    events = [ShowStarted(at=0.0)]
    for second, step in enumerate(steps, start=1):
        events.append(Advance(at=float(second)) if step is None else MetricSample(at=float(second), values=step))
    events.append(ShowEnded(at=float(len(steps) + 1)))
    assert _products(events, ProductTracker) == _products(events, EverySample)


def test_a_product_sells_out_at_the_sample_its_orders_reach_its_stock():
    events = [ShowStarted(at=0.0), Advance(at=1.0), MetricSample(at=2.0, values={"orders": 1.0}),
              MetricSample(at=3.0, values={"orders": 4.0}), Advance(at=4.0), Advance(at=5.0),
              MetricSample(at=6.0, values={"orders": 4.0}), MetricSample(at=7.0, values={"orders": 7.0}),
              MetricSample(at=8.0, values={"orders": 7.0})]
    coat, scarf = _products(events, ProductTracker)
    assert coat == ("C1", 6.0, 7.0, ["coat", "again"])  # 3 while the coat ran, 3 in its revisit
    assert scarf == ("围巾", None, None, ["scarf"])  # no sample while it ran
