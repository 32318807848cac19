"""The supervisor's floor (总控): a tile per room on the bus, sorted by what needs attention;
a room opens to its rundown and alerts, and takes a cue from here.

The app only draws what the floor client hands it (validated summaries, arriving as `RoomHeard`
messages) and keeps, per room, when its last summary arrived: a room silent for QUIET_AFTER seconds
is greyed with its age. A room whose latest summary could not be read is shown as unreadable, first,
with none of its numbers. Countdowns and silences repaint on each new second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.widgets import Footer, Static

from rhythm_console.bus.floor import CueOutcome, FloorClient
from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.phrases import alert_words
from rhythm_console.show import DisplayPhase, RunStatus
from rhythm_console.summary import QUIET_AFTER, RoomSummary, attention, falling
from rhythm_console.textsafe import printable
from rhythm_console.ui.base import LocalizedApp, LocalizedScreen
from rhythm_console.ui.format import LEVEL_STYLE, PHASE_STYLE, STATUS_MARK, drift_text
from rhythm_console.ui.updates import NewSecond, RoomHeard
from rhythm_console.ui.widgets.dialogs import CueDialog
from rhythm_console.units import count, money

TILE_WIDTH = 40  # columns per tile: two across at 80, three at 120
COUNTING = (DisplayPhase.running, DisplayPhase.warning, DisplayPhase.over, DisplayPhase.overrun)


@dataclass
class RoomSeen:
    summary: RoomSummary
    received: float  # the floor's own clock: silence is measured here, whatever the room's clock says


class RoomTile(Static, can_focus=True):
    def __init__(self) -> None:
        super().__init__()
        self.room: str | None = None

    def on_click(self, event: Click) -> None:
        self.focus()
        self.app.open_room(self.room)


def _words(t: Texts, alert) -> str:
    try:
        return alert_words(t, alert)
    except (KeyError, IndexError, ValueError):  # a room on another version may use a code this one lacks
        return alert.message


def countdown(seen: RoomSeen, now: float) -> float | None:
    """The running segment's remaining time, carried on between summaries."""
    current = seen.summary.current
    if current is None or current.remaining is None:
        return None
    if seen.summary.phase in COUNTING:
        return current.remaining - (now - seen.received)
    return current.remaining


def tile_text(t: Texts, seen: RoomSeen, now: float) -> Text:
    summary = seen.summary
    text = Text(no_wrap=True, overflow="ellipsis")
    who = summary.manager or "—"
    text.append(f"{t('floor.manager')} {printable(who)}", style="dim")
    state = {"ready": t("floor.ready"), "ended": t("floor.ended")}.get(summary.status)
    if summary.phase in (DisplayPhase.held, DisplayPhase.between, DisplayPhase.all_done):
        state = t(f"floor.{summary.phase.value}")
    if state:
        text.append(f" · {state}")
    text.append("\n")
    ended = summary.status == "ended"  # no next segment and no drift: the show is over, however early
    if summary.current is not None:
        text.append(printable(summary.current.title)[:18], style="bold")
        remaining = countdown(seen, now)
        if remaining is not None:
            style = PHASE_STYLE.get(summary.phase, "")
            text.append(f" {format_clock(remaining, sign=remaining < 0)}", style=style)
    elif summary.next is not None and not ended:
        text.append(f"→ {printable(summary.next.title)[:18]}", style="dim")
    text.append("\n")
    if summary.drift is not None and not ended:
        text.append(f"{t('floor.drift')} ")
        text.append_text(drift_text(t, summary.drift))
        text.append(" · ")
    if summary.online is not None:
        arrow = "↓" if falling(summary) else ("↑" if (summary.online_change or 0) > 0 else "→")
        text.append(f"{t('floor.online')} {count(summary.online)} ")
        text.append(arrow, style="bold red" if arrow == "↓" else "green")
    text.append("\n")
    if summary.gmv is not None:
        goal = f"/{money(summary.gmv_goal)}" if summary.gmv_goal else ""
        text.append(f"GMV {money(summary.gmv)}{goal} · ")
    if summary.alerts:
        worst = max(summary.alerts, key=lambda a: ("info", "warn", "urgent").index(a.level)
                    if a.level in ("info", "warn", "urgent") else 0)
        text.append(t("floor.alerts", n=len(summary.alerts)), style=LEVEL_STYLE.get(worst.level, ""))
        text.append(" · ")
    age = summary.source_age
    text.append(t("floor.fresh", age=f"{age:.0f}s") if age is not None else t("floor.no_data"), style="dim")
    return text


