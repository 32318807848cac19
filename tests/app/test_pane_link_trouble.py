"""A pane whose link is in trouble. One that stalls (kill -STOP) and comes back: the cue it then reads is confirmed
delivered, and an urgent cue no pane confirmed is flagged as not delivered, never as delivered or read. One whose
console is gone says so in its own words while it reconnects. One whose hello came too late tries again."""

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.client import LinkClient, LinkStatus, StatusChanged
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp
from rhythm_console.ui.widgets.cues import delivery_text
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.panes import RecordingPane
from tests.support.stall import StallingRelay
from tests.support.waiting import until


async def test_a_pane_that_stalled_and_came_back_confirms_the_cue_it_caught_up_on(small_plan, tmp_path):
    path = tmp_path / "stall.jsonl"
    clock = ManualClock()
    session = LiveSession(small_plan, clock, JournalWriter(path, small_plan, clock=clock, sync=lambda fd: None),
                          lang="zh")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    relay = StallingRelay(server.port)
    port = await relay.start()
    app = HostApp(LinkClient(f"ws://127.0.0.1:{port}", backoff=(0.02, 0.05)), Texts("zh"), name="host")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: server.pane_names() == ["host"])
            session.start_or_advance()
            relay.stall()
            session.send_cue("上链接！", CueLevel.urgent)
            await until(lambda: b'"type":"cue"' in relay.held())  # sent: it waits in the stopped pane's socket
            assert session.state.cue(1).reach == ("host",) and not session.state.cue(1).delivered
            clock.advance(20)
            session.second()
            [alert] = session.state.alerts
            assert alert.code == "cue_undelivered" and alert.message == "紧急提示 #1「上链接！」超过 20 秒未送达"
            assert "未送达" in delivery_text(Texts("zh"), session.state.cue(1)).plain

            relay.cut_console()  # the console drops the silent pane
            await until(lambda: not server.pane_names())
            relay.resume()  # the pane reads the cue; its "received" leaves on the dead connection
            await until(lambda: app.cues)
            await until(lambda: session.state.cue(1).delivered)  # the reconnected pane's hello confirms it
            assert [by for by, _ in session.state.cue(1).delivered] == ["host"]
            await pilot.pause()
            assert "上链接！" in text_of(app, "#cue-text").replace(" ", "")
            clock.advance(1)
            session.second()
            # Delivered now, still unread: the alert says so, and no longer that it never arrived.
            assert [a.code for a in session.state.alerts] == ["cue_unread"]
    finally:
        await relay.stop()
        await server.stop()
    session.close()
    delivered = [e for e in read_journal(path).events if e.type == "cue_delivered"]
    assert [(e.cue, e.by) for e in delivered] == [(1, "host")]


async def test_the_console_says_an_urgent_cue_no_pane_confirmed_was_not_delivered(tmp_path):
    app, session, clock = make_console(tmp_path / "undelivered.jsonl", plan_name="demo.yaml")
    session.connected_panes = lambda: ["host"]  # a pane on the link that never answers
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await pilot.press("1")  # 上链接！ (urgent)
        run_for(app, clock, 19)
        await pilot.pause()
        assert "未送达" not in text_of(app, "#alerts-body")
        run_for(app, clock, 1)
        await pilot.pause()
        assert "紧急提示 #1「上链接！」超过 20 秒未送达" in text_of(app, "#alerts-body")


async def test_a_pane_whose_console_is_gone_says_so_in_its_own_words_while_it_reconnects(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    port = server.port
    app = HostApp(LinkClient(server.url, backoff=(0.02, 0.05)), Texts("zh"), name="host")
    try:
        async with app.run_test(size=(160, 30)) as pilot:
            await until(lambda: server.pane_names() == ["host"])
            session.start_or_advance()
            await server.stop()  # killed mid-show: nothing listens on its port any more
            await until(lambda: "连不上" in (app.link_reason or ""))
            await pilot.pause()
            link = text_of(app, "#link")
            assert f"连不上 127.0.0.1:{port}（被拒绝：控场台在运行吗？）" in link
            assert "Cannot connect" not in link and "ssl:default" not in link
            app.workers.cancel_all()  # no reconnect attempt left to report while the pane closes
            await until(lambda: all(worker.is_finished for worker in app.workers))
            await pilot.pause()
    finally:
        await server.stop()


async def test_a_pane_whose_hello_came_too_late_is_closed_but_tries_again(small_plan, monkeypatch):
    from rhythm_console.link import hub

    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    relay = StallingRelay(server.port)
    port = await relay.start()
    pane = RecordingPane(f"ws://127.0.0.1:{port}")
    try:
        monkeypatch.setattr(hub, "HELLO_TIMEOUT", 0.001)  # late at once (0 reads as no limit)
        relay.stall()  # the pane's machine sleeps through its reconnect: the console's answer waits
        pane.start()
        await until(lambda: "没有收到 hello".encode() in relay.held())
        monkeypatch.setattr(hub, "HELLO_TIMEOUT", 5.0)
        relay.resume()
        await until(lambda: pane.client.status is LinkStatus.connected)
        # Closed with the reason and tried again, not refused for ever as a wrong token is.
        assert StatusChanged(LinkStatus.retrying, "0.001 秒内没有收到 hello") in pane.statuses
        assert all(said.status is not LinkStatus.refused for said in pane.statuses)
    finally:
        await pane.stop()
        await relay.stop()
        await server.stop()
