"""Replay equals live; resume carries on across a crash, wherever the journal was cut."""

import random
from datetime import timedelta

import pytest

from rhythm_console.autopilot import Autopilot
from rhythm_console.clock import ManualClock
from rhythm_console.errors import UserError
from rhythm_console.events import CueSent, Note
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import load_plan
from rhythm_console.replay import READ_ONLY, ReplayCursor, ReplayIndex, ReplaySession
from rhythm_console.resume import resume_session
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowStatus, fold, segment_elapsed
from tests.support.plans import PLANS


def _simulated(path, seconds=None, seed=3):
    """A journal of the quick show run by the autopilot; stopped early (a crash) when `seconds` is given."""
    plan = load_plan(PLANS / "quick.yaml")
    clock = ManualClock()
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh")
    pilot = Autopilot(session, clock, seed=seed)
    if seconds is None:
        pilot.run()
    else:
        for _ in range(seconds):
            pilot.step()
    session.close()
    return plan, clock


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("replay") / "quick.jsonl"
    _simulated(path)
    return path


def test_replay_state_at_any_time_equals_the_live_fold(journal_path):
    journal = read_journal(journal_path)
    index = ReplayIndex(journal, checkpoint_every=37)
    rng = random.Random(5)
    times = [rng.uniform(index.start - 5, index.end + 5) for _ in range(40)] + [e.at for e in journal.events[::97]]
    for at in times:
        expected = fold(journal.header.plan, [e for e in journal.events if e.at <= at])
        assert index.state_at(at) == expected, at
    assert index.final.status is ShowStatus.ended


def test_playing_forward_equals_seeking(journal_path):
    index = ReplayIndex(read_journal(journal_path), checkpoint_every=50)
    played, seeked = ReplayCursor(index), ReplayCursor(index)
    heard = []
    played.listeners.subscribe(lambda event, state: heard.append(event.type))
    at = index.start
    while at < index.end:
        at += 7.3
        played.play_to(at)
    seeked.seek(index.end)
    assert played.state == seeked.state
    assert heard.count("cue_sent") == len(seeked.state.cues)
    assert played.history.latest("online") == seeked.history.latest("online")


def test_segment_starts_and_the_read_only_session(journal_path):
    index = ReplayIndex(read_journal(journal_path))
    assert len(index.segment_starts) == len(index.final.runs)
    assert index.segment_starts == sorted(index.segment_starts)
    session = ReplaySession(ReplayCursor(index), "zh")
    assert session.send_cue("x") == READ_ONLY and session.start_or_advance() == READ_ONLY


async def test_replay_app_keys(journal_path):
    from rhythm_console.i18n import Texts
    from rhythm_console.ui.replay_app import ReplayApp
    from tests.support.console_helpers import text_of

    index = ReplayIndex(read_journal(journal_path))
    now = [0.0]
    app = ReplayApp(index, Texts("zh"), speed=30, name="quick.jsonl", monotonic=lambda: now[0])
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.cursor.at == index.show_start
        app.keep_time()
        now[0] = 2.0
        app.keep_time()  # two seconds at 30x
        assert app.cursor.at == pytest.approx(index.show_start + 60)
        assert "×30" in text_of(app, "#replay-status")
        await pilot.press("space")
        assert not app.playing and "暂停" in text_of(app, "#replay-status")
        await pilot.press("right")
        assert app.cursor.at == pytest.approx(index.show_start + 70)
        await pilot.press("pagedown")
        assert app.cursor.at == index.segment_starts[1]
        assert app.cursor.state.running.id == app.cursor.state.runs[1].id
        await pilot.press("pageup")
        assert app.cursor.at == index.segment_starts[0]
        await pilot.press("right_square_bracket")
        assert app.speed == 60
        await pilot.press("end")
        assert app.cursor.state.status is ShowStatus.ended
        await pilot.press("home", "left")
        assert app.cursor.at == index.show_start


