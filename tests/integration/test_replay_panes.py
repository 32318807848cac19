"""Replay drives trainee panes at the replay's pace: the countdown keeps in step at ×30, a pause stops
it, a seek starts the panes over from that moment, and cues sent to the host reach a trainee."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.client import LinkClient
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.replay import ReplayCursor, ReplayIndex, ReplaySession
from rhythm_console.session import LiveSession
from rhythm_console.show import segment_remaining
from rhythm_console.ui.host import HostApp
from rhythm_console.ui.replay_app import ReplayApp
from tests.support.panes import RecordingPane
from tests.support.waiting import until


@pytest.fixture
def journal_path(small_plan, tmp_path):
    """Opening 5m (cues at 0:30 to the host, to the assistant, to everyone), then the coat with a cue at 1:00."""
    clock = ManualClock()
    path = tmp_path / "show.jsonl"
    session = LiveSession(small_plan, clock, JournalWriter(path, small_plan, clock=clock, sync=lambda fd: None),
                          lang="zh", advise=False)
    session.start_or_advance()
    clock.advance(30)
    session.send_cue("只给主播", CueLevel.urgent, target="host")
    clock.advance(1)
    session.send_cue("给助播", target="assistant")
    clock.advance(1)
    session.send_cue("大家注意")
    clock.advance(268)
    session.start_or_advance()
    clock.advance(60)
    session.send_cue("讲面料", target="host")
    clock.advance(600)
    session.end_show()
    session.close()
    return path


def _replay(journal_path):
    """A replay at ×30 on a manual clock (`now`), serving trainee panes."""
    index = ReplayIndex(read_journal(journal_path))
    cursor = ReplayCursor(index)
    link = LinkServer(ReplaySession(cursor, "zh"), "127.0.0.1", 0)
    now = [0.0]
    app = ReplayApp(index, Texts("zh"), speed=30, name="show.jsonl", link=link, cursor=cursor,
                    monotonic=lambda: now[0])
    return app, now


async def test_a_trainee_pane_gets_the_replay_s_pace_and_starts_over_after_a_seek(journal_path):
    app, now = _replay(journal_path)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = RecordingPane(app.link.url, name="trainee")  # the link listens once the app is up
        pane.start()
        try:
            await until(lambda: pane.states)
            assert pane.states[-1].rate == 30
            app.keep_time()
            now[0] += 2.1
            app.keep_time()
            # Cues as the replay plays them: the host's reach the trainee, the assistant's do not.
            await until(lambda: len(pane.cues) == 2)
            assert [c.text for c in pane.cues] == ["只给主播", "大家注意"]

            await pilot.press("space")  # paused: the pane's countdown stops too
            await until(lambda: pane.states[-1].rate == 0)

            pane.cues.clear()
            await pilot.press("pagedown")  # to the coat: the pane starts over from that moment
            await until(lambda: pane.new_shows == 1 and len(pane.cues) == 2)
            assert [c.seq for c in pane.cues] == [1, 3]
            await until(lambda: pane.states[-1].segment is not None and pane.states[-1].segment.id == "coat")
            assert pane.states[-1].segment.remaining == pytest.approx(10 * 60)

            pane.cues.clear()
            await pilot.press("space")  # playing again, at ×30
            await until(lambda: pane.states[-1].rate == 30)
            now[0] += 2.1
            app.keep_time()  # past the coat's first minute
            await until(lambda: pane.cues)
            assert [c.text for c in pane.cues] == ["讲面料"]

            await pilot.press("home")
            await until(lambda: pane.new_shows == 2)
            await until(lambda: pane.states[-1].segment is not None and pane.states[-1].segment.id == "open")
        finally:
            await pane.stop()


async def test_a_trainee_pane_s_countdown_keeps_in_step_with_the_replay_at_x30(journal_path):
    """At ×30 the console and the pane show the same time left, however long the pane runs on its own."""
    replay, now = _replay(journal_path)
    cursor = replay.cursor
    async with replay.run_test(size=(100, 30)):
        trainee = HostApp(LinkClient(replay.link.url, name="trainee", backoff=(0.02, 0.1)), Texts("zh"), name="trainee",
                          monotonic=lambda: now[0])
        async with trainee.run_test(size=(100, 30)) as pilot:
            await until(lambda: trainee.state is not None and trainee.state.segment is not None)
            replay.keep_time()
            now[0] += 4.0
            replay.keep_time()  # two minutes of the show in four seconds
            trainee.refresh_segment()
            await pilot.pause()
            console = segment_remaining(cursor.state, cursor.state.running, cursor.at)
            assert console == pytest.approx(5 * 60 - 120)
            assert trainee.remaining() == pytest.approx(console)  # not 1:56 behind, as at rate 1
            assert trainee.countdown == "3:00"

            replay.action_play_or_pause()  # paused
            await until(lambda: trainee.state.rate == 0)
            paused = trainee.remaining()
            now[0] += 10
            replay.keep_time()
            assert trainee.remaining() == pytest.approx(paused)

            replay.action_segment(1)  # a seek: the pane starts over at the coat
            await until(lambda: trainee.state.segment.id == "coat")
            await pilot.pause()
            assert trainee.remaining() == pytest.approx(10 * 60)
            assert trainee.shown_cue() is None  # the opening's cues are history now


async def test_a_trainee_host_pane_shows_the_state_after_a_seek(journal_path):
    """The pane itself: after a jump it drops the cues it showed and shows those of the new moment."""
    index = ReplayIndex(read_journal(journal_path))
    cursor = ReplayCursor(index)
    link = LinkServer(ReplaySession(cursor, "zh"), "127.0.0.1", 0)
    await link.start()
    cursor.seek(index.show_start)
    app = HostApp(LinkClient(link.url, name="trainee", backoff=(0.02, 0.1)), Texts("zh"), name="trainee")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: link.panes and app.state is not None)
            cursor.play_to(index.show_start + 40)
            await until(lambda: len(app.cues) == 2)
            await pilot.press("space")
            assert 3 in app.acked
            cursor.seek(index.show_start + 10)  # before any cue
            link.resync()
            await until(lambda: not app.cues and app.state is not None)
            await pilot.pause()
            assert not app.acked
            cursor.seek(index.show_start + 5 * 60 + 70)
            link.resync()
            await until(lambda: [c.text for c in app.cues] == ["只给主播", "大家注意", "讲面料"])
            await pilot.pause()
            assert app.shown_cue().text == "讲面料"  # the opening's cues are from the segment before
    finally:
        await link.stop()
