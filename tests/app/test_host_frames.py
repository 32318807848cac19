"""How the host pane's frames come: its keys in the footer from the start and not made again for nothing
(each rebuild lays the screen out, a cue waiting behind it), and a cue from the link hurries its frame."""

from textual.widgets._footer import FooterKey

from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import CueFrame
from rhythm_console.plan import CueLevel
from rhythm_console.ui.host import CueArrived, HostApp
from rhythm_console.ui.pacing import PacedScreen
from rhythm_console.ui.widgets.footer import SettledFooter
from tests.support.console_helpers import text_of


async def test_the_footer_has_its_keys_without_a_rebuild_and_is_rebuilt_only_when_they_change(monkeypatch):
    rebuilds = []
    recompose = SettledFooter.recompose

    async def counted(self):
        rebuilds.append(self)
        await recompose(self)

    monkeypatch.setattr(SettledFooter, "recompose", counted)
    app = HostApp(None, Texts("zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.query_one(SettledFooter)
        keys = list(footer.query(FooterKey))
        assert [key.key for key in keys] == ["space", "1", "2", "3", "4", "m", "q"]
        assert keys[0].description == "确认"  # in the UI's language: through the screen's bindings
        app.screen.refresh_bindings()  # as the screen does when it resumes, the focus moves, the app regains focus
        await pilot.pause()
        assert rebuilds == [] and list(footer.query(FooterKey)) == keys
        app.bind("x", "bell", description="key.quit")
        app.screen.refresh_bindings()
        await pilot.pause()
        assert rebuilds == [footer]
        assert [key.key for key in footer.query(FooterKey)][-1] == "x"


async def test_a_cue_from_the_link_hurries_the_frame_and_shows_under_the_message_prompt_too(monkeypatch):
    app = HostApp(None, Texts("zh"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PacedScreen)
        hurried = []
        monkeypatch.setattr(screen.pacer, "hurry", lambda: hurried.append(True))
        app.post_message(CueArrived(CueFrame(seq=1, text="上链接！", level=CueLevel.urgent,
                                             sent_wall="2026-11-28T20:15:40+08:00")))
        await pilot.pause()
        assert hurried == [True]
        await pilot.press("m")  # the host writes a message: the prompt's screen is Textual's own, not paced
        await pilot.pause()
        assert app.screen is not screen
        app.post_message(CueArrived(CueFrame(seq=2, text="看评论", level=CueLevel.info,
                                             sent_wall="2026-11-28T20:16:00+08:00")))
        await pilot.pause()
        assert hurried == [True]
        await pilot.press("escape")
        await pilot.pause()
        assert "看 评 论" in text_of(app, "#cue-text")
