"""The console's screen layout, shared by the live console and the replay."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.widgets import Static

from rhythm_console.i18n import Texts
from rhythm_console.ui.format import IDLE_CLASS
from rhythm_console.ui.view import View
from rhythm_console.ui.widgets.audience import AudiencePanel
from rhythm_console.ui.widgets.checklist import ChecklistPanel
from rhythm_console.ui.widgets.cues import AlertsPanel, CueLog
from rhythm_console.ui.widgets.current import CurrentSegment
from rhythm_console.ui.widgets.header import ShowHeader
from rhythm_console.ui.widgets.legend import KeyLegend
from rhythm_console.ui.widgets.metrics import MetricsRow
from rhythm_console.ui.widgets.rundown import Rundown

MIN_WIDTH, MIN_HEIGHT = 80, 24

# Built-in cues on function keys, so the commonest calls need no typing.
BUILTIN_KEYS = {"f1": "speed_up", "f2": "slow_down", "f3": "add_interaction", "f4": "push_link",
                "f5": "next_product", "f6": "wrap_up"}


def compose_console(view: Reactive[View | None]) -> ComposeResult:
    """The panels, each bound to the app's `view` reactive: a new View redraws them."""
    with Vertical(id="main"):
        yield ShowHeader(id="header").data_bind(view=view)
        with Horizontal(id="top"):
            yield Rundown(id="rundown").data_bind(view=view)
            # Made with the class of a segment not running (the first view's, but for a resumed show's
            # running one): a class added once it is up restyles the panel before the first paint.
            yield CurrentSegment(id="current", classes=IDLE_CLASS).data_bind(view=view)
            # the pre-show screen: in the current segment's place
            yield ChecklistPanel(id="checklist").data_bind(view=view)
        yield MetricsRow(id="metrics").data_bind(view=view)
        # shown by the live console only (its keys send)
        yield KeyLegend(BUILTIN_KEYS, id="legend").data_bind(view=view)
        with Horizontal(id="bottom"):
            yield AlertsPanel(id="alerts").data_bind(view=view)
            yield AudiencePanel(id="audience").data_bind(view=view)  # shown once comments with text arrive
            yield CueLog(id="cuelog").data_bind(view=view)
    yield Static(id="too-small")


def title_panels(app: App, texts: Texts) -> None:
    app.query_one("#rundown").border_title = texts("rundown.title")
    app.query_one("#current").border_title = texts("current.title")
    app.query_one("#checklist").border_title = texts("checklist.title")
    app.query_one("#alerts").border_title = texts("alerts.title")
    app.query_one("#audience").border_title = texts("audience.title")
    app.query_one("#cuelog").border_title = texts("cues.title")


def check_size(app: App, texts: Texts) -> None:
    """Say so, instead of drawing garbage, when the terminal is too small."""
    width, height = app.size
    small = width < MIN_WIDTH or height < MIN_HEIGHT
    app.screen.set_class(small, "too-small")
    if small:
        app.query_one("#too-small", Static).update(texts("too_small", w=MIN_WIDTH, h=MIN_HEIGHT, cw=width, ch=height))
