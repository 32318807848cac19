"""The manager's modal dialogs: cue text, note, quit confirmation, playbook, reorder."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.plan import Contingency, CueLevel
from rhythm_console.show import SegmentRun


class CueDialog(ModalScreen[tuple[str, CueLevel, str | None] | None]):
    """Free-text cue with a level and, when panes are connected, whom it is for.
    Returns (text, level, target pane or None for all) or None.

    Level and target are lists drawn inside the box (a drop-down would spill out of it);
    Enter sends from any field, Tab moves between them."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, texts: Texts, panes: list[tuple[str, str]] | None = None,
                 wording: Callable[[str], list[str]] | None = None) -> None:
        """`panes`: (name, how the manager reads it, e.g. "小鹿（host）"); `wording`: the warnings a text raises."""
        super().__init__(classes="dialog")
        self.texts = texts
        self.panes = panes or []
        self.wording = wording  # the wording check (合规): warnings about a text, each with what to say instead
        self._warned_for: str | None = None

    def compose(self) -> ComposeResult:
        t = self.texts
        # The box scrolls: on a 24-line screen, with a wording warning and several panes, it is taller
        # than the screen, and the field in use is scrolled into sight.
        with VerticalScroll(classes="dialog-box", can_focus=False):
            yield Label(t("dialog.cue.title"), classes="dialog-title")
            # How to send, first: at 80x24 the box's end may be cut off.
            yield Static(t("dialog.cue.hint"), classes="dialog-hint", id="cue-hint")
            yield Input(placeholder=t("dialog.cue.placeholder"), id="cue-text")
            yield Static(id="cue-wording")  # under the text it is about, where a 24-line screen still shows it
            yield Label(t("dialog.cue.level"), classes="dialog-field")
            yield OptionList(*[Option(t(f"level.{level.value}"), id=level.value) for level in CueLevel],
                             id="cue-level")
            if self.panes:
                yield Label(t("dialog.cue.target"), classes="dialog-field")
                yield OptionList(Option(t("dialog.cue.everyone"), id=""),
                                 *[Option(label, id=name) for name, label in self.panes], id="cue-target")

    def on_mount(self) -> None:
        self.query_one("#cue-level", OptionList).highlighted = 0
        if self.panes:
            self.query_one("#cue-target", OptionList).highlighted = 0
        self.query_one("#cue-text", Input).focus()

    def _chosen(self, selector: str) -> str:
        option_list = self.query_one(selector, OptionList)
        index = option_list.highlighted or 0
        return option_list.get_option_at_index(index).id or ""

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def submit(self) -> None:
        text = self.query_one("#cue-text", Input).value.strip()
        warnings = self.wording(text) if self.wording and text else []
        if warnings and self._warned_for != text:  # warn first; Enter again on the same text sends it anyway
            self._warned_for = text
            self.query_one("#cue-wording", Static).update(self.texts("dialog.cue.wording", warnings="；".join(warnings)))
            return
        if not text:  # Enter on a list before any text: go and write it
            self.query_one("#cue-text", Input).focus()
            return
        target = self._chosen("#cue-target") if self.panes else ""
        self.dismiss((text, CueLevel(self._chosen("#cue-level")), target or None))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """One line of text; `value` is what it offers (Enter takes it as it is), `max_length` 0 for no limit."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, placeholder: str, hint: str, value: str = "", max_length: int = 0) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.placeholder, self.hint = title, placeholder, hint
        self.value, self.max_length = value, max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(value=self.value, placeholder=self.placeholder, max_length=self.max_length)
            yield Static(self.hint, classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmKey(ModalScreen[bool]):
    """A one-key question: one of `keys` confirms; any other key cancels."""

    def __init__(self, title: str, body: str, keys: tuple[str, ...] = ("y", "Y", "enter")) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.body, self.keys = title, body, keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key in self.keys)


class JoinPrompter(ModalScreen[None]):
    """The browser prompter's address as a QR code, for a tablet beside the camera to scan; any key closes it."""

    def __init__(self, title: str, url: str, qr: str) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.url, self.qr = title, url, qr

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="join-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Text(self.qr, no_wrap=True), id="join-qr")
            yield Static(Text(self.url, no_wrap=True, overflow="fold"), classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)


