"""The manager's screens replaying a journal, read-only, for training and review."""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.replay import ReplayCursor, ReplayIndex
from rhythm_console.ui.base import ConsoleApp
from rhythm_console.ui.view import SourceView, View
from rhythm_console.units import wall_at

if TYPE_CHECKING:
    from rhythm_console.link.server import LinkServer

SPEEDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)


class ReplayApp(ConsoleApp):
    BINDINGS = [
        Binding("space", "play_or_pause", "key.play"),
        Binding("left", "seek(-10)", "key.back"),
        Binding("right", "seek(10)", "key.forward"),
        Binding("left_square_bracket", "speed(-1)", "key.slower"),
        Binding("right_square_bracket", "speed(1)", "key.faster"),
        Binding("pageup", "segment(-1)", "key.prev_segment"),
        Binding("pagedown", "segment(1)", "key.next_segment"),
        Binding("home", "jump('start')", "key.start", show=False),
        Binding("end", "jump('end')", "key.end", show=False),
        Binding("q", "quit", "key.quit"),
    ]

    def __init__(self, index: ReplayIndex, texts: Texts, *, speed: float = 1.0, name: str = "",
                 link: LinkServer | None = None, cursor: ReplayCursor | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(texts, link=link)
        self.index = index
        self.cursor = cursor or ReplayCursor(index)
        self.speed = speed
        self.playing = True
        self.journal_name = name
        self.monotonic = monotonic
        self._last_tick: float | None = None
        self.title = f"{texts('replay.title')} · {name}"
        # Open at the show's start, not at the journal's first line.
        self.cursor.seek(index.show_start)
        self._seeks_told = self.cursor.seeks  # panes that connect from now on start from here anyway
        if link is not None:
            link.session.clock_rate = speed

    def compose_extra(self) -> ComposeResult:
        yield Static(id="replay-status")

    def screen_ready(self) -> None:
        self.query_one("#cuelog").border_subtitle = ""  # the built-in cue keys do nothing here

    # ------------------------------------------------------------ time

    def keep_time(self) -> None:
        now = self.monotonic()
        if self.playing and self._last_tick is not None:
            self.cursor.play_to(self.cursor.at + (now - self._last_tick) * self.speed)
            if self.cursor.at >= self.index.end:
                self.playing = False
        self._last_tick = now
        self._panes_follow()
        # Repaint when the shown second or the state changes, not on every tick.
        if self.new_second(self.cursor.at, self.cursor.count):
            self.refresh_view()

    def _panes_follow(self) -> None:
        """Trainee panes count down at the replay's pace and start over from the new moment after a jump."""
        if self.link is None:
            return
        session = self.link.session
        rate = self.speed if self.playing else 0.0
        if self.cursor.seeks != self._seeks_told:
            self._seeks_told = self.cursor.seeks
            session.clock_rate = rate
            self.link.resync()
        elif rate != session.clock_rate:
            session.clock_rate = rate
            self.link.broadcast_state()

    def build_view(self) -> View:
        source = SourceView(name=self.journal_name, status="replay", provides_commerce=self.index.has_commerce,
                            last_item_age=0.0)
        return View(state=self.cursor.state, now=self.cursor.at, started_wall=self.index.started_wall,
                    texts=self.texts, history=self.cursor.history, source=source, show_kind=self.index.kind,
                    plan_times_count=self.index.kind in ("live", "drill"))  # as the show's own session counted

    def refresh_view(self) -> None:
        self._panes_follow()  # every key that moves or pauses the replay repaints: the panes hear of it here
        if not self.is_running or self._leaving:
            return
        self.new_second(self.cursor.at, self.cursor.count)  # what is drawn now: the timer need not redraw it
        super().refresh_view()
        t = self.texts
        state = t("replay.playing") if self.playing else t("replay.ended") if self.cursor.at >= self.index.end else t("replay.paused")
        position = self.cursor.at - self.index.show_start
        total = self.index.end - self.index.show_start
        status = Text.assemble(
            (f" {t('replay.title')} ", "bold black on cyan"), f" {state}  ",
            (f"{wall_at(self.index.started_wall, self.cursor.at):%H:%M:%S}", "bold"),
            f"  {format_clock(position)} / {format_clock(total)}  ", (f"×{self.speed:g}", "bold"),
            no_wrap=True, overflow="ellipsis")
        self.query_one("#replay-status", Static).update(status)

    # ------------------------------------------------------------ keys

    def action_play_or_pause(self) -> None:  # not `toggle`: Textual's DOMNode has an action_toggle of its own
        if not self.playing and self.cursor.at >= self.index.end:
            self.cursor.seek(self.index.show_start)
        self.playing = not self.playing
        self._last_tick = self.monotonic()
        self.refresh_view()

    def action_seek(self, seconds: float) -> None:
        self.cursor.seek(self.cursor.at + seconds)
        self.refresh_view()

    def action_speed(self, step: int) -> None:
        position = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speed))
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, position + step))]
        self.refresh_view()

    def action_segment(self, step: int) -> None:
        starts = self.index.segment_starts
        if not starts:
            return
        if step < 0:
            # Within the first 2 s of a segment, go to the one before it.
            position = bisect_left(starts, self.cursor.at - 2) - 1
            target = starts[max(0, position)]
        else:
            position = bisect_right(starts, self.cursor.at)
            if position >= len(starts):
                return
            target = starts[position]
        self.cursor.seek(target)
        self.refresh_view()

    def action_jump(self, where: str) -> None:
        self.cursor.seek(self.index.show_start if where == "start" else self.index.end)
        self.refresh_view()
