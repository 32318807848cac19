"""How the screens spell times, drift, statuses and verdicts (text and colour only)."""

from __future__ import annotations

from rich.text import Text

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.show import RunStatus, Verdict, VerdictKind

PHASE_STYLE = {"running": "green", "warning": "yellow", "over": "bold red", "overrun": "bold white on red", "held": "bold cyan"}
LEVEL_STYLE = {"info": "cyan", "warn": "yellow", "urgent": "bold red"}
STATUS_MARK = {RunStatus.pending: " ", RunStatus.running: "▶", RunStatus.done: "✓", RunStatus.skipped: "⤼"}


def drift_text(texts: Texts, drift: float) -> Text:
    if abs(drift) < 1:
        return Text(texts("header.on_plan"), style="green")
    if drift > 0:
        return Text(f"{texts('header.behind')} {format_clock(drift, sign=True)}", style="bold red" if drift > 120 else "yellow")
    return Text(f"{texts('header.ahead')} {format_clock(-drift)}", style="cyan")


def verdict_text(texts: Texts, result: Verdict | None, *, compact: bool = False) -> Text:
    """"over +1:20" / "under −0:45" / "on time"; compact drops the words for narrow columns."""
    if result is None:
        return Text("")
    if result.kind is VerdictKind.on_time:
        return Text("✓" if compact else texts("verdict.on_time"), style="green")
    word = "" if compact else texts(f"verdict.{result.kind.value}") + " "
    style = "bold red" if result.kind is VerdictKind.over else "yellow"
    return Text(f"{word}{format_clock(result.delta, sign=True)}", style=style)
