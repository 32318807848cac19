"""The host pane and the skip guards: it sends the segment it shows with a request, a request pressed twice is
refused as still waiting, and an accepted +1 minute the manager undid is said as undone, in the pane's language."""

import asyncio

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.link.client import LinkClient
from rhythm_console.link.frames import state_frame
from rhythm_console.link.protocol import RequestStatus
from rhythm_console.link.server import LinkServer
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp, RequestAnswered, StateArrived
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import notices, text_of
from tests.support.waiting import until


async def test_a_request_pressed_twice_waits_and_an_undone_minute_is_told(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    host = HostApp(LinkClient(server.url, name="anna", backoff=(0.02, 0.1)), Texts("zh"), name="anna")
    try:
        async with host.run_test(size=(100, 30)) as pane:
            await until(lambda: server.panes)
            session.start_or_advance()
            await until(lambda: "开场" in text_of(host, "#segment-title"))
            await pane.press("1")  # +1 分钟
            await until(lambda: "已发给场控：+1 分钟" in text_of(host, "#request"))
            assert [(r.by, r.kind, r.segment) for r in session.state.requests] == [("anna", "extend", "open")]
            await pane.press("1")  # pressed again before the manager answered
            await until(lambda: "还在等场控回复，没有再发：+1 分钟" in text_of(host, "#request"))
            assert len(session.state.requests) == 1

            clock.advance(4)
            assert session.answer_request(1, accepted=True) is None
            await until(lambda: "场控已同意：+1 分钟" in text_of(host, "#request"))
            clock.advance(4)
            assert session.undo() is None
            await until(lambda: "场控撤销了刚才同意的：+1 分钟" in text_of(host, "#request"))
            assert host.query_one("#request").content.style == "bold red"
    finally:
        await server.stop()


class _Client:
    """A link that records what the pane sends and never answers."""

    url = "ws://test/ws"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str | None, str | None]] = []

    async def updates(self):
        await asyncio.Event().wait()
        yield  # an async generator that never yields

    async def request(self, kind, text=None, segment=None) -> bool:
        self.sent.append((kind, text, segment))
        return True

    async def ack(self, seq: int) -> bool:
        return True


async def test_the_pane_sends_the_segment_it_shows_and_says_undone_in_its_language(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="en", advise=False)
    session.start_or_advance()
    client = _Client()
    app = HostApp(client, Texts("en"), name="anna")
    async with app.run_test(size=(100, 30)) as pane:
        app.post_message(StateArrived(state_frame(session)))  # the pane shows the opening
        await pane.pause()
        session.start_or_advance()  # the console has moved on; its next state frame has not arrived
        await pane.press("4")
        assert client.sent == [("next", None, "open")]  # the next is for the opening, not for the coat
        app.post_message(RequestAnswered(RequestStatus(request=1, kind="extend", status="undone")))
        await pane.pause()
        assert "The manager undid what was accepted: +1 minute" in text_of(app, "#request")


async def test_the_manager_accepting_a_stale_next_is_told_why_and_declines_it(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh", advise=False)
    session.start_or_advance()
    session.request("next", by="anna")
    clock.advance(200)
    session.start_or_advance()  # Space before the request was answered: the coat runs
    console = ManagerApp(session, Texts("zh"))
    async with console.run_test(size=(120, 40), notifications=True) as manager:
        await manager.press("y")
        await manager.pause()
        assert any("是在“开场”时提的，这个环节已经结束，不能再同意（按 d 拒绝）" in notice for notice in notices(console))
        assert session.state.running.id == "coat" and session.state.request(1).open  # no question, no skip
        await manager.press("d")
        assert session.state.request(1).accepted is False
