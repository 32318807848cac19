"""What the manager's header says, and what of it fits its width (widgets/header.py only draws it).

The status is a row of parts, each ranked by how long it stays as the header narrows: what the show is
(live, a rehearsal, held, ended) and a failing journal always stay; the bus, the drift, the projected end,
an early or late start, the script's end, the wall clock and the elapsed time go, the least kept first,
before the title is cut below `TITLE_LEAST` cells. Figures that tick sit in slots as wide as the figure can
be for a while (a clock under an hour takes five cells; drift under ten minutes its widest words'), so the
status keeps its width from second to second and the title beside it its cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text

from rhythm_console.durations import format_clock
from rhythm_console.phrases import ON_PLAN, end_words
from rhythm_console.show import (
    ShowStatus,
    drift,
    end_outcome,
    projected_end,
    script_end,
    show_elapsed,
    start_delay,
    until_start,
)
from rhythm_console.ui.format import bus_text, drift_text
from rhythm_console.ui.view import View

NOT_LIVE = "bold white on blue"  # the badge of a show that is not live: told apart from a live one at a glance

# How long a part stays as the header narrows: the larger, the longer. ALWAYS never goes.
ALWAYS = 100
KEEP_BUS, KEEP_DRIFT, KEEP_PROJECTED, KEEP_START, KEEP_SCRIPT, KEEP_WALL, KEEP_ELAPSED = 90, 80, 70, 60, 50, 40, 30
KEEP_COUNTDOWN = KEEP_DRIFT  # before the start: how long until it (or how late it is)

GAP = "  "
TITLE_LEAST = 10  # cells the title keeps (five Chinese characters less one for the ellipsis) before parts go
PADDING = 4  # the title's and the status's one cell either side (manager.tcss)


@dataclass(frozen=True, slots=True)
class Part:
    text: Text
    keep: int


def status_room(header_width: int) -> int:
    """Cells the status may take in a header this wide; a header not laid out yet (0) takes every part."""
    return header_width - TITLE_LEAST - PADDING if header_width > 0 else 10_000


def fitted(parts: Sequence[Part], room: int) -> Text:
    """The parts in their order, `GAP` between them, the least kept dropped first until they fit `room`."""
    kept = list(parts)
    while _width(kept) > room:
        droppable = [index for index, part in enumerate(kept) if part.keep < ALWAYS]
        if not droppable:
            break
        del kept[min(droppable, key=lambda index: kept[index].keep)]
    line = Text(no_wrap=True, overflow="ellipsis")
    for index, part in enumerate(kept):
        if index:
            line.append(GAP)
        line.append_text(part.text)
    return line


def _width(parts: Sequence[Part]) -> int:
    return sum(part.text.cell_len for part in parts) + len(GAP) * max(0, len(parts) - 1)


def steady(words: Callable[[float], Text], seconds: float, *, least: float = 3599.0, signed: bool = False) -> Text:
    """`words(seconds)` padded on its right to the cells its widest words take up to `least` (59:59: an hour;
    past it, at this many seconds), and with `signed`, whether behind, ahead or on plan: the seconds tick
    and nothing beside them moves."""
    text = words(seconds)
    bound = max(abs(seconds), least)
    cells = max(words(value).cell_len for value in ((bound, -bound, 0.0) if signed else (bound,)))
    if text.cell_len < cells:
        text.append(" " * (cells - text.cell_len))
    return text


def status_parts(view: View) -> list[Part]:
    """Everything the header's status can say now, in its order, each with its rank."""
    state, t = view.state, view.texts
    wall = view.wall(view.now)
    parts: list[Part] = []
    if view.journal_error:
        parts.append(Part(Text(f" ⚠ {t('journal.failed')} ", style="bold white on red"), ALWAYS))
    if view.bus is not None:
        parts.append(Part(bus_text(t, view.bus), KEEP_BUS))
    parts.append(Part(Text(f"{wall:%H:%M:%S}", style="bold"), KEEP_WALL))
    # What the show is, unless live: a rehearsal or a drill never reads as the live show (running: the badge).
    kind = None if view.show_kind == "live" else t(f"header.kind.{view.show_kind}")
    if kind is not None and (state.status is not ShowStatus.live or state.held):
        parts.append(Part(Text(f" {kind} ", style=NOT_LIVE), ALWAYS))
    if state.status is ShowStatus.ready:
        parts.append(Part(Text(t("header.not_started"), style="dim"), ALWAYS))
        until, starts_at = until_start(state, wall), state.plan.show.starts_at
        # Only a start that will count: a rehearsal's is not late, whatever the plan's clock says.
        if until is not None and starts_at is not None and view.plan_times_count:  # a written start on this day
            at = f"{starts_at.astimezone(wall.tzinfo):%H:%M}"
            if until >= 0:
                style = "bold" if until < 300 else ""
                words = steady(lambda left: Text(f"{t('header.starts_in', at=at)} {format_clock(left)}", style=style), until)
            else:
                words = steady(lambda late: Text(f"{t('header.late', at=at)} {format_clock(late)}", style="bold red"), -until)
            parts.append(Part(words, KEEP_COUNTDOWN))
        return parts
    if state.held:
        parts.append(Part(Text(f" {t('header.held')} ", style="bold black on cyan"), ALWAYS))
    elif state.status is ShowStatus.live and kind is not None:  # practice: never the live show's red
        parts.append(Part(Text(f" ● {kind} ", style=NOT_LIVE), ALWAYS))
    elif state.status is ShowStatus.live:
        parts.append(Part(Text(f" ● {t('header.live')} ", style="bold white on red"), ALWAYS))
    else:
        parts.append(Part(Text(t("header.ended"), style="dim"), ALWAYS))
    parts.append(Part(steady(lambda elapsed: Text(format_clock(elapsed)), show_elapsed(state, view.now)), KEEP_ELAPSED))
    delay = start_delay(state)
    if delay is not None and delay >= ON_PLAN and not state.rebased:  # late: the drift counts it
        parts.append(Part(Text(t("header.late_start", delay=delay), style="bold yellow"), KEEP_START))
    elif delay is not None and delay <= -ON_PLAN:  # early: the plan counts from the actual start, the script does not
        parts.append(Part(Text(t("header.early_start", early=-delay), style="cyan"), KEEP_START))
    outcome = end_outcome(state)
    if outcome is not None:  # an early end is not "ahead"
        style = "yellow" if outcome.not_run or abs(outcome.by) >= 60 else "green"
        parts.append(Part(Text(end_words(t, outcome), style=style), KEEP_DRIFT))
    else:
        parts.append(Part(steady(lambda by: drift_text(t, by), drift(state, view.now), least=599.0, signed=True), KEEP_DRIFT))
    projected, script = projected_end(state, view.now), script_end(state)
    if projected is not None:  # started: live or ended
        projected_at = f"{view.wall(projected):%H:%M}"
        said = t("header.ended_at") if state.status is ShowStatus.ended else t("header.ends")
        parts.append(Part(Text(f"{said} {projected_at}"), KEEP_PROJECTED))
        script_at = f"{view.wall(script):%H:%M}" if script is not None else projected_at
        if script_at != projected_at:  # the same minute is said once
            parts.append(Part(Text(f"{t('header.script_end')} {script_at}"), KEEP_SCRIPT))
    return parts
