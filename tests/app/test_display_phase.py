"""The one display phase: computed in the domain, sent to panes, switched on by every screen."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.events import SegmentEnded
from rhythm_console.i18n import Texts
from rhythm_console.link.frames import state_frame
from rhythm_console.link.protocol import CONSOLE_FRAME
from rhythm_console.session import LiveSession
from rhythm_console.show import DisplayPhase, countdown_phase, display_phase, until_start
from tests.support.console_helpers import text_of

P = DisplayPhase


@pytest.mark.parametrize(
    ("remaining", "held", "expected"),
    [
        (300, False, P.running),
        (60.01, False, P.running),
        (60, False, P.warning),  # the warning lead is 60 s
        (0.01, False, P.warning),
        (0, False, P.over),
        (-30, False, P.over),  # the over tolerance is 30 s
        (-30.01, False, P.overrun),
        (-30.01, True, P.held),  # a hold shows whatever the timing
        (300, True, P.held),
    ],
)
def test_countdown_phase_table(remaining, held, expected):
    assert countdown_phase(remaining, warning_lead=60, over_tolerance=30, held=held) is expected


# (command, then seconds passing, the phase shown): the small plan opens with 5 minutes, warning 1 m, tolerance 30 s.
WALK = [
    (None, 0, P.pending),
    ("start", 0, P.running),
    (None, 239, P.running),
    (None, 1, P.warning),
    (None, 60, P.over),
    (None, 30, P.over),
    (None, 1, P.overrun),
    ("hold", 100, P.held),
    ("hold", 0, P.overrun),  # resumed: the hold did not count against the segment
    ("start", 0, P.running),  # the coat
    ("end_segment", 5, P.between),
    ("start", 0, P.running),  # the lucky bag
    ("start", 0, P.running),  # the closing
    ("start", 0, P.all_done),
    ("end", 0, P.ended),
]


def test_a_show_walks_through_every_phase(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, advise=False)
    commands = {"start": session.start_or_advance, "hold": session.hold_or_resume, "end": session.end_show,
                "end_segment": lambda: session.submit(SegmentEnded(at=session.now()))}
    for step, (command, seconds, expected) in enumerate(WALK):
        if command is not None:
            assert commands[command]() is None, step
        clock.advance(seconds)
        assert display_phase(session.state, session.now()) is expected, step


def test_the_state_frame_carries_the_phase_as_an_enum(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, advise=False)
    assert state_frame(session).phase is P.pending
    session.start_or_advance()
    clock.advance(250)
    frame = CONSOLE_FRAME.validate_json(state_frame(session).model_dump_json())
    assert frame.phase is P.warning and '"phase":"warning"' in frame.model_dump_json()
    session.hold_or_resume()
    assert state_frame(session).phase is P.held


def test_the_header_counts_down_to_the_written_start_then_counts_lateness(small_plan):
    from datetime import datetime, timedelta, timezone

    at = datetime(2026, 11, 28, 20, 0, tzinfo=timezone(timedelta(hours=8)))
    plan = small_plan.model_copy(update={"show": small_plan.show.model_copy(update={"starts_at": at})})
    session = LiveSession(plan, ManualClock(), advise=False)
    assert until_start(session.state, at - timedelta(minutes=5)) == 300
    assert until_start(session.state, at + timedelta(minutes=2)) == -120
    assert until_start(session.state, at - timedelta(days=2)) is None  # another day: nothing to count
    assert until_start(session.state, at + timedelta(hours=7)) is None
    session.start_or_advance()
    assert until_start(session.state, at) is None  # started: the drift speaks from now on


async def test_the_host_pane_says_each_idle_phase(small_plan):
    from rhythm_console.ui.host import HostApp

    session = LiveSession(small_plan, ManualClock(), lang="en", advise=False)
    app = HostApp(None, Texts("en"), monotonic=lambda: 0.0)
    async with app.run_test(size=(100, 30)):
        app.show_state(state_frame(session))
        assert "Not started" in text_of(app, "#segment-title")
        session.start_or_advance()
        session.submit(SegmentEnded(at=session.now()))
        app.show_state(state_frame(session))
        assert "Between segments" in text_of(app, "#segment-title")
        assert app.query_one("#segment").has_class("phase-idle")
        session.end_show()
        app.show_state(state_frame(session))
        assert "The show has ended" in text_of(app, "#segment-title")
