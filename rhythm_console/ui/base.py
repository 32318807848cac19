"""What the apps share: key descriptions in the UI language, and the console's lifecycle
(link, panels bound to one `view` reactive, size check, the timer keeping time) that the live
console and the replay both run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import ActiveBinding
from textual.command import CommandList, CommandPalette
from textual.reactive import var
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.timer import Timer
from textual.widgets import Footer
from textual.widgets.option_list import Option

from rhythm_console.i18n import Texts
from rhythm_console.ui.gc_tuning import calm_garbage_collector
from rhythm_console.ui.layout import check_size, compose_console, title_panels
from rhythm_console.ui.updates import NewSecond
from rhythm_console.ui.view import View
from rhythm_console.ui.widgets.checklist import place_checklist

if TYPE_CHECKING:  # the link (aiohttp) is imported only when a command serves one
    from rhythm_console.link.server import LinkServer


class LocalizedScreen(Screen):
    """Bindings are declared with catalog keys ("key.quit") as descriptions; the footer and the
    keys panel read them through `active_bindings`, so that is where they become words."""

    def __init__(self, texts: Texts, **kwargs: Any) -> None:  # Screen's
        super().__init__(**kwargs)
        self.texts = texts
        self._resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # The first resume comes as the screen first shows: each widget was styled as it was mounted,
        # moments before, so styling them all again would only delay the first frame.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {key: self._localized(active) for key, active in super().active_bindings.items()}

    def _localized(self, active: ActiveBinding) -> ActiveBinding:
        binding = active.binding
        if not binding.description.startswith("key."):
            return active
        return ActiveBinding(active.node, replace(binding, description=self.texts(binding.description)),
                             active.enabled, active.tooltip)


class LocalizedPalette(CommandPalette):
    """Textual's command palette, saying that nothing matches in the UI's language (Textual's says it in English)."""

    def __init__(self, no_matches: str, **options: Any) -> None:
        super().__init__(**options)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, the words aside (textual/command.py): shown after a short wait, only for a search.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class LocalizedApp(App[None]):
    # The default screen's CSS classes, given when it is made: a class added once it is up restyles
    # every widget on it, a cost the first frame would pay.
    SCREEN_CLASSES = ""
    SCREEN_TYPE: ClassVar[type[LocalizedScreen]] = LocalizedScreen

    def __init__(self, texts: Texts) -> None:
        super().__init__()
        self.texts = texts

    def get_default_screen(self) -> Screen:
        return self.SCREEN_TYPE(self.texts, id="_default", classes=self.SCREEN_CLASSES)

    # The command palette (ctrl+p) in the UI's language: its search field, Textual's own commands.

    def action_command_palette(self) -> None:
        # is_open takes any app (it reads the screen) but is annotated App[object], which App[None] is not.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(LocalizedPalette(self.texts("palette.no_matches"), id="--command-palette",
                                              placeholder=self.texts("palette.search")))

    def search_themes(self) -> None:
        self.push_screen(LocalizedPalette(self.texts("palette.no_matches"), providers=[ThemeProvider],
                                          placeholder=self.texts("palette.search_themes")))

    def textual_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's theme, keys and screenshot commands in our words."""
        t = self.texts
        yield SystemCommand(t("palette.theme"), t("palette.theme.help"), self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(t("palette.keys"), t("palette.keys.help"), self.action_hide_help_panel)
        else:
            yield SystemCommand(t("palette.keys"), t("palette.keys.help"), self.action_show_help_panel)
        yield SystemCommand(t("palette.screenshot"), t("palette.screenshot.help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from self.textual_commands(screen)
        yield SystemCommand(self.texts("palette.quit"), self.texts("palette.exit.help"), self.action_quit)


class ConsoleApp(LocalizedApp):
    """The manager's screens: `ManagerApp` live, `ReplayApp` from a journal. A subclass says what
    the show is now (`build_view`), keeps time (`keep_time`, on a timer), and may add widgets
    (`compose_extra`), start what feeds the show (`screen_ready`) and stop it (`shut_down`).
    Setting `view` redraws every panel bound to it (ui/layout.py)."""

    CSS_PATH = ["styles/manager.tcss", "styles/dialogs.tcss"]

    view: var[View | None] = var(None, always_update=True, init=False)

    def __init__(self, texts: Texts, *, link: LinkServer | None = None, tick_interval: float = 0.1) -> None:
        super().__init__(texts)
        self.link = link
        self.tick_interval = tick_interval
        self.new_second = NewSecond()
        self._checked_size: tuple[int, ...] | None = None
        self._time_keeper: Timer | None = None
        self._leaving = False

    def compose(self) -> ComposeResult:
        yield from compose_console(ConsoleApp.view)
        yield from self.compose_extra()
        yield Footer(show_command_palette=False, compact=True)

    def compose_extra(self) -> ComposeResult:
        yield from ()

    async def on_mount(self) -> None:
        # Once the first frame is out: the full collection it starts with would delay that frame.
        self.call_after_refresh(calm_garbage_collector)
        if self.link is not None:
            from rhythm_console.link.config import LinkConfigError

            try:
                await self.link.start()
            except LinkConfigError as exc:
                self.exit(return_code=2, message=str(exc))
                return
            # Where a tablet opens the browser prompter (`rhythm-console link-url` draws it as a QR code).
            self.notify(f"{self.texts('prompter.url')}: {self.link.prompter_url()}", timeout=30)
        title_panels(self, self.texts)
        self._check_size()
        self.screen_ready()
        self.refresh_view()
        self._time_keeper = self.set_interval(self.tick_interval, self.keep_time)

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        self._stop_drawing()
        super().exit(result, return_code, message)

    def _stop_drawing(self) -> None:
        """On the way out nothing repaints: the widgets go while the link is still stopping, and a
        repaint then would raise NoMatches, a traceback on the way out."""
        self._leaving = True
        if self._time_keeper is not None:
            self._time_keeper.stop()

    def screen_ready(self) -> None:
        """Once the panels are up, before the first paint: start what feeds the show."""

    async def on_unmount(self) -> None:
        self._stop_drawing()  # however the app ends (a test's run_test ends it without exit())
        await self.shut_down()

    async def shut_down(self) -> None:
        if self.link is not None:
            await self.link.stop()

    def on_resize(self) -> None:
        self._check_size()

    def _check_size(self) -> None:
        if tuple(self.size) != self._checked_size:
            self._checked_size = tuple(self.size)
            check_size(self, self.texts)

    def keep_time(self) -> None:
        """Runs on the timer: moves time on and repaints on a new second (`self.new_second`)."""
        raise NotImplementedError

    def build_view(self) -> View:
        raise NotImplementedError

    def refresh_view(self) -> None:
        """Draw the show as it is now: every panel bound to `view` redraws."""
        if self.is_running and not self._leaving:
            self.view = self.build_view()

    def watch_view(self, view: View | None) -> None:
        # Before the panels draw (their watchers run after this one): which of the two is shown.
        if view is not None:
            place_checklist(self, view.state)
