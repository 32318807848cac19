"""Every preset in sight: the plan's presets (up to 9) and the F-keys, whole at 120x40,
at least keys and first words at 80x24; the cue log shows more rows where there is room."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import CuePreset, load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.manager import ManagerApp
from rhythm_console.ui.widgets.legend import fit_items
from tests.support.console_helpers import PLANS, run_for, text_of

EXTRA = [CuePreset(key="8", text="讲讲售后：七天无理由退换"), CuePreset(key="9", text="提醒点亮粉丝灯牌", level="warn")]


def _console(path, presets: int):
    plan = load_plan(PLANS / "demo.yaml")
    plan = plan.model_copy(update={"cue_presets": (list(plan.cue_presets) + EXTRA)[:presets]})
    clock = ManualClock()
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh")
    return ManagerApp(session, Texts("zh")), session, clock


def test_items_are_whole_when_they_fit_and_cut_to_one_line_when_not():
    items = [(str(n), "上链接上链接", "") for n in range(1, 10)]
    assert [line.plain for line in fit_items(items, 44, 3)] == [
        "1上链接上链接  2上链接上链接  3上链接上链接", "4上链接上链接  5上链接上链接  6上链接上链接",
        "7上链接上链接  8上链接上链接  9上链接上链接"]
    (line,) = fit_items(items, 60, 1)
    assert line.cell_len <= 60
    assert [part[0] for part in line.plain.split("  ")] == [str(n) for n in range(1, 10)]
    assert all("…" in part for part in line.plain.split("  "))


@pytest.mark.parametrize("presets", [6, 9])
async def test_every_preset_is_whole_at_120x40(tmp_path, presets):
    app, session, clock = _console(tmp_path / "s.jsonl", presets)
    async with app.run_test(size=(120, 40)):
        app.refresh_view()
        legend = text_of(app, "#legend").replace("\n", " ")
        for preset in session.plan.cue_presets:
            assert f"{preset.key}{preset.text}" in legend
        for words in ("F1加快节奏", "F4上链接", "F6收尾"):
            assert words in legend


@pytest.mark.parametrize("presets", [6, 9])
async def test_every_preset_key_and_first_words_at_80x24(tmp_path, presets):
    app, session, clock = _console(tmp_path / "s.jsonl", presets)
    async with app.run_test(size=(80, 24)):
        app.refresh_view()
        legend = text_of(app, "#legend")
        for preset in session.plan.cue_presets:
            assert f"{preset.key}{preset.text[:2]}" in legend
        assert "F6收尾" in legend


async def test_the_cue_log_shows_more_rows_on_a_tall_screen_and_scrolls(tmp_path):
    app, session, clock = _console(tmp_path / "s.jsonl", 6)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        for n in range(30):
            session.send_cue(f"cue {n}")
        run_for(app, clock, 1)
        await pilot.pause()
        cuelog = app.screen.query_one("#cuelog")
        assert cuelog.scrollable_content_region.height > 4
        assert cuelog.max_scroll_y > 0  # more cues than rows: it scrolls
        cuelog.scroll_end(animate=False)
        await pilot.pause()
        assert cuelog.scroll_y > 0


def _snapshot_console(tmp_path, presets):
    app, session, clock = _console(tmp_path / "snap.jsonl", presets)

    async def drive(pilot):
        await pilot.press("space")
        run_for(app, clock, 30)
        await pilot.press("1", "3")
        run_for(app, clock, 2)
        app.clear_notifications()
        await pilot.pause()

    return app, drive


@pytest.mark.parametrize("presets", [6, 9])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_legend_snapshot(snap_compare, tmp_path, size, presets):
    app, drive = _snapshot_console(tmp_path, presets)
    assert snap_compare(app, terminal_size=size, run_before=drive)


async def test_the_footer_ends_with_quit_whole_at_80_columns(tmp_path):
    """At 80×24 the footer was cut at `q 退`: e and E now share one entry, `e/E ±1分`."""
    from tests.support.console_helpers import make_console

    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        keys = {key.key: key for key in app.screen.query("FooterKey")}
        assert keys["q"].region.right <= 80
        assert "E" not in keys and keys["e"].key_display == "e/E" and keys["e"].description == "±1分"
        await pilot.press("E")  # still its own key
        await pilot.pause()
        assert session.state.running.extended == -60
    session.close()


async def test_the_checklist_key_leaves_the_footer_once_the_show_starts(tmp_path):
    """`x 勾选` stayed in the footer (cut, at 80 columns) after the start, where x does nothing."""
    from tests.support.console_helpers import make_console

    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "x" in {key.key for key in app.screen.query("FooterKey")}
        await pilot.press("space")
        await pilot.pause()
        assert "x" not in {key.key for key in app.screen.query("FooterKey")}
    session.close()
