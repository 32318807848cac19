"""A segment-aware simulation of a Douyin commerce room.

Deterministic for a seed and a sequence of contexts: the same show, driven
the same way, produces the same room, so demos and tests repeat exactly.

The model, per simulated second:
- viewers enter (more during lotteries and the opening) and leave after two
  and a half minutes on average (sooner as a product explanation drags on past
  four minutes, later while a lucky bag is waiting to be drawn);
- comments, likes and shares scale with online viewers and the segment kind;
  a lottery or an "add interaction" cue lifts them for a while; comments carry
  words, mixed by segment kind (simulated_voices.py);
- while a product is presented, clicks depend on price; pushing the link (a
  cue) brings a burst of clicks; orders convert from clicks, name their product
  and stop when its stock (counted across every segment selling it) runs out.

The rates are set so the room's figures fall in the ranges public guides give for
Douyin commerce rooms (docs/metrics.md, "The simulated room"); a test keeps them there.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right as bisect
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from rhythm_console.metrics.room import (
    SOLD_PREFIX,
    Acts,
    EventKind,
    Item,
    RoomEvent,
    RoomMetrics,
    RoomSink,
    Snapshot,
    write_acts,
)
from rhythm_console.sources.simulated_voices import DEFAULT_MIX, MIX_BY_KIND, VOICES

# Words in a cue's text that make the simulated room react.
_INTERACTION_WORDS = ("互动", "福袋", "评论", "interaction", "lucky bag", "comment")
_LINK_WORDS = ("链接", "上车", "link")


class RoomContext(NamedTuple):
    """What the room can see of the show at one moment (a named tuple: one is made every simulated second)."""

    live: bool
    kind: str | None = None  # the running segment's kind
    segment_elapsed: float = 0.0
    segment_id: str | None = None
    price: float | None = None
    product: str | None = None  # the product's key (sku or name): orders name it
    stock: int | None = None
    prompt: str | None = None  # what a lucky bag asks viewers to comment (its 口令)
    new_cues: tuple[str, ...] = ()  # texts of cues sent since the last step


@dataclass
class _RoomModel:
    online: float = 0.0
    cumulative: int = 0
    likes_total: int = 0
    interaction_boost_until: float = -1.0
    link_burst_until: float = -1.0
    sold: dict[str, int] = field(default_factory=dict)  # orders per product key


@dataclass(frozen=True)
class Said:
    """A comment's words, said right after its comment event (the room's sink hears them with `said`)."""

    at: float
    text: str


class _Items:
    """A sink that keeps what it is given as items, in order (`RoomSimulator.step`)."""

    def __init__(self) -> None:
        self.items: list[Item | Said] = []

    def snapshot(self, at: float, online: int | None = None, cumulative_viewers: int | None = None,
                 likes_total: int | None = None) -> None:
        self.items.append(Snapshot(at, online, cumulative_viewers, likes_total))

    def event(self, kind: EventKind, at: float, count: int = 1, amount: float = 0.0,
              user: str | None = None, product: str | None = None) -> None:
        self.items.append(RoomEvent(at, kind, count, amount, user, product))

    def said(self, text: str, at: float) -> None:
        self.items.append(Said(at, text))


_ENTRY_FACTOR = {"opening": 1.6, "lottery": 1.5, "interaction": 1.2, "closing": 0.7, "break": 0.6, "qa": 0.9}
_COMMENT_FACTOR = {"lottery": 4.0, "interaction": 2.6, "qa": 2.0, "opening": 1.4, "break": 0.5, "closing": 1.2}
_MEAN_STAY = 150.0  # seconds a viewer stays on average: a room that holds its viewers well
# Per viewer online, per second, at interaction factor 1: about 3.5 % of the room interacts in a minute.
_COMMENT_RATE, _LIKE_BATCH_RATE, _SHARE_RATE = 0.00025, 0.0003, 0.00004
_PATIENCE = 480.0  # seconds on one product before viewers start asking for the next
_IMPATIENCE = 0.000006  # complaints per viewer per second, per minute past that: 2,000 online, 4 over -> ~3/min


class RoomSimulator:
    def __init__(self, seed: int = 1, scale: float = 1.0, start: dict[str, float] | None = None,
                 lang: str = "zh") -> None:
        """`start`: figures to carry on from (a resumed show's last sample), so its totals keep counting.
        `lang`: the language the audience comments in."""
        self.rng = random.Random(seed)
        self.scale = scale
        self._voices = VOICES.get(lang, VOICES["zh"])
        self._mixes: dict[tuple[str | None, float], tuple[tuple[str, ...], list[float], float]] = {}
        start = start or {}
        self.model = _RoomModel(online=start.get("online", 40 * scale),
                                cumulative=int(start.get("cumulative_viewers", 0)),
                                likes_total=int(start.get("likes", 0)),
                                sold={name.removeprefix(SOLD_PREFIX): int(value) for name, value in start.items()
                                      if name.startswith(SOLD_PREFIX)})

    def _poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.rng.gauss(lam, math.sqrt(lam)))))
        rng = self.rng  # drawn a few dozen times a second: one lookup fewer a draw
        limit, k, product = math.exp(-lam), 0, rng.random()
        while product > limit:
            k += 1
            product *= rng.random()
        return k

    def _user(self) -> str:
        # Someone in the room now: the latest entrants, as many as are online (sometimes the same one again).
        low, span = self._audience()
        if span <= 0:  # no one online: randrange says so, as it always did
            return f"u{self.rng.randrange(low, low + span)}"
        return f"u{low + self.rng._randbelow(span)}"  # type: ignore[attr-defined]  # randrange(low, low + span) without its checks: the same draw

    def _audience(self) -> tuple[int, int]:
        """The first of the viewers online now (the latest entrants) and how many of them there are."""
        newest = self.model.cumulative
        low, high = max(0, newest - int(self.model.online)), max(1, newest)
        return low, high - low

    def _mix(self, kind: str | None, buy_weight: float) -> tuple[tuple[str, ...], list[float], float]:
        """The topics said in a segment of `kind`, their cumulative weights and the weights' total (what
        `choices` makes of the weights each time it is given them: the same draw), made once per kind and weight."""
        made = self._mixes.get((kind, buy_weight))
        if made is None:
            mix = MIX_BY_KIND.get(kind, DEFAULT_MIX) if kind else DEFAULT_MIX
            weights = [weight * buy_weight if topic == "buy_signals" else weight for topic, weight in mix.items()]
            cumulative = list(accumulate(weights))
            made = self._mixes[kind, buy_weight] = (tuple(mix), cumulative, cumulative[-1] + 0.0)
        return made

    def step(self, at: float, context: RoomContext) -> list[Item | Said]:
        """The room's items for the second ending at `at`."""
        items = _Items()
        self.step_into(at, context, items)
        return items.items

    def step_into(self, at: float, context: RoomContext, sink: RoomSink) -> int:
        """The second ending at `at` written straight into a room's sink, in the order `step` lists it (no item
        objects: one is made for every viewer's act; a RoomMetrics counts the second's acts at once); how many
        items it wrote (words are not items)."""
        acts = self._acts(at, context)
        if isinstance(sink, RoomMetrics):
            sink.acts(at, acts)
        else:
            write_acts(sink, at, acts)
        sink.snapshot(at, int(self.model.online), self.model.cumulative, self.model.likes_total)
        return len(acts) + 1  # and the snapshot

    def _acts(self, at: float, context: RoomContext) -> Acts:
        """What the room does in the second ending at `at` (every draw of it, in the order it was always made)."""
        model = self.model
        for text in context.new_cues:
            lowered = text.lower()
            if any(word in lowered for word in _INTERACTION_WORDS):
                model.interaction_boost_until = at + 90
            if any(word in lowered for word in _LINK_WORDS):
                model.link_burst_until = at + 60
        kind = context.kind if context.live else None
        poisson = self._poisson
        presenting = context.price is not None and kind not in (None, "lottery")

        entry_rate = 12.0 * self.scale * (_ENTRY_FACTOR.get(kind, 1.0) if kind else 0.1)
        leave_rate = model.online / _MEAN_STAY
        elapsed = context.segment_elapsed
        if presenting and elapsed > 240:  # dragging on
            leave_rate *= 1 + (elapsed - 240) / 600
        if kind == "lottery":
            leave_rate *= 0.7  # viewers wait for the draw
        entries = poisson(entry_rate)
        leaves = min(int(model.online), poisson(leave_rate))
        model.online = max(0.0, model.online + entries - leaves)
        online = model.online  # as it stays for the rest of the second
        model.cumulative += entries
        # One batch a second: who entered is never asked, and a busy room enters by the dozen.
        acts = Acts(entries)
        # Who acts for the rest of the second: _user's draw, of the same viewers online throughout.
        low, span = self._audience()
        rng = self.rng
        random, randbelow = rng.random, rng._randbelow  # type: ignore[attr-defined]  # randrange without its checks

        def someone() -> str:
            return f"u{low + randbelow(span)}"

        user = someone if span > 0 else self._user  # no one online: _user says so, as it always did

        interaction = _COMMENT_FACTOR.get(kind, 1.0) if kind else 0.3
        if presenting:
            interaction *= max(0.35, 1 - elapsed / 900)
        if at < model.interaction_boost_until:
            interaction *= 1.8
        buy_weight = 3.0 if at < model.link_burst_until else 1.0  # a pushed link brings buyers' words
        comments = poisson(online * _COMMENT_RATE * interaction)
        commenters, said = acts.commenters, acts.words
        if comments:
            topics, cumulative, total = self._mix(kind, buy_weight)
            last, prompt, voices = len(topics) - 1, context.prompt, self._voices
            for _ in range(comments):
                commenters.append(user())
                # rng.choices(topics, cum_weights=cumulative)[0] without its checks (made once, in _mix): the same draw.
                topic = topics[bisect(cumulative, random() * total, 0, last)]
                if topic == "lottery_prompt" and prompt:
                    said.append(prompt)
                else:
                    lines = voices[topic]
                    said.append(lines[randbelow(len(lines))])  # rng.choice(lines): the same draw
        if presenting and elapsed > _PATIENCE:
            # Past eight minutes on one product the room grows impatient, more so every minute.
            minutes_over = (elapsed - _PATIENCE) / 60
            complaints = poisson(online * _IMPATIENCE * minutes_over)
            for _ in range(complaints):
                commenters.append(user())
                said.append(rng.choice(self._voices["rhythm_complaints"]))
        like_batches = poisson(online * _LIKE_BATCH_RATE * interaction)
        for _ in range(like_batches):
            count = 1 + poisson(8)
            model.likes_total += count
            acts.likes.append(count)
            acts.likers.append(user())
        shares = poisson(online * _SHARE_RATE * interaction)
        for _ in range(shares):  # a loop, not a comprehension: most seconds have none, and a comprehension is a call
            acts.sharers.append(user())
        follows = poisson(entries * 0.006 + online * 0.00002)
        for _ in range(follows):  # a loop, not a comprehension: most seconds have none, and a comprehension is a call
            acts.followers.append(user())
        if kind == "lottery":
            gifts = poisson(online * 0.0003)
            for _ in range(gifts):  # a loop, not a comprehension: most seconds have none, and a comprehension is a call
                acts.gifters.append(user())

        if presenting and context.price is not None:
            price_factor = 1 / (1 + context.price / 400)
            click_rate = online * 0.0012 * price_factor
            if at < model.link_burst_until:
                click_rate *= 3
            clicks = poisson(click_rate)
            product = context.product or context.segment_id or ""
            acts.price, acts.product = context.price, context.product
            clickers = acts.clickers
            for _ in range(clicks):
                clickers.append(user())
                sold = model.sold.get(product, 0)
                in_stock = context.stock is None or sold < context.stock
                if in_stock and random() < 0.05 + 0.07 * price_factor:
                    model.sold[product] = sold + 1
                    acts.bought.append(len(clickers) - 1)
                    acts.buyers.append(user())
        return acts