@pytest.mark.parametrize("cut_seed", range(8))
def test_resume_after_a_crash_wherever_the_journal_was_cut(tmp_path, cut_seed, capsys):
    path = tmp_path / "crash.jsonl"
    plan, old_clock = _simulated(path, seconds=300, seed=cut_seed)
    data = path.read_bytes()
    header_end = data.index(b"\n") + 1
    rng = random.Random(cut_seed)
    cut = rng.randrange(header_end + 1, len(data))
    path.write_bytes(data[:cut])  # the crash: anything after this was never written
    before = read_journal(path)
    expected = fold(plan, before.events)
    if expected.status is ShowStatus.ended:
        pytest.skip("this cut left an ended show")
    # The console comes back 45 s after the last event was written.
    clock = ManualClock(start_wall=before.header.started_wall + timedelta(seconds=before.events[-1].at + 45))
    session = resume_session(path, clock, "zh")
    assert ("警告：" in capsys.readouterr().err) == before.torn  # resume speaks "zh"
    resumed = session.state
    assert resumed.runs == expected.runs and resumed.cues == expected.cues
    assert session.now() == pytest.approx(before.events[-1].at + 45)
    if resumed.running is not None:
        # The timer kept running while the console was away.
        assert segment_elapsed(resumed, resumed.running, session.now()) == pytest.approx(
            segment_elapsed(expected, expected.running, before.events[-1].at + 45))
    clock.advance(10)
    session.start_or_advance()
    session.send_cue("恢复后的第一条", "info")
    session.close()
    after = read_journal(path)
    assert not after.torn and after.seqs == list(range(1, len(after.seqs) + 1))
    assert fold(plan, after.events) == session.state
    assert any(isinstance(e, Note) and e.text.startswith("会话已恢复") for e in after.events)


def test_an_ended_show_cannot_be_resumed(journal_path):
    with pytest.raises(UserError, match="那场直播已经结束"):
        resume_session(journal_path, ManualClock(), "zh")


def test_a_show_the_autopilot_played_cannot_be_resumed_but_one_run_by_hand_can(tmp_path):
    """simulate's times are the simulation's, ahead of the wall clock: a live console appending to its journal
    would write wall times that run backwards, so it is refused with what to do instead."""
    plan = load_plan(PLANS / "quick.yaml")
    for kind in ("simulated", "drill", "live"):
        path = tmp_path / f"{kind}.jsonl"
        clock = ManualClock()
        session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, kind=kind), lang="zh")
        pilot = Autopilot(session, clock, seed=3)
        for _ in range(120):
            pilot.step()
        session.close()
        if kind == "simulated":
            with pytest.raises(UserError, match="simulate 模拟出来的直播，不能接续.*drill"):
                resume_session(path, ManualClock(), "zh")
        elif kind == "drill":  # its room is a recording at its speed: a live console cannot carry it on
            with pytest.raises(UserError, match="这是一次演练，不能接续.*--from"):
                resume_session(path, ManualClock(), "zh")
        else:
            resume_session(path, ManualClock(), "zh").close()


async def test_trainee_panes_see_the_cues_as_the_replay_plays_them(journal_path):
    import json

    import aiohttp

    from rhythm_console.link.server import LinkServer

    index = ReplayIndex(read_journal(journal_path))
    cursor = ReplayCursor(index)
    cursor.seek(index.show_start)
    server = LinkServer(ReplaySession(cursor, "zh"), "127.0.0.1", 0)
    await server.start()

    async def next_frame(ws, kind):
        while (frame := json.loads((await ws.receive()).data))["type"] != kind:
            pass
        return frame

    async with aiohttp.ClientSession() as http, http.ws_connect(server.url) as ws:
        await ws.send_json({"type": "hello", "name": "trainee"})
        await next_frame(ws, "state")  # the opening is over: nothing was sent yet at the show's start
        first_cue = next(e for e in index.events if isinstance(e, CueSent))
        cursor.play_to(first_cue.at)
        cue = await next_frame(ws, "cue")
        assert cue["text"] == first_cue.text and cue["seq"] == first_cue.cue
        recorded = cursor.state.cue(cue["seq"])
        await ws.send_json({"type": "ack", "seq": cue["seq"]})  # a trainee's ack changes nothing recorded
        await ws.send_str("not a frame")  # its answer comes after the console has dealt with the ack
        assert (await next_frame(ws, "error"))["reason"] == "读不懂的帧，已忽略"  # the replay speaks its show's language
        assert cursor.state.cue(cue["seq"]) == recorded
    await server.stop()


def test_a_resumed_show_s_simulated_room_carries_on_from_the_journal(tmp_path, capsys):
    from rhythm_console.commands.run import build_source
    from rhythm_console.sources.runner import parse_source_spec

    path = tmp_path / "crash.jsonl"
    _simulated(path, seconds=600)
    before = fold(load_plan(PLANS / "quick.yaml"), read_journal(path).events).metrics
    clock = ManualClock(start_wall=read_journal(path).header.started_wall + timedelta(seconds=660))
    session = resume_session(path, clock, "zh")
    source = build_source(parse_source_spec("simulate:seed=9"), session)
    clock.advance(1)
    source.feed(session.room)
    session.second()
    after = session.state.metrics
    assert after["cumulative_viewers"] >= before["cumulative_viewers"] > 100  # not counted from zero again
    assert after["likes"] >= before["likes"] and after["gmv"] >= before["gmv"]
    session.close()
