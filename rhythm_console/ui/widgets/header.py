"""The top line: show title, wall clock, elapsed, drift, projected end."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from rhythm_console.durations import format_clock
from rhythm_console.show import ShowStatus, drift, planned_end, projected_end, show_elapsed
from rhythm_console.ui.format import drift_text
from rhythm_console.ui.view import View
from rhythm_console.units import wall_at


class ShowHeader(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-status")

    def update_view(self, view: View) -> None:
        state, t = view.state, view.texts
        self.query_one("#header-title", Static).update(Text(state.plan.show.title, style="bold", overflow="ellipsis", no_wrap=True))
        wall = wall_at(view.started_wall, view.now)
        parts = Text(no_wrap=True)
        if view.journal_error:
            parts.append(f" ⚠ {t('journal.failed')} ", style="bold white on red")
            parts.append(" ")
        parts.append(f"{wall:%H:%M:%S}", style="bold")
        parts.append("  ")
        if state.status is ShowStatus.ready:
            parts.append(t("header.not_started"), style="dim")
            starts_at = state.plan.show.starts_at
            if starts_at is not None:
                until = (starts_at - wall).total_seconds()
                if 0 <= until < 24 * 3600:
                    parts.append(f"  {t('header.starts_in', at=f'{starts_at.astimezone(wall.tzinfo):%H:%M}')} "
                                 f"{format_clock(until)}", style="bold" if until < 300 else "")
                elif -6 * 3600 < until < 0:
                    parts.append(f"  {t('header.late', at=f'{starts_at.astimezone(wall.tzinfo):%H:%M}')} "
                                 f"{format_clock(-until)}", style="bold red")
        else:
            if state.held:
                parts.append(f" {t('header.held')} ", style="bold black on cyan")
            elif state.status is ShowStatus.live:
                parts.append(f" ● {t('header.live')} ", style="bold white on red")
            else:
                parts.append(t("header.ended"), style="dim")
            parts.append(f"  {format_clock(show_elapsed(state, view.now))}  ")
            parts.append_text(drift_text(t, drift(state, view.now)))
            projected, planned = projected_end(state, view.now), planned_end(state)
            if self.size.width >= 100:
                parts.append(f"  {t('header.projected')} {wall_at(view.started_wall, projected):%H:%M}"
                             f"/{wall_at(view.started_wall, planned):%H:%M}")
            else:  # narrow: the drift already says how far the plan is; keep room for the title
                parts.append(f"  {t('header.ends')} {wall_at(view.started_wall, projected):%H:%M}")
        self.query_one("#header-status", Static).update(parts)
