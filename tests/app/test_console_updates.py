"""How session changes reach the console (issue 23.2): typed `ShowChanged` messages, a burst merged into
one repaint, panels bound to the app's one `view` reactive, repaints on a new second."""

from __future__ import annotations

from rhythm_console.ui.updates import NewSecond, ShowChanged
from rhythm_console.ui.widgets.cues import CueLog
from rhythm_console.ui.widgets.header import ShowHeader
from tests.support.console_helpers import make_console, run_for, text_of


async def test_a_burst_of_events_from_outside_the_keys_is_one_message_and_one_repaint(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    handled = []
    async with app.run_test(size=(100, 30), message_hook=handled.append) as pilot:
        await pilot.press("space")
        await pilot.pause()
        handled.clear()
        for number in range(1, 21):  # as the HTTP API or a pane's acks would, between two frames
            session.send_cue(f"提词 {number}")
        await pilot.pause()
        changes = [message for message in handled if isinstance(message, ShowChanged)]
        assert 1 <= len(changes) < 20
        assert changes[-1].state is session.state
        assert "提词 20" in text_of(app, "#cuelog-body")


async def test_every_panel_draws_the_view_the_app_holds(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 3)
        assert app.query_one(ShowHeader).view is app.view
        assert app.query_one(CueLog).view is app.view
        assert app.view.state is session.state and app.view.now == session.now()


async def test_a_new_second_repaints_the_clocks_and_the_same_second_does_not(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 1)
        drawn = app.view
        clock.advance(0.4)
        app.keep_time()
        assert app.view is drawn  # the same second: nothing to redraw
        clock.advance(0.6)
        app.keep_time()
        assert app.view is not drawn and int(app.view.now) == int(drawn.now) + 1


def test_new_second_says_yes_once_per_second_of_each_moment():
    new_second = NewSecond()
    assert new_second(10.2, None)
    assert not new_second(10.9, None)
    assert new_second(10.9, 59.5)  # the countdown's second is new
    assert not new_second(10.95, 59.1)
    assert new_second(11.0, 59.1)
    new_second.forget()
    assert new_second(11.0, 59.1)