class RoomScreen(LocalizedScreen):
    """One room: its rundown and alerts; `c` sends it a cue."""

    BINDINGS = [Binding("escape", "app.pop_screen", "key.floor.back"), Binding("c", "cue", "key.cue")]

    def __init__(self, texts: Texts, room: str) -> None:
        super().__init__(texts)
        self.room = room

    def compose(self) -> ComposeResult:
        yield Static(id="floor-header")
        with Horizontal(id="room-body"):
            yield Static(id="room-rundown")
            yield Static(id="room-alerts")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        t = self.texts
        self.query_one("#room-rundown").border_title = t("floor.rundown")
        self.query_one("#room-alerts").border_title = t("floor.alerts.title")
        self.update_room()

    def update_room(self) -> None:
        seen = self.app.rooms.get(self.room)
        if seen is None:
            if self.room in self.app.unreadable:
                self.query_one("#floor-header", Static).update(
                    Text(f"{self.room} · {self.texts('floor.unreadable')}", style="bold"))
            return
        t, summary = self.texts, seen.summary
        self.query_one("#floor-header", Static).update(
            Text(f"{self.room} · {printable(summary.title)}", style="bold", no_wrap=True, overflow="ellipsis"))
        rundown = Text(no_wrap=True, overflow="ellipsis")
        for segment in summary.rundown:
            mark = STATUS_MARK[RunStatus(segment.status)]
            title = set_cell_size(printable(segment.title), 24)  # CJK titles are two cells a character
            rundown.append(f"{mark} {title} {format_clock(segment.planned):>5}")
            if segment.actual is not None:
                rundown.append(f" {format_clock(segment.actual)}", style="bold" if segment.status == "running" else "dim")
            rundown.append("\n")
        self.query_one("#room-rundown", Static).update(rundown)
        alerts = Text()
        for alert in summary.alerts:
            alerts.append("● ", style=LEVEL_STYLE.get(alert.level, ""))
            alerts.append(printable(_words(t, alert)) + "\n")
        self.query_one("#room-alerts", Static).update(alerts if summary.alerts else Text(t("floor.alerts.none"), style="dim"))

    def action_cue(self) -> None:
        seen = self.app.rooms.get(self.room)
        # The dialog lists (name, label) pairs; the floor knows the room's pane names, not its team.
        panes = [(name, printable(name)) for name in seen.summary.panes] if seen is not None else []

        def chosen(result) -> None:
            if result is not None:
                text, level, target = result
                self.app.send_cue(self.room, text, level, target)

        self.app.push_screen(CueDialog(self.texts, panes), chosen)


