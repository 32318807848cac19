"""Panes talk back (扁平化): a host pane's request over the real link, answered on the manager's console."""

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.client import LinkClient
from rhythm_console.link.server import LinkServer
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import notices, text_of
from tests.support.waiting import until


async def test_a_host_request_is_accepted_then_another_declined_on_the_console(small_plan, tmp_path):
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "show.jsonl", small_plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(small_plan, clock, journal, lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    host = HostApp(LinkClient(server.url, name="anna", backoff=(0.02, 0.1)), Texts("zh"), name="anna")
    console = ManagerApp(session, Texts("zh"))
    try:
        async with host.run_test(size=(80, 24)) as pane, console.run_test(size=(120, 40), notifications=True) as manager:
            await until(lambda: server.panes)
            session.start_or_advance()
            budget = session.state.running.budget
            await pane.press("1")  # +1 分钟
            await until(lambda: session.state.requests)
            await until(lambda: "已发给场控：+1 分钟" in text_of(host, "#request"))
            await manager.pause()
            assert any("anna 请求：+1 分钟" in notice for notice in notices(console))
            assert "#1 anna：+1 分钟" in text_of(console, "#alerts-body")
            assert "y 同意" in text_of(console, "#alerts-body")

            await manager.press("y")
            assert session.state.running.budget == budget + 60  # accepting performed it
            assert session.state.request(1).accepted is True
            await until(lambda: "场控已同意：+1 分钟" in text_of(host, "#request"))
            await manager.pause()
            assert "+1 分钟" not in text_of(console, "#alerts-body")

            await pane.press("2")  # 样品没到
            await until(lambda: len(session.state.requests) == 2)
            await manager.pause()
            await manager.press("d")
            assert session.state.request(2).accepted is False
            assert session.state.running.budget == budget + 60  # declining performs nothing
            await until(lambda: "场控没有同意：样品没到" in text_of(host, "#request"))

            await pane.press("m")  # a message of the host's own
            await pane.press(*"mic", "enter")
            await until(lambda: len(session.state.requests) == 3)
            assert session.state.request(3).kind == "text" and session.state.request(3).text == "mic"
            await manager.press("y")
            assert not session.state.open_requests()
            await manager.press("y")  # nothing left to answer: it says so and changes nothing
            await manager.pause()
            assert any("没有待回复的请求" in notice for notice in notices(console))
    finally:
        await server.stop()
    journal.close()
    kinds = [(e.type, getattr(e, "request", None)) for e in read_journal(tmp_path / "show.jsonl").events
             if e.type in ("request_made", "request_answered", "extend")]
    assert kinds == [("request_made", 1), ("extend", None), ("request_answered", 1), ("request_made", 2),
                     ("request_answered", 2), ("request_made", 3), ("request_answered", 3)]


async def test_accepting_next_early_asks_first_as_space_does(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh", advise=False)
    session.start_or_advance()
    session.request("next", by="anna")
    console = ManagerApp(session, Texts("zh"))
    async with console.run_test(size=(120, 40)) as manager:
        await manager.press("y")  # more than half of the opening left: a question, not a move
        assert session.state.running.id == small_plan.segments[0].id and session.state.request(1).open
        await manager.press("space")  # confirms, as Space's own question takes it
        assert session.state.running.id == small_plan.segments[1].id
        assert session.state.request(1).accepted is True


def _console_on_a_started_show(plan) -> tuple[LiveSession, ManagerApp]:
    session = LiveSession(plan, ManualClock(), lang="zh", advise=False)
    session.start_or_advance()
    return session, ManagerApp(session, Texts("zh"))


async def _shown(console: ManagerApp, manager) -> None:
    """The console draws what the session just recorded (its tick would, a second later)."""
    await manager.pause()
    console.refresh_view()
    await manager.pause()


async def test_a_role_asking_over_http_reads_in_the_team_s_words_on_the_console(small_plan):
    """The HTTP button stores 运营 as its code (ops); the console says 运营, as the review does."""
    session, console = _console_on_a_started_show(small_plan)
    async with console.run_test(size=(120, 40), notifications=True) as manager:
        session.request("tech_problem", by="ops", origin="http")
        await _shown(console, manager)
        assert "#1 运营：技术问题" in text_of(console, "#alerts-body")
        assert any("运营 请求：技术问题" in notice for notice in notices(console))
        assert "ops" not in text_of(console, "#alerts-body")
        await manager.press("d")
        assert any("已拒绝 #1 运营：技术问题" in notice for notice in notices(console))


async def test_a_long_message_pops_up_short_and_is_read_whole_in_the_alerts(small_plan):
    session, console = _console_on_a_started_show(small_plan)
    async with console.run_test(size=(120, 40), notifications=True) as manager:
        session.request("text", by="anna", text="话筒" * 150)
        await _shown(console, manager)
        toast = next(notice for notice in notices(console) if "anna 请求" in notice)
        assert toast.count("话筒") < 40 and "…" in toast  # not 300 characters over the screen
        assert session.state.request(1).text == "话筒" * 150  # the request itself is kept whole
