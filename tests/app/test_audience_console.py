"""The console's side of the audience's voice and the wording check, with Pilot and a manual clock:
the 弹幕 panel, the cue dialog's wording warning, advice for ops going to the ops pane."""

from __future__ import annotations

from rhythm_console.journal import read_journal
from rhythm_console.metrics.room import EventKind
from rhythm_console.ui.widgets.dialogs import CueDialog
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.waiting import until


def _say(session, *texts: str) -> None:
    for text in texts:
        session.room.event(EventKind.comment, session.now(), user="u")
        session.room.said(text, session.now())


async def test_the_panel_shows_rates_and_examples_once_comments_arrive(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.query_one("#audience").display  # nothing heard: no panel
        await pilot.press("space")
        for _ in range(10):
            _say(session, "多大码", "卡其色有吗", "多大码呀")
            run_for(app, clock, 1)
        _say(session, "卡了")
        run_for(app, clock, 1)
        await pilot.pause()
        assert app.query_one("#audience").display
        body = text_of(app, "#audience-body")
        assert body.index("尺码问题") < body.index("技术问题")  # a rising question first
        assert "20/分" in body and "多大码呀" in body
        assert "卡其色" not in body.split("其他评论")[0]  # a look-alike is no tech complaint
        run_for(app, clock, 70)  # a quiet minute: the panel does not say none ever came
        await pilot.pause()
        assert text_of(app, "#audience-body").strip() == "最近一分钟没有带文字的评论"


async def test_the_cue_dialog_warns_and_sending_anyway_is_journaled(tmp_path):
    path = tmp_path / "s.jsonl"
    app, session, clock = make_console(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.press("c")
        assert isinstance(app.screen, CueDialog)
        await pilot.press(*"全网最低价", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CueDialog)  # not sent yet: warned first
        warning = str(app.screen.query_one("#cue-wording").render())
        assert "全网最低价" in warning and "价格很有优势" in warning
        assert not session.state.cues
        await pilot.press("enter")  # sent anyway
        await pilot.pause()
        assert session.state.cues[-1].text == "全网最低价"
    events = read_journal(path).events
    override = next(e for e in events if e.type == "wording_overridden")
    assert override.cue == session.state.cues[-1].cue and override.words == ["全网最低价"]


async def test_a_clean_cue_is_sent_at_once(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "c", *"价格很有优势", "enter")
        await pilot.pause()
        assert session.state.cues[-1].text == "价格很有优势"


async def test_tech_complaints_reach_the_ops_pane_not_the_host(tmp_path):
    from rhythm_console.link.client import LinkStatus
    from rhythm_console.link.server import LinkServer
    from tests.support.panes import RecordingPane

    app, session, clock = make_console(tmp_path / "s.jsonl")
    app.link = LinkServer(session, "127.0.0.1", 0)
    async with app.run_test(size=(100, 30)) as pilot:
        ops = RecordingPane(app.link.url, name="ops")
        ops.start()
        await until(lambda: ops.client.status is LinkStatus.connected)
        await pilot.press("space")
        for _ in range(5):
            _say(session, "卡了", "没声音")
            run_for(app, clock, 1)
        await pilot.pause()
        cue = next(c for c in session.state.cues if c.origin == "advice:builtin:tech-complaints")
        assert cue.target == "ops" and cue.level.value == "urgent"
        await until(lambda: ops.cues)
        assert "卡顿" in ops.cues[0].text
        await ops.stop()


async def test_at_80x24_the_cue_dialog_shows_the_pane_chosen_with_a_warning_and_four_panes(tmp_path):
    """With the wording warning and four panes the box ran past the screen's bottom: the list of panes
    (and the one highlighted in it) could not be seen."""
    from rhythm_console.i18n import Texts
    from rhythm_console.plan.wording_check import text_warnings

    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    panes = [("assistant", "小雨（assistant）"), ("host", "林安娜（host）"), ("ops", "阿杰（ops）"), ("trainee", "trainee")]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        sent = []
        app.push_screen(CueDialog(Texts("zh"), panes, lambda text: text_warnings(session.wording, text, Texts("zh"))), sent.append)
        await pilot.pause()
        await pilot.press(*"全网最低价", "enter")  # the warning takes two more lines
        await pilot.press("tab", "tab", "down", "down", "down", "down")  # to the last pane
        await pilot.pause()
        targets = app.screen.query_one("#cue-target")
        assert app.screen.focused is targets
        box = app.screen.query_one(".dialog-box")
        inside = box.region.shrink((1, 0, 1, 0))  # within its top and bottom borders
        row = targets.region.y + 1 + targets.highlighted - targets.scroll_offset.y  # under the list's top edge
        assert inside.y <= row < inside.bottom, (targets.region, box.region)
        assert box.region.bottom <= 24
        await pilot.press("enter")
        await pilot.pause()
        assert sent and sent[0][0] == "全网最低价" and sent[0][2] == "trainee"
