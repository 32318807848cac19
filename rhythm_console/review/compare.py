"""Shows side by side (pure): the figures of each show, by segment kind, by product and by person.

Everything is computed from `ShowRecord`s, whether they come from journals or
from the library, so `compare JOURNAL…` and `compare --last N` agree. Each
figure names its formula (records.FORMULAS) so no table shows a number
without its basis.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rhythm_console.review.people import PersonRow, people_rows, role_rows
from rhythm_console.review.records import (
    FORMULAS,
    SegmentRecord,
    ShowRecord,
    gmv_per_minute,
    mean,
    overrun_rate,
    summed,
)

Unit = Literal["clock", "drift", "count", "percent", "money", "seconds", "number", "ratio"]
Section = Literal["time", "audience", "commerce", "platform", "cues"]
SECTIONS: tuple[Section, ...] = ("time", "audience", "commerce", "platform", "cues")


@dataclass(frozen=True)
class Figure:
    section: Section
    name: str
    unit: Unit
    value: Callable[[ShowRecord], float | None]
    trend: bool = False  # drawn as a chart over the shows

    @property
    def formula(self) -> str:
        return FORMULAS.get(self.name, "")


FIGURES: tuple[Figure, ...] = (
    Figure("time", "planned", "clock", lambda s: s.planned),
    Figure("time", "length", "clock", lambda s: s.length),
    Figure("time", "final_drift", "drift", lambda s: s.final_drift, trend=True),
    Figure("time", "not_run", "count", lambda s: s.not_run),
    Figure("time", "overrun_rate", "percent", lambda s: s.overrun_rate, trend=True),
    Figure("time", "mean_abs_drift", "clock", lambda s: s.mean_abs_drift, trend=True),
    Figure("time", "holds", "count", lambda s: s.holds),
    Figure("audience", "online_average", "number", lambda s: s.online_average, trend=True),
    Figure("audience", "online_peak", "number", lambda s: s.online_peak, trend=True),
    Figure("audience", "watch_minutes", "number", lambda s: s.watch_minutes),
    Figure("audience", "interaction", "percent", lambda s: s.interaction, trend=True),
    Figure("audience", "new_followers", "number", lambda s: s.new_followers),
    Figure("commerce", "clicks", "number", lambda s: s.clicks),
    Figure("commerce", "ctr", "percent", lambda s: s.ctr, trend=True),
    Figure("commerce", "orders", "number", lambda s: s.orders),
    Figure("commerce", "gmv", "money", lambda s: s.gmv, trend=True),
    Figure("commerce", "gmv_per_kwm", "money", lambda s: s.gmv_per_kwm, trend=True),
    Figure("platform", "uv_value", "money", lambda s: s.uv_value),
    Figure("platform", "gpm", "money", lambda s: s.gpm),
    Figure("platform", "follow_rate", "percent", lambda s: s.follow_rate),
    Figure("platform", "buyers", "number", lambda s: s.buyers),
    Figure("platform", "refunds", "money", lambda s: s.refunds),
    Figure("platform", "ad_spend", "money", lambda s: s.ad_spend),
    Figure("platform", "roi", "ratio", lambda s: s.roi, trend=True),
    Figure("platform", "avg_stay", "clock", lambda s: s.avg_stay),
    Figure("platform", "exposure", "number", lambda s: s.exposure),
    Figure("platform", "exposure_entry_rate", "percent", lambda s: s.exposure_entry_rate),
    Figure("cues", "cue_count", "count", lambda s: s.cue_count),
    Figure("cues", "ack_median", "seconds", lambda s: s.ack_median, trend=True),
)


@dataclass
class KindRow:
    """One kind of segment over all the shows compared."""

    kind: str
    segments: int
    shows: int
    overrun_rate: float | None
    mean_abs_drift: float | None
    online_lift: float | None  # mean of the segments' lifts
    lift_seconds: float | None
    interaction: float | None
    gmv_per_minute: float | None


@dataclass
class ProductRow:
    sku: str
    name: str
    shows: int
    minutes: float
    clicks: float | None
    orders: float | None
    gmv: float | None
    ctr: float | None

    @property
    def gmv_per_minute(self) -> float | None:
        return None if self.gmv is None or not self.minutes else self.gmv / self.minutes


@dataclass
class Comparison:
    shows: list[ShowRecord]
    kinds: list[KindRow] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    roles: list[PersonRow] = field(default_factory=list)

    def values(self, figure: Figure) -> list[float | None]:
        return [figure.value(show) for show in self.shows]


def compare(shows: list[ShowRecord]) -> Comparison:
    return Comparison(shows=shows, kinds=_kinds(shows), products=_products(shows),
                      people=people_rows(shows), roles=role_rows(shows))


def _kinds(shows: list[ShowRecord]) -> list[KindRow]:
    by_kind: dict[str, list[tuple[int, SegmentRecord]]] = defaultdict(list)
    for index, show in enumerate(shows):
        for segment in show.segments:
            if segment.actual is not None:
                by_kind[segment.kind].append((index, segment))
    rows = []
    for kind, pairs in by_kind.items():
        segments = [s for _, s in pairs]
        done = [s for s in segments if s.verdict is not None]
        rows.append(KindRow(
            kind=kind, segments=len(segments), shows=len({i for i, _ in pairs}), overrun_rate=overrun_rate(segments),
            mean_abs_drift=mean([abs(s.actual - s.planned) for s in done if s.actual is not None]),
            online_lift=mean([s.online_lift for s in segments]), lift_seconds=mean([s.lift_seconds for s in segments]),
            interaction=mean([s.interaction for s in segments]), gmv_per_minute=gmv_per_minute(segments)))
    return sorted(rows, key=lambda row: -row.segments)


def _products(shows: list[ShowRecord]) -> list[ProductRow]:
    by_sku: dict[str, list[tuple[int, SegmentRecord]]] = defaultdict(list)
    for index, show in enumerate(shows):
        for segment in show.segments:
            if segment.sku and segment.actual:
                by_sku[segment.sku].append((index, segment))
    rows = []
    for sku, pairs in by_sku.items():
        segments = [s for _, s in pairs]
        rows.append(ProductRow(
            sku=sku, name=segments[-1].product or sku, shows=len({i for i, _ in pairs}),
            minutes=sum(s.minutes for s in segments), clicks=summed([s.clicks for s in segments]),
            orders=summed([s.orders for s in segments]), gmv=summed([s.gmv for s in segments]),
            ctr=mean([s.ctr for s in segments])))
    return sorted(rows, key=lambda row: -(row.gmv or 0))
