"""Alerts and advice on one side, the cue log with each cue's delivery state on the other."""

from __future__ import annotations

import math
from collections.abc import Hashable

from rich.cells import cell_len
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from rhythm_console import vocabulary
from rhythm_console.acks import UNREAD_URGENT_AFTER, Delivery, delivery, not_delivered
from rhythm_console.durations import format_clock
from rhythm_console.phrases import alert_words, request_words, requester
from rhythm_console.show import CueRecord, RequestRecord, suggestion_sent
from rhythm_console.ui.format import LEVEL_STYLE, clip
from rhythm_console.ui.view import ShowsView, View


def undelivered_text(t, cue: CueRecord) -> Text | None:
    """What to say of a cue no pane has received: `助播: 无人接收` when no pane it goes to was connected,
    `未送达` while the panes it went to have not confirmed, `送达未知` for an older journal. None once delivered."""
    match delivery(cue):
        case Delivery.delivered:
            return None
        case Delivery.nobody:
            words = t("cue.nobody")
            if cue.target is not None:
                words = t("cue.nobody_for", who=vocabulary.shown("role", cue.target, t.lang))
            return Text(words, style="bold red" if cue.level.value == "urgent" else "yellow")
        case Delivery.waiting:
            return Text(t("cue.not_delivered"), style="yellow")
    return Text(t("cue.delivery_unknown"), style="dim")


def delivery_text(t, cue: CueRecord, now: float | None = None) -> Text:
    """Per pane: → delivered (with latency) and still unread, ✓ acknowledged (with how long it took the host),
    or why nothing arrived. An urgent cue still unread after UNREAD_URGENT_AFTER seconds is marked in red."""
    if not cue.delivered and not cue.acked:
        return undelivered_text(t, cue) or Text()
    acked = dict(cue.acked_after)
    delivered = dict(sorted(cue.delivered_after))  # by pane name: a pane keeps its place from row to row
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
    for pane, latency in sorted(acked.items()):
        if pane not in delivered:
            text.append(f" {pane}✓{latency:.1f}s", style="green")
    for pane in not_delivered(cue):
        if pane not in acked:
            text.append(f" {pane} {t('cue.not_delivered')}" if text else f"{pane} {t('cue.not_delivered')}",
                        style="yellow")
    return text


def delivery_summary(t, cue: CueRecord, now: float | None = None) -> Text:
    """The same in a few cells, for a narrow log: `2 未读` (red once an urgent one is late), else `✓1.4s`
    (the slowest acknowledgement), else why nothing arrived (`助播: 无人接收`)."""
    if not cue.delivered and not cue.acked:
        return undelivered_text(t, cue) or Text()
    acked = dict(cue.acked_after)
    unread = [pane for pane, _ in cue.delivered_after if pane not in acked]
    if unread:
        late = now is not None and cue.level.value == "urgent" and now - cue.sent_at >= UNREAD_URGENT_AFTER
        return Text(f"{len(unread)} {t('cue.unread')}", style="bold red" if late else "yellow")
    return Text(f"✓{max(acked.values()):.1f}s", style="green")


def requests_text(t, waiting: list[RequestRecord], now: float) -> Text:
    """The panes' open requests, oldest first (the one y and d answer), each with how long it has waited."""
    text = Text()
    for record in waiting:
        text.append("? ", style="bold magenta")
        text.append(t("requests.line", request=record.request, who=requester(t, record.by),
                      what=request_words(t, record.kind, record.text)), style="bold")
        text.append(f" ({format_clock(now - record.at)})\n", style="dim")
    if waiting:
        text.append(t("requests.keys") + "\n", style="magenta")
    return text


def _status(t, status: str) -> str:
    return t(f"source.{status}") if status in ("live", "connecting", "retrying", "ended", "stopped", "replay") else status


