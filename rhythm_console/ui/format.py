"""How the screens style times, drift, phases and verdicts (colour and marks; the words are phrases')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size
from rich.console import Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
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
IDLE_CLASS = "phase-idle"
PHASE_CLASSES = tuple(f"phase-{phase.value}" for phase in PHASE_STYLE) + (IDLE_CLASS,)


def phase_class(phase: DisplayPhase) -> str:
    """The CSS class of a countdown box: no segment running is one idle look."""
    return f"phase-{phase.value}" if phase in PHASE_STYLE else IDLE_CLASS


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
BUS_STYLE = {"up": "green", "connecting": "yellow", "down": "bold white on dark_orange3", "refused": "bold white on red",
             "taken": "bold white on red"}


def bus_text(t: Texts, status: BusStatus) -> Text:
    """"bus ✓" while the room reaches the bus; otherwise its state and how many records wait for it."""
    words = t(f"bus.{status.state}")
    if status.state != "up" and status.backlog:
        words += " " + t("bus.backlog", n=status.backlog)
    return Text(f" {words} ", style=BUS_STYLE.get(status.state, ""))


def bulleted(points: list[str], *, head: str | Text = "", tail: Text | None = None) -> RenderableType:
    """Talking points one a row, a long line wrapping under its own text. As one `• text` string an
    unbroken Chinese line went whole to the next line and left its bullet alone above it."""
    grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for point in points:
        grid.add_row("•", Text(point))
    parts: list[RenderableType] = [head if isinstance(head, Text) else Text(head)] if head else []
    if points:
        parts.append(grid)
    if tail is not None:
        parts.append(tail)
    return Group(*parts)


class KeepTail:
    """One line: `head` then a mark (数据中断), laid out at the width drawn. The first of the marks
    given (longest first) that fits beside the whole head is used; else the last, and the head is cut:
    cutting the mark with the label said nothing (`在线人数 数 …`)."""

    def __init__(self, head: Text, *tails: Text) -> None:
        self.head, self.tails = head, [tail for tail in tails if tail.cell_len]

    def __rich_console__(self, console, options):
        width = options.max_width
        line = self.head.copy()
        if self.tails:
            tail = next((tail for tail in self.tails if line.cell_len + 1 + tail.cell_len <= width), self.tails[-1])
            room = width - tail.cell_len - 1
            if line.cell_len > room:
                line.truncate(max(room, 0), overflow="ellipsis" if room >= 2 else "crop")
            line.append(" ")
            line.append_text(tail)
        line.no_wrap, line.overflow = True, "ellipsis"
        yield line


class WholeOrNone:
    """One line: `head`, then ` detail` only where the detail fits whole at the width drawn: a figure
    cut mid-number (峰值 5,0…) reads as another figure. Decided when drawn, not when the text is made:
    a panel filled before its first layout (a resumed show) or resized since has another width."""

    def __init__(self, head: Text, detail: Text) -> None:
        self.head, self.detail = head, detail

    def __rich_console__(self, console, options):
        line = self.head.copy()
        if line.cell_len + 1 + self.detail.cell_len <= options.max_width:
            line.append(" ")
            line.append_text(self.detail)
        line.no_wrap, line.overflow = True, "ellipsis"
        yield line


def clip(text: Text, cells: int) -> Text:
    """`text` cut to `cells` with its ellipsis right after the last character that fits. Rich's own ellipsis
    pads with a space where a wide character does not fit (`双面羊 …` beside `暖场 · 福…`)."""
    if text.cell_len <= cells:
        return text
    if cells < 2:
        return text[:0] if cells < 1 else Text("…", end="")
    used = end = 0
    for character in text.plain:
        width = get_character_cell_size(character)
        if used + width > cells - 1:
            break
        used, end = used + width, end + 1
    kept = text[:end]
    kept.rstrip()
    kept.append("…")
    return kept


class Clipped:
    """A one-line cell (a table's) clipped by `clip` at the width it is drawn."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console, options):
        line = clip(self.text, options.max_width)
        line.no_wrap = True
        yield line

    def __rich_measure__(self, console, options) -> Measurement:
        return Measurement(min(1, self.text.cell_len), self.text.cell_len)
