"""What a source delivers, and the rolling figures computed from it (pure domain code).

A source yields two kinds of items:

- `Snapshot`: the room's absolute figures at a moment (online now,
  cumulative viewers, likes total), each optional;
- `RoomEvent`: something that happened (comment, like batch, viewer entered,
  follow, share, gift, product click, order with amount).

`RoomMetrics` folds items into rolling windows kept as per-second buckets in
a bounded ring, so memory stays flat however long the stream runs.
Formulas are in docs/metrics.md.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter, itemgetter
from typing import Protocol

from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.metrics.window import after


class EventKind(str, Enum):
    comment = "comment"
    like = "like"
    enter = "enter"
    follow = "follow"
    share = "share"
    gift = "gift"
    click = "click"
    order = "order"


# Each kind under a plain module name as well: a member read off the enum's class goes through the enum's
# metaclass (some 70 ns, a dozen times for the figures and once or twice for every viewer's act).
COMMENT, LIKE, ENTER, FOLLOW = EventKind.comment, EventKind.like, EventKind.enter, EventKind.follow
SHARE, GIFT, CLICK, ORDER = EventKind.share, EventKind.gift, EventKind.click, EventKind.order


@dataclass(slots=True)
class Snapshot:
    at: float
    online: int | None = None
    cumulative_viewers: int | None = None
    likes_total: int | None = None


@dataclass(slots=True)
class RoomEvent:
    at: float
    kind: EventKind
    count: int = 1  # likes in a batch, gifts in a combo, items in an order
    amount: float = 0.0  # order value in yuan
    user: str | None = None
    product: str | None = None  # which product an order is for, when the source knows


Item = Snapshot | RoomEvent

# Figures a source may or may not carry: the public Douyin feed has no commerce figures.
COMMERCE = frozenset({"product_clicks", "orders", "gmv"})

# The largest figures a room can hold. A feed that says more is broken, and
# anything past these (or not finite) is refused before it reaches the figures.
MAX_COUNT = 10**12  # viewers, likes, items in one batch: more than any room has
MAX_AMOUNT = 10**9  # yuan in one order

# Orders counted against each product ("sold:<sku or name>"): a plan's stock minus these is what is left.
SOLD_PREFIX = "sold:"

MAX_COMMENT_CHARS = 500  # a longer comment is read this far: no real one is longer
WINDOW_SECONDS = 60  # the "per minute" window
HISTORY_SECONDS = 15 * 60  # buckets kept for trends


@dataclass(slots=True)
class _Bucket:
    second: int
    counts: dict[EventKind, int] = field(default_factory=dict)
    gmv: float = 0.0
    # Users whose latest interaction fell in this second: each user sits in
    # exactly one bucket, so distinct users over a window is a sum of sizes.
    latest_interactions: set[str] = field(default_factory=set)
    anonymous_interactions: int = 0
    orders: int = 0  # order items (of any count): a bucket with one is in the room's list of order buckets
    detached: bool = False  # a bucket for an item older than the history, not kept


_INTERACTIONS = (COMMENT, LIKE, SHARE)
_clipped = itemgetter(slice(None, MAX_COMMENT_CHARS))  # a comment as far as it is read, cut in C


_second = attrgetter("second")  # a bucket's second, read in C: the windows' binary searches call it a dozen times


class RoomSink(Protocol):
    """What a source writes room data into."""

    def snapshot(self, at: float, online: int | None = None, cumulative_viewers: int | None = None,
                 likes_total: int | None = None) -> None: ...

    def event(self, kind: EventKind, at: float, count: int = 1, amount: float = 0.0,
              user: str | None = None, product: str | None = None) -> None: ...

    def said(self, text: str, at: float) -> None: ...


def write_item(sink: RoomSink, item: Item) -> None:
    """An item object written into a sink's plain calls (RoomMetrics.add, a merged source's sink)."""
    if isinstance(item, Snapshot):
        sink.snapshot(item.at, item.online, item.cumulative_viewers, item.likes_total)
    else:
        sink.event(item.kind, item.at, item.count, item.amount, item.user, item.product)


@dataclass(slots=True)
class Acts:
    """A room's acts in one second, as a simulator makes them (all at one time): `RoomMetrics.acts` counts
    them at once; `write_acts` writes them into any other sink act by act. Side by side lists, so their
    lengths and sums are read in C."""

    entries: int = 0  # viewers who entered (one event)
    commenters: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # what each commenter said
    likers: list[str] = field(default_factory=list)
    likes: list[int] = field(default_factory=list)  # each liker's batch
    sharers: list[str] = field(default_factory=list)
    followers: list[str] = field(default_factory=list)
    gifters: list[str] = field(default_factory=list)
    clickers: list[str] = field(default_factory=list)
    buyers: list[str] = field(default_factory=list)
    bought: list[int] = field(default_factory=list)  # the click (its index) each buyer's order came from
    price: float = 0.0  # each order's amount
    product: str | None = None  # what each order names

    def __len__(self) -> int:
        """How many events the acts are (words are not events)."""
        return ((self.entries > 0) + len(self.commenters) + len(self.likers) + len(self.sharers)
                + len(self.followers) + len(self.gifters) + len(self.clickers) + len(self.buyers))


def write_acts(sink: RoomSink, at: float, acts: Acts) -> None:
    """A second's acts as a sink's plain calls, in the order the simulator makes them (a comment's words
    right after its event, an order right after the click it came from)."""
    event = sink.event
    if acts.entries:
        event(ENTER, at, acts.entries)
    for user, words in zip(acts.commenters, acts.words, strict=True):
        event(COMMENT, at, 1, 0.0, user)
        sink.said(words, at)
    for user, count in zip(acts.likers, acts.likes, strict=True):
        event(LIKE, at, count, 0.0, user)
    for user in acts.sharers:
        event(SHARE, at, 1, 0.0, user)
    for user in acts.followers:
        event(FOLLOW, at, 1, 0.0, user)
    for user in acts.gifters:
        event(GIFT, at, 1, 0.0, user)
    orders = dict(zip(acts.bought, acts.buyers, strict=True))
    for index, user in enumerate(acts.clickers):
        event(CLICK, at, 1, 0.0, user)
        buyer = orders.get(index)
        if buyer is not None:
            event(ORDER, at, 1, acts.price, buyer, acts.product)


# Times (seconds on the session's clock) beyond this are garbage, not a very long show.
LATEST_TIME = 1e12


def _in_range(value: float, bound: float = LATEST_TIME) -> bool:
    """Finite and within ±bound (False for NaN and the infinities)."""
    return -bound <= value <= bound


def _count_or_none(value: int | None) -> bool:
    return value is None or 0 <= value <= MAX_COUNT


class RoomMetrics:
    """Rolling analytics over a room's items. Feed with `add` (or the sink methods), read with `figures(now)`."""

    def __init__(self, provides_commerce: bool = True, audience: AudienceTracker | None = None) -> None:
        self.provides_commerce = provides_commerce
        self.audience = audience  # classifies comments' words when set (docs/metrics.md, audience)
        self.online: int | None = None
        self.online_peak = 0
        self.cumulative_viewers: int | None = None
        self.likes_total_reported: int | None = None
        self.totals: dict[EventKind, int] = {kind: 0 for kind in EventKind}
        self.gmv = 0.0
        self.last_item_at: float | None = None
        self.items = 0
        self.rejected = 0  # items with a figure out of range (a source's bug): not counted
        self.sold: dict[str, int] = {}  # orders per product
        self.selling: str | None = None  # the product an order that names none is for (the running segment's)
        self._user_bucket: dict[str, _Bucket] = {}
        self._buckets: deque[_Bucket] = deque()
        self._recorded: dict[str, float] | None = None  # a recorded room's figures (a drill), shown as they were
        # The per-minute window as running sums: what the buckets later than `_window_start` hold, kept as
        # items arrive and as the window moves, so a figure costs the same whatever the history holds.
        self._window_start: int | None = None  # None until figures are first asked for
        self._window_counts: dict[EventKind, int] = dict.fromkeys(EventKind, 0)
        self._window_users = 0
        self._window_anonymous = 0
        # GMV is summed afresh, bucket by bucket in time order, as it always was: money added and taken out
        # of a running float drifts from that sum, and a figure rounded to cents could turn. Only the buckets
        # holding an order are read (a bucket without one adds exactly 0.0): the few of the window.
        self._order_buckets: deque[_Bucket] = deque()

    def restore(self, figures: dict[str, float]) -> None:
        """Carry on counting from a journaled sample's figures (a resumed session)."""
        names = {EventKind.comment: "comments", EventKind.enter: "entries", EventKind.follow: "new_followers",
                 EventKind.share: "shares", EventKind.gift: "gifts", EventKind.click: "product_clicks",
                 EventKind.order: "orders"}
        figures = {name: value for name, value in figures.items() if _in_range(value, MAX_COUNT * MAX_AMOUNT)}
        for kind, name in names.items():
            if name in figures:
                self.totals[kind] = int(figures[name])
        if "likes" in figures:
            self.likes_total_reported = int(figures["likes"])
        self.gmv = figures.get("gmv", self.gmv)
        self.online_peak = int(figures.get("online_peak", self.online_peak))
        if "online" in figures:
            self.online = int(figures["online"])
        if "cumulative_viewers" in figures:
            self.cumulative_viewers = int(figures["cumulative_viewers"])
        self.sold.update({name.removeprefix(SOLD_PREFIX): int(value) for name, value in figures.items()
                          if name.startswith(SOLD_PREFIX)})

    def add(self, item: Item) -> None:
        write_item(self, item)

    # The two methods below are the sink every source writes into: plain calls,
    # no item objects, because busy rooms and long captures send a lot.

    def snapshot(self, at: float, online: int | None = None, cumulative_viewers: int | None = None,
                 likes_total: int | None = None) -> None:
        if not (_in_range(at) and _count_or_none(online) and _count_or_none(cumulative_viewers)
                and _count_or_none(likes_total)):
            self.rejected += 1
            return
        self.items += 1
        if self.last_item_at is None or at > self.last_item_at:
            self.last_item_at = at
        if online is not None:
            self.online = online
            if online > self.online_peak:
                self.online_peak = online
        if cumulative_viewers is not None:
            self.cumulative_viewers = cumulative_viewers
        if likes_total is not None:
            self.likes_total_reported = likes_total

    def event(self, kind: EventKind, at: float, count: int = 1, amount: float = 0.0,
              user: str | None = None, product: str | None = None) -> None:
        # Every viewer's act comes here: the usual case (in range, in the newest bucket) is read inline.
        if not (-LATEST_TIME <= at <= LATEST_TIME and 0 <= count <= MAX_COUNT and 0 <= amount <= MAX_AMOUNT):
            self.rejected += 1  # NaN fails every comparison, so it lands here too
            return
        self.items += 1
        if self.last_item_at is None or at > self.last_item_at:
            self.last_item_at = at
        buckets = self._buckets
        if buckets and 0 <= at and buckets[-1].second == int(at):
            bucket = buckets[-1]
        else:
            bucket = self._bucket(at)
        counts = bucket.counts
        counts[kind] = counts.get(kind, 0) + count
        self.totals[kind] += count
        start = self._window_start
        windowed = start is not None and bucket.second > start and not bucket.detached  # _in_window
        if windowed:
            self._window_counts[kind] += count
        if kind is ORDER:
            if not bucket.orders and not bucket.detached:
                self._hold_orders(bucket)
            bucket.gmv += amount
            bucket.orders += 1
            self.gmv += amount
            product = product or self.selling
            if product is not None:
                self.sold[product] = self.sold.get(product, 0) + count
        elif kind in _INTERACTIONS:
            if user is None:
                bucket.anonymous_interactions += 1
                self._window_anonymous += windowed
                return
            if bucket.detached:
                return
            previous = self._user_bucket.get(user)
            if previous is bucket:
                return
            if previous is not None:
                if previous.second > bucket.second:
                    return  # a late item: the user's later interaction already counts
                previous.latest_interactions.discard(user)
                self._window_users -= self._in_window(previous)
            bucket.latest_interactions.add(user)
            self._window_users += windowed
            self._user_bucket[user] = bucket

    def acts(self, at: float, acts: Acts) -> None:
        """A second's acts counted at once: the figures `write_acts(self, at, acts)` would leave, without a
        call for every viewer's act (the simulated room: some eighty thousand in a four-hour show)."""
        likes = acts.likes
        if not (-LATEST_TIME <= at <= LATEST_TIME and 0 <= acts.price <= MAX_AMOUNT and 0 <= acts.entries <= MAX_COUNT
                and (not likes or (min(likes) >= 0 and max(likes) <= MAX_COUNT))):
            write_acts(self, at, acts)  # something is refused: event says what, act by act
            return
        taken = len(acts)
        if not taken:
            return  # no event: no bucket made, as none would be
        self.items += taken
        if self.last_item_at is None or at > self.last_item_at:
            self.last_item_at = at
        buckets = self._buckets
        if buckets and 0 <= at and buckets[-1].second == int(at):
            bucket = buckets[-1]
        else:
            bucket = self._bucket(at)
        counts, totals, window = bucket.counts, self.totals, self._window_counts
        start = self._window_start
        windowed = start is not None and bucket.second > start and not bucket.detached  # _in_window
        orders = len(acts.buyers)
        for kind, count in ((ENTER, acts.entries), (COMMENT, len(acts.commenters)), (LIKE, sum(likes)),
                            (SHARE, len(acts.sharers)), (FOLLOW, len(acts.followers)), (GIFT, len(acts.gifters)),
                            (CLICK, len(acts.clickers)), (ORDER, orders)):
            if count:
                counts[kind] = counts.get(kind, 0) + count
                totals[kind] += count
                if windowed:
                    window[kind] += count
        if orders:
            if not bucket.orders and not bucket.detached:
                self._hold_orders(bucket)
            amount, product = acts.price, acts.product or self.selling
            for _ in range(orders):  # added one by one, as event adds them: the same float sums
                bucket.gmv += amount
                self.gmv += amount
            bucket.orders += orders
            if product is not None:
                self.sold[product] = self.sold.get(product, 0) + orders
        if acts.words and self.audience is not None:
            self.audience.add_all(map(_clipped, acts.words), at)
        if bucket.detached:
            return
        # Who interacted (comments, likes, shares): each user's latest interaction is in this bucket now.
        latest, user_bucket, second = bucket.latest_interactions, self._user_bucket, bucket.second
        for users in (acts.commenters, acts.likers, acts.sharers):
            for user in users:
                if user in latest:
                    continue
                previous = user_bucket.get(user)
                if previous is not None:
                    if previous.second > second:
                        continue  # a late second: the user's later interaction already counts
                    previous.latest_interactions.discard(user)
                    self._window_users -= self._in_window(previous)
                latest.add(user)
                self._window_users += windowed
                user_bucket[user] = bucket

    def recorded(self, at: float, figures: Mapping[str, float]) -> None:
        """A recorded room's figures at `at`, as its journal holds them (a drill): from now on `figures`
        gives these, not figures of its own, since the items they were counted from were never journaled."""
        if not _in_range(at):
            self.rejected += 1
            return
        self.items += 1
        if self.last_item_at is None or at > self.last_item_at:
            self.last_item_at = at
        self._recorded = {name: value for name, value in figures.items() if _in_range(value, MAX_COUNT * MAX_AMOUNT)}
        if "online" in self._recorded:
            self.online = int(self._recorded["online"])
            self.online_peak = max(self.online_peak, self.online)

    def said(self, text: str, at: float) -> None:
        """A comment's words, sent after its event: classified when the room has an audience tracker.
        Only the words: who said them never reaches the tracker."""
        if self.audience is not None and -LATEST_TIME <= at <= LATEST_TIME:
            self.audience.add(text[:MAX_COMMENT_CHARS], at)

    def _bucket(self, at: float) -> _Bucket:
        second = int(at) if at >= 0 else int(math.floor(at))
        buckets = self._buckets
        if buckets and buckets[-1].second == second:
            return buckets[-1]
        if buckets and second < buckets[-1].second:
            # A late item (rare: sources are mostly in order): find or make its bucket.
            if second <= buckets[-1].second - HISTORY_SECONDS:
                return _Bucket(second, detached=True)  # older than the history: counts in totals only
            for index in range(len(buckets) - 1, -1, -1):
                if buckets[index].second == second:
                    return buckets[index]
                if buckets[index].second < second:
                    bucket = _Bucket(second)
                    buckets.insert(index + 1, bucket)
                    return bucket
            bucket = _Bucket(second)
            buckets.appendleft(bucket)
            return bucket
        bucket = _Bucket(second)
        buckets.append(bucket)
        while buckets and buckets[0].second <= second - HISTORY_SECONDS:
            gone = buckets.popleft()
            if self._in_window(gone):  # the figures were last asked for long ago: it leaves their window too
                self._count_in_window(gone, -1)
            if gone.orders:  # the oldest bucket of all, so the oldest holding an order
                self._order_buckets.popleft()
            for user in gone.latest_interactions:
                del self._user_bucket[user]  # forgotten with its bucket: memory stays bounded
        return bucket

    def _hold_orders(self, bucket: _Bucket) -> None:
        """List a bucket's first order: the list stays in time order (a late order's bucket is put in its place)."""
        held = self._order_buckets
        if not held or held[-1].second < bucket.second:
            held.append(bucket)
        else:
            held.insert(after(held, bucket.second, _second), bucket)

    def _window_gmv(self) -> float:
        """GMV in the window: its buckets' GMV summed oldest first, the sum the window always gave."""
        held, start = self._order_buckets, self._window_start
        first = after(held, start, _second) if start is not None else len(held)
        return sum(held[index].gmv for index in range(first, len(held)))

    def _in_window(self, bucket: _Bucket) -> bool:
        return self._window_start is not None and bucket.second > self._window_start and not bucket.detached

    def _count_in_window(self, bucket: _Bucket, sign: int) -> None:
        """Add a bucket to the window's sums (sign 1) or take it out of them (sign -1)."""
        for kind, count in bucket.counts.items():
            self._window_counts[kind] += sign * count
        self._window_users += sign * len(bucket.latest_interactions)
        self._window_anonymous += sign * bucket.anonymous_interactions

    def _slide(self, now: float) -> None:
        """Move the running window to the minute before `now`: the buckets it passes leave or join it."""
        start = int(math.floor(now)) - WINDOW_SECONDS
        old = self._window_start
        if old == start:
            return
        buckets = self._buckets
        if old is None:
            self._window_start = start
            for index in range(after(buckets, start, _second), len(buckets)):
                self._count_in_window(buckets[index], 1)
            return
        low, high, sign = (old, start, -1) if start > old else (start, old, 1)
        index = after(buckets, low, _second)
        while index < len(buckets) and buckets[index].second <= high:
            self._count_in_window(buckets[index], sign)
            index += 1
        self._window_start = start

    def _window(self, now: float, seconds: int = WINDOW_SECONDS) -> list[_Bucket]:
        """The buckets of the last `seconds`: the end of the history (kept in time order), found by time."""
        buckets = self._buckets
        return [buckets[index] for index in range(after(buckets, int(math.floor(now)) - seconds, _second), len(buckets))]

    def rate(self, kind: EventKind, now: float, seconds: int = WINDOW_SECONDS) -> float:
        """Events of this kind per minute over the last `seconds`."""
        total = sum(b.counts.get(kind, 0) for b in self._window(now, seconds))
        return total * 60.0 / seconds

    def figures(self, now: float) -> dict[str, float]:
        """The current figures by metric name, each a float (as a sample holds them); a figure the source
        cannot know is absent."""
        if self._recorded is not None:
            return dict(self._recorded)
        self._slide(now)
        counts, totals = self._window_counts, self.totals
        likes = self.likes_total_reported if self.likes_total_reported is not None else totals[LIKE]
        result: dict[str, float] = {
            "comments_per_min": counts[COMMENT] * 60.0 / WINDOW_SECONDS,
            "likes_per_min": counts[LIKE] * 60.0 / WINDOW_SECONDS,
            "entries_per_min": counts[ENTER] * 60.0 / WINDOW_SECONDS,
            "follows_per_min": counts[FOLLOW] * 60.0 / WINDOW_SECONDS,
            "shares_per_min": counts[SHARE] * 60.0 / WINDOW_SECONDS,
            "gifts_per_min": counts[GIFT] * 60.0 / WINDOW_SECONDS,
            "comments": float(totals[COMMENT]),
            "likes": float(likes),
            "entries": float(totals[ENTER]),
            "new_followers": float(totals[FOLLOW]),
            "shares": float(totals[SHARE]),
            "gifts": float(totals[GIFT]),
            "online_peak": float(self.online_peak),
        }
        if self.audience is not None:
            result.update(self.audience.figures(now))
        online = self.online
        if online is not None:
            result["online"] = float(online)
            if online > 0:
                # Capped: a feed replayed all at once can put more users in one minute than are online.
                result["interaction_rate"] = min(1.0, (self._window_users + self._window_anonymous) / online)
        viewers = self.cumulative_viewers
        if viewers is not None:
            result["cumulative_viewers"] = float(viewers)
        if self.provides_commerce:
            clicks = totals[CLICK]
            orders = totals[ORDER]
            clicks_per_min = counts[CLICK] * 60.0 / WINDOW_SECONDS
            result["product_clicks"] = float(clicks)
            result["product_clicks_per_min"] = clicks_per_min
            result["orders"] = float(orders)
            result["orders_per_min"] = counts[ORDER] * 60.0 / WINDOW_SECONDS
            result["gmv"] = round(self.gmv, 2)
            result["gmv_per_min"] = round(self._window_gmv() * 60.0 / WINDOW_SECONDS, 2)
            if online:
                result["ctr"] = clicks_per_min / online
            if clicks:
                result["conversion"] = orders / clicks
            for product, sold in self.sold.items():
                result[SOLD_PREFIX + product] = float(sold)
            if viewers:
                result["gpm"] = self.gmv * 1000 / viewers
                result["uv_value"] = self.gmv / viewers
        return result
