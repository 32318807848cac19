"""Several sources feeding one room: each figure is read from one source at a time.

A live room is often watched by two feeds at once: a Douyin collector (online, comments,
likes, follows) and the merchant's own jsonl export (clicks, orders, GMV, stock).

Each figure is read from one source for the whole show, never from two (two collectors on
one room see the same comments: adding them up would count each twice):

- a source that says what it can give (`gives`: a douyin feed, the simulated room) owns
  those figures from the start when it is named before the others that may give them;
- between sources that may carry any figure (jsonl, ws), the first to give a figure keeps it.

What a source says of a figure it is not read for is dropped (counted as `shadowed`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rhythm_console.metrics.room import EventKind, Item, RoomMetrics, RoomSink, write_item

# The figures sources are merged by: what the room's panels read.
FIGURE_OF_KIND: dict[EventKind, str] = {
    EventKind.comment: "comments", EventKind.like: "likes", EventKind.enter: "entries",
    EventKind.follow: "follows", EventKind.share: "shares", EventKind.gift: "gifts",
    EventKind.click: "clicks", EventKind.order: "orders",
}
SNAPSHOT_FIGURES = ("online", "viewers", "likes")  # a snapshot's online, cumulative_viewers, likes_total
FIGURES = tuple(dict.fromkeys((*SNAPSHOT_FIGURES, *FIGURE_OF_KIND.values())))
EVERY_FIGURE = frozenset(FIGURES)
# What the public Douyin feed carries (no clicks, orders or GMV: those are the merchant's dashboards').
DOUYIN_FIGURES = frozenset({"online", "viewers", "likes", "comments", "entries", "follows", "shares", "gifts"})


class FigureOwners:
    """Which source each figure is read from (sources by their position on the command line).
    `gives[i]` is what source i can give, None when it may give anything."""

    def __init__(self, gives: Sequence[frozenset[str] | None]) -> None:
        self._owner: dict[str, int] = {}
        for figure in FIGURES:  # the first-named source that says it gives a figure owns it from the start
            for index, can in enumerate(gives):
                if can is None:
                    break  # a source that may give anything, named first: whoever gives it first
                if figure in can:
                    self._owner[figure] = index
                    break

    def claim(self, figure: str, index: int) -> bool:
        """Source `index` gives `figure`: True when it is the one the figure is read from."""
        owner = self._owner.setdefault(figure, index)  # the first to give it keeps it: never two at once
        return owner == index

    def owner(self, figure: str) -> int | None:
        return self._owner.get(figure)

    def as_dict(self) -> dict[str, int]:
        return dict(self._owner)


class SourceSink:
    """One source's way into the shared room: passes on the figures this source is read for."""

    def __init__(self, room: RoomSink, owners: FigureOwners, index: int) -> None:
        self._room = room
        self._owners = owners
        self._index = index
        self.items = 0  # everything the source delivered, kept or not (the runner's sign of life)
        self.shadowed = 0  # items dropped because an earlier-named source gives that figure
        self.last_item_at: float | None = None

    def _delivered(self, at: float) -> None:
        self.items += 1
        if self.last_item_at is None or at > self.last_item_at:
            self.last_item_at = at

    def snapshot(self, at: float, online: int | None = None, cumulative_viewers: int | None = None,
                 likes_total: int | None = None) -> None:
        self._delivered(at)
        claim, index = self._owners.claim, self._index
        given = (online, cumulative_viewers, likes_total)
        kept = [value if value is not None and claim(figure, index) else None
                for figure, value in zip(SNAPSHOT_FIGURES, given, strict=True)]
        if kept == [None, None, None]:
            self.shadowed += 1
            return
        self._room.snapshot(at, *kept)

    def event(self, kind: EventKind, at: float, count: int = 1, amount: float = 0.0,
              user: str | None = None, product: str | None = None) -> None:
        self._delivered(at)
        if self._owners.claim(FIGURE_OF_KIND[kind], self._index):
            self._room.event(kind, at, count, amount, user, product)
        else:
            self.shadowed += 1

    def said(self, text: str, at: float) -> None:
        if self._owners.owner("comments") == self._index:  # the words go with the comments they belong to
            self._room.said(text, at)

    def add(self, item: Item) -> None:
        write_item(self, item)


class MergedRoom:
    """The sinks for several sources writing into one room. One source writes into the room directly."""

    def __init__(self, room: RoomMetrics, gives: Sequence[frozenset[str] | None]) -> None:
        self.room = room
        self.owners = FigureOwners(gives)
        count = len(gives)
        self.sinks: list[RoomMetrics | SourceSink] = (
            [room] if count == 1 else [SourceSink(room, self.owners, index) for index in range(count)])

    def last_item_at(self, index: int) -> float | None:
        return self.sinks[index].last_item_at

    def figure_sources(self) -> dict[str, int]:
        """Each figure given so far, and the source (its position) it is read from."""
        if len(self.sinks) == 1:
            return {figure: 0 for figure in FIGURES} if self.room.items else {}
        return self.owners.as_dict()


def source_kind(name: str) -> str:
    """A source's kind from its name ("douyin:/x.jsonl" → douyin, "ws://127.0.0.1:2019" → ws)."""
    return name.partition(":")[0]


def source_numbers(kinds: Sequence[str]) -> list[int | None]:
    """For a short label per source: its number among sources of its kind, None when it is the only one."""
    return [kinds[:index + 1].count(kind) if kinds.count(kind) > 1 else None for index, kind in enumerate(kinds)]
