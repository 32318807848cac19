"""The main screen, Chinese demo plan, one segment over-running: at 80x24 and 120x40."""

import pytest

from rhythm_console.sources.simulated import SimulatedSource
from tests.support.console_helpers import make_console, run_for


def _over_running_console(tmp_path):
    app, session, clock = make_console(tmp_path / "snap.jsonl", plan_name="demo.yaml")
    room = SimulatedSource(session, seed=11)

    async def drive(pilot):
        await pilot.press("space")
        run_for(app, clock, 6 * 60 - 20, room)  # opening: nearly on time
        await pilot.press("space")
        run_for(app, clock, 10 * 60 + 95, room)  # the coat runs 1:35 over (tolerance 45s)
        await pilot.press("1")
        run_for(app, clock, 3, room)
        app.clear_notifications()
        await pilot.pause()

    return app, drive


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_screen_with_an_over_running_segment(snap_compare, tmp_path, size):
    app, drive = _over_running_console(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=drive)
