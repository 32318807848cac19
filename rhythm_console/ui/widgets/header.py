"""The top line: the show's title, cut to the cells left, and its status (ui/header_line.py says what)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from rhythm_console.ui.format import Clipped
from rhythm_console.ui.header_line import fitted, status_parts, status_room
from rhythm_console.ui.redraw import Sized, show
from rhythm_console.ui.view import ShowsView, View


class ShowHeader(ShowsView, Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-status")

    def update_view(self, view: View) -> None:
        # Cut where it is drawn, by cells (a Chinese character takes two); its width is the stylesheet's (1fr).
        show(self.query_one("#header-title", Static), Clipped(Text(view.state.plan.show.title, style="bold")),
             Sized.by_stylesheet)
        status = fitted(status_parts(view), status_room(self.size.width))
        show(self.query_one("#header-status", Static), status, Sized.by_text_width)  # width: auto

    def on_resize(self, event: events.Resize) -> None:
        if self.view is not None:  # what fits is another set of parts
            self.update_view(self.view)
