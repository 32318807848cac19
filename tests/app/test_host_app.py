"""The host pane with Pilot: a cue arrives, is shown big, and space acknowledges it."""


from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.link.client import LinkClient
from rhythm_console.link.protocol import CueFrame
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel, load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp, StateArrived
from rhythm_console.ui.widgets.cue_history import CueHistory
from tests.support.console_helpers import text_of
from tests.support.plans import PLANS
from tests.support.waiting import until


async def test_the_host_sees_a_cue_and_acknowledges_it(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    client = LinkClient(server.url, name="anna", backoff=(0.02, 0.1))
    app = HostApp(client, Texts("zh"), name="anna")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: server.panes)
            assert "等待场控的提词" in text_of(app, "#cue-text")
            session.start_or_advance()
            session.send_cue("上链接！", CueLevel.urgent)
            await until(lambda: app.cues)
            await pilot.pause()
            assert "上 链 接 ！" in text_of(app, "#cue-text")  # spaced out to read across a desk
            assert "空格/回车 确认" in text_of(app, "#cue-meta")
            assert app.query_one("#cue-box").has_class("level-urgent")
            assert "开场" in text_of(app, "#segment-title")
            await pilot.press("space")
            await until(lambda: session.state.cue(1).acked)
            assert session.state.cue(1).acked[0][0] == "anna"
            assert "已确认" in text_of(app, "#cue-meta")
            session.send_cue("看评论", CueLevel.info)
            await until(lambda: len(app.cues) == 2)
            await pilot.pause()
            assert "上链接！" in text_of(app, "#history") and "✓" in text_of(app, "#history")
    finally:
        await server.stop()


async def test_the_countdown_runs_on_the_pane_clock_and_turns_over(small_plan):
    now = [0.0]
    app = HostApp(None, Texts("en"), monotonic=lambda: now[0])
    session = LiveSession(small_plan, ManualClock(), lang="en")
    session.start_or_advance()
    from rhythm_console.link.frames import state_frame

    async with app.run_test(size=(100, 30)) as pilot:
        app.post_message(StateArrived(state_frame(session)))  # 5:00 left, warning in the last minute, tolerance 30 s
        await pilot.pause()
        now[0] = 250.0
        app.refresh_segment()
        assert app.query_one("#segment").has_class("phase-warning")
        now[0] = 340.0
        app.refresh_segment()
        assert app.query_one("#segment").has_class("phase-overrun")
        assert "OVER-RUNNING" in text_of(app, "#segment-phase")


def _cue(seq: int, text: str) -> CueFrame:
    return CueFrame(seq=seq, text=text, level=CueLevel.info, sent_wall="2026-11-28T20:06:10+08:00")


async def test_the_history_keeps_forty_cues_and_grows_when_a_long_cue_wraps():
    app = HostApp(None, Texts("en"))
    async with app.run_test(size=(60, 30)) as pilot:
        history = app.query_one("#history", CueHistory)
        height = history.size.height
        for seq in range(1, 46):
            app.show_cue(_cue(seq, f"cue {seq}"))
        await pilot.pause()
        assert history.virtual_size.height == 41  # forty lines and the last line break
        assert history.show_vertical_scrollbar and history.size.height == height  # it scrolls; its size stays
        app.show_cue(_cue(46, "a cue long enough to wrap onto a second row of this narrow pane " * 2))
        app.show_cue(_cue(47, "short"))
        await pilot.pause()
        body = text_of(app, "#history")
        assert "#46" in body and "#6 " not in body
        assert history.virtual_size.height == 43  # the same forty, one of them on three rows
        width = history.scrollable_content_region.width  # beside the scrollbar, as drawn
        assert history.virtual_size.height == history.content.get_height(history.styles, width)
        await pilot.press("space")  # acknowledged: the line of the one acknowledged gains its tick
        app.show_cue(_cue(48, "another"))
        await pilot.pause()
        assert "#47 20:06:10 short ✓" in text_of(app, "#history")


async def test_the_history_scrolls_to_earlier_cues_with_the_keys():
    app = HostApp(None, Texts("en"))
    async with app.run_test(size=(100, 30)) as pilot:
        for seq in range(1, 31):
            app.show_cue(_cue(seq, f"cue {seq}"))
        await pilot.pause()
        history = app.query_one("#history", CueHistory)
        assert app.focused is history
        assert history.render_line(0).text.startswith("#29 ")
        # Each cell knows its place in the whole list's text, as selecting with the mouse needs.
        offsets = {segment.style.meta["offset"][1] for segment in history.render_line(2) if segment.text.strip()}
        assert offsets == {2}
        await pilot.press("end")
        await pilot.pause()
        last = history.size.height - 1  # the list ends with an empty row
        assert history.render_line(last - 1).text.startswith("#1 ") and not history.render_line(last).text.strip()


async def test_a_new_show_reusing_cue_numbers_lists_its_own_cues():
    app = HostApp(None, Texts("en"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.show_cue(_cue(1, "old show first"))
        app.show_cue(_cue(2, "old show second"))
        await pilot.pause()
        assert "old show first" in text_of(app, "#history")
        app.on_show_replaced()
        app.show_cue(_cue(1, "new show first"))
        app.show_cue(_cue(2, "new show second"))
        await pilot.pause()
        body = text_of(app, "#history")
        assert "new show first" in body and "old show" not in body


async def test_the_host_sees_what_to_say_product_and_lucky_bag(small_plan):
    """Over the real link: the product's price, deal and selling points, then the 福袋's prize and 口令."""
    plan = load_plan(PLANS / "demo.yaml")
    session = LiveSession(plan, ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    app = HostApp(LinkClient(server.url, name="anna", backoff=(0.02, 0.1)), Texts("zh"), name="anna")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(lambda: server.panes)
            session.start_or_advance()
            session.start_or_advance()  # 主推① the coat
            await until(lambda: app.state is not None and app.state.segment is not None
                        and app.state.segment.id == plan.segments[1].id)
            await pilot.pause()
            said = text_of(app, "#points")
            assert "¥899" in said and "划线价 ¥1,699" in said
            assert text_of(app, "#segment-next").startswith("下一个：主推② 羊绒针织衫")  # Chinese's full-width colon
            assert "卖点" in said and "90% 澳洲美利奴羊毛" in said and "上身走动展示垂感" in said
            session.start_or_advance()
            session.start_or_advance()  # 福袋① 整点福袋
            await until(lambda: app.state.segment.id == plan.segments[3].id)
            await pilot.pause()
            said = text_of(app, "#points")
            assert "奖品 羊绒围巾 ×5" in said and "口令 评论区扣“暖冬”参与" in said
            assert "¥" not in said  # no product in a 福袋 segment
    finally:
        await server.stop()
