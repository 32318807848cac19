"""Build a manager console on a manual clock, and read what it shows."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.geometry import Region
from textual.widgets import Static

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.sources.simulated import SimulatedSource
from rhythm_console.ui.manager import ManagerApp
from rhythm_console.ui.widgets.cue_history import CueHistory
from tests.support.plans import PLANS


def make_console(journal_path: Path, plan_name: str = "quick.yaml", lang: str | None = None, source_factory=None):
    """A console on a manual clock; `source_factory(session)` may give it a source."""
    plan = load_plan(PLANS / plan_name)
    clock = ManualClock()
    journal = JournalWriter(journal_path, plan, clock=clock, sync=lambda fd: None)
    lang = lang or lang_for_locale(plan.show.locale.value)
    session = LiveSession(plan, clock, journal, lang=lang)
    source = source_factory(session) if source_factory else None
    app = ManagerApp(session, Texts(lang), source=source)
    return app, session, clock


def run_for(app: ManagerApp, clock: ManualClock, seconds: int, room: SimulatedSource | None = None) -> None:
    """Let `seconds` pass one second at a time, as the console's timer would see them."""
    for _ in range(seconds):
        clock.advance(1)
        if room is not None:
            room.feed(app.session.room)
        app.keep_time()


def text_of(app: ManagerApp, selector: str) -> str:
    """The plain text a Static (or the host pane's history) shows, rendered at its on-screen width."""
    widget = app.screen.query_one(selector)
    assert isinstance(widget, Static | CueHistory), widget
    console = Console(width=max(20, widget.size.width or 80), file=io.StringIO(), record=True,
                      color_system=None, legacy_windows=False)
    console.print(widget.content, soft_wrap=True)  # as on screen: one-line widgets are cut, not wrapped
    return console.export_text()


def drawn(app: ManagerApp, selector: str) -> list[str]:
    """The rows a widget draws at its size on screen, cut as the screen cuts them (text_of prints its
    whole content: a figure cut on screen reads whole there)."""
    widget = app.screen.query_one(selector)
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


def notices(app: ManagerApp) -> list[str]:
    """What the notifications on screen say (title and message), read from the toasts drawn
    (run_test(notifications=True) draws them)."""
    return [toast.render().plain for toast in app.screen.query("Toast")]