class AlertsPanel(ShowsView, VerticalScroll):
    can_focus = False

    def compose(self):
        yield Static(id="alerts-body")

    def drawn_from(self, view: View) -> Hashable:
        """The alerts (with their ages: each second), the cues (which of their suggestions went out)
        and the sources' status line."""
        told = tuple((each.name, each.kind, each.number, each.status, each.malformed)
                     for each in (view.sources or ((view.source,) if view.source is not None else ())))
        return (id(view.state.alerts), id(view.state.cues), id(view.state.requests), math.floor(view.now), told,
                view.texts.lang)

    def update_view(self, view: View) -> None:
        t = view.texts
        source = view.source
        if source is None:
            self.border_subtitle = t("source.none")
        elif len(view.sources) > 1:  # several: each by its short label, as the panels name them
            self.border_subtitle = f"{t('source.label')} " + " · ".join(
                f"{t('source.short.' + each.kind)}{each.number or ''} {_status(t, each.status)}"
                + (" " + t("source.malformed", n=each.malformed) if each.malformed else "") for each in view.sources)
        else:
            subtitle = f"{t('source.label')} {source.name} · {_status(t, source.status)}"
            if source.malformed:
                subtitle += " · " + t("source.malformed", n=source.malformed)
            self.border_subtitle = subtitle
        waiting = view.state.open_requests()
        if not view.state.alerts and not waiting:
            self.query_one("#alerts-body", Static).update(Text(t("alerts.none"), style="dim"))
            return
        text = requests_text(t, waiting, view.now)
        # "press a" only when a has something to send (what action_send_advice would pick)
        to_send = any(alert.suggest and not suggestion_sent(view.state, alert) for alert in view.state.alerts)
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
        if to_send:
            text.append(t("alerts.send"), style="dim italic")
        else:
            text.rstrip()
        self.query_one("#alerts-body", Static).update(text)


CUE_LOG_ROWS = 200  # newest first; the log scrolls (mouse wheel) back this far
DELIVERY_MIN = 8  # cells below which the delivery column is left out rather than shown as "a…"
CUE_TEXT_MIN = 16  # cells of the cue's own words kept in sight however many panes report on it
CUE_TEXT_SHORT = 12  # ... and beside the short form (`2 未读`) on a narrow log


def _cut(text: Text, width: int, pad: bool = False) -> Text:
    """A copy of `text` in at most `width` cells (an ellipsis marks a cut; nothing at all below 2 cells)."""
    if width < 2 and text.cell_len > max(width, 0):
        return Text()
    text = clip(text.copy(), width)
    if pad and text.cell_len < width:
        text.pad_right(width - text.cell_len)
    return text


class CueRows:
    """The cue log's rows, laid out at the width they are drawn at: number, time of day, the cue's
    words, then what each pane did with it. The words keep CUE_TEXT_MIN cells (more when the
    delivery column is short); when every pane's mark does not fit beside them, each row says it in
    short (`2 未读`, `✓1.4s`), so panes never push the cue itself out of sight, nor the reverse."""

    def __init__(self, rows: list[tuple[str, Text, Text, Text]]) -> None:
        self.rows = rows  # (number and time, words, delivery per pane, delivery in short)

    def __rich_console__(self, console, options):
        width = options.max_width
        room = max(width - max((cell_len(head) for head, *_ in self.rows), default=0), 0)
        keep = min(CUE_TEXT_MIN, max((words.cell_len for _, words, _, _ in self.rows), default=0), room)
        space = room - keep - 1
        full = max((delivery.cell_len for _, _, delivery, _ in self.rows), default=0)
        short = max((summary.cell_len for *_, summary in self.rows), default=0)
        # One delivery column for every row: each pane's mark if they fit, else the short form.
        if full <= space:
            which, column = 2, full
        else:  # the short form needs less room, so the words may give a little more of theirs
            which, column = 3, min(short, room - min(keep, CUE_TEXT_SHORT) - 1)
        if column < min(short, DELIVERY_MIN):
            column = 0  # too narrow to say anything useful: the words take the row
        for row in self.rows:
            head, words = row[0], row[1]
            line = Text(head)
            line.append_text(_cut(words, room - (column + 1 if column else 0), pad=bool(column)))
            if column:
                line.append(" ")
                line.append_text(_cut(row[2] if which == 2 else row[3], column))
            line.no_wrap = True
            line.overflow = "ellipsis"
            yield line


class CueLog(ShowsView, VerticalScroll):
    def drawn_from(self, view: View) -> Hashable:
        """The cues and the second (an urgent cue unread too long turns red)."""
        return id(view.state.cues), math.floor(view.now), view.texts.lang

    can_focus = False

    def compose(self):
        yield Static(id="cuelog-body")

    def update_view(self, view: View) -> None:
        t = view.texts
        if not view.state.cues:
            self.query_one("#cuelog-body", Static).update(Text(t("cues.none"), style="dim"))
            return
        rows = [(f"{cue.cue:>3} {view.wall(cue.sent_at):%H:%M:%S} ",
                 Text(cue.text, style=LEVEL_STYLE[cue.level.value]), delivery_text(t, cue, view.now),
                 delivery_summary(t, cue, view.now))
                for cue in reversed(view.state.cues[-CUE_LOG_ROWS:])]
        self.query_one("#cuelog-body", Static).update(CueRows(rows))
