"""Keys that cannot slip: undo for each command, the early-advance question, every way out asks,
the palette in the UI's language; the journal stays append-only throughout."""

import pytest

from rhythm_console.journal import read_journal
from rhythm_console.show import RunStatus, ShowStatus, fold
from rhythm_console.ui.widgets.dialogs import ConfirmKey, ConfirmQuit, Playbook, ReorderDialog
from tests.support.console_helpers import make_console, notices, run_for


def _journal_folds_to_the_session(path, session):
    """Read back, the journal folds to what the console shows: nothing was rewritten."""
    journal = read_journal(path)
    assert journal.seqs == list(range(1, len(journal.seqs) + 1))
    state = fold(journal.header.plan, journal.events)
    assert [(r.id, r.status, r.extended) for r in state.runs] == [(r.id, r.status, r.extended) for r in session.state.runs]
    assert state.held == session.state.held
    return journal


async def test_a_preset_that_moves_on_asks_early_as_space_does(tmp_path):
    """6 (准备过款, `action: advance`) ended the opening twenty seconds in without a question."""
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 20)
        await pilot.press("6")
        assert isinstance(app.screen, ConfirmKey)
        await pilot.press("n")
        assert session.state.running.id == "opening" and not session.state.cues  # neither cue nor advance
        await pilot.press("6", "y")
        await pilot.pause()
        assert session.state.running.id == "coat" and session.state.cues[-1].text == "准备过款"
        await pilot.press("1")  # a preset that does not move on is sent at once
        assert not isinstance(app.screen, ConfirmKey) and session.state.cues[-1].text == "上链接！"
    session.close()


async def test_an_early_space_asks_and_any_other_key_keeps_the_segment(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 20)  # 0:20 into a 1:30 opening
        await pilot.press("space")
        assert isinstance(app.screen, ConfirmKey)
        await pilot.press("x")
        assert not isinstance(app.screen, ConfirmKey)
        assert session.state.running.id == "open"
        await pilot.press("space", "space")  # asked, and Space again confirms
        assert session.state.running.id == "coat"
        run_for(app, clock, 100)  # past half of the coat's 3 minutes: no question
        await pilot.press("space")
        assert not isinstance(app.screen, ConfirmKey)
        assert session.state.running.id == "lucky"


async def test_s_asks_before_skipping_a_segment_with_more_than_half_its_budget_left(tmp_path):
    """`s` skipped a 15-minute product segment with one key (issue 20.3): now it asks, as Space does;
    the session decides (a segment not started has its whole budget left), the dialog only asks."""
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        run_for(app, clock, 5)
        run, left = session.early_to_skip()
        assert run.id == "coat" and left == run.budget
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmKey)
        assert "跳过“" in str(app.screen.query_one(".dialog-title").content)
        await pilot.press("n")
        assert session.state.runs[1].status is RunStatus.pending  # any other key keeps it
        await pilot.press("s", "s")  # asked, and s again confirms
        assert session.state.runs[1].status is RunStatus.skipped
    session.close()


async def _undo_round(pilot, app, session, clock, keys, changed, restored):
    await pilot.press(*keys)
    await pilot.pause()
    assert changed(session.state), keys
    run_for(app, clock, 5)
    await pilot.press("u")
    await pilot.pause()
    assert restored(session.state), keys


