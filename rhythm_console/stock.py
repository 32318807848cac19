"""A product's remaining stock, derived from the plan's stock and the orders the room reported.

The source's figures carry `sold:<product>` (orders counted against each
product: the source names the product when it knows it, else the product of
the running segment); the state keeps the latest of each, so live, replay and
review all read the same remaining stock from the journal's samples.

The plan's sold-out contingency is the first one whose id, title or trigger
says "sold out" (SOLD_OUT_WORDS, case-insensitive; id words may be joined by
- or _), looked at in that order: an id `sold-out` wins over a title that
mentions 售罄 in passing.
"""

from __future__ import annotations

from rhythm_console.metrics.room import SOLD_PREFIX
from rhythm_console.plan import Contingency, Plan, Product
from rhythm_console.show import ShowState

SOLD_OUT_WORDS = ("售罄", "卖完", "卖光", "断货", "缺货", "库存归零", "sold out", "out of stock", "soldout")


def product_key(product: Product) -> str:
    """How orders name a product: its SKU, else its name."""
    return product.sku or product.name


def sold_metric(product: Product) -> str:
    return SOLD_PREFIX + product_key(product)


def remaining_stock(state: ShowState, product: Product) -> int | None:
    """Stock left (never below 0); None when the plan gives no stock for it."""
    if product.stock is None:
        return None
    return max(0, product.stock - int(state.metrics.get(sold_metric(product), 0)))


def _says_sold_out(text: str) -> bool:
    text = text.lower().replace("-", " ").replace("_", " ")
    return any(word in text for word in SOLD_OUT_WORDS)


def sold_out_contingency(plan: Plan) -> Contingency | None:
    for field in ("id", "title", "trigger"):
        found = next((c for c in plan.contingencies if _says_sold_out(getattr(c, field))), None)
        if found is not None:
            return found
    return None