class ConfirmQuit(ConfirmKey):
    """y or Enter confirms; any other key cancels. It names what quitting ends: the show, a rehearsal, a drill."""

    def __init__(self, texts: Texts, kind: str = "live") -> None:
        super().__init__(texts("dialog.quit.title", kind=texts(f"report.kind.{kind}")), texts("dialog.quit.body"))
        self.texts = texts


class Playbook(ModalScreen[tuple[str, str] | None]):
    """Browse contingencies; returns ("insert", id) to insert its segment (i) or ("send", id) to send
    its steps to the roles they name (s)."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("i", "choose('insert')", show=False),
                Binding("s", "choose('send')", show=False)]

    def __init__(self, texts: Texts, contingencies: list[Contingency],
                 roles: Callable[[Contingency], str] | None = None) -> None:
        """`roles(contingency)`: whom s sends its steps to, as the hint says it."""
        super().__init__(classes="dialog")
        self.texts = texts
        self.contingencies = contingencies
        self.roles = roles

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(classes="dialog-box wide"):
            yield Label(t("dialog.playbook.title"), classes="dialog-title")
            if not self.contingencies:
                yield Static(t("dialog.playbook.none"))
            else:
                yield OptionList(*[Option(c.title, id=c.id) for c in self.contingencies], id="playbook-list")
                yield Static(id="playbook-detail")
            yield Static(t("dialog.playbook.hint"), classes="dialog-hint", id="playbook-hint")

    def on_mount(self) -> None:
        if self.contingencies:
            self._show(self.contingencies[0])

    @on(OptionList.OptionHighlighted)
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self._by_id(event.option.id))

    def _by_id(self, contingency_id: str | None) -> Contingency:
        return next(c for c in self.contingencies if c.id == contingency_id)

    def _show(self, contingency: Contingency) -> None:
        t = self.texts
        text = Text()
        text.append(t.label("dialog.playbook.trigger"), style="bold")
        text.append(contingency.trigger + "\n")
        text.append(t.label("dialog.playbook.steps").rstrip() + "\n", style="bold")
        for number, step in enumerate(contingency.steps, start=1):
            text.append(f" {number}. {step}\n")
        if contingency.insert is not None:
            text.append(t("dialog.playbook.insert"), style="bold magenta")
            text.append(f"{contingency.insert.title} ({format_clock(contingency.insert.duration)})")
        self.query_one("#playbook-detail", Static).update(text)
        if self.roles is not None:
            self.query_one("#playbook-hint", Static).update(t("dialog.playbook.hint_send", roles=self.roles(contingency)))

    def action_choose(self, what: str) -> None:
        if not self.contingencies:
            return
        option_list = self.query_one("#playbook-list", OptionList)
        index = option_list.highlighted or 0
        self.dismiss((what, self.contingencies[index].id))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReorderDialog(ModalScreen[list[str] | None]):
    """Move upcoming segments up and down; Enter returns the new order."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("u", "move(-1)", show=False),
        Binding("d", "move(1)", show=False),
        Binding("enter", "apply", show=False, priority=True),
    ]

    def __init__(self, texts: Texts, pending: list[SegmentRun]) -> None:
        super().__init__(classes="dialog")
        self.texts = texts
        self.order = list(pending)

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(classes="dialog-box"):
            yield Label(t("dialog.reorder.title"), classes="dialog-title")
            if self.order:
                yield OptionList(*self._options(), id="reorder-list")
            else:
                yield Static(t("dialog.reorder.empty"))
            yield Static(t("dialog.reorder.hint"), classes="dialog-hint")

    def _options(self) -> list[Option]:
        return [Option(f"{run.segment.title}  {format_clock(run.budget)}", id=run.id) for run in self.order]

    def action_move(self, step: int) -> None:
        if not self.order:
            return
        option_list = self.query_one("#reorder-list", OptionList)
        index = option_list.highlighted or 0
        target = index + step
        if not 0 <= target < len(self.order):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        option_list.clear_options()
        option_list.add_options(self._options())
        option_list.highlighted = target

    def action_apply(self) -> None:
        self.dismiss([run.id for run in self.order] if self.order else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
