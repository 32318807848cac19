"""The platform's per-minute export beside the feed's figures (pure): which minutes fall in the show, and
each segment's online and GMV by the platform's count.

A minute row covers [at, at + 60) on the session's clock (`annotate` placed it there). A segment takes the
part of each minute that overlaps it: online as the mean weighted by that overlap, entries and GMV (amounts
in the minute) in proportion to it. A row that overlaps no part of the show, start to end, falls outside it (a minute that ends as the show
starts, or begins as it ends, too):
the review says how many did (a clock or a date that does not match the journal's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rhythm_console.events import PlatformMinute

MINUTE = 60.0
HALF_DAY = 12 * 3600.0


@dataclass(frozen=True)
class ExportRow:
    """One minute of the export as the file says it: exactly one of `offset`, `clock`, `moment` is set."""

    where: str  # the row's cell, for messages
    offset: float | None = None  # seconds from the show's start (the file counted minutes from it)
    clock: float | None = None  # a time of day, seconds after midnight, in the show's zone
    moment: datetime | None = None  # a date and time (without a zone: the show's)
    online: float | None = None
    entries: float | None = None
    gmv: float | None = None


def place_minutes(rows: Sequence[ExportRow], show_start: datetime, started_at: float) -> list[PlatformMinute]:
    """The rows on the session's clock, aligned by the journal's start: `show_start` is the wall time (in the
    show's zone) of `started_at`. A time of day is taken on the show's day, or the day next to it when that
    is more than 12 hours away (an export that runs past midnight)."""
    placed = []
    for row in rows:
        if row.offset is not None:
            since_start = row.offset
        elif row.moment is not None:
            moment = row.moment if row.moment.tzinfo is not None else row.moment.replace(tzinfo=show_start.tzinfo)
            since_start = (moment - show_start).total_seconds()
        else:
            midnight = show_start.replace(hour=0, minute=0, second=0, microsecond=0)
            since_start = (midnight + timedelta(seconds=row.clock or 0.0) - show_start).total_seconds()
            if since_start < -HALF_DAY:
                since_start += 2 * HALF_DAY
            elif since_start > HALF_DAY:
                since_start -= 2 * HALF_DAY
        placed.append(PlatformMinute(at=started_at + since_start, online=row.online, entries=row.entries,
                                     gmv=row.gmv))
    return placed


@dataclass(frozen=True)
class PlatformSegment:
    """One segment's figures by the platform's count (None: the export has no such column, or no minute)."""

    online_average: float | None
    entries: float | None
    gmv: float | None


@dataclass
class PlatformCurve:
    source: str | None  # the export's file name
    rows: int  # minute rows the export had
    before: int  # rows that ended before the show started
    after: int  # rows that began after the show ended
    online_series: list[tuple[float, float]] = field(default_factory=list)  # (at, online) of the rows in the show
    segments: dict[str, PlatformSegment] = field(default_factory=dict)
    online_average: float | None = None  # over the show, weighted by overlap
    entries: float | None = None  # in the show
    gmv: float | None = None  # in the show

    @property
    def outside(self) -> int:
        return self.before + self.after


def _overlap(minute: PlatformMinute, begin: float, end: float) -> float:
    return max(0.0, min(end, minute.at + MINUTE) - max(begin, minute.at))


def _over(minutes: Sequence[PlatformMinute], begin: float, end: float) -> PlatformSegment:
    """The figures of the minutes' parts that fall within [begin, end]."""
    online_weight = online_sum = 0.0
    entries: float | None = None
    gmv: float | None = None
    for minute in minutes:
        part = _overlap(minute, begin, end)
        if part <= 0:
            continue
        if minute.online is not None:
            online_weight += part
            online_sum += minute.online * part
        if minute.entries is not None:
            entries = (entries or 0.0) + minute.entries * part / MINUTE
        if minute.gmv is not None:
            gmv = (gmv or 0.0) + minute.gmv * part / MINUTE
    return PlatformSegment(online_sum / online_weight if online_weight else None, entries, gmv)


def platform_curve(minutes: Sequence[PlatformMinute], source: str | None, started_at: float | None, end: float,
                   spans: Sequence[tuple[str, float, float]]) -> PlatformCurve | None:
    """The export joined to the show; `spans` are (segment id, start, end) of the segments that ran.
    None when no export was annotated or the show never started."""
    if not minutes or started_at is None:
        return None
    ordered = sorted(minutes, key=lambda minute: minute.at)
    curve = PlatformCurve(source=source, rows=len(ordered),
                          before=sum(1 for m in ordered if m.at + MINUTE <= started_at),
                          after=sum(1 for m in ordered if m.at >= end))
    inside = [m for m in ordered if m.at + MINUTE > started_at and m.at < end]
    # Each point at its minute's middle (clipped to the show), where the minute's count belongs on a chart.
    curve.online_series = [(min(max(m.at + MINUTE / 2, started_at), end), m.online) for m in inside
                           if m.online is not None]
    whole = _over(inside, started_at, end)
    curve.online_average, curve.entries, curve.gmv = whole.online_average, whole.entries, whole.gmv
    curve.segments = {segment_id: _over(inside, begin, finish) for segment_id, begin, finish in spans}
    return curve