async def test_u_takes_back_each_kind_of_command(tmp_path):
    path = tmp_path / "s.jsonl"
    app, session, clock = make_console(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space")
        run_for(app, clock, 10)
        rounds = [
            (("space", "y"), lambda s: s.running.id == "coat", lambda s: s.running.id == "open"),
            (("s", "y"), lambda s: s.runs[1].status is RunStatus.skipped, lambda s: s.runs[1].status is RunStatus.pending),
            (("e",), lambda s: s.running.budget == 150, lambda s: s.running.budget == 90),
            (("E",), lambda s: s.running.budget == 30, lambda s: s.running.budget == 90),
            (("r", "d", "enter"), lambda s: s.pending()[0].id == "lucky", lambda s: s.pending()[0].id == "coat"),
            (("g", "i"), lambda s: s.runs[1].inserted, lambda s: not any(r.inserted for r in s.runs)),
            (("p",), lambda s: s.held, lambda s: not s.held),
        ]
        for keys, changed, restored in rounds:
            await _undo_round(pilot, app, session, clock, keys, changed, restored)
        await pilot.press("p")
        run_for(app, clock, 3)
        await _undo_round(pilot, app, session, clock, ("p",), lambda s: not s.held, lambda s: s.held)
        assert any("已撤销：暂停" in n for n in notices(app)) or any("已撤销" in n for n in notices(app))
        run_for(app, clock, 31)  # the window has passed for the hold
        await pilot.press("u")
        await pilot.pause()
        assert session.state.held
        assert any("不能再撤销" in n for n in notices(app))
    journal = _journal_folds_to_the_session(path, session)
    types = [e.type for e in journal.events]
    assert types.count("undo") == 8
    for command in ("advance", "skip", "extend", "reorder", "insert_segment", "hold", "resume"):
        assert command in types


async def test_u_right_after_a_skip_brings_the_segment_back_and_says_so(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "s", "s", "u")
        await pilot.pause()
        assert session.state.runs[1].status is RunStatus.pending
        assert any("已撤销：跳过" in n for n in notices(app))


@pytest.mark.parametrize("way", ["action", "palette"])
async def test_every_way_out_asks_first(tmp_path, way):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        if way == "action":
            await app.action_quit()
        else:
            await pilot.press("ctrl+p", *"退出", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        await pilot.pause()
        assert session.state.status is ShowStatus.live
        assert app.is_running


async def test_the_palette_lists_each_command_once_in_the_ui_language(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)):
        commands = list(app.get_system_commands(app.screen))
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles))
        assert not {"Quit", "Theme", "Keys", "Screenshot"} & set(titles)
        assert {"界面主题", "按键说明", "撤销 (u)"} <= set(titles)
        assert all(c.help != c.title.split(" (")[0] for c in commands)  # no line said twice


