"""The manager's live console: rundown, countdown, live numbers, alerts and cues.

Widgets only draw the app's `view` and turn keys into session commands; every change
to the show goes through `LiveSession` and so into the journal, and reaches the app
as a `ShowChanged` message (a burst merged into one repaint).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from rhythm_console.acks import Delivery, delivery
from rhythm_console.events import Event
from rhythm_console.i18n import Texts
from rhythm_console.phrases import request_words, requester
from rhythm_console.plan import CueAction
from rhythm_console.plan.wording_check import text_warnings
from rhythm_console.refusals import Refusal
from rhythm_console.roles import person_on_pane, roles_named
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowState, ShowStatus, start_delay
from rhythm_console.sources.merge import MergedRoom, source_kind, source_numbers
from rhythm_console.sources.runner import Source, SourceRunner, SourceStatus
from rhythm_console.ui.base import ConsoleApp
from rhythm_console.ui.format import clip
from rhythm_console.ui.layout import BUILTIN_KEYS
from rhythm_console.ui.updates import ShowChanged, SourceChanged
from rhythm_console.ui.view import SourceView, View
from rhythm_console.ui.widgets.checklist import (
    ChecklistPanel,
    ask_before_starting,
    at_the_console,
    checklist_shown,
    selected_is_open,
    tick_selected,
)
from rhythm_console.ui.widgets.dialogs import (
    ConfirmKey,
    ConfirmQuit,
    CueDialog,
    JoinPrompter,
    Playbook,
    ReorderDialog,
    TextPrompt,
)

if TYPE_CHECKING:  # the bus and the link are imported only when run with --bus or --listen
    from rhythm_console.bus.publisher import RoomPublisher
    from rhythm_console.link.server import LinkServer


TICK_NAME_LENGTH = 20  # a person's name, as the checklist and the report show it
TOAST_WORDS = 60  # cells of a request's words in its pop-up
DIALOG_TITLE_CELLS = 100  # a segment's title in a question: two lines of the box at 80 columns

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
    Binding("u", "undo", "key.undo"),
    Binding("R", "rebase", "key.rebase", show=False),  # a late start no longer counted as drift (the palette has it)
    Binding("q", "request_quit", "key.quit"),
]


def _footer_bindings() -> list[Binding]:
    """The commands as the footer shows them: e and E as one `e/E ±1分`, so at 80 columns the footer
    still ends with `q 退出` (the palette lists both, each with its own words)."""
    shown = []
    for binding in COMMAND_BINDINGS:
        if binding.key == "e":
            binding = replace(binding, description="key.extend_both", key_display="e/E")
        elif binding.key == "E":
            binding = replace(binding, show=False)
        shown.append(binding)
    return shown


class ManagerApp(ConsoleApp):
    SCREEN_CLASSES = "live-console"  # the key legend: here its keys send cues
    BINDINGS = [
        *_footer_bindings(),
        Binding("ctrl+q", "request_quit", "key.quit", show=False, priority=True),
        Binding("ctrl+z", "undo", "key.undo", show=False),
        *[Binding(digit, f"preset('{digit}')", show=False) for digit in "123456789"],
        *[Binding(key, f"builtin('{name}')", show=False) for key, name in BUILTIN_KEYS.items()],
        Binding("b", "blackout", "key.blackout", show=False),  # the browser prompters (issue 12)
        # the panes' requests (扁平化): the alerts panel says these keys while one waits
        Binding("y", "answer_request(True)", "key.request_accept", show=False),
        Binding("d", "answer_request(False)", "key.request_decline", show=False),
        Binding("l", "join_prompter", "key.join", show=False),  # its address as a QR code, for a tablet
        # the readiness checklist, on the pre-show screen only
        Binding("x", "tick", "key.tick"),
        Binding("up", "checklist_move(-1)", show=False),
        Binding("down", "checklist_move(1)", show=False),
    ]

    def __init__(self, session: LiveSession, texts: Texts, source: Source | Sequence[Source] | None = None,
                 *, link: LinkServer | None = None, tick_interval: float = 0.1,
                 bus: RoomPublisher | None = None) -> None:
        super().__init__(texts, link=link, tick_interval=tick_interval)
        self.session = session
        self.bus = bus
        self.sources: list[Source] = [] if source is None else list(source) if isinstance(source, Sequence) else [source]
        self.source = self.sources[0] if self.sources else None
        self._note_commerce()
        self.merged = MergedRoom(session.room, [getattr(source, "gives", None) for source in self.sources]) \
            if self.sources else None
        kinds = [source_kind(source.name) for source in self.sources]
        self._labels = list(zip(kinds, source_numbers(kinds), strict=True))
        self.runners: list[SourceRunner] = []
        self._journal_error_shown: str | None = None
        self._status_shown = session.state.status  # the footer's keys follow the show's status
        self._requests_told = len(session.state.requests)  # requests already announced (a resumed show's too)
        self.title = texts("app.title")
        session.listeners.subscribe(self._on_event)

    # ------------------------------------------------------------ lifecycle

    def screen_ready(self) -> None:
        if self.merged is not None:
            self.runners = [SourceRunner(source, sink, self._on_source_status)
                            for source, sink in zip(self.sources, self.merged.sinks, strict=True)]
            for runner in self.runners:
                runner.start()
        if self.bus is not None:
            self.bus.start()

    async def shut_down(self) -> None:
        for runner in self.runners:
            await runner.stop()
        if self.bus is not None:
            await self.bus.stop()
        await super().shut_down()
        self.session.close()

    # ------------------------------------------------------------ time and data

    def _on_event(self, event: Event, state: ShowState) -> None:
        """The session's listener: it runs inside a submit, so it only posts (merged in the queue)."""
        self.post_message(ShowChanged(state))

    def _on_source_status(self, status: SourceStatus, reason: str | None) -> None:
        self.post_message(SourceChanged())

    def on_show_changed(self, message: ShowChanged) -> None:
        state = self.session.state
        if state.status is not self._status_shown:
            self._status_shown = state.status
            self.refresh_bindings()  # the checklist's keys (x) leave the footer with the pre-show screen
        error = self.session.journal_error
        if error and error != self._journal_error_shown:
            self._journal_error_shown = error
            self.notify(f"{self.texts('journal.failed')}: {error}", severity="error", timeout=30)
        self._tell_new_requests(state)
        if self.view is None or self.view.state is not state:  # a key's command drew it already
            self.refresh_view()

    def _tell_new_requests(self, state: ShowState) -> None:
        """A pane's request pops up (and stays in the alerts panel until answered)."""
        for record in state.requests[self._requests_told:]:
            if record.open:
                # a long message (up to 500 characters) is read whole in the alerts panel, not in a toast over the screen
                what = clip(Text(request_words(self.texts, record.kind, record.text)), TOAST_WORDS).plain
                self.notify(self.texts("notify.request", who=requester(self.texts, record.by), what=what),
                            severity="warning", timeout=8)
        self._requests_told = len(state.requests)

    def on_source_changed(self, message: SourceChanged) -> None:
        self.refresh_view()

    def keep_time(self) -> None:
        """Runs ten times a second, so a new second shows within 0.1 s: the session's second, and
        a repaint of the clocks."""
        self._check_size()  # resize events reach the screen, not always the app
        if self.new_second(self.session.now()):
            self._note_commerce()
            self.session.second()
            self.refresh_view()

    def _note_commerce(self) -> None:
        """Figures no source can know are absent, not zero; a collector's feed says it carries orders only once
        it pushes them, so this is asked again each second."""
        if self.sources:
            self.session.room.provides_commerce = any(source.provides_commerce for source in self.sources)

    def source_views(self) -> tuple[SourceView, ...]:
        views = []
        now = self.session.now()
        for index, source in enumerate(self.sources):
            last = self.merged.last_item_at(index) if self.merged is not None else None
            kind, number = self._labels[index]
            views.append(SourceView(
                name=source.name,
                status=self.runners[index].status.value if index < len(self.runners) else "none",
                provides_commerce=source.provides_commerce,
                last_item_age=None if last is None else now - last,
                malformed=source.malformed, kind=kind, number=number,
            ))
        return tuple(views)

    def source_view(self) -> SourceView | None:
        views = self.source_views()
        return views[0] if views else None

    def build_view(self) -> View:
        sources = self.source_views()
        return View(state=self.session.state, now=self.session.now(), started_wall=self.session.started_wall,
                    texts=self.texts, history=self.session.history, source=sources[0] if sources else None,
                    journal_error=self.session.journal_error, audience=self.session.room.audience,
                    bus=self.bus.status() if self.bus is not None else None, sources=sources,
                    figure_sources=self.merged.figure_sources() if self.merged is not None else {},
                    plan_times_count=self.session.count_plan_start,
                    show_kind=self.show_kind)

    @property
    def show_kind(self) -> str:
        """What the show is (live, rehearsal, drill...), as its journal's header says."""
        return self.session.journal.kind if self.session.journal is not None else "live"

    # ------------------------------------------------------------ commands

    def _done(self, reason: Refusal | None, success: str | None = None) -> None:
        if reason is not None:
            self.notify(self.texts.reason(reason), title=self.texts("notify.refused"), severity="warning")
        elif success:
            self.notify(success, timeout=2)
        self.refresh_view()

    def _ask_early(self, then: Callable[[], None], *, skipping: bool = False) -> None:
        """Asks before a move the session says leaves more than half a segment's budget unused."""
        if isinstance(self.screen, ConfirmKey):
            return
        early = self.session.early_to_skip() if skipping else self.session.early_to_leave()
        if early is None:
            then()
            return
        run, left = early
        t = self.texts
        # The box wraps its question; a title of a paragraph is cut, so the question's end (how much is left) stays in sight.
        segment_title = clip(Text(run.segment.title), DIALOG_TITLE_CELLS).plain

        def confirmed(yes: bool | None) -> None:
            if yes:
                then()

        if skipping:
            title = t("dialog.skip.title", title=segment_title, left=left, budget=run.budget)
            body, keys = t("dialog.skip.body"), ("s", "y", "Y", "enter")
        else:
            title = t("dialog.early.title", title=segment_title, left=left, budget=run.budget)
            body, keys = t("dialog.early.body"), ("space", "y", "Y", "enter")
        self.push_screen(ConfirmKey(title, body, keys=keys), confirmed)

    def action_advance(self) -> None:
        """Moving on with more than half of the running segment's budget left asks first:
        a slip of Space must not end an opening twenty seconds in."""
        if self.session.early_to_leave() is None:
            # Before the start, blocking checklist items still open ask first (and journal the waiver).
            if ask_before_starting(self, self.session, self.texts, lambda: self._done(self.session.start_or_advance())):
                return
            self._done(self.session.start_or_advance())
            return
        self._ask_early(lambda: self._done(self.session.start_or_advance()))

    def action_rebase(self) -> None:
        """Re-base the plan on the actual start: journaled, undoable with u like the other commands."""
        state = self.session.state
        delay = start_delay(state)
        reason = self.session.rebase_plan()
        said = None
        if reason is None and delay is not None and state.started_at is not None:
            said = self.texts("notify.rebased", at=f"{self.build_view().wall(state.started_at):%H:%M}", delay=delay)
        self._done(reason, said)

    def action_undo(self) -> None:
        target = self.session.state.undo_target(self.session.now())
        reason = self.session.undo()
        self._done(reason, self.texts("notify.undone", what=self.texts(f"undo.{target.of}")) if target else None)

    # ------------------------------------------------------------ readiness checklist

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tick", "checklist_move"):
            return checklist_shown(self.session.state)
        return True

    def action_tick(self) -> None:
        """An open item asks who did it (the person at the console offered: Enter keeps it); a done one unticks."""
        panel = self.query_one(ChecklistPanel)
        state = self.session.state
        if not selected_is_open(state, panel):
            self._done(*tick_selected(self.session, panel, self.texts))
            return
        item = state.plan.checklist[panel.selected].text if panel.selected < len(state.plan.checklist) else ""
        t = self.texts

        def answered(name: str | None) -> None:
            if name is not None:
                self._done(*tick_selected(self.session, panel, t, by=name))

        self.push_screen(TextPrompt(t("dialog.tick.title", text=item), t("dialog.tick.placeholder"),
                                    t("dialog.tick.hint"), value=at_the_console(state), max_length=TICK_NAME_LENGTH),
                         answered)

    def action_checklist_move(self, step: int) -> None:
        self.query_one(ChecklistPanel).move(step, len(self.session.plan.checklist))
        self.refresh_view()

    def action_answer_request(self, accepted: bool) -> None:
        """y accepts the oldest open request (the session performs it: +1 minute, next), d declines it.
        Accepting `next` with more than half of the segment left asks first, as Space does."""
        waiting = self.session.state.open_requests()
        if not waiting:
            self._done(None, self.texts("notify.no_request"))
            return
        record = waiting[0]
        what = request_words(self.texts, record.kind, record.text)
        said = self.texts("notify.request_accepted" if accepted else "notify.request_declined",
                          request=record.request, who=requester(self.texts, record.by), what=what)

        def answer() -> None:
            self._done(self.session.answer_request(record.request, accepted), said)

        if accepted and self.session.early_to_accept(record.request) is not None:
            self._ask_early(answer)
            return
        answer()

    def action_hold(self) -> None:
        self._done(self.session.hold_or_resume())

    def action_extend(self, seconds: int) -> None:
        self._done(self.session.extend(seconds))

    def action_skip(self) -> None:
        """Skipping a segment with more than half of its budget left (one not started has all of it) asks first."""
        self._ask_early(lambda: self._done(self.session.skip()), skipping=True)

    def action_preset(self, key: str) -> None:
        """A preset that moves on (`action: advance`, e.g. 6 准备过款) asks first as Space does; one that skips, as s does."""
        preset = self.session.plan.preset(key)
        action = preset.action if preset is not None else None
        if action is CueAction.advance and self.session.early_to_leave() is not None:
            self._ask_early(lambda: self._done(self.session.send_preset(key)))
            return
        if action is CueAction.skip_next and self.session.early_to_skip() is not None:
            self._ask_early(lambda: self._done(self.session.send_preset(key)), skipping=True)
            return
        self._done(self.session.send_preset(key))

    def action_builtin(self, name: str) -> None:
        self._done(self.session.cue_by_name(name, origin=f"builtin:{name}"))

    def action_send_advice(self) -> None:
        """Sends the newest suggestion not sent yet (the session chooses, and routes advice for ops);
        says so when every one has been."""
        outcome = self.session.send_advice()
        if outcome.sent:
            self._done(outcome.reason)
        elif outcome.alert is not None and outcome.alert.suggest:
            words = self.session.plan.cue_for(outcome.alert.suggest, self.texts)
            self._done(None, self.texts("notify.advice_already_sent", cue=words[0] if words else outcome.alert.suggest))
        else:
            self._done(None, self.texts("notify.no_advice"))

    def action_cue(self) -> None:
        def sent(result) -> None:
            if result is not None:
                text, level, target = result
                self._done(self.session.send_cue(text, level, target=target))  # its wording is journaled there

        team = self.session.plan.team
        panes = [(name, self.texts("dialog.cue.pane", person=person, pane=name)
                  if (person := person_on_pane(team, name)) else name) for name in self.session.panes.names()]
        checker = self.session.wording
        self.push_screen(CueDialog(self.texts, panes, lambda text: text_warnings(checker, text, self.texts)), sent)

    def action_note(self) -> None:
        t = self.texts

        def saved(text: str | None) -> None:
            if text:
                self._done(self.session.note(text), t("notify.noted"))

        self.push_screen(TextPrompt(t("dialog.note.title"), t("dialog.note.placeholder"), t("dialog.cancel_hint")), saved)

    def action_playbook(self) -> None:
        t, team = self.texts, self.session.plan.team

        def whom(roles: list[str]) -> str:
            return t.listed(t(f"role.{role}") for role in roles) or t("dialog.playbook.everyone")

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            what, contingency_id = choice
            if what == "insert":
                self._done(self.session.insert_contingency(contingency_id), t("notify.inserted"))
            else:
                before = len(self.session.state.cues)
                reason, roles = self.session.send_contingency_steps(contingency_id)
                # A role with no pane connected did not get its steps: say so, not "sent".
                sent = self.session.state.cues[before:]
                unreached = [cue.target for cue in sent if delivery(cue) is Delivery.nobody]
                if reason is None and unreached:
                    who = whom([role for role in unreached if role is not None])
                    self.notify(t("notify.steps_unreached", who=who), severity="warning", timeout=6)
                reached = [cue.target for cue in sent if delivery(cue) is not Delivery.nobody]
                said = t("notify.steps_sent", who=whom([r for r in reached if r is not None])) if reached else None
                self._done(reason, said)

        self.push_screen(Playbook(t, list(self.session.plan.contingencies),
                                  roles=lambda contingency: whom(roles_named(contingency, team))), chosen)

    def action_reorder(self) -> None:
        def reordered(order: list[str] | None) -> None:
            if order and order != [run.id for run in self.session.state.pending()]:
                self._done(self.session.reorder(order), self.texts("notify.reordered"))

        self.push_screen(ReorderDialog(self.texts, self.session.state.pending()), reordered)

    def action_join_prompter(self) -> None:
        """Show the browser prompter's address as a QR code (a tablet scans it and joins as a pane)."""
        if self.link is None:
            self.notify(self.texts("prompter.not_listening"), timeout=4)
            return
        from rhythm_console.link.address import qr_lines

        url = self.link.prompter_url()
        self.push_screen(JoinPrompter(self.texts("prompter.url"), url, qr_lines(url)))

    def action_blackout(self) -> None:
        """Blank the browser prompters (a sponsor's clip, a break) or bring them back."""
        if self.link is None:
            return
        self.link.set_blackout(not self.link.blackout)
        self.notify(self.texts("prompter.blackout_on" if self.link.blackout else "prompter.blackout_off"), timeout=3)

    async def action_quit(self) -> None:
        """Every way out (the palette's Quit too) asks as q does: quitting ends the live show."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                if self.session.state.status is ShowStatus.live:
                    self.session.end_show()
                self.exit()

        self.push_screen(ConfirmQuit(self.texts, self.show_kind), confirmed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Each command once, in the UI's language: Textual's own (theme, keys, screenshot) in our
        words, its Quit left out (q is the one quit, and asks first)."""
        t = self.texts
        yield from self.textual_commands(screen)
        for binding in COMMAND_BINDINGS:
            description = t(binding.description)
            help_text = (t("palette.quit.help", kind=t(f"report.kind.{self.show_kind}")) if binding.action == "request_quit"
                         else t("palette.command"))
            yield SystemCommand(f"{description} ({binding.key})", help_text,
                                lambda action=binding.action: self.run_action(action))
        for key, accepted in (("y", True), ("d", False)):
            yield SystemCommand(f"{t('key.request_accept' if accepted else 'key.request_decline')} ({key})",
                                t("palette.command"), lambda accepted=accepted: self.action_answer_request(accepted))
        for key, name in BUILTIN_KEYS.items():
            cue = self.session.plan.cue_for(name, t.lang)
            if cue is None:  # every built-in cue has words: a name the plan does not know is left out
                continue
            text = cue[0]
            yield SystemCommand(f"{text} ({key.upper()})", t("palette.builtin"), lambda name=name: self.action_builtin(name))
        for preset in self.session.plan.cue_presets:
            yield SystemCommand(f"{preset.text} ({preset.key})", t("palette.preset"),
                                lambda key=preset.key: self.action_preset(key))
