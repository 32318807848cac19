"""Per product: stock at the start, orders, sell-through and when it sold out.

The room's samples carry the show's cumulative orders, not one product's, so a
product's orders are those taken while its segments ran (every segment that
presents the same product: the same SKU, or the same name without one). That
is what `orders_source = "segments"` says; the report says it in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rhythm_console.events import Event, MetricSample
from rhythm_console.plan import Product
from rhythm_console.review.segments import SegmentFigures
from rhythm_console.show import SegmentRun, ShowState


@dataclass
class ProductReview:
    key: str  # its SKU, or its name
    name: str
    price: float
    stock: int | None  # as the plan gave it at the start
    segment_ids: list[str] = field(default_factory=list)
    orders: float | None = None  # None: the source reported no orders
    gmv: float | None = None
    sold_out_at: float | None = None  # the first sample at which its orders reached its stock
    orders_source: Literal["segments"] = "segments"

    @property
    def sell_through(self) -> float | None:
        """Orders ÷ stock at the start (one order is taken as one unit)."""
        if self.orders is None or not self.stock:
            return None
        return self.orders / self.stock


def product_key(product: Product) -> str:
    return product.sku or product.name


class ProductTracker:
    """Follows each product's orders sample by sample, so the moment it sold out is known."""

    def __init__(self) -> None:
        self.products: dict[str, ProductReview] = {}
        self._run: SegmentRun | None = None  # the running segment last seen, and its product's entry
        self._product: ProductReview | None = None
        # What the last sum of orders was taken at: the run, the sample's orders and how many segments had figures.
        self._summed: tuple[SegmentRun | None, float | None, int] = (None, None, 0)

    def observe(self, event: Event, before: ShowState, figures: dict[str, SegmentFigures]) -> None:
        """Call after the segment figures have taken the event, with the state before it."""
        self.sample(event, before.running, figures)

    def sample(self, event: Event, running: SegmentRun | None, figures: dict[str, SegmentFigures]) -> None:
        """`observe` with the segment running before the event (a sample's: it changes none)."""
        if self.follows(running) and isinstance(event, MetricSample):
            self.sold_out(event, running, figures)

    def follows(self, running: SegmentRun | None) -> bool:
        """Take the segment running at an event (its product listed as the show reached it); whether that
        product's sell-out is still to be found in its samples' orders (`sold_out`, sample by sample)."""
        if running is None or running.segment.product is None:
            return False
        product = self._product
        if running is not self._run or product is None:  # most events: the same run as the last one
            self._run, self._product = running, (product := self._entry(running.segment.product))
            if running.id not in product.segment_ids:
                product.segment_ids.append(running.id)
        return product.sold_out_at is None and product.stock is not None

    def moves(self, event: MetricSample, running: SegmentRun | None, figures: dict[str, SegmentFigures]) -> bool:
        """Whether the running product's sum of orders can have moved at this sample (so `sold_out` sums it):
        a new run, the sample's orders, or a segment's first figures; never once it sold out."""
        product = self._product
        if product is None or product.sold_out_at is not None or product.stock is None:
            return False
        run, reported, count = self._summed
        return not (running is run and event.values.get("orders") == reported and len(figures) == count)

    def sold_out(self, event: MetricSample, running: SegmentRun | None, figures: dict[str, SegmentFigures]) -> None:
        """Whether the running product sold out at this sample, once `follows` said it is followed and the
        segment figures have taken the sample."""
        if not self.moves(event, running, figures):
            return
        self._summed = (running, event.values.get("orders"), len(figures))
        product = self._product
        orders = self._sum(product, figures, "orders")  # type: ignore[arg-type]  # moves() saw it there
        if product is not None and product.stock is not None and orders is not None and orders >= product.stock:
            product.sold_out_at = event.at

    def finish(self, state: ShowState, figures: dict[str, SegmentFigures]) -> list[ProductReview]:
        """Every product of the show in running order, with its totals; one never presented has none."""
        for run in state.runs:
            if run.segment.product is not None:
                self._entry(run.segment.product)
        for product in self.products.values():
            product.orders = self._sum(product, figures, "orders")
            product.gmv = self._sum(product, figures, "gmv")
        return list(self.products.values())

    def _entry(self, product: Product) -> ProductReview:
        key = product_key(product)
        if key not in self.products:
            self.products[key] = ProductReview(key=key, name=product.name, price=product.price, stock=product.stock)
        return self.products[key]

    @staticmethod
    def _sum(product: ProductReview, figures: dict[str, SegmentFigures], name: str) -> float | None:
        grown = [figures[sid].growth(name) for sid in product.segment_ids if sid in figures]
        known = [value for value in grown if value is not None]
        return sum(known) if known else None
