"""What the console's first frame skips must not change what it shows."""

import pytest
from textual.geometry import Size
from textual.widgets import Static

from rhythm_console.ui.widgets.rundown import RundownTable
from tests.support.console_helpers import make_console, run_for


@pytest.mark.parametrize("plan_name", ["demo.yaml", "quick.yaml"])
async def test_the_rundown_table_is_as_tall_as_drawing_it_gives(tmp_path, plan_name):
    """Its height is taken as a header and a line per segment, without drawing it: what drawing it
    gives at any width, before the show, running, and with segments done."""
    app, session, clock = make_console(tmp_path / "show.jsonl", plan_name=plan_name)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#rundown-table", RundownTable)
        states = 0
        for keys in ((), ("space", "y"), ("space", "y")):
            await pilot.press(*keys)
            run_for(app, clock, 30)
            await pilot.pause()
            for width in (20, 34, 52, 90):
                drawn = Static.get_content_height(table, Size(width, 40), Size(width, 40), width)
                assert table.get_content_height(Size(width, 40), Size(width, 40), width) == drawn
            states += 1
        assert table.rows == len(session.state.runs) and states == 3


def _styles(app):
    return {node: node._css_styles.get_rules() for node in app.screen.walk_children(with_self=True)}


@pytest.mark.parametrize("plan_name", ["demo.yaml", "quick.yaml"])
async def test_the_first_frame_styles_every_widget_as_styling_them_all_again_would(tmp_path, plan_name):
    """The screen's first showing does not style every widget a second time (each was styled as it was
    mounted): doing so afterwards changes nothing."""
    app, _, _ = make_console(tmp_path / "show.jsonl", plan_name=plan_name)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = _styles(app)
        app.screen.update_node_styles(animate=False)
        assert _styles(app) == first and len(first) > 30
