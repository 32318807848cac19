"""The manager's console driven through a whole short show with Pilot and a manual clock."""

from rhythm_console.durations import format_clock
from rhythm_console.journal import read_journal
from rhythm_console.show import RunStatus, ShowStatus, drift, fold
from rhythm_console.sources.simulated import SimulatedSource
from rhythm_console.ui.widgets.dialogs import ConfirmQuit, CueDialog, Playbook, ReorderDialog, TextPrompt
from tests.support.console_helpers import make_console, notices, run_for, text_of
from tests.support.plans import DATA
from tests.support.waiting import until


async def test_a_whole_short_show(tmp_path):
    path = tmp_path / "show.jsonl"
    app, session, clock = make_console(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert "按 空格 开播" in text_of(app, "#current-title")
        await pilot.press("e")  # extend before the start is refused, visibly
        await pilot.pause()
        assert any("直播还没开始" in notice for notice in notices(app))

        await pilot.press("space")
        assert session.state.status is ShowStatus.live
        run_for(app, clock, 30)
        assert "开场暖场" in text_of(app, "#current-title")
        assert "剩余 1:00" in text_of(app, "#current-phase")

        await pilot.press("e")  # +1 minute
        assert session.state.running.budget == 150
        assert "落后 +1:00" in text_of(app, "#header-status")

        await pilot.press("1")  # preset cue
        assert session.state.cues[-1].text == "上链接！"
        assert "上链接！" in text_of(app, "#cuelog-body")

        await pilot.press("p")  # hold
        run_for(app, clock, 20)
        assert "暂停" in text_of(app, "#current-phase")
        await pilot.press("p")
        assert not session.state.held

        await pilot.press("s", "y")  # skip the next segment (the coat): asked first, it has all its budget
        assert session.state.runs[1].status is RunStatus.skipped

        await pilot.press("c")
        assert isinstance(app.screen, CueDialog)
        await pilot.press(*"slow", "enter")
        await pilot.pause()
        assert session.state.cues[-1].text == "slow"

        await pilot.press("n")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"ok", "enter")
        await pilot.pause()
        assert session.state.notes[-1].text == "ok"

        await pilot.press("g")
        assert isinstance(app.screen, Playbook)
        await pilot.press("i")
        await pilot.pause()
        assert [r.id for r in session.state.runs][:3] == ["open", "filler-qa", "coat"]

        run_for(app, clock, 200)  # the opening runs far over its budget
        assert "已超时" in text_of(app, "#current-phase") or "严重超时" in text_of(app, "#current-phase")
        assert session.state.alerts and session.state.alerts[0].alert == "builtin:overrun:open"
        assert "开场暖场 超时" in text_of(app, "#alerts-body")

        await pilot.press("space")  # on to the inserted Q&A
        assert session.state.running.id == "filler-qa"
        assert not session.state.alerts  # the over-run alert clears with its segment
        assert "超时" in text_of(app, "#rundown-table")

        await pilot.press("r")
        assert isinstance(app.screen, ReorderDialog)
        await pilot.press("d", "enter")  # move the lottery below the scarf
        await pilot.pause()
        assert [r.id for r in session.state.pending()] == ["scarf", "lucky", "close"]

        shown_drift = text_of(app, "#header-status")
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("y")
        await pilot.pause()
    journal = read_journal(path)
    state = fold(journal.header.plan, journal.events)
    assert state.status is ShowStatus.ended
    assert [c.text for c in state.cues] == ["上链接！", "slow"]
    assert state.notes[0].text == "ok"
    assert state.runs[1].contingency_id == "link-broken"
    assert {"show_started", "extend", "hold", "resume", "skip", "insert_segment", "reorder", "alert_raised",
            "alert_cleared", "advance", "show_ended"} <= {e.type for e in journal.events}
    # Folding the journal up to the quit gives the drift the screen showed.
    before_quit = fold(journal.header.plan, journal.events[:-1])
    assert f"落后 {format_clock(drift(before_quit, journal.events[-1].at), sign=True)}" in shown_drift


