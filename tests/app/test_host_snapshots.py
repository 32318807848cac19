"""The host pane's screen: an urgent cue, the countdown over time, earlier cues."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.link.frames import state_frame
from rhythm_console.link.protocol import CueFrame
from rhythm_console.plan import CueLevel, load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp
from tests.support.plans import PLANS


def _host_app(segments: int = 2):
    session = LiveSession(load_plan(PLANS / "demo.yaml"), ManualClock(), lang="zh", advise=False)
    for _ in range(segments):  # 2: the coat; 4: the first 福袋
        session.start_or_advance()
    now = [100.0]
    app = HostApp(None, Texts("zh"), name="anna", monotonic=lambda: now[0])

    async def drive(pilot):
        app.show_state(state_frame(session))
        app.show_cue(CueFrame(seq=1, text="看评论区提问", level=CueLevel.info, sent_wall="2026-11-28T20:06:10+08:00"))
        app.show_cue(CueFrame(seq=2, text="上链接！", level=CueLevel.urgent, sent_wall="2026-11-28T20:15:40+08:00",
                              age=60.0))  # old enough not to flash: a still picture
        now[0] += 10 * 60 + 50  # ten minutes on: 50 s over the coat's budget
        app.refresh_segment()
        await pilot.pause()

    return app, drive


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_host_pane_with_an_urgent_cue_and_an_over_running_segment(snap_compare, size):
    app, drive = _host_app()
    assert snap_compare(app, terminal_size=size, run_before=drive)


def test_host_pane_in_a_lucky_bag_segment_at_80x24(snap_compare):
    """The 福袋's prize and 口令 beside the countdown, the cue still the largest thing."""
    app, drive = _host_app(segments=4)
    assert snap_compare(app, terminal_size=(80, 24), run_before=drive)