class FloorApp(LocalizedApp):
    CSS_PATH = ["styles/manager.tcss", "styles/dialogs.tcss", "styles/floor.tcss"]
    BINDINGS = [Binding("enter", "open", "key.floor.open"), Binding("o", "toggle_sort", "key.floor.sort"),
                Binding("q", "quit", "key.floor.quit")]

    def __init__(self, texts: Texts, client: FloorClient | None, monotonic: Callable[[], float],
                 *, repaint_every: float = 0.5) -> None:
        super().__init__(texts)
        self.client = client
        self.monotonic = monotonic
        self.repaint_every = repaint_every
        self.rooms: dict[str, RoomSeen] = {}
        self.unreadable: dict[str, float] = {}  # room -> when its unreadable summary arrived
        self.by_name = False
        self.new_second = NewSecond()
        self.title = texts("floor.title")

    def compose(self) -> ComposeResult:
        yield Static(id="floor-header")
        yield VerticalScroll(id="tiles")
        yield Footer(show_command_palette=False, compact=True)

    async def on_mount(self) -> None:
        if self.client is not None:
            try:
                await self.client.start()
            except Exception as exc:  # BusRefused or BusUnreachable: the bus changed since the check
                self.exit(return_code=2, message=str(exc))
                return
        self.set_interval(self.repaint_every, self.keep_time)
        self.repaint()

    async def on_unmount(self) -> None:
        if self.client is not None:
            await self.client.stop()

    def on_resize(self) -> None:
        self.query_one("#tiles").styles.grid_size_columns = max(1, self.size.width // TILE_WIDTH)

    # ---------------------------------------------------------------- from the bus

    def summary_arrived(self, summary: RoomSummary, received: float) -> None:
        """The floor client's callback: drawn when the app handles it, between frames."""
        self.post_message(RoomHeard(summary.room, summary, received))

    def unreadable_arrived(self, room: str, received: float) -> None:
        """The floor client's callback for a summary that is not one: drawn when the app handles it."""
        self.post_message(RoomHeard(room, None, received))

    def on_room_heard(self, message: RoomHeard) -> None:
        if message.summary is None:
            self.take_unreadable(message.room, message.received)
        else:
            self.take_summary(message.summary, message.received)
        self.repaint()

    def take_summary(self, summary: RoomSummary, received: float) -> None:
        self.unreadable.pop(summary.room, None)
        self.rooms[summary.room] = RoomSeen(summary, received)

    def take_unreadable(self, room: str, received: float) -> None:
        """The room's latest summary is not one: its earlier numbers are no longer the room's."""
        self.rooms.pop(room, None)
        self.unreadable[room] = received

    def keep_time(self) -> None:
        """Countdowns and silences move on: a repaint on each new second of the floor's clock."""
        if self.is_running and self.new_second(self.monotonic()):  # not while shutting down
            self.repaint()

    def quiet_for(self, seen: RoomSeen, now: float) -> float | None:
        age = now - seen.received
        return age if age >= QUIET_AFTER and seen.summary.status != "ended" else None

    def order(self) -> list[str]:
        now = self.monotonic()
        if self.by_name:
            return sorted([*self.rooms, *self.unreadable])
        return sorted(self.unreadable) + sorted(self.rooms, key=lambda room: (
            -attention(self.rooms[room].summary, self.quiet_for(self.rooms[room], now) is not None), room))

    # ---------------------------------------------------------------- drawing

    def repaint(self) -> None:
        t, now = self.texts, self.monotonic()
        header = Text(no_wrap=True, overflow="ellipsis")
        header.append(t("floor.title"), style="bold")
        header.append(f"  {t('floor.rooms', n=len(self.rooms) + len(self.unreadable))} · ")
        header.append(t("floor.sort.name") if self.by_name else t("floor.sort.attention"))
        if self.client is not None and not self.client.connected:
            header.append(f"  {t('floor.bus_down')}", style="bold white on dark_orange3")
        self.query_one("#floor-header", Static).update(header)
        tiles = self.query_one("#tiles", VerticalScroll)
        present = list(tiles.query(RoomTile))
        order = self.order()
        # Focus stays with a room, not a place: the attention order moves rooms between tiles.
        focused = self.focused
        followed = focused.room if isinstance(focused, RoomTile) else None
        if len(present) < len(order):
            tiles.mount_all([RoomTile() for _ in range(len(order) - len(present))])
            present = list(tiles.query(RoomTile))
        if not order:
            self.query_one("#floor-header", Static).update(header.append(f"  {t('floor.none')}", style="dim"))
        for tile, room in zip(present, order, strict=False):
            tile.room = room
            seen = self.rooms.get(room)
            tile.set_class(seen is None, "unreadable")
            if seen is None:
                tile.border_title, tile.border_subtitle = Text(room), ""
                tile.set_class(False, "quiet")
                tile.set_class(False, "ended")
                tile.update(Text(t("floor.unreadable"), style="bold"))
                continue
            tile.border_title = Text(f"{room} · {printable(seen.summary.title)}")  # Text: a [ in a title is no markup
            quiet = self.quiet_for(seen, now)
            tile.border_subtitle = t("floor.quiet", age=format_clock(quiet)) if quiet is not None else ""
            tile.set_class(quiet is not None, "quiet")
            tile.set_class(seen.summary.status == "ended", "ended")
            tile.update(tile_text(t, seen, now))
        if followed is not None:
            moved = next((tile for tile in present if tile.room == followed), None)
            if moved is not None and moved is not focused:
                moved.focus()
        elif not isinstance(focused, RoomTile) and order and len(self.screen_stack) == 1:
            present[0].focus()  # Enter opens the room needing attention most without a Tab first
        if isinstance(self.screen, RoomScreen):
            self.screen.update_room()

    # ---------------------------------------------------------------- keys

    def action_toggle_sort(self) -> None:
        self.by_name = not self.by_name
        self.repaint()

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, RoomTile):
            self.open_room(focused.room)

    def open_room(self, room: str | None) -> None:
        if room is not None and room in self.rooms and not isinstance(self.screen, RoomScreen):
            self.push_screen(RoomScreen(self.texts, room))

    def send_cue(self, room: str, text: str, level, target: str | None) -> None:
        if self.client is not None:
            self.run_worker(self._send_cue(room, text, level, target), group="cues")

    async def _send_cue(self, room: str, text: str, level, target: str | None) -> None:
        outcome = await self.client.send_cue(room, text, level, target)
        self.tell(room, outcome)

    def tell(self, room: str, outcome: CueOutcome) -> None:
        t = self.texts
        if outcome.kind == "sent":
            if outcome.reach:
                words = t("floor.cue.sent_to", room=room, cue=outcome.cue, panes=t.listed(outcome.reach))
            else:  # an older console does not say where it went: taken, no more
                words = t("floor.cue.sent", room=room, cue=outcome.cue)
            self.notify(words, timeout=3)
        elif outcome.kind == "nobody":
            self.notify(t("floor.cue.nobody", room=room, cue=outcome.cue), severity="warning", timeout=8)
        else:
            message = t(f"floor.cue.{outcome.kind}", room=room, reason=printable(outcome.reason or ""))
            self.notify(message, severity="warning", timeout=8)
