"""The manager's live console: rundown, countdown, live numbers, alerts and cues.

Widgets only draw a `View` and turn keys into session commands; every change
to the show goes through `LiveSession.submit` and so into the journal.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from rhythm_console.events import Event
from rhythm_console.i18n import Texts
from rhythm_console.link.server import LinkServer
from rhythm_console.refusals import Refusal
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowState, ShowStatus
from rhythm_console.sources.runner import Source, SourceRunner, SourceStatus
from rhythm_console.ui.base import ConsoleApp
from rhythm_console.ui.layout import update_console
from rhythm_console.ui.view import SourceView, View
from rhythm_console.ui.widgets.checklist import ChecklistPanel, ask_before_starting, checklist_shown, tick_selected
from rhythm_console.ui.widgets.dialogs import ConfirmQuit, CueDialog, Playbook, ReorderDialog, TextPrompt

# Built-in cues on function keys, so the commonest calls need no typing.
BUILTIN_KEYS = {"f1": "speed_up", "f2": "slow_down", "f3": "add_interaction", "f4": "push_link",
                "f5": "next_product", "f6": "wrap_up"}


COMMAND_BINDINGS = [
    Binding("space", "advance", "key.advance"),
    Binding("p", "hold", "key.hold"),
    Binding("e", "extend(60)", "key.extend"),
    Binding("E", "extend(-60)", "key.shorten"),
    Binding("s", "skip", "key.skip"),
    Binding("r", "reorder", "key.reorder"),
    Binding("c", "cue", "key.cue"),
    Binding("g", "playbook", "key.playbook"),
    Binding("n", "note", "key.note"),
    Binding("a", "send_advice", "key.advice", show=False),
    Binding("q", "request_quit", "key.quit"),
]


class ManagerApp(ConsoleApp):
    BINDINGS = [
        *COMMAND_BINDINGS,
        Binding("ctrl+q", "request_quit", "key.quit", show=False, priority=True),
        *[Binding(digit, f"preset('{digit}')", show=False) for digit in "123456789"],
        *[Binding(key, f"builtin('{name}')", show=False) for key, name in BUILTIN_KEYS.items()],
        # the readiness checklist, on the pre-show screen only
        Binding("x", "tick", "key.tick"),
        Binding("up", "checklist_move(-1)", show=False),
        Binding("down", "checklist_move(1)", show=False),
    ]

    def __init__(self, session: LiveSession, texts: Texts, source: Source | None = None,
                 *, link: LinkServer | None = None, tick_interval: float = 0.1) -> None:
        super().__init__(texts, link=link, tick_interval=tick_interval)
        self.session = session
        self.source = source
        if source is not None:  # figures a source cannot know are absent, not zero
            session.room.provides_commerce = source.provides_commerce
        self.runner: SourceRunner | None = None
        self._last_second: int | None = None
        self._dirty = True
        self._journal_error_shown: str | None = None
        self.title = texts("app.title")
        session.listeners.append(self._on_event)

    # ------------------------------------------------------------ lifecycle

    def screen_ready(self) -> None:
        if self.source is not None:
            self.runner = SourceRunner(self.source, self.session.room, self._on_source_status)
            self.runner.start()

    async def shut_down(self) -> None:
        if self.runner is not None:
            await self.runner.stop()
        await super().shut_down()
        self.session.close()

    # ------------------------------------------------------------ time and data

    def _on_event(self, event: Event, state: ShowState) -> None:
        self._dirty = True
        error = self.session.journal_error
        if error and error != self._journal_error_shown:
            self._journal_error_shown = error
            self.notify(f"{self.texts('journal.failed')}: {error}", severity="error", timeout=30)

    def _on_source_status(self, status: SourceStatus, reason: str | None) -> None:
        self._dirty = True

    def tick(self) -> None:
        """Runs ten times a second, so a new second shows within 0.1 s; repaints only on a new
        second or after a change."""
        self._check_size()  # resize events reach the screen, not always the app
        now = self.session.now()
        second = int(now)
        if second != self._last_second:
            self._last_second = second
            self.session.second()
            self._dirty = True
        if self._dirty:
            self.refresh_view()

    def source_view(self) -> SourceView | None:
        if self.source is None:
            return None
        last = self.session.room.last_item_at
        return SourceView(
            name=self.source.name,
            status=self.runner.status.value if self.runner else "none",
            provides_commerce=self.source.provides_commerce,
            last_item_age=None if last is None else self.session.now() - last,
            malformed=self.source.malformed,
        )

    def view(self) -> View:
        return View(state=self.session.state, now=self.session.now(), started_wall=self.session.started_wall,
                    texts=self.texts, history=self.session.history, source=self.source_view(),
                    journal_error=self.session.journal_error)

    def refresh_view(self) -> None:
        self._dirty = False
        view = self.view()
        if not self.is_mounted:
            return
        update_console(self, view)

    # ------------------------------------------------------------ commands

    def _done(self, reason: Refusal | None, success: str | None = None) -> None:
        if reason is not None:
            self.notify(self.texts.reason(reason), title=self.texts("notify.refused"), severity="warning")
        elif success:
            self.notify(success, timeout=2)
        self.refresh_view()

    def action_advance(self) -> None:
        if ask_before_starting(self, self.session, self.texts, lambda: self._done(self.session.start_or_advance())):
            return
        self._done(self.session.start_or_advance())

    # ------------------------------------------------------------ readiness checklist

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tick", "checklist_move"):
            return checklist_shown(self.session.state)
        return True

    def action_tick(self) -> None:
        reason, said = tick_selected(self.session, self.query_one(ChecklistPanel), self.texts)
        self._done(reason, said)

    def action_checklist_move(self, step: int) -> None:
        self.query_one(ChecklistPanel).move(step, len(self.session.plan.checklist))
        self.refresh_view()

    def action_hold(self) -> None:
        self._done(self.session.hold_or_resume())

    def action_extend(self, seconds: int) -> None:
        self._done(self.session.extend(seconds))

    def action_skip(self) -> None:
        self._done(self.session.skip())

    def action_preset(self, key: str) -> None:
        self._done(self.session.send_preset(key))

    def action_builtin(self, name: str) -> None:
        self._done(self.session.cue_by_name(name, origin=f"builtin:{name}"))

    def action_send_advice(self) -> None:
        suggestion = next((a for a in reversed(self.session.state.alerts) if a.suggest), None)
        if suggestion is None:
            self._done(None, self.texts("notify.no_advice"))
            return
        self._done(self.session.cue_by_name(suggestion.suggest, origin=f"advice:{suggestion.alert}"))

    def action_cue(self) -> None:
        def sent(result) -> None:
            if result is not None:
                text, level, target = result
                self._done(self.session.send_cue(text, level, target=target))

        panes = sorted({pane.name for pane in self.link.panes}) if self.link is not None else []
        self.push_screen(CueDialog(self.texts, panes), sent)

    def action_note(self) -> None:
        t = self.texts

        def saved(text: str | None) -> None:
            if text:
                self._done(self.session.note(text), t("notify.noted"))

        self.push_screen(TextPrompt(t("dialog.note.title"), t("dialog.note.placeholder"), t("dialog.cancel_hint")), saved)

    def action_playbook(self) -> None:
        def chosen(contingency_id: str | None) -> None:
            if contingency_id:
                self._done(self.session.insert_contingency(contingency_id), self.texts("notify.inserted"))

        self.push_screen(Playbook(self.texts, list(self.session.plan.contingencies)), chosen)

    def action_reorder(self) -> None:
        def reordered(order: list[str] | None) -> None:
            if order and order != [run.id for run in self.session.state.pending()]:
                self._done(self.session.reorder(order), self.texts("notify.reordered"))

        self.push_screen(ReorderDialog(self.texts, self.session.state.pending()), reordered)

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                if self.session.state.status is ShowStatus.live:
                    self.session.end_show()
                self.exit()

        self.push_screen(ConfirmQuit(self.texts), confirmed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in COMMAND_BINDINGS:
            description = self.texts(binding.description)
            yield SystemCommand(f"{description} ({binding.key})", description,
                                lambda action=binding.action: self.run_action(action))
        for key, name in BUILTIN_KEYS.items():
            text, _ = self.session.plan.cue_for(name, self.texts.lang)
            yield SystemCommand(f"{text} ({key.upper()})", text, lambda name=name: self.action_builtin(name))
        for preset in self.session.plan.cue_presets:
            yield SystemCommand(f"{preset.text} ({preset.key})", preset.text,
                                lambda key=preset.key: self.action_preset(key))
