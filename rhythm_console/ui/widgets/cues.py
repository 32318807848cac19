"""Alerts and advice on one side, the cue log with each cue's delivery state on the other."""

from __future__ import annotations

import math
from collections.abc import Hashable
from datetime import datetime
from typing import NamedTuple

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


def undelivered_text(t, cue: CueRecord, *, least: bool = False) -> Text | None:
    """What to say of a cue no pane has received: `助播: 无人接收` when no pane it goes to was connected,
    `未送达` while the panes it went to have not confirmed, `送达未知` for an older journal. None once delivered.
    `least`: in the fewest cells (`无人接收` without whom), for the narrowest log."""
    short = ".short" if least else ""
    match delivery(cue):
        case Delivery.delivered:
            return None
        case Delivery.nobody:
            words = t("cue.nobody" + short)
            if cue.target is not None and not least:
                words = t("cue.nobody_for", who=vocabulary.shown("role", cue.target, t.lang))
            return Text(words, style="bold red" if cue.level.value == "urgent" else "yellow")
        case Delivery.waiting:
            return Text(t("cue.not_delivered" + short), style="yellow")
    return Text(t("cue.delivery_unknown" + short), style="dim")


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


def delivery_summary(t, cue: CueRecord, now: float | None = None, *, least: bool = False) -> Text:
    """The same in a few cells, for a narrow log: `2 未读` (red once an urgent one is late), else `✓1.4s`
    (the slowest acknowledgement), else why nothing arrived (`助播: 无人接收`). `least`: fewer still, for
    the narrowest log: `未读` without how many, `无人接收` without whom."""
    if not cue.delivered and not cue.acked:
        return undelivered_text(t, cue, least=least) or Text()
    acked = dict(cue.acked_after)
    unread = [pane for pane, _ in cue.delivered_after if pane not in acked]
    if unread:
        late = now is not None and cue.level.value == "urgent" and now - cue.sent_at >= UNREAD_URGENT_AFTER
        words = t("cue.unread") if least else f"{len(unread)} {t('cue.unread')}"
        return Text(words, style="bold red" if late else "yellow")
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
CUE_TEXT_MIN = 16  # cells of the cue's own words kept in sight however many panes report on it
CUE_TEXT_SHORT = 12  # ... and beside the short form (`2 未读`) on a narrow log
CUE_TEXT_LEAST = 5  # ... and beside the least form (`未读`) on the narrowest: two characters and `…`


def _cut(text: Text, width: int, pad: bool = False) -> Text:
    """A copy of `text` in at most `width` cells (an ellipsis marks a cut; nothing at all below 2 cells)."""
    if width < 2 and text.cell_len > max(width, 0):
        return Text()
    text = clip(text.copy(), width)
    if pad and text.cell_len < width:
        text.pad_right(width - text.cell_len)
    return text


class CueRow(NamedTuple):
    number: int
    sent: datetime  # the time of day it was sent, in the show's zone
    words: Text
    marks: tuple[Text, Text, Text]  # what the panes did with it: each pane's mark, in short, in the fewest cells


def _heads(rows: list[CueRow]) -> tuple[list[str], ...]:
    """Each row's number and time of day, the longest first: `  3 11:11:39 `, then without the seconds and
    the number no wider than the log's largest (`3 11:11 `), then the number alone (`3 `)."""
    digits = max(len(str(row.number)) for row in rows)
    return ([f"{row.number:>3} {row.sent:%H:%M:%S} " for row in rows],
            [f"{row.number:>{digits}} {row.sent:%H:%M} " for row in rows],
            [f"{row.number:>{digits}} " for row in rows])


def _delivery_column(rows: list[CueRow], room: int) -> tuple[int, int] | None:
    """Which of the marks' forms the rows show beside their words in `room` cells, and in how many
    cells: each pane's mark when they fit beside CUE_TEXT_MIN cells of the words, else the short form
    (a row whose short form does not fit says it in the fewest cells), else the least form; None when
    not even that fits. A mark is never cut: `not deli…` says less than `undelivered`."""
    longest = max(row.words.cell_len for row in rows)
    keep = min(CUE_TEXT_MIN, longest, room)
    full, short, least = (max(row.marks[form].cell_len for row in rows) for form in range(3))
    if full <= room - keep - 1:
        return 0, full
    # the short form needs less room, so the words may give a little more of theirs
    column = min(short, room - min(keep, CUE_TEXT_SHORT) - 1)
    if column > 0 and all(min(row.marks[1].cell_len, row.marks[2].cell_len) <= column for row in rows):
        return 1, column
    if least <= room - min(CUE_TEXT_LEAST, longest) - 1:
        return 2, least
    return None


def _mark(row: CueRow, form: int, cells: int) -> Text:
    """The row's mark in `form` if it fits in `cells`, else the fullest of its shorter forms that does
    (the column is as wide as the widest row needs: `1 未读` keeps its count beside `无人接收`)."""
    return next((mark for mark in row.marks[min(form, 1):] if mark.cell_len <= cells), row.marks[2])


class CueRows:
    """The cue log's rows, laid out at the width they are drawn at: number, time of day, the cue's
    words, then what each pane did with it. The words keep CUE_TEXT_MIN cells (more when the
    delivery column is short); when every pane's mark does not fit beside them, each row says it in
    short (`2 未读`, `✓1.4s`), then in the fewest cells (`未读`), so panes never push the cue itself out
    of sight, nor the reverse. On the narrowest log (80 columns beside the 弹幕 panel) the time of day
    loses its seconds, then goes, before the delivery column does: whether a cue arrived matters more."""

    def __init__(self, rows: list[CueRow]) -> None:
        self.rows = rows  # newest first

    def __rich_console__(self, console, options):
        if not self.rows:
            return
        width = options.max_width
        every_head = _heads(self.rows)
        heads, room, column = every_head[0], 0, None
        for heads in every_head:
            room = max(width - max(map(cell_len, heads)), 0)
            column = _delivery_column(self.rows, room)
            if column is not None:
                break
        else:  # too narrow to say anything useful: the words take the row
            heads = every_head[0]
            room = max(width - max(map(cell_len, heads)), 0)
        form, cells = column or (0, 0)
        for head, row in zip(heads, self.rows, strict=True):
            line = Text(head)
            line.append_text(_cut(row.words, room - (cells + 1 if cells else 0), pad=bool(cells)))
            if cells:
                line.append(" ")
                line.append_text(_mark(row, form, cells))
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
        rows = [CueRow(cue.cue, view.wall(cue.sent_at), Text(cue.text, style=LEVEL_STYLE[cue.level.value]),
                       (delivery_text(t, cue, view.now), delivery_summary(t, cue, view.now),
                        delivery_summary(t, cue, view.now, least=True)))
                for cue in reversed(view.state.cues[-CUE_LOG_ROWS:])]
        self.query_one("#cuelog-body", Static).update(CueRows(rows))