async def test_quit_is_cancelled_by_any_other_key(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "q", "x")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmQuit)
        assert session.state.status is ShowStatus.live
        await pilot.press("q", "enter")
        await pilot.pause()
    assert session.state.status is ShowStatus.ended


async def test_advance_after_the_last_segment_is_refused_with_a_reason(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", *["space", "space"] * 5)  # each early advance asks, and Space confirms
        assert "全部环节已完成" in text_of(app, "#current-title")
        await pilot.press("space")
        await pilot.pause()
        assert any("没有下一个环节了" in notice for notice in notices(app))


async def test_metric_panels_show_the_simulated_room(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    room = SimulatedSource(session, seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "space", "y")  # into the coat's product explanation (early: confirmed)
        run_for(app, clock, 40, room)
        online = text_of(app, "#metric-online .metric-value")
        assert "峰值" in online and any(ch.isdigit() for ch in online)
        assert "CTR" in text_of(app, "#metric-clicks .metric-value")
        assert session.state.metrics["online"] > 0


async def test_english_labels_follow_lang(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo-en.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 2)
        assert "Warm-up opening" in text_of(app, "#current-title")
        assert "left" in text_of(app, "#current-phase")


async def test_a_tiny_terminal_says_so(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "终端太小" in text_of(app, "#too-small")
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        app.keep_time()
        assert not app.screen.has_class("too-small")


async def test_a_douyin_feed_shows_viewers_and_comments_and_no_commerce(tmp_path):

    from rhythm_console.sources.feeds import FeedSource

    capture = DATA / "feeds" / "douyin-quirks.jsonl"
    app, session, clock = make_console(
        tmp_path / "s.jsonl", source_factory=lambda s: FeedSource("douyin", str(capture), follow=False, now=s.now))
    async with app.run_test(size=(100, 30)):
        await until(lambda: session.room.items)  # the feed is read by a task
        run_for(app, clock, 1)
        assert "12,000" in text_of(app, "#metric-online .metric-value")
        assert "评论 2/分" in text_of(app, "#metric-interaction .metric-value")
        assert "此来源无数据" in text_of(app, "#metric-orders .metric-value")
        assert "此来源无数据" in text_of(app, "#metric-clicks .metric-value")
    assert "orders" not in session.state.metrics


async def test_a_free_text_cue_can_target_one_pane(tmp_path):
    from textual.widgets import OptionList

    from rhythm_console.link.client import LinkStatus
    from rhythm_console.link.server import LinkServer
    from tests.support.panes import RecordingPane

    app, session, clock = make_console(tmp_path / "s.jsonl")
    app.link = LinkServer(session, "127.0.0.1", 0)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = RecordingPane(app.link.url, name="assistant")
        pane.start()
        await until(lambda: pane.client.status is LinkStatus.connected)
        await pilot.press("c", *"hi", "tab", "tab")  # the text, then past the level to the target list
        targets = app.screen.query_one("#cue-target", OptionList)
        assert targets.has_focus
        assert [str(targets.get_option_at_index(i).prompt) for i in range(targets.option_count)] == ["所有屏幕", "assistant"]
        await pilot.press("down", "enter")  # Enter sends from the target list too
        await pilot.pause()
        assert session.state.cues[-1].target == "assistant"
        await until(lambda: pane.cues)
        assert pane.cues[0].text == "hi"
        await pane.stop()


async def test_every_command_is_in_the_command_palette(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for label in ("下一个 (space)", "暂停 (p)", "+1分 (e)", "−1分 (E)", "跳过 (s)", "排序 (r)", "提词 (c)",
                      "预案 (g)", "记录 (n)", "退出 (q)", "收尾 (F6)", "上链接！ (1)"):
            assert label in titles, label


async def test_the_console_keeps_running_and_says_so_when_the_journal_cannot_be_written(tmp_path):
    import errno

    app, session, clock = make_console(tmp_path / "s.jsonl")

    def disk_full(event):
        raise OSError(errno.ENOSPC, "No space left on device")

    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        session.journal.append = disk_full
        await pilot.press("space")
        await pilot.pause()
        assert session.state.running is not None  # the show goes on
        assert session.unjournaled == 1
        assert "日志写入失败" in text_of(app, "#header-status")
        assert any("No space left" in notice for notice in notices(app))


async def test_a_segment_led_by_the_assistant_says_so(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        assert "助播" not in text_of(app, "#current-title")
        from rhythm_console.events import SegmentStarted

        session.submit(SegmentStarted(at=session.now(), segment_id="qa"))
        app.refresh_view()
        assert "尺码答疑" in text_of(app, "#current-title") and "助播" in text_of(app, "#current-title")


async def test_before_the_show_the_header_counts_down_to_the_planned_start(tmp_path):
    # demo.yaml starts 2026-11-28 20:00 +08:00; the manual clock reads 20:00 +08:00 at its start.
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(120, 40)):
        app.refresh_view()
        clock.advance(90)
        app.keep_time()
        assert "计划 20:00 开播，已晚 1:30" in text_of(app, "#header-status")


async def test_a_long_talking_point_wraps_under_its_text_not_away_from_its_bullet(tmp_path):
    """At 80×24 the opening's first point (one unbroken Chinese line) went whole to the line below,
    leaving its bullet alone: `•` / `欢迎新进直播间的宝宝，点左上角关注不迷路`."""
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        lines = [line.rstrip() for line in text_of(app, "#current-points").splitlines() if line.strip()]
        assert lines[0].startswith("• 欢迎新进直播间")
        assert "•" not in lines[1] and lines[1].startswith("  ")  # the rest of it, indented under its text
    session.close()


async def test_the_host_pane_wraps_talking_points_under_their_text(tmp_path):
    from rhythm_console.clock import ManualClock
    from rhythm_console.i18n import Texts
    from rhythm_console.link.frames import state_frame
    from rhythm_console.plan import load_plan
    from rhythm_console.session import LiveSession
    from rhythm_console.ui.host import HostApp, StateArrived
    from tests.support.console_helpers import PLANS

    session = LiveSession(load_plan(PLANS / "demo.yaml"), ManualClock(), lang="zh")
    session.start_or_advance()
    app = HostApp(None, Texts("zh"), name="host", monotonic=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(StateArrived(state_frame(session)))
        await pilot.pause()
        lines = [line.rstrip() for line in text_of(app, "#points").splitlines() if line.strip()]
        assert lines[0].startswith("• 欢迎新进直播间") and lines[1].startswith("  ")  # wrapped under its text
        assert lines[2].startswith("• 今晚三大福利")


async def test_a_stale_feed_is_said_whole_on_a_narrow_panel(tmp_path):
    """At 80×24 the mark was cut with the label: `在线人数 数 …`. Now the label gives way."""

    from rhythm_console.sources.feeds import FeedSource

    capture = DATA / "feeds" / "douyin-quirks.jsonl"
    app, session, clock = make_console(
        tmp_path / "s.jsonl", source_factory=lambda s: FeedSource("douyin", str(capture), follow=False, now=s.now))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(lambda: session.room.items)
        run_for(app, clock, 15)  # the capture has ended: nothing new for 15 s
        await pilot.pause()
        import io

        from rich.console import Console
        from textual.widgets import Static

        widget = app.screen.query_one("#metric-online .metric-label", Static)
        console = Console(width=widget.size.width, file=io.StringIO(), record=True, color_system=None)
        console.print(widget.content)  # cut at the panel's width, as on screen
        label = console.export_text().strip()
        assert label == "在线人数 中断"
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert text_of(app, "#metric-online .metric-label").strip() == "在线人数 数据中断"
