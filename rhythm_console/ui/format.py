"""How the screens style times, drift, phases and verdicts (colour and marks; the words are phrases')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from rhythm_console.i18n import Texts
from rhythm_console.phrases import ON_PLAN, drift_words, verdict_words
from rhythm_console.show import DisplayPhase, RunStatus, Verdict, VerdictKind

if TYPE_CHECKING:
    from rhythm_console.bus.publisher import BusStatus

PHASE_STYLE = {DisplayPhase.running: "green", DisplayPhase.warning: "yellow", DisplayPhase.over: "bold red",
               DisplayPhase.overrun: "bold white on red", DisplayPhase.held: "bold cyan"}
LEVEL_STYLE = {"info": "cyan", "warn": "yellow", "urgent": "bold red"}
STATUS_MARK = {RunStatus.pending: " ", RunStatus.running: "▶", RunStatus.done: "✓", RunStatus.skipped: "⤼"}
PHASE_CLASSES = tuple(f"phase-{phase.value}" for phase in PHASE_STYLE) + ("phase-idle",)


def phase_class(phase: DisplayPhase) -> str:
    """The CSS class of a countdown box: no segment running is one idle look."""
    return f"phase-{phase.value}" if phase in PHASE_STYLE else "phase-idle"


def drift_text(texts: Texts, drift: float) -> Text:
    if abs(drift) < ON_PLAN:
        style = "green"
    elif drift > 0:
        style = "bold red" if drift > 120 else "yellow"
    else:
        style = "cyan"
    return Text(drift_words(texts, drift), style=style)


def verdict_text(texts: Texts, result: Verdict | None, *, compact: bool = False) -> Text:
    if result is None:
        return Text("")
    style = {VerdictKind.on_time: "green", VerdictKind.over: "bold red"}.get(result.kind, "yellow")
    return Text(verdict_words(texts, result, compact=compact), style=style)


# The bus (issue 15): the console's status line says whether its room reaches the floor.
BUS_STYLE = {"up": "green", "connecting": "yellow", "down": "bold white on dark_orange3", "refused": "bold white on red"}


def bus_text(t: Texts, status: BusStatus) -> Text:
    """"bus ✓" while the room reaches the bus; otherwise its state and how many records wait for it."""
    words = t(f"bus.{status.state}")
    if status.state != "up" and status.backlog:
        words += " " + t("bus.backlog", n=status.backlog)
    return Text(f" {words} ", style=BUS_STYLE.get(status.state, ""))
