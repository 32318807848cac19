"""What every widget is given to draw: the folded state plus the moment to draw it at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.i18n import Texts
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.show import ShowState


@dataclass(frozen=True)
class SourceView:
    name: str
    status: str  # connecting, live, retrying, ended, stopped, none
    provides_commerce: bool
    last_item_age: float | None  # seconds since the source last delivered anything
    malformed: int = 0


@dataclass(frozen=True)
class View:
    state: ShowState
    now: float
    started_wall: datetime  # wall time at offset 0
    texts: Texts
    history: MetricHistory
    source: SourceView | None
    journal_error: str | None = None
    audience: AudienceTracker | None = None  # the live comment counts (the 弹幕 panel); none in a replay
