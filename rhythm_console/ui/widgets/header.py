"""The top line: show title, wall clock, elapsed, drift, projected end."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from rhythm_console.durations import format_clock
from rhythm_console.phrases import ON_PLAN, end_words
from rhythm_console.show import (
    ShowStatus,
    drift,
    end_outcome,
    planned_end,
    projected_end,
    show_elapsed,
    start_delay,
    until_start,
)
from rhythm_console.ui.format import bus_text, drift_text
from rhythm_console.ui.redraw import Sized, show
from rhythm_console.ui.view import ShowsView, View

NOT_LIVE = "bold white on blue"  # the badge of a show that is not live: told apart from a live one at a glance


class ShowHeader(ShowsView, Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-status")

    def update_view(self, view: View) -> None:
        state, t = view.state, view.texts
        show(self.query_one("#header-title", Static), Text(state.plan.show.title, style="bold", overflow="ellipsis", no_wrap=True))
        wall = view.wall(view.now)
        parts = Text(no_wrap=True)
        if view.journal_error:
            parts.append(f" ⚠ {t('journal.failed')} ", style="bold white on red")
            parts.append(" ")
        if view.bus is not None:
            parts.append_text(bus_text(t, view.bus))
            parts.append(" ")
        parts.append(f"{wall:%H:%M:%S}", style="bold")
        parts.append("  ")
        # What the show is, unless live: a rehearsal or a drill never reads as the live show (running: the badge).
        kind = None if view.show_kind == "live" else t(f"header.kind.{view.show_kind}")
        if kind is not None and (state.status is not ShowStatus.live or state.held):
            parts.append(f" {kind} ", style=NOT_LIVE)
            parts.append(" ")
        if state.status is ShowStatus.ready:
            parts.append(t("header.not_started"), style="dim")
            until, starts_at = until_start(state, wall), state.plan.show.starts_at
            # Only a start that will count: a rehearsal's is not late, whatever the plan's clock says.
            if until is not None and starts_at is not None and view.plan_times_count:  # a written start on this day
                at = f"{starts_at.astimezone(wall.tzinfo):%H:%M}"
                if until >= 0:
                    parts.append(f"  {t('header.starts_in', at=at)} {format_clock(until)}",
                                 style="bold" if until < 300 else "")
                else:
                    parts.append(f"  {t('header.late', at=at)} {format_clock(-until)}", style="bold red")
        else:
            if state.held:
                parts.append(f" {t('header.held')} ", style="bold black on cyan")
            elif state.status is ShowStatus.live and kind is not None:  # practice: never the live show's red
                parts.append(f" ● {kind} ", style=NOT_LIVE)
            elif state.status is ShowStatus.live:
                parts.append(f" ● {t('header.live')} ", style="bold white on red")
            else:
                parts.append(t("header.ended"), style="dim")
            parts.append(f"  {format_clock(show_elapsed(state, view.now))}  ")
            delay = start_delay(state)
            if delay is not None and delay >= ON_PLAN and not state.rebased:  # late: the drift counts it
                parts.append(t("header.late_start", delay=delay), style="bold yellow")
                parts.append("  ")
            outcome = end_outcome(state)
            if outcome is not None:  # an early end is not "ahead"
                parts.append(end_words(t, outcome), style="yellow" if outcome.not_run or abs(outcome.by) >= 60 else "green")
            else:
                parts.append_text(drift_text(t, drift(state, view.now)))
            projected, planned = projected_end(state, view.now), planned_end(state)
            if projected is None or planned is None:  # not started: not here (the show is live or ended)
                pass
            elif self.size.width >= 100:
                parts.append(f"  {t('header.projected')} {view.wall(projected):%H:%M}"
                             f"/{view.wall(planned):%H:%M}")
            else:  # narrow: the drift already says how far the plan is; keep room for the title
                parts.append(f"  {t('header.ends')} {view.wall(projected):%H:%M}")
        show(self.query_one("#header-status", Static), parts, Sized.by_text_width)  # width: auto
