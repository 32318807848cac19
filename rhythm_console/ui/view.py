"""What every console widget draws: the folded state plus the moment to draw it at, as a reactive.

The app holds one `view` reactive; each widget showing the show (`ShowsView`) is bound to it with
`data_bind` and draws when it changes (`update_view`). A View is compared by identity: a new one
is a new moment or a new state, and comparing two states field by field would cost more than drawing.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from textual.reactive import var

from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.i18n import Texts
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.show import ShowState
from rhythm_console.units import wall_at

if TYPE_CHECKING:
    from rhythm_console.bus.publisher import BusStatus


@dataclass(frozen=True)
class SourceView:
    name: str
    status: str  # connecting, live, retrying, ended, stopped, none
    provides_commerce: bool
    last_item_age: float | None  # seconds since the source last delivered anything
    malformed: int = 0
    kind: str = ""  # douyin, jsonl, ws, simulate: the panels' short label when there are several sources
    number: int | None = None  # among several sources of one kind: jsonl 1, jsonl 2


@dataclass(frozen=True, eq=False)
class View:
    state: ShowState
    now: float
    started_wall: datetime  # wall time at offset 0
    texts: Texts
    history: MetricHistory
    source: SourceView | None
    journal_error: str | None = None
    bus: BusStatus | None = None  # with run --bus: the bus's state for the status line
    audience: AudienceTracker | None = None  # the live comment counts (the 弹幕 panel); none in a replay
    sources: tuple[SourceView, ...] = ()  # every source, when there are several (`source` is the first)
    figure_sources: Mapping[str, int] = field(default_factory=dict)  # figure → the source it is read from
    plan_times_count: bool = True  # False in a rehearsal or a simulation: the plan's clock times are another show's
    show_kind: str = "live"  # live, rehearsal, simulated, drill (run_settings.SHOW_KINDS): the header names it

    def source_for(self, figure: str) -> SourceView | None:
        """The source a panel's figure is read from: with several, the one that gives it (None: none yet)."""
        if len(self.sources) <= 1:
            return self.source
        index = self.figure_sources.get(figure)
        return None if index is None else self.sources[index]

    @property
    def zone(self) -> tzinfo | None:
        """The show's own time zone (the plan's starts_at's); None: the machine's."""
        return self.state.plan.zone

    def wall(self, at: float) -> datetime:
        """The time of day of a session offset, in the show's own zone."""
        return wall_at(self.started_wall, at, self.zone)


class ShowsView:
    """A widget that draws the console's `View`: bound to the app's `view` (see ui/layout.py).

    `drawn_from` names, cheaply, everything the widget draws from a View: when it is the same as
    for the last drawing the widget is left alone (a key's repaint redraws the panels it changed,
    not the figures and logs it did not). None: always draw."""

    view: var[View | None] = var(None, always_update=True, init=False)
    _drawn_from: Hashable | None = None

    def watch_view(self, view: View | None) -> None:
        if view is None:
            return
        drawn_from = self.drawn_from(view)
        if drawn_from is not None and drawn_from == self._drawn_from:
            return
        self._drawn_from = drawn_from
        self.update_view(view)

    def drawn_from(self, view: View) -> Hashable | None:
        return None

    def update_view(self, view: View) -> None:
        raise NotImplementedError