async def test_the_palette_asks_and_offers_its_themes_in_the_ui_language(tmp_path):
    """Its search field said "Search for commands…" (and then "Search for themes…") on a Chinese console."""
    from textual.command import CommandInput, CommandPalette

    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        await pilot.press(*"界面主题", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索界面主题…"


async def test_the_host_panes_palette_is_in_the_ui_language(small_plan):
    from rhythm_console.i18n import Texts
    from rhythm_console.link.client import LinkClient
    from rhythm_console.ui.host import HostApp

    app = HostApp(LinkClient("ws://127.0.0.1:9/ws", name="host", backoff=(5, 5)), Texts("zh"), name="host")
    async with app.run_test(size=(80, 24)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles == ["界面主题", "按键说明", "截图", "退出"]


async def test_a_suggestion_once_sent_is_marked_and_a_says_so(tmp_path):
    from rhythm_console.events import AlertRaised

    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space")
        session.submit(AlertRaised(at=session.now(), alert="rule:x", message="互动下降", suggest="add_interaction"))
        app.refresh_view()
        from tests.support.console_helpers import text_of as shown
        assert "按 a 发送建议提词" in shown(app, "#alerts-body")
        await pilot.press("a")
        await pilot.pause()
        assert session.state.cues[-1].origin == "advice:rule:x"
        app.refresh_view()
        from tests.support.console_helpers import text_of
        assert "已发送" in text_of(app, "#alerts-body")
        assert "按 a" not in text_of(app, "#alerts-body")  # nothing left for a to send
        await pilot.press("a")
        await pilot.pause()
        assert len(session.state.cues) == 1
        assert any("已经发送过" in n for n in notices(app))


async def test_the_playbook_sends_steps_to_the_roles_they_name(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("space", "g")
        assert isinstance(app.screen, Playbook)
        assert "主播、助播、运营" in str(app.screen.query_one("#playbook-hint").content)
        await pilot.press("s")
        await pilot.pause()
        cues = session.state.cues
        assert [c.target for c in cues] == ["host", "assistant", "ops"]
        assert all("商品链接失效" in c.text and "1. 主播口播稳住" in c.text for c in cues)
        assert all(c.origin == "playbook:link-broken" for c in cues)


async def test_cue_targets_show_the_person_from_the_team(tmp_path):
    from textual.widgets import OptionList

    from rhythm_console.link.client import LinkStatus
    from rhythm_console.link.server import LinkServer
    from tests.support.panes import RecordingPane
    from tests.support.waiting import until

    app, session, clock = make_console(tmp_path / "s.jsonl", plan_name="demo.yaml")
    app.link = LinkServer(session, "127.0.0.1", 0)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = RecordingPane(app.link.url, name="host")
        pane.start()
        await until(lambda: pane.client.status is LinkStatus.connected)
        await pilot.press("c")
        targets = app.screen.query_one("#cue-target", OptionList)
        assert str(targets.get_option_at_index(1).prompt) == "林安娜（host）"
        box = app.screen.query_one(".dialog-box")
        assert box.region.contains_region(targets.region)  # the list stays inside the dialog
        await pilot.press(*"go", "tab", "enter")  # Enter sends from the level list
        await pilot.pause()
        assert session.state.cues[-1].text == "go"
        await pane.stop()


async def test_reorder_dialog_u_moves_up_not_undo(tmp_path):
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "r")
        assert isinstance(app.screen, ReorderDialog)
        await pilot.press("down", "u", "enter")
        await pilot.pause()
        assert [r.id for r in session.state.pending()][:2] == ["lucky", "coat"]


@pytest.mark.parametrize(("ended", "lang", "journal"), [(True, "en", "journal: "), (False, "en", "journal: "),
                                                   (True, "zh", "日志："), (False, "zh", "日志：")])
def test_leaving_says_where_the_journal_is_and_what_next(tmp_path, capsys, ended, lang, journal):
    from rhythm_console.commands.run import tell_where_the_journal_is
    from rhythm_console.i18n import Texts

    path = tmp_path / "a show.jsonl"
    tell_where_the_journal_is(path, Texts(lang), ended=ended)
    said = capsys.readouterr().out
    assert f"{journal}{path}" in said
    assert ("直播还没结束" in said) is (lang == "zh" and not ended)
    assert f"rhythm-console report '{path}'" in said
    assert ("--resume" in said) is not ended
    if not ended:  # the journal holds the plan and how the show was run: nothing else to type
        assert said.rstrip().endswith(f"rhythm-console run --resume '{path}'")


@pytest.mark.parametrize(("lang", "said"), [("zh", "彩排还没结束；接着播："), ("en", "the rehearsal is not over")])
def test_leaving_a_rehearsal_not_over_says_it_is_the_rehearsal(tmp_path, capsys, lang, said):
    from rhythm_console.commands.run import tell_where_the_journal_is
    from rhythm_console.i18n import Texts

    tell_where_the_journal_is(tmp_path / "r.jsonl", Texts(lang), ended=False, kind="rehearsal")
    out = capsys.readouterr().out
    assert said in out and "直播" not in out and "the show" not in out


async def test_a_second_during_shutdown_draws_nothing(tmp_path):
    """The repaint timer fired once more while the app shut down (widgets gone, the link still
    stopping): NoMatches '#header-title', a traceback on quitting (1 run in 6 with a link)."""
    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        drawn = app.view
    clock.advance(1)
    app.keep_time()  # what the timer would call, had it fired once more on the way out
    assert app.view is drawn
    session.close()
