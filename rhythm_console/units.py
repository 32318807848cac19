"""Money, counts and times of day as people read them (used by screens, the link and reports)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo


def wall_at(started_wall: datetime, at: float, zone: tzinfo | None = None) -> datetime:
    """The time of day of a session offset, in `zone` (the show's own: `Plan.zone`) when given."""
    moment = started_wall + timedelta(seconds=at)
    return moment.astimezone(zone) if zone is not None and moment.tzinfo is not None else moment


def money(value: float) -> str:
    if value >= 10000:
        return f"¥{value / 10000:.1f}万"
    return f"¥{value:,.0f}"


def count(value: float) -> str:
    if value >= 100000:
        return f"{value / 10000:.1f}万"
    return f"{value:,.0f}"


def price(value: float) -> str:
    """A product's price exactly as marked: ¥899, ¥12,345.50."""
    return f"¥{value:,.0f}" if value == int(value) else f"¥{value:,.2f}"
