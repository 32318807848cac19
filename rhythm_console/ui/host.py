"""The host pane: the latest cue, unmissable; the segment's countdown; what comes next.

It runs on a second monitor or another machine and knows the show only
through the link's frames. The countdown runs on this machine's clock from
the last state frame (the console re-sends state every few seconds).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Footer, Static

from rhythm_console.durations import format_clock
from rhythm_console.link.client import LinkClient, LinkStatus
from rhythm_console.link.protocol import CueFrame, StateFrame
from rhythm_console.ui.format import LEVEL_STYLE, PHASE_STYLE
from rhythm_console.ui.i18n import Texts, localize_bindings

FLASH_SECONDS = 4.0


class HostApp(App[None]):
    CSS_PATH = "styles/host.tcss"
    BINDINGS = [
        Binding("space", "ack", "key.ack"),
        Binding("enter", "ack", "key.ack", show=False),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(self, client: LinkClient | None, texts: Texts, *, name: str = "host",
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.client = client
        self.texts = texts
        self.pane_name = name
        self.monotonic = monotonic
        self.cues: list[CueFrame] = []
        self.acked: set[int] = set()
        self.state: StateFrame | None = None
        self.state_received = 0.0
        self.link_status = LinkStatus.connecting
        self.link_reason: str | None = None
        self.flash_until = 0.0
        self._last_second: int | None = None
        self.title = texts("host.title")
        localize_bindings(self, texts)
        if client is not None:
            client.on_cue = self.show_cue
            client.on_state = self.show_state
            client.on_status = self.show_status

    def compose(self) -> ComposeResult:
        yield Static(id="link")
        with Vertical(id="cue-box"):
            yield Static(id="cue-text")
            yield Static(id="cue-meta")
        with Horizontal(id="segment-row"):
            with Vertical(id="segment"):
                yield Static(id="segment-title")
                yield Digits("--:--", id="host-countdown")
                yield Static(id="segment-phase")
                yield Static(id="segment-next")
            yield Static(id="points")
        with VerticalScroll(id="history"):
            yield Static(id="history-body")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#history").border_title = self.texts("host.earlier")
        self.refresh_all()
        self.set_interval(0.2, self.tick)
        if self.client is not None:
            self.client.start()

    async def on_unmount(self) -> None:
        if self.client is not None:
            await self.client.stop()

    # ------------------------------------------------------------ frames in

    def show_cue(self, frame: CueFrame) -> None:
        if any(cue.seq == frame.seq for cue in self.cues):
            return  # never twice, whatever the link does
        self.cues.append(frame)
        self.cues.sort(key=lambda cue: cue.seq)
        if frame.acked:
            self.acked.add(frame.seq)
        elif frame.level.value == "urgent" and frame.seq == self.cues[-1].seq and frame.age < FLASH_SECONDS:
            self.flash_until = self.monotonic() + FLASH_SECONDS
        self.refresh_all()

    def show_state(self, frame: StateFrame) -> None:
        self.state = frame
        self.state_received = self.monotonic()
        self.refresh_all()

    def show_status(self, status: LinkStatus, reason: str | None) -> None:
        self.link_status = status
        self.link_reason = reason
        self.refresh_all()

    # ------------------------------------------------------------ keys

    async def action_ack(self) -> None:
        pending = [cue.seq for cue in self.cues if cue.seq not in self.acked]
        if not pending:
            return
        for seq in pending:
            if self.client is None or await self.client.ack(seq):
                self.acked.add(seq)
        self.refresh_all()

    # ------------------------------------------------------------ drawing

    def tick(self) -> None:
        now = self.monotonic()
        self.screen.set_class(now < self.flash_until and int(now * 2.5) % 2 == 0, "flash")
        second = int(now)
        if second != self._last_second:
            self._last_second = second
            self.refresh_segment()

    def remaining(self) -> float | None:
        if self.state is None or self.state.segment is None:
            return None
        elapsed = 0.0 if self.state.held else self.monotonic() - self.state_received
        return self.state.segment.remaining - elapsed

    def refresh_all(self) -> None:
        if not self.is_mounted:
            return
        self.refresh_link()
        self.refresh_cue()
        self.refresh_segment()
        self.refresh_history()

    def refresh_link(self) -> None:
        t = self.texts
        style = {"connected": "bold green", "refused": "bold white on red"}.get(self.link_status.value, "bold yellow")
        text = Text.assemble(("● ", style), (t(f"host.link.{self.link_status.value}"), style),
                             f"  {self.client.url if self.client else ''}  {t('host.as')} {self.pane_name}")
        if self.link_reason and self.link_status is not LinkStatus.connected:
            text.append(f"  ({self.link_reason})", style="dim")
        self.query_one("#link", Static).update(text)

    def refresh_cue(self) -> None:
        t = self.texts
        box = self.query_one("#cue-box")
        for level in ("info", "warn", "urgent", "none"):
            box.set_class(False, f"level-{level}")
        if not self.cues:
            box.set_class(True, "level-none")
            self.query_one("#cue-text", Static).update(Text(t("host.waiting"), style="dim"))
            self.query_one("#cue-meta", Static).update("")
            return
        latest = self.cues[-1]
        box.set_class(True, f"level-{latest.level.value}")
        self.query_one("#cue-text", Static).update(Text(latest.text, style="bold"))
        meta = Text(f"#{latest.seq} · {latest.sent_wall[11:19]} · {t(f'level.{latest.level.value}')} · ")
        meta.append(t("host.acked") if latest.seq in self.acked else t("host.ack_hint"),
                    style="" if latest.seq in self.acked else "bold reverse")
        self.query_one("#cue-meta", Static).update(meta)

    def refresh_segment(self) -> None:
        t = self.texts
        title = self.query_one("#segment-title", Static)
        digits = self.query_one("#host-countdown", Digits)
        phase_line = self.query_one("#segment-phase", Static)
        segment_box = self.query_one("#segment")
        state = self.state
        for name in ("running", "warning", "over", "overrun", "held", "idle"):
            segment_box.set_class(False, f"phase-{name}")
        upcoming = state.next if state else None
        self.query_one("#segment-next", Static).update(
            Text(f"{t('current.next')}: {upcoming.title}  {format_clock(upcoming.budget)}") if upcoming else "")
        if state is None or state.segment is None:
            segment_box.set_class(True, "phase-idle")
            message = t("host.no_segment")
            if state is not None and state.status == "ended":
                message = t("host.ended")
            elif state is not None and state.status == "live":
                message = t("host.between")
            title.update(Text(message, style="bold"))
            digits.update("--:--")
            phase_line.update("")
            self.query_one("#points", Static).update("")
            return
        segment = state.segment
        remaining = self.remaining()
        if state.held:
            phase = "held"
        elif remaining <= 0:
            phase = "overrun" if -remaining > segment.over_tolerance else "over"
        elif remaining <= segment.warning_lead:
            phase = "warning"
        else:
            phase = "running"
        segment_box.set_class(True, f"phase-{phase}")
        title.update(Text(segment.title, style="bold"))
        digits.update(format_clock(remaining) if remaining >= 0 else "-" + format_clock(-remaining))
        phase_line.update(Text(f" {t(f'phase.{phase}')} ", style=PHASE_STYLE[phase] + " reverse"))
        points = Text()
        if segment.product:
            points.append(segment.product + "\n", style="bold yellow")
        points.append("\n".join(f"• {p}" for p in segment.talking_points))
        self.query_one("#points", Static).update(points)

    def refresh_history(self) -> None:
        text = Text()
        for cue in reversed(self.cues[:-1]):
            text.append(f"#{cue.seq} {cue.sent_wall[11:19]} ", style="dim")
            text.append(cue.text, style=LEVEL_STYLE[cue.level.value])
            text.append(" ✓\n" if cue.seq in self.acked else "\n", style="green")
        self.query_one("#history-body", Static).update(text)
