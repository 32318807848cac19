"""The header tells the show's timing truth (T8): an early start and by how much, the projected end and the
script's own end where they differ, fitted to 80 columns; a long Chinese title is cut by cells with its "…"
right after the last character, and the header keeps its widths as the clock ticks (T9)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import Static

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import run_for
from tests.support.plans import PLANS

ZONE = timezone(timedelta(hours=8))
LONG_TITLE = "暖冬上新专场羊毛大衣节暨秋冬新品首发双面羊毛大衣与羊绒系列超值福利专场限时特惠直播活动"  # 46 characters


def console(tmp_path, *, opened: datetime, plan: str = "demo.yaml", lang: str = "zh", title: str | None = None,
            kind: str = "live") -> tuple[ManagerApp, LiveSession, ManualClock]:
    """demo.yaml (written start 20:00 +08:00, two hours of segments) on a clock reading `opened`."""
    path = PLANS / plan
    if title is not None:
        text = path.read_text(encoding="utf-8").replace("title: 暖冬上新专场 · 羊毛大衣节", f"title: {title}", 1)
        path = tmp_path / "long.yaml"
        path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    clock = ManualClock(start_wall=opened)
    journal = JournalWriter(tmp_path / "s.jsonl", loaded, clock=clock, sync=lambda fd: None, kind=kind)
    session = LiveSession(loaded, clock, journal, lang=lang, count_plan_start=kind == "live")
    return ManagerApp(session, Texts(lang)), session, clock


def row_of(app: ManagerApp, selector: str) -> str:
    """A one-row widget as the screen draws it, its padding too (`drawn` draws the content's size)."""
    widget = app.screen.query_one(selector)
    return widget.render_lines(Region(0, 0, *widget.outer_size))[0].text


def header_row(app: ManagerApp) -> str:
    """The header's one row as the screen draws it: the title's cells, then the status's."""
    row = row_of(app, "#header-title") + row_of(app, "#header-status")
    assert cell_len(row) == app.size.width
    return row


async def started(app: ManagerApp, clock: ManualClock, pilot) -> str:
    """The header three seconds into the show."""
    await pilot.press("space")
    run_for(app, clock, 3)
    await pilot.pause()
    return header_row(app)


@pytest.mark.parametrize(("size", "said", "dropped"), [
    # On plan from the actual start: it ends five minutes before the script's end. At 80 columns the elapsed
    # time goes first, then the wall clock.
    ((80, 24), ("暖冬上新", "● 直播", "早开播 5:00", "按计划", "预计结束 21:55", "脚本结束 22:00"), ("19:55:03", "0:03")),
    ((120, 40), ("暖冬上新专场 · 羊毛大衣节", "19:55:03", "0:03", "早开播 5:00", "预计结束 21:55", "脚本结束 22:00"), ()),
], ids=["80x24", "120x40"])
async def test_an_early_start_says_so_with_the_projected_and_the_script_end(tmp_path, size, said, dropped):
    app, session, clock = console(tmp_path, opened=datetime(2026, 11, 28, 19, 55, tzinfo=ZONE))
    async with app.run_test(size=size) as pilot:
        row = await started(app, clock, pilot)
        for words in said:
            assert words in row, (words, row)
        for words in dropped:
            assert words not in row, (words, row)


async def test_english_words_for_an_english_plan(tmp_path):
    app, session, clock = console(tmp_path, opened=datetime(2026, 11, 28, 19, 55, tzinfo=ZONE), plan="demo-en.yaml",
                                  lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        row = await started(app, clock, pilot)
        for words in ("early start 5:00", "on plan", "est. end 21:55", "script end 22:00"):
            assert words in row, (words, row)
    app, session, clock = console(tmp_path / "80", opened=datetime(2026, 11, 28, 19, 55, tzinfo=ZONE),
                                  plan="demo-en.yaml", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        row = await started(app, clock, pilot)  # the longer English words: the script's end goes before the early start
        assert "early start 5:00" in row and "est. end 21:55" in row and "script end" not in row, row


async def test_on_time_the_end_is_said_once_late_it_is_said_twice_and_an_ended_show_says_when_it_ended(tmp_path):
    (tmp_path / "late").mkdir()
    app, session, clock = console(tmp_path, opened=datetime(2026, 11, 28, 20, 0, tzinfo=ZONE))
    async with app.run_test(size=(80, 24)) as pilot:
        row = await started(app, clock, pilot)
        assert "预计结束 22:00" in row and "脚本结束" not in row and "早开播" not in row and "晚开播" not in row, row
    app, session, clock = console(tmp_path / "late", opened=datetime(2026, 11, 28, 20, 5, tzinfo=ZONE))
    async with app.run_test(size=(100, 30)) as pilot:
        row = await started(app, clock, pilot)
        for words in ("晚开播 5:00", "落后 +5:00", "预计结束 22:05", "脚本结束 22:00"):
            assert words in row, (words, row)
        await pilot.press("R")  # re-based: the late start no longer counts, the script's end is still the script's
        run_for(app, clock, 1)
        await pilot.pause()
        row = header_row(app)
        assert "晚开播" not in row and "按计划" in row and "预计结束 22:05" in row and "脚本结束 22:00" in row, row
        session.end_show()
        app.refresh_view()
        await pilot.pause()
        row = header_row(app)
        assert "已结束" in row and "结束于 20:05" in row and "脚本结束 22:00" in row and "预计结束" not in row, row


async def test_a_long_chinese_title_is_cut_by_cells_and_keeps_its_place_as_the_clock_ticks(tmp_path):
    app, session, clock = console(tmp_path, opened=datetime(2026, 11, 28, 20, 0, tzinfo=ZONE), title=LONG_TITLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        seen: set[tuple[str, int]] = set()
        # The opening (6:00, tolerance 1:00) runs on: its drift goes from on plan to behind at 6:00, the
        # elapsed time from 0:05 to 6:55; the seconds tick under both.
        for second in (5, 10, 60, 355, 359, 360, 361, 365, 400, 415):
            run_for(app, clock, second - int(session.now() - session.state.started_at))
            await pilot.pause()
            title = row_of(app, "#header-title")
            seen.add((title, app.screen.query_one("#header-status", Static).size.width))
        assert "落后 +0:55" in header_row(app)
        assert len(seen) == 1, seen  # one cut of the title, one width of the status, from 0:05 to 6:55
        ((title, _),) = seen
        kept = title.strip()
        assert kept.endswith("…") and not kept.endswith(" …"), title  # no blank before the ellipsis
        assert LONG_TITLE.startswith(kept[:-1]) and len(kept) >= 5, title
