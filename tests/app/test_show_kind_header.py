"""The header says what the show is: a rehearsal or a drill never reads as the live show (F13)."""

import pytest
from rich.text import Text
from textual.widgets import Static

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.manager import ManagerApp
from rhythm_console.ui.widgets.dialogs import ConfirmQuit
from tests.support.console_helpers import run_for, text_of
from tests.support.plans import PLANS


def console(tmp_path, kind: str, lang: str = "zh") -> tuple[ManagerApp, ManualClock]:
    # demo.yaml starts 2026-11-28 20:00 +08:00; the manual clock reads 20:00 +08:00 at its start.
    plan = load_plan(PLANS / "demo.yaml")
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None, kind=kind)
    session = LiveSession(plan, clock, journal, lang=lang, count_plan_start=kind in ("live", "drill"))
    return ManagerApp(session, Texts(lang)), clock


def style_of(app: ManagerApp, words: str) -> str:
    """The style the header draws `words` in."""
    content = app.screen.query_one("#header-status", Static).content
    assert isinstance(content, Text)
    start = content.plain.index(words)
    return " ".join(str(span.style) for span in content.spans if span.start <= start < span.end)


@pytest.mark.parametrize(("kind", "lang", "badge"), [("rehearsal", "zh", "彩排"), ("drill", "zh", "演练"),
                                                      ("rehearsal", "en", "Rehearsal"), ("drill", "en", "Drill")])
async def test_a_rehearsal_or_a_drill_says_so_where_a_live_show_says_live(tmp_path, kind, lang, badge):
    app, clock = console(tmp_path, kind, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        app.refresh_view()
        assert badge in text_of(app, "#header-status")
        await pilot.press("space")
        run_for(app, clock, 5)
        header = text_of(app, "#header-status")
        assert f"● {badge}" in header and "直播" not in header and "LIVE" not in header
        assert "red" not in style_of(app, badge)


async def test_a_live_show_still_says_live_in_red(tmp_path):
    app, clock = console(tmp_path, "live")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 5)
        assert "● 直播" in text_of(app, "#header-status")
        assert "on red" in style_of(app, "直播")


@pytest.mark.parametrize(("kind", "late"), [("live", True), ("rehearsal", False)])
async def test_before_a_rehearsal_s_start_no_plan_time_counts_down(tmp_path, kind, late):
    # 90 s past the plan's written start: late for the live show; a rehearsal's start is never late.
    app, clock = console(tmp_path, kind)
    async with app.run_test(size=(120, 40)):
        clock.advance(90)
        app.keep_time()
        header = text_of(app, "#header-status")
        assert ("计划 20:00 开播，已晚 1:30" in header) is late
        assert "未开播" in header


@pytest.mark.parametrize(("kind", "lang", "title"), [("live", "zh", "结束直播并退出？"), ("rehearsal", "zh", "结束彩排并退出？"),
                                                     ("drill", "en", "End the drill and quit?"),
                                                     ("live", "en", "End the show and quit?")])
async def test_quitting_asks_to_end_what_the_show_is(tmp_path, kind, lang, title):
    app, clock = console(tmp_path, kind, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit) and app.screen.title_text == title
