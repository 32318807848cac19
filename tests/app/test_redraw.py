"""ui/redraw.show: a Static updated only as much as its change needs (a full layout of the screen is
most of a key's way to the screen under a busy room)."""

from contextlib import asynccontextmanager

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from rhythm_console.ui.redraw import Sized, show


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static()


@asynccontextmanager
async def a_static():
    """A Static in a running app, and the layout asked for by each update it is given."""
    app = OneLine()
    async with app.run_test():
        widget = app.query_one(Static)
        yield widget, recording(widget)


def recording(widget: Static) -> list[bool]:
    layouts: list[bool] = []
    update = widget.update

    def recorded(content="", *, layout=True):
        layouts.append(layout)
        update(content, layout=layout)

    widget.update = recorded
    return layouts


async def test_the_same_content_again_is_not_drawn_again():
    async with a_static() as (widget, layouts):
        show(widget, Text("落后 +1:00", style="bold"))
        show(widget, Text("落后 +1:00", style="bold"))
        show(widget, "")
        show(widget, "")
        assert layouts == [True, True]


async def test_a_text_that_differs_only_in_style_or_cut_is_drawn():
    async with a_static() as (widget, layouts):
        show(widget, Text("准时"))
        show(widget, Text("准时", style="bold"))
        show(widget, Text("准时", style="bold", no_wrap=True))
        assert len(layouts) == 3


async def test_sized_by_the_stylesheet_never_lays_the_screen_out_again():
    async with a_static() as (widget, layouts):
        show(widget, Text("1,234"), Sized.by_stylesheet)
        show(widget, Text("12,345,678 and more"), Sized.by_stylesheet)
        assert layouts == [False, False]


async def test_a_width_auto_line_is_laid_out_only_when_its_width_changes():
    async with a_static() as (widget, layouts):
        show(widget, Text("12:00:01 准时"), Sized.by_text_width)  # from "": a new width
        show(widget, Text("12:00:02 准时"), Sized.by_text_width)
        show(widget, Text("12:00:03 落后 +1:00"), Sized.by_text_width)
        show(widget, Text("12:00:04 落后\n+1:00"), Sized.by_text_width)  # lines: not one width
        assert layouts == [True, False, True, True]
