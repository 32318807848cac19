"""Acknowledgement means the host read that cue: per-cue acks from a queue, the segment before's cues
leave the big area, an urgent cue left unread is flagged, and an ended show's pane waits calmly."""

from datetime import datetime, timedelta, timezone

from rich.cells import cell_len

from rhythm_console.clock import ManualClock
from rhythm_console.events import CueAcked, CueDelivered
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.client import LinkClient, LinkStatus
from rhythm_console.link.protocol import CueFrame
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession
from rhythm_console.show import fold
from rhythm_console.ui.host import HostApp
from rhythm_console.ui.widgets.cues import delivery_text
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.waiting import until


def cue_shown(app) -> str:
    """The big cue's words: the pane spaces a Chinese cue out to read across a desk."""
    return text_of(app, "#cue-text").replace(" ", "")


async def _served(session, name="host"):
    """A link server for the session, and a host pane that will connect to it once it runs."""
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    return server, HostApp(LinkClient(server.url, name=name, backoff=(0.02, 0.05)), Texts("zh"), name=name)


async def _first_cue(session, server, app, text, level):
    """Once the pane is connected: start the show and send it one cue."""
    await until(lambda: server.panes)
    session.start_or_advance()
    session.send_cue(text, level)
    await until(lambda: app.cues)


def _journaled_session(plan, path):
    clock = ManualClock()
    return LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh"), clock


def _assert_journal_folds_to(session, path):
    """Nothing was rewritten: the journal read back folds to the live state."""
    assert fold(session.plan, read_journal(path).events).cues == session.state.cues


async def test_space_acknowledges_the_cue_shown_and_the_queue_counts_the_rest(small_plan, tmp_path):
    path = tmp_path / "acks.jsonl"
    session, _ = _journaled_session(small_plan, path)
    server, app = await _served(session, "anna")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: server.panes)
            session.start_or_advance()
            session.send_cue("看评论区", CueLevel.info)
            session.send_cue("报库存", CueLevel.warn)
            session.send_cue("上链接！", CueLevel.urgent)
            await until(lambda: len(app.cues) == 3)
            await until(lambda: all(session.state.cue(n).delivered for n in (1, 2, 3)))
            await pilot.pause()
            # Newest first: the latest cue is big, the two before it wait in the queue line.
            assert "上链接！" in cue_shown(app)
            assert "3 条未确认" in text_of(app, "#cue-queue")
            assert "报库存" in text_of(app, "#cue-queue") and "看评论区" in text_of(app, "#cue-queue")

            await pilot.press("space")
            await until(lambda: session.state.cue(3).acked)
            await pilot.pause()
            assert [bool(session.state.cue(n).acked) for n in (1, 2, 3)] == [False, False, True]
            assert "报库存" in cue_shown(app)
            assert "2 条未确认" in text_of(app, "#cue-queue")
            # The manager's log says which are still unread on which pane.
            unread = delivery_text(Texts("zh"), session.state.cue(1), session.now()).plain
            assert "anna" in unread and "未读" in unread
            assert "未读" not in delivery_text(Texts("zh"), session.state.cue(3)).plain

            await pilot.press("enter")
            await until(lambda: session.state.cue(2).acked)
            await pilot.pause()
            assert not session.state.cue(1).acked
            assert "看评论区" in cue_shown(app) and text_of(app, "#cue-queue").strip() == ""
            await pilot.press("space")
            await until(lambda: session.state.cue(1).acked)
            await pilot.press("space")  # nothing left to acknowledge: no event
            await pilot.pause()
            assert [c.acked[0][0] for c in session.state.cues] == ["anna"] * 3
            assert "✓" in text_of(app, "#history")
    finally:
        await server.stop()
    session.close()
    _assert_journal_folds_to(session, path)


async def test_a_long_unread_queue_is_counted_whole_and_listed_as_far_as_the_pane_is_wide():
    app = HostApp(None, Texts("zh"))
    async with app.run_test(size=(80, 24)) as pilot:
        for seq in range(1, 301):
            app.show_cue(CueFrame(seq=seq, text=f"提词{seq}", level=CueLevel.info,
                                  sent_wall="2026-11-28T20:06:10+08:00"))
        await pilot.pause()
        line = text_of(app, "#cue-queue")
        assert "300 条未确认" in line and "#299" in line
        # Only what can be seen is drawn: the line is not rebuilt from 300 cues on every cue.
        assert "#200" not in app.query_one("#cue-queue").content.plain
        await pilot.resize_terminal(160, 24)
        await pilot.pause()
        assert "#290" in text_of(app, "#cue-queue")  # wider, so more of the queue shows


