"""What a tester found at 80x24 besides the header (T10 and the cosmetic ones): a long segment title in the
skip question, the rundown's last column against the border, Chinese labels' colon, and the command palette
in the console's language naming what quitting ends."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.widgets import Static

from rhythm_console.ui.base import LocalizedPalette
from rhythm_console.ui.widgets.dialogs import ConfirmKey
from tests.app.test_show_kind_header import console as kind_console
from tests.support.console_helpers import make_console, text_of
from tests.support.plans import PLANS
from tests.support.waiting import until

LONG_SEGMENT = "主推①双面羊毛大衣澳洲美利奴羊毛双面呢手工缝制落肩廓形显瘦驼色黑色燕麦三色限时特价"  # 43 characters


def long_segment_plan(tmp_path):
    text = (PLANS / "demo.yaml").read_text(encoding="utf-8")
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "long.yaml"
    path.write_text(text.replace("title: 主推① 双面羊毛大衣", f"title: {LONG_SEGMENT}", 1), encoding="utf-8")
    return path


def rows_of(widget) -> list[str]:
    """A widget's rows as drawn, its padding too."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


async def test_the_skip_question_wraps_a_long_segment_title_in_its_box_at_80x24(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.support.console_helpers.PLANS", long_segment_plan(tmp_path).parent)
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="long.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "s")  # the coat, next, has all of its ten minutes left
        await pilot.pause()
        assert isinstance(app.screen, ConfirmKey)
        title = app.screen.query_one(".dialog-title")
        box = app.screen.query_one(".dialog-box")
        rows = [row.strip() for row in rows_of(title)]
        assert len(rows) >= 2 and all(cell_len(row) <= box.content_region.width for row in rows), rows
        said = "".join(rows).replace(" ", "")  # a line may break at a blank
        assert LONG_SEGMENT in said and said.endswith("还有10:00没播（共10:00）"), said  # nothing cut at the edge
        assert title.region.right <= box.content_region.right


async def test_a_title_of_a_paragraph_is_cut_so_the_question_stays_in_sight(tmp_path, monkeypatch):
    plan = long_segment_plan(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace(LONG_SEGMENT, LONG_SEGMENT * 5, 1), encoding="utf-8")
    monkeypatch.setattr("tests.support.console_helpers.PLANS", plan.parent)
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="long.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "s")
        await pilot.pause()
        said = "".join(row.strip() for row in rows_of(app.screen.query_one(".dialog-title"))).replace(" ", "")
        assert "…”？还有10:00没播（共10:00）" in said and LONG_SEGMENT * 2 not in said, said
        assert app.screen.query_one(".dialog-hint").region.bottom <= app.size.height


async def test_the_verdict_column_keeps_a_cell_from_the_border_without_a_scrollbar(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rundown, table = app.screen.query_one("#rundown"), app.screen.query_one("#rundown-table")
        assert rundown.max_scroll_y == 0  # every segment in sight: no scrollbar
        assert rows_of(table)[0].endswith("判定")
        assert table.region.right == rundown.region.right - 2  # the border, and a cell before it


@pytest.mark.parametrize(("lang", "next_words", "notes"), [("zh", "下一个：", "备注："), ("en", "Next: ", "Notes: ")])
async def test_labels_take_their_languages_colon(tmp_path, lang, next_words, notes):
    app, session, clock = make_console(tmp_path / "s.jsonl", lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert text_of(app, "#current-next").startswith(next_words + "羊毛大衣讲解")
    assert app.texts.label("current.notes") == notes


async def test_the_palette_says_nothing_matches_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(LocalizedPalette, "_NO_MATCHES_COUNTDOWN", 0.001)  # Textual waits half a second first
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"zzzz")
        commands = app.screen.query_one(CommandList)
        await until(lambda: commands.option_count == 1)
        words = str(commands.get_option_at_index(0).prompt.renderable)
        assert words == "没有匹配的命令"


@pytest.mark.parametrize(("kind", "lang", "help_words"), [("live", "zh", "结束直播并退出（会先确认）"),
                                                          ("rehearsal", "zh", "结束彩排并退出（会先确认）"),
                                                          ("drill", "zh", "结束演练并退出（会先确认）"),
                                                          ("rehearsal", "en", "End the rehearsal and quit (asks first)")])
async def test_the_palettes_quit_names_what_it_ends(tmp_path, kind, lang, help_words):
    app, clock = kind_console(tmp_path, kind, lang)
    async with app.run_test(size=(80, 24)):
        quits = [command for command in app.get_system_commands(app.screen) if command.title.endswith("(q)")]
        assert [command.help for command in quits] == [help_words]
        assert isinstance(app.screen.query_one("#header-status"), Static)


async def test_a_long_next_segment_is_cut_by_cells_with_no_blank_before_its_ellipsis(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.support.console_helpers.PLANS", long_segment_plan(tmp_path).parent)
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="long.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        row = rows_of(app.screen.query_one("#current-next"))[0].rstrip()
        assert row.startswith("下一个：主推①") and row.endswith("…") and not row.endswith(" …"), row
