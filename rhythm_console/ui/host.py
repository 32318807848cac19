"""The host pane: the cue to read now, unmissable; the segment's countdown; what comes next.

It runs on a second monitor or another machine and knows the show only
through the link's frames. The countdown runs on this machine's clock from
the last state frame (the console re-sends state every few seconds), at the
frame's rate (a replay's speed).

Acknowledging means the host read that cue: the big area shows the newest cue
not yet acknowledged, Space/Enter acknowledges that one cue, and the next
newest unacknowledged one takes its place (newest first: the latest cue is
what the manager wants now; the older ones wait in a queue line, counted).
A cue sent during another segment than the running one leaves the big area
for the history, marked as from the previous segment. When the show ends the
pane says so and waits quietly for the next show on the same address.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import aclosing

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Digits, Static

from rhythm_console.durations import format_clock
from rhythm_console.events import RequestKind
from rhythm_console.i18n import Texts
from rhythm_console.link.client import LinkClient, LinkStatus, NewShow, StatusChanged
from rhythm_console.link.protocol import CueFrame, RequestStatus, StateFrame
from rhythm_console.phrases import request_words
from rhythm_console.plan import CueLevel
from rhythm_console.show import DisplayPhase, countdown_phase
from rhythm_console.ui import redraw
from rhythm_console.ui.base import LocalizedApp
from rhythm_console.ui.format import PHASE_CLASSES, PHASE_STYLE, Clipped, phase_class
from rhythm_console.ui.gc_tuning import calm_garbage_collector
from rhythm_console.ui.pacing import PacedScreen
from rhythm_console.ui.redraw import Sized
from rhythm_console.ui.updates import NewSecond
from rhythm_console.ui.widgets import what_to_say
from rhythm_console.ui.widgets.cue_banner import Banner
from rhythm_console.ui.widgets.cue_history import CueHistory
from rhythm_console.ui.widgets.cue_queue import QueueLine
from rhythm_console.ui.widgets.dialogs import TextPrompt
from rhythm_console.ui.widgets.footer import SettledFooter

FLASH_SECONDS = 4.0
IDLE_MESSAGE = {DisplayPhase.pending: "host.no_segment", DisplayPhase.ended: "host.ended",
                DisplayPhase.between: "host.between", DisplayPhase.all_done: "host.between"}
HISTORY_SHOWN = 40  # earlier cues listed; a long show keeps them all, the screen shows the newest
LINK_STYLE = {LinkStatus.connected: "bold green", LinkStatus.refused: "bold white on red"}


class CueArrived(Message):
    def __init__(self, frame: CueFrame) -> None:
        super().__init__()
        self.frame = frame


class StateArrived(Message):
    def __init__(self, frame: StateFrame) -> None:
        super().__init__()
        self.frame = frame


class LinkChanged(Message):
    def __init__(self, status: LinkStatus, reason: str | None) -> None:
        super().__init__()
        self.status = status
        self.reason = reason


class ShowReplaced(Message):
    """The console now runs another show."""


class RequestAnswered(Message):
    """What became of a request this pane sent: taken, accepted, declined, or refused."""

    def __init__(self, frame: RequestStatus) -> None:
        super().__init__()
        self.frame = frame


# The pane's requests to the manager (扁平化), one key each; m writes a message.
REQUEST_KEYS: dict[str, RequestKind] = {"1": "extend", "2": "sample_missing", "3": "tech_problem", "4": "next"}
REQUEST_STYLE = {"open": "bold yellow", "accepted": "bold green", "declined": "bold red", "refused": "bold red",
                 "undone": "bold red", "pending": "bold yellow"}


class HostApp(LocalizedApp):
    CSS_PATH = ["styles/dialogs.tcss", "styles/host.tcss"]
    SCREEN_TYPE = PacedScreen  # a cue is painted as soon as it lands, not at the frame timer's next slot but one
    BINDINGS = [
        Binding("space", "ack", "key.ack"),
        Binding("enter", "ack", "key.ack", show=False),
        *[Binding(key, f"request('{kind}')", f"key.request.{kind}") for key, kind in REQUEST_KEYS.items()],
        Binding("m", "message", "key.request.text"),
        Binding("q", "quit", "key.quit"),
    ]

    # What the segment box shows: a watcher redraws a part only when its value changes (it runs every second).
    phase = var(DisplayPhase.pending, init=False)
    segment_title = var("", init=False)
    countdown = var("--:--", init=False)
    points: var[what_to_say.WhatToSay | None] = var(None, init=False)
    next_text = var("", init=False)

    def __init__(self, client: LinkClient | None, texts: Texts, *, name: str = "host",
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(texts)
        self.client = client
        self.pane_name = name
        self.monotonic = monotonic
        self.cues: list[CueFrame] = []
        self.acked: set[int] = set()
        self.state: StateFrame | None = None
        self.state_received = 0.0
        self.link_status = LinkStatus.connecting
        self.link_reason: str | None = None
        self.flash_until = 0.0
        self.new_second = NewSecond()
        self._segment_id: str | None = None  # the running segment of the last state frame
        self.title = texts("host.title")

    def compose(self) -> ComposeResult:
        with Horizontal(id="bar"):
            yield Static(id="link")
            yield Static(id="request")
        with Vertical(id="cue-box"):
            yield Static(id="cue-text")
            yield Static(id="cue-meta")
            yield QueueLine(self.texts, id="cue-queue")
        with Horizontal(id="segment-row"):
            with Vertical(id="segment", classes="phase-idle"):
                yield Static(id="segment-title")
                yield Digits("--:--", id="host-countdown")
                yield Static(id="segment-phase")
                yield Static(id="segment-next")
            yield Static(id="points")
        yield CueHistory(self.texts, id="history")
        yield SettledFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.call_after_refresh(calm_garbage_collector)  # after the first frame, which it would delay
        self.query_one("#history").border_title = self.texts("host.earlier")
        self.refresh_all()
        self.set_interval(0.2, self.keep_time)
        if self.client is not None:
            self.follow_link(self.client)

    @work(exclusive=True, group="link", exit_on_error=False)
    async def follow_link(self, client: LinkClient) -> None:
        """The link runs as long as the app: its updates arrive as messages, drawn between frames."""
        async with aclosing(client.updates()) as updates:
            async for update in updates:
                match update:
                    case CueFrame():
                        self.post_message(CueArrived(update))
                    case StateFrame():
                        self.post_message(StateArrived(update))
                    case RequestStatus():
                        self.post_message(RequestAnswered(update))
                    case StatusChanged(status=status, reason=reason):
                        self.post_message(LinkChanged(status, reason))
                    case NewShow():
                        self.post_message(ShowReplaced())

    # ------------------------------------------------------------ frames in

    def on_cue_arrived(self, message: CueArrived) -> None:
        if isinstance(self.screen, PacedScreen):  # not under the message prompt, whose screen is Textual's
            self.screen.pacer.hurry()  # the cue is what the host waits for: not behind the frame just painted
        self.show_cue(message.frame)

    def on_state_arrived(self, message: StateArrived) -> None:
        self.show_state(message.frame)

    def on_request_answered(self, message: RequestAnswered) -> None:
        self.show_request(message.frame)

    def show_request(self, frame: RequestStatus) -> None:
        t = self.texts
        what = request_words(t, frame.kind, frame.text)
        # The same request pressed again while the first waits: said as waiting, not as a refusal.
        status = "pending" if frame.code == "request_pending" else frame.status
        said = t(f"request.{'sent' if status == 'open' else status}", what=what, reason=frame.reason or "")
        redraw.show(self.query_one("#request", Static), Text(said, style=REQUEST_STYLE[status]), Sized.by_text_width)

    def on_link_changed(self, message: LinkChanged) -> None:
        self.link_status = message.status
        self.link_reason = message.reason
        self.refresh_link()

    def on_show_replaced(self) -> None:
        """The console now runs another show (or a replay jumped): its cues replace the old ones."""
        self.cues.clear()
        self.acked.clear()
        self.state = None
        self._segment_id = None
        self.flash_until = 0.0
        self.refresh_all()

    def show_cue(self, frame: CueFrame) -> None:
        if any(cue.seq == frame.seq for cue in self.cues):
            return  # never twice, whatever the link does
        self.cues.append(frame)
        self.cues.sort(key=lambda cue: cue.seq)
        if frame.acked:
            self.acked.add(frame.seq)
        elif frame.level is CueLevel.urgent and self.shown_cue() is frame and frame.age < FLASH_SECONDS:
            self.flash_until = self.monotonic() + FLASH_SECONDS
        self.refresh_cue()
        self.refresh_history()

    def show_state(self, frame: StateFrame) -> None:
        ended_before = self.show_over
        self.state = frame
        self.state_received = self.monotonic()
        segment_id = frame.segment.id if frame.segment is not None else None
        moved_on = segment_id != self._segment_id
        self._segment_id = segment_id
        self.refresh_segment()
        if moved_on or self.show_over != ended_before:
            self.refresh_cue()  # a cue of the segment before leaves the big area
            self.refresh_history()
            self.refresh_link()

    # ------------------------------------------------------------ which cue is read now

    @property
    def show_over(self) -> bool:
        return self.state is not None and self.state.status == "ended"

    def from_earlier_segment(self, cue: CueFrame) -> bool:
        """Sent while another segment ran (a console too old to say which never is)."""
        return cue.segment is not None and cue.segment != self._segment_id

    def unacknowledged(self) -> list[CueFrame]:
        """The queue the host works through, newest first."""
        return [cue for cue in reversed(self.cues)
                if cue.seq not in self.acked and not self.from_earlier_segment(cue)]

    def shown_cue(self) -> CueFrame | None:
        """The cue in the big area: the newest unacknowledged one, else the newest of this segment."""
        queue = self.unacknowledged()
        if queue:
            return queue[0]
        return next((cue for cue in reversed(self.cues) if not self.from_earlier_segment(cue)), None)

    # ------------------------------------------------------------ keys

    async def action_ack(self) -> None:
        """Acknowledge the one cue shown; the next unacknowledged one takes its place."""
        queue = self.unacknowledged()
        if not queue:
            return
        seq = queue[0].seq
        self.acked.add(seq)  # at once: a second quick press means the next cue, not this one again
        if self.client is not None and not await self.client.ack(seq):
            self.acked.discard(seq)  # not connected: it stays to acknowledge once the link is back
        self.flash_until = 0.0
        self.refresh_cue()
        self.refresh_history()

    async def action_request(self, kind: RequestKind, text: str | None = None) -> None:
        """Ask the manager (+1 分钟, 样品没到, 技术问题, 下一个, a message) about the segment shown: the console
        journals it and the manager's answer comes back on this line."""
        if self.client is None or not await self.client.request(kind, text, self._segment_id):
            said = self.texts("request.not_sent", what=request_words(self.texts, kind, text))
            redraw.show(self.query_one("#request", Static), Text(said, style="bold red"), Sized.by_text_width)

    def action_message(self) -> None:
        t = self.texts

        async def written(text: str | None) -> None:
            if text:
                await self.action_request("text", text)

        self.push_screen(TextPrompt(t("request.text_title"), t("request.text_placeholder"), t("request.text_hint")),
                         written)

    # ------------------------------------------------------------ drawing

    def keep_time(self) -> None:
        if not self.is_running:  # the timer may fire once more while the app shuts down, its widgets gone
            return
        now = self.monotonic()
        # Only the cue box restyles: a class on the screen would restyle every widget.
        self.query_one("#cue-box").set_class(now < self.flash_until and int(now * 2.5) % 2 == 0, "flash")
        remaining = self.remaining()
        # A new second here or of the show: a replay at ×30 moves the countdown many seconds per second.
        if self.new_second(now, remaining):
            self.refresh_segment()

    def remaining(self) -> float | None:
        if self.state is None or self.state.segment is None:
            return None
        elapsed = 0.0 if self.state.held else (self.monotonic() - self.state_received) * self.state.rate
        return self.state.segment.remaining - elapsed

    def refresh_all(self) -> None:
        self.refresh_link()
        self.refresh_cue()
        self.refresh_segment()
        self.refresh_history()

    def refresh_link(self) -> None:
        t = self.texts
        waiting = self.show_over and self.link_status in (LinkStatus.connecting, LinkStatus.retrying)
        style = "dim" if waiting else LINK_STYLE.get(self.link_status, "bold yellow")
        status = t("host.link.waiting") if waiting else t(f"host.link.{self.link_status.value}")
        text = Text.assemble(("● ", style), (status, style),
                             f"  {self.client.url if self.client else ''}  {t('host.as')} {self.pane_name}")
        if self.link_reason and self.link_status is not LinkStatus.connected and not waiting:
            text.append(f"  ({self.link_reason})", style="dim")  # an ended show's console is gone: no error
        # The status lines have the size the stylesheet gives them: a new one repaints, the screen stays laid out.
        redraw.show(self.query_one("#link", Static), text, Sized.by_stylesheet)

    def refresh_cue(self) -> None:
        t = self.texts
        box = self.query_one("#cue-box")
        shown = None if self.show_over else self.shown_cue()
        level = shown.level.value if shown else "none"
        if not box.has_class(f"level-{level}"):  # restyle the box and its lines once, not per class changed
            for name in ("info", "warn", "urgent", "none"):
                box.set_class(name == level, f"level-{name}", update=False)
            box.update_node_styles()
        queue = self.unacknowledged()
        self.query_one("#cue-queue", QueueLine).show(queue)
        # Their sizes are fixed by the stylesheet: a new cue repaints them without laying out the screen.
        if shown is None:
            idle = t("host.show_over") if self.show_over else t("host.waiting")
            self.query_one("#cue-text", Static).update(Text(idle, style="dim"), layout=False)
            self.query_one("#cue-meta", Static).update("", layout=False)
            return
        self.query_one("#cue-text", Static).update(Banner(shown.text), layout=False)
        meta = Text(f"#{shown.seq} · {shown.sent_wall[11:19]} · {t(f'level.{shown.level.value}')} · ")
        meta.append(t("host.acked") if shown.seq in self.acked else t("host.ack_hint"),
                    style="" if shown.seq in self.acked else "bold reverse")
        self.query_one("#cue-meta", Static).update(meta, layout=False)

    def refresh_segment(self) -> None:
        t = self.texts
        state = self.state
        upcoming = state.next if state else None
        self.next_text = f"{t.label('current.next')}{upcoming.title}  {format_clock(upcoming.budget)}" if upcoming else ""
        if state is None or state.segment is None:
            phase = state.phase if state is not None else DisplayPhase.pending
            self.phase, self.segment_title, self.countdown, self.points = (
                phase, t(IDLE_MESSAGE.get(phase, "host.no_segment")), "--:--", None)
            return
        segment = state.segment
        remaining = self.remaining()
        if remaining is None:  # not here: the state has a segment
            return
        # The frame's phase was true when it left; the countdown runs on here, so its phase does too.
        self.phase = countdown_phase(remaining, segment.warning_lead, segment.over_tolerance,
                                     held=state.phase is DisplayPhase.held)
        self.segment_title = segment.title
        self.countdown = format_clock(remaining) if remaining >= 0 else "-" + format_clock(-remaining)
        self.points = what_to_say.WhatToSay.of(segment)

    def watch_phase(self, phase: DisplayPhase) -> None:
        box = self.query_one("#segment")  # a class change restyles the box: only on a new phase
        for name in PHASE_CLASSES:
            box.set_class(name == phase_class(phase), name)
        label = (Text(f" {self.texts(f'phase.{phase.value}')} ", style=PHASE_STYLE[phase] + " reverse")
                 if phase in PHASE_STYLE else "")
        redraw.show(self.query_one("#segment-phase", Static), label, Sized.by_stylesheet)

    def watch_segment_title(self, title: str) -> None:
        redraw.show(self.query_one("#segment-title", Static), Text(title, style="bold"), Sized.by_stylesheet)

    def watch_countdown(self, countdown: str) -> None:
        self.query_one("#host-countdown", Digits).update(countdown)

    def watch_points(self, points: what_to_say.WhatToSay | None) -> None:
        # No segment: nothing to say.
        self.query_one("#points", Static).update("" if points is None else what_to_say.render(points, self.texts))

    def watch_next_text(self, next_text: str) -> None:
        redraw.show(self.query_one("#segment-next", Static), Clipped(Text(next_text)), Sized.by_stylesheet)  # cut by cells

    def refresh_history(self) -> None:
        """Every cue but the one shown big, newest first."""
        shown = None if self.show_over else self.shown_cue()
        earlier = [cue for cue in self.cues if cue is not shown][-HISTORY_SHOWN:]
        self.query_one("#history", CueHistory).show(earlier[::-1], self.acked, self.from_earlier_segment)
