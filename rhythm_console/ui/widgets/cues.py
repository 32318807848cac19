"""Alerts and advice on one side, the cue log with each cue's delivery state on the other."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from rhythm_console.acks import UNREAD_URGENT_AFTER
from rhythm_console.durations import format_clock
from rhythm_console.phrases import alert_words
from rhythm_console.show import CueRecord, suggestion_sent
from rhythm_console.ui.format import LEVEL_STYLE
from rhythm_console.ui.view import View


def delivery_text(t, cue: CueRecord, now: float | None = None) -> Text:
    """Per pane: → delivered (with latency) and still unread, ✓ acknowledged (with how long it took the host).
    An urgent cue still unread after UNREAD_URGENT_AFTER seconds is marked in red."""
    if not cue.delivered and not cue.acked:
        return Text(t("cue.sent"), style="dim")
    acked = dict(cue.acked_after)
    delivered = dict(cue.delivered_after)
    text = Text()
    for index, (pane, latency) in enumerate(delivered.items()):
        if index:
            text.append(" ")
        if pane in acked:
            text.append(f"{pane}✓{acked[pane]:.1f}s", style="green")
        else:
            late = (now is not None and cue.level.value == "urgent"
                    and now - cue.sent_at >= UNREAD_URGENT_AFTER)
            text.append(f"{pane}→{latency * 1000:.0f}ms {t('cue.unread')}", style="bold red" if late else "yellow")
    for pane, latency in acked.items():
        if pane not in delivered:
            text.append(f" {pane}✓{latency:.1f}s", style="green")
    return text


class AlertsPanel(VerticalScroll):
    can_focus = False

    def compose(self):
        yield Static(id="alerts-body")

    def update_view(self, view: View) -> None:
        t = view.texts
        source = view.source
        if source is None:
            self.border_subtitle = t("source.none")
        else:
            status = t(f"source.{source.status}") if source.status in ("live", "connecting", "retrying", "ended", "stopped", "replay") else source.status
            subtitle = f"{t('source.label')} {source.name} · {status}"
            if source.malformed:
                subtitle += " · " + t("source.malformed", n=source.malformed)
            self.border_subtitle = subtitle
        if not view.state.alerts:
            self.query_one("#alerts-body", Static).update(Text(t("alerts.none"), style="dim"))
            return
        text = Text()
        for alert in reversed(view.state.alerts):
            text.append("● ", style=LEVEL_STYLE[alert.level.value])
            text.append(alert_words(t, alert))
            suggested = view.state.plan.cue_for(alert.suggest, t) if alert.suggest else None
            if suggested:
                sent = suggestion_sent(view.state, alert)
                text.append(f" → {suggested[0]}", style="dim" if sent else "bold")
                if sent:
                    text.append(f" ✓{t('alerts.sent')}", style="green")
            text.append(f" ({format_clock(view.now - alert.raised_at)})\n", style="dim")
        text.append(t("alerts.send"), style="dim italic")
        self.query_one("#alerts-body", Static).update(text)


CUE_LOG_ROWS = 200  # newest first; the log scrolls (mouse wheel) back this far


class CueLog(VerticalScroll):
    can_focus = False

    def compose(self):
        yield Static(id="cuelog-body")

    def update_view(self, view: View) -> None:
        t = view.texts
        if not view.state.cues:
            self.query_one("#cuelog-body", Static).update(Text(t("cues.none"), style="dim"))
            return
        table = Table(box=None, expand=True, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
        table.add_column(width=3, justify="right", no_wrap=True)
        table.add_column(width=8, no_wrap=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(no_wrap=True)
        for cue in reversed(view.state.cues[-CUE_LOG_ROWS:]):
            table.add_row(str(cue.cue), f"{view.wall(cue.sent_at):%H:%M:%S}",
                          Text(cue.text, style=LEVEL_STYLE[cue.level.value]), delivery_text(t, cue, view.now))
        self.query_one("#cuelog-body", Static).update(table)
