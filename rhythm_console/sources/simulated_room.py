"""A segment-aware simulation of a Douyin commerce room.

Deterministic for a seed and a sequence of contexts: the same show, driven
the same way, produces the same room, so demos and tests repeat exactly.

The model, per simulated second:
- viewers enter (more during lotteries and the opening) and leave (more as a
  product explanation drags on past four minutes);
- comments, likes and shares scale with online viewers and the segment kind;
  a lottery or an "add interaction" cue lifts them for a while;
- during product segments, clicks depend on price; pushing the link (a cue)
  brings a burst of clicks; orders convert from clicks, name their product
  and stop when its stock (counted across every segment selling it) runs out.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from rhythm_console.metrics.room import SOLD_PREFIX, EventKind, Item, RoomEvent, Snapshot

# Words in a cue's text that make the simulated room react.
_INTERACTION_WORDS = ("互动", "福袋", "评论", "interaction", "lucky bag", "comment")
_LINK_WORDS = ("链接", "上车", "link")


@dataclass(frozen=True)
class RoomContext:
    """What the room can see of the show at one moment."""

    live: bool
    kind: str | None = None  # the running segment's kind
    segment_elapsed: float = 0.0
    segment_id: str | None = None
    price: float | None = None
    product: str | None = None  # the product's key (sku or name): orders name it
    stock: int | None = None
    new_cues: tuple[str, ...] = ()  # texts of cues sent since the last step


@dataclass
class _RoomModel:
    online: float = 0.0
    cumulative: int = 0
    likes_total: int = 0
    interaction_boost_until: float = -1.0
    link_burst_until: float = -1.0
    sold: dict[str, int] = field(default_factory=dict)  # orders per product key


_ENTRY_FACTOR = {"opening": 1.6, "lottery": 2.6, "interaction": 1.3, "closing": 0.7, "break": 0.6, "qa": 0.9}
_COMMENT_FACTOR = {"lottery": 4.0, "interaction": 2.6, "qa": 2.0, "opening": 1.4, "break": 0.5, "closing": 1.2}


class RoomSimulator:
    def __init__(self, seed: int = 1, scale: float = 1.0, start: dict[str, float] | None = None) -> None:
        """`start`: figures to carry on from (a resumed show's last sample), so its totals keep counting."""
        self.rng = random.Random(seed)
        self.scale = scale
        start = start or {}
        self.model = _RoomModel(online=start.get("online", 40 * scale),
                                cumulative=int(start.get("cumulative_viewers", 0)),
                                likes_total=int(start.get("likes", 0)),
                                sold={name.removeprefix(SOLD_PREFIX): int(value) for name, value in start.items()
                                      if name.startswith(SOLD_PREFIX)})
        self._users = self.model.cumulative  # new viewers get new names

    def _poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.rng.gauss(lam, math.sqrt(lam)))))
        limit, k, product = math.exp(-lam), 0, self.rng.random()
        while product > limit:
            k += 1
            product *= self.rng.random()
        return k

    def _user(self) -> str:
        # Mostly viewers already in the room, sometimes the same one again.
        return f"u{self.rng.randrange(max(1, self.model.cumulative))}"

    def step(self, at: float, context: RoomContext) -> list[Item]:
        """The room's items for the second ending at `at`."""
        model = self.model
        for text in context.new_cues:
            lowered = text.lower()
            if any(word in lowered for word in _INTERACTION_WORDS):
                model.interaction_boost_until = at + 90
            if any(word in lowered for word in _LINK_WORDS):
                model.link_burst_until = at + 60
        kind = context.kind if context.live else None
        items: list[Item] = []

        entry_rate = 3.0 * self.scale * (_ENTRY_FACTOR.get(kind, 1.0) if kind else 0.3)
        leave_rate = model.online / 600
        if kind == "product" and context.segment_elapsed > 240:
            leave_rate *= 1 + (context.segment_elapsed - 240) / 300
        if kind == "lottery":
            leave_rate *= 0.4
        entries = self._poisson(entry_rate)
        leaves = min(int(model.online), self._poisson(leave_rate))
        model.online = max(0.0, model.online + entries - leaves)
        model.cumulative += entries
        for _ in range(entries):
            self._users += 1
            items.append(RoomEvent(at=at, kind=EventKind.enter, user=f"u{self._users}"))

        interaction = _COMMENT_FACTOR.get(kind, 1.0) if kind else 0.3
        if kind == "product":
            interaction *= max(0.35, 1 - context.segment_elapsed / 900)
        if at < model.interaction_boost_until:
            interaction *= 1.8
        for _ in range(self._poisson(model.online * 0.0004 * interaction)):
            items.append(RoomEvent(at=at, kind=EventKind.comment, user=self._user()))
        like_batches = self._poisson(model.online * 0.0005 * interaction)
        for _ in range(like_batches):
            count = 1 + self._poisson(8)
            model.likes_total += count
            items.append(RoomEvent(at=at, kind=EventKind.like, count=count, user=self._user()))
        for _ in range(self._poisson(model.online * 0.0004 * interaction)):
            items.append(RoomEvent(at=at, kind=EventKind.share, user=self._user()))
        for _ in range(self._poisson(entries * 0.02 + model.online * 0.00003)):
            items.append(RoomEvent(at=at, kind=EventKind.follow, user=self._user()))
        if kind == "lottery":
            for _ in range(self._poisson(model.online * 0.0003)):
                items.append(RoomEvent(at=at, kind=EventKind.gift, user=self._user()))

        if kind == "product" and context.price is not None:
            price_factor = 1 / (1 + context.price / 400)
            click_rate = model.online * 0.0012 * price_factor
            if at < model.link_burst_until:
                click_rate *= 3
            clicks = self._poisson(click_rate)
            product = context.product or context.segment_id or ""
            for _ in range(clicks):
                items.append(RoomEvent(at=at, kind=EventKind.click, user=self._user()))
                sold = model.sold.get(product, 0)
                in_stock = context.stock is None or sold < context.stock
                if in_stock and self.rng.random() < 0.05 + 0.07 * price_factor:
                    model.sold[product] = sold + 1
                    items.append(RoomEvent(at=at, kind=EventKind.order, amount=context.price, user=self._user(),
                                           product=context.product))

        items.append(Snapshot(at=at, online=int(model.online), cumulative_viewers=model.cumulative,
                              likes_total=model.likes_total))
        return items
