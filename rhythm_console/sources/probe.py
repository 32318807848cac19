"""Read a whole feed into room figures: what the console would see of it.

Kept free of Textual and pydantic imports so a big capture is read in moments.
"""

from __future__ import annotations

import gc
from typing import IO, TYPE_CHECKING, Any

from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.metrics.room import MAX_AMOUNT, MAX_COMMENT_CHARS, MAX_COUNT, EventKind
from rhythm_console.sources.feeds import Mapper, make_mapper, read_into

if TYPE_CHECKING:
    from rhythm_console.sources.websocket import PushedMapper

_ORDER = EventKind.order  # read once: EventKind.order costs ~50 ns a time (the Enum class), a global ~6


class FeedTally:
    """A feed's totals as its end leaves them: what probe reports. A sink like the console's room,
    with the same bounds on every figure, but no per-minute windows: a capture of millions is
    counted at the pace it can be parsed."""

    def __init__(self, provides_commerce: bool) -> None:
        self.provides_commerce = provides_commerce
        self._audience = AudienceTracker(keep_text=False)
        self._said: dict[str, int] = {}  # comment text -> times said, not yet counted in the audience
        self.totals = {kind: 0 for kind in EventKind}
        self.gmv = 0.0
        self.online: int | None = None
        self.online_peak = 0
        self.cumulative_viewers: int | None = None
        self.likes_total: int | None = None
        self.items = 0
        self.rejected = 0  # a figure out of range: not counted, as the console's room does

    def snapshot(self, at: float, online: int | None = None, cumulative_viewers: int | None = None,
                 likes_total: int | None = None) -> None:
        # Written out, not a helper called three times: about half a busy feed's messages carry a figure.
        if ((online is not None and not 0 <= online <= MAX_COUNT)
                or (cumulative_viewers is not None and not 0 <= cumulative_viewers <= MAX_COUNT)
                or (likes_total is not None and not 0 <= likes_total <= MAX_COUNT)):
            self.rejected += 1
            return
        self.items += 1
        if online is not None:
            self.online = online
            if online > self.online_peak:
                self.online_peak = online
        if cumulative_viewers is not None:
            self.cumulative_viewers = cumulative_viewers
        if likes_total is not None:
            self.likes_total = likes_total

    def event(self, kind: EventKind, at: float, count: int = 1, amount: float = 0.0,
              user: str | None = None, product: str | None = None) -> None:
        if count == 1 and amount == 0.0:  # the usual event: one comment, entry, follow or gift
            self.items += 1
            self.totals[kind] += 1
            return
        if not (0 <= count <= MAX_COUNT and 0 <= amount <= MAX_AMOUNT):
            self.rejected += 1
            return
        self.items += 1
        self.totals[kind] += count
        if kind is _ORDER:
            self.gmv += amount

    def said(self, text: str, at: float) -> None:
        # Counted by text: a room's comments repeat, so each distinct one is classified once, when asked.
        said = self._said
        if len(text) > MAX_COMMENT_CHARS:  # rare: no slice made for the rest
            text = text[:MAX_COMMENT_CHARS]
        said[text] = said.get(text, 0) + 1

    @property
    def audience(self) -> AudienceTracker:
        """The comments' totals per category (a tally keeps no rates or examples)."""
        if self._said:
            said, self._said = self._said, {}
            self._audience.add_totals(said)
        return self._audience

    def metrics(self) -> dict[str, Any]:
        """The final figures by the names `probe --json` prints (None: the source carries no such figure)."""
        totals = self.totals
        commerce = self.provides_commerce
        return {
            "online": self.online, "online_peak": self.online_peak, "comments": totals[EventKind.comment],
            "likes": self.likes_total if self.likes_total is not None else totals[EventKind.like],
            "entries": totals[EventKind.enter], "follows": totals[EventKind.follow],
            "shares": totals[EventKind.share], "gifts": totals[EventKind.gift],
            "product_clicks": totals[EventKind.click] if commerce else None,
            "orders": totals[EventKind.order] if commerce else None,
            "gmv": round(self.gmv, 2) if commerce else None,
        }


def probe(kind: str, handle: IO[bytes], follow: bool = False) -> tuple[Mapper, FeedTally, bool]:
    """Read to the end (or Ctrl-C); returns the mapper's counts, the figures, and whether it was interrupted."""
    tally = FeedTally(provides_commerce=kind == "jsonl")
    mapper = make_mapper(kind, tally)
    # Each message is a tree freed as soon as it is mapped: nothing for the cycle collector to find,
    # and its passes over what the tally and the duplicate window hold cost a seventh of a big read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        read_into(mapper, handle, follow=follow)
    except KeyboardInterrupt:
        return mapper, tally, True
    finally:
        if collecting:
            gc.enable()
    return mapper, tally, False


def probe_pushed(url: str) -> tuple[PushedMapper, FeedTally, bool, int | None]:
    """Read a collector's WebSocket until it closes the connection (or Ctrl-C); raises OSError or
    aiohttp's errors when it cannot connect. The last value: the frame limit in bytes when a frame over it
    ended the read (what was read before it is kept), else None."""
    import asyncio  # only a WebSocket needs an event loop: a file's probe starts without it

    from rhythm_console.sources.websocket import FrameTooLarge, PushedMapper, read_pushed

    tally = FeedTally(provides_commerce=False)  # known once read: a feed that carried our jsonl lines
    mapper = PushedMapper(tally)
    interrupted, too_large = False, None
    try:
        asyncio.run(read_pushed(url, mapper, lambda: 0.0))
    except KeyboardInterrupt:
        interrupted = True
    except FrameTooLarge as exc:
        too_large = exc.limit
    tally.provides_commerce = mapper.provides_commerce
    return mapper, tally, interrupted, too_large


def summary(mapper: Mapper | PushedMapper, tally: FeedTally) -> dict[str, Any]:
    return {
        "items": dict(sorted(mapper.items.items())),
        "malformed": mapper.malformed,
        "unknown": mapper.unknown,
        "duplicates": mapper.duplicates,
        "metrics": tally.metrics(),
        "audience": tally.audience.summary(),
    }