async def test_a_new_segment_moves_the_cue_of_the_one_before_out_of_the_big_area(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server, app = await _served(session)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _first_cue(session, server, app, "上链接", CueLevel.urgent)
            await pilot.pause()
            assert "上链接" in cue_shown(app)
            session.start_or_advance()  # the coat: the opening's cue is stale now
            await until(lambda: app.state is not None and app.state.segment.id == "coat")
            await pilot.pause()
            assert "上链接" not in cue_shown(app)
            assert app.query_one("#cue-box").has_class("level-none")
            history = text_of(app, "#history")
            assert "上链接" in history and "上一段" in history
            await pilot.press("space")  # the stale cue is not acknowledged by a press meant for the coat
            await pilot.pause()
            assert not session.state.cue(1).acked
            session.send_cue("讲面料", CueLevel.info)
            await until(lambda: len(app.cues) == 2)
            await pilot.pause()
            assert "讲面料" in cue_shown(app)
            assert text_of(app, "#cue-queue").strip() == ""  # the stale one is not in the queue
    finally:
        await server.stop()


def test_an_urgent_cue_unread_for_20_seconds_is_flagged_until_acknowledged(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh")
    session.start_or_advance()
    session.send_cue("看评论", CueLevel.info)
    session.send_cue("上链接", CueLevel.urgent)
    for number in (1, 2):
        session.submit(CueDelivered(at=session.now(), cue=number, by="host"))
    clock.advance(19)
    session.second()
    assert not session.state.alerts
    clock.advance(1)
    session.second()
    [alert] = session.state.alerts  # the info cue is not flagged
    assert alert.alert == "builtin:cue-unread:2" and alert.code == "cue_unread" and alert.level is CueLevel.urgent
    assert "上链接" in alert.message and "host" in alert.message
    session.submit(CueAcked(at=session.now(), cue=2, by="host"))
    clock.advance(1)
    session.second()
    assert not session.state.alerts  # cleared at once: an ack is definite

    session.send_cue("开福袋", CueLevel.urgent)
    session.submit(CueDelivered(at=session.now(), cue=3, by="host"))
    clock.advance(25)
    session.second()
    assert [a.alert for a in session.state.alerts] == ["builtin:cue-unread:3"]
    session.start_or_advance()  # its segment is over: the pane no longer shows it, nothing to wait for
    assert not session.state.alerts


def test_a_cue_no_pane_received_is_not_flagged_as_unread(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh")
    session.start_or_advance()
    session.send_cue("上链接", CueLevel.urgent)
    clock.advance(30)
    session.second()
    assert not session.state.alerts


async def test_the_console_flags_an_unread_urgent_cue_in_its_alerts(tmp_path):
    app, session, clock = make_console(tmp_path / "unread.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await pilot.press("1")  # 上链接！ (urgent)
        session.submit(CueDelivered(at=session.now(), cue=1, by="host"))
        run_for(app, clock, 10)
        await pilot.pause()
        assert "未确认" not in text_of(app, "#alerts-body")
        assert "host" in text_of(app, "#cuelog-body") and "未读" in text_of(app, "#cuelog-body")
        run_for(app, clock, 11)
        await pilot.pause()
        assert "#1「上链接！」host 超过 20 秒未确认" in text_of(app, "#alerts-body")
        assert "按 a" not in text_of(app, "#alerts-body")  # this alert suggests nothing: a has nothing to send
        session.submit(CueAcked(at=session.now(), cue=1, by="host"))
        run_for(app, clock, 1)
        await pilot.pause()
        assert "未确认" not in text_of(app, "#alerts-body")
        assert "未读" not in text_of(app, "#cuelog-body")
    session.close()
    events = read_journal(tmp_path / "unread.jsonl").events
    assert [e.type for e in events if e.type in ("alert_raised", "alert_cleared")] == ["alert_raised", "alert_cleared"]
    assert fold(session.plan, events).alerts == session.state.alerts


async def test_a_pane_whose_show_ended_waits_calmly_and_joins_the_next_show(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server, app = await _served(session)
    port = server.port
    next_server = None
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _first_cue(session, server, app, "最后五分钟", CueLevel.warn)
            session.end_show()
            await until(lambda: app.show_over)
            await server.stop()  # the console closes after its show
            await until(lambda: app.link_status is LinkStatus.retrying and app.link_reason)
            await pilot.pause()
            link = text_of(app, "#link")
            assert "等待下一场" in link and app.link_reason not in link  # no connection error on screen
            assert "本场直播已结束" in cue_shown(app)
            assert "直播已结束" in text_of(app, "#segment-title")

            later = ManualClock(start_wall=datetime(2026, 11, 29, 20, 0, tzinfo=timezone(timedelta(hours=8))))
            next_show = LiveSession(small_plan, later, lang="zh")
            next_server = LinkServer(next_show, "127.0.0.1", port)
            await next_server.start()
            await until(lambda: next_server.panes, limit=600)
            next_show.start_or_advance()
            next_show.send_cue("欢迎回来", CueLevel.info)
            await until(lambda: [c.text for c in app.cues] == ["欢迎回来"])
            await pilot.pause()
            assert "已连接" in text_of(app, "#link")
            assert "欢迎回来" in cue_shown(app) and "最后五分钟" not in text_of(app, "#history")
            assert "开场" in text_of(app, "#segment-title")
    finally:
        if next_server is not None:
            await next_server.stop()


async def test_the_cue_log_keeps_each_cues_words_in_sight_with_two_panes(tmp_path):
    """Two panes' delivery marks (`assistant→19ms 未读 host→22ms 未读`) once pushed the cue's own words
    out of the log at 100×30 (`3 23:04:55 … host→…`), and the time of day to `23:05:…`."""
    app, session, clock = make_console(tmp_path / "two-panes.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        for key in "123":
            await pilot.press(key)
        for cue in (1, 2, 3):
            for pane in ("host", "assistant"):
                session.submit(CueDelivered(at=session.now(), cue=cue, by=pane))
        session.send_cue("预案【商品链接失效】1. 主播口播稳住：“链接马上回来” 2. 运营检查并重新上架链接", CueLevel.urgent)
        run_for(app, clock, 1)
        await pilot.pause()
        rows = text_of(app, "#cuelog-body").splitlines()
        assert rows[0].startswith("  4 ") and "预案【商品链接" in rows[0]
        assert "上链接！" in rows[3] and "报一下库存" in rows[2] and "引导关注" in rows[1]
        clocks = [row.split()[1] for row in rows[:4]]
        assert all(len(c) == 8 and "…" not in c for c in clocks)
        # both panes' marks do not fit beside the words: each row says it in short, in one column
        assert all(row.rstrip().endswith("2 未读") for row in rows[1:4]) and rows[0].rstrip().endswith("无人接收")  # no pane connected
        marks = ["无人接收", "2 未读", "2 未读", "2 未读"]  # one column: every mark starts in the same cell
        assert len({cell_len(row.rstrip()) - cell_len(mark) for row, mark in zip(rows[:4], marks, strict=True)}) == 1
        await pilot.resize_terminal(200, 40)  # room for every pane's mark
        await pilot.pause()
        rows = text_of(app, "#cuelog-body").splitlines()
        assert "assistant→" in rows[1] and "host→" in rows[1] and rows[1].index("assistant") < rows[1].index("host")
    session.close()


async def test_at_80x24_the_cue_log_still_says_what_is_unread(tmp_path):
    """Once the words were kept, a narrow log had no room left for any pane's mark: it now says `1 未读`."""
    app, session, clock = make_console(tmp_path / "narrow.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "2", "3")
        for pane in ("host", "assistant"):
            session.submit(CueDelivered(at=session.now(), cue=1, by=pane))
        session.submit(CueDelivered(at=session.now(), cue=2, by="host"))
        session.submit(CueAcked(at=session.now() + 1.5, cue=2, by="host"))
        run_for(app, clock, 2)
        await pilot.pause()
        rows = text_of(app, "#cuelog-body").splitlines()
        assert "引导关注" in rows[0] and rows[0].rstrip().endswith("✓1.5s")
        assert "报一下库存" in rows[1] and rows[1].rstrip().endswith("2 未读")
    session.close()
