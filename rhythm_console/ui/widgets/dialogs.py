"""The manager's modal dialogs: cue text, note, quit confirmation, playbook, reorder."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.plan import Contingency, CueLevel
from rhythm_console.show import SegmentRun


class CueDialog(ModalScreen[tuple[str, CueLevel, str | None] | None]):
    """Free-text cue with a level and, when panes are connected, whom it is for.
    Returns (text, level, target pane or None for all) or None."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, texts: Texts, panes: list[str] | None = None,
                 wording: Callable[[str], list[str]] | None = None) -> None:
        super().__init__(classes="dialog")
        self.texts = texts
        self.panes = panes or []
        self.wording = wording  # the wording check (合规): warnings about a text, each with what to say instead
        self._warned_for: str | None = None

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(classes="dialog-box"):
            yield Label(t("dialog.cue.title"), classes="dialog-title")
            yield Input(placeholder=t("dialog.cue.placeholder"), id="cue-text")
            yield Select([(t(f"level.{level.value}"), level) for level in CueLevel], value=CueLevel.info,
                         allow_blank=False, id="cue-level", prompt=t("dialog.cue.level"))
            if self.panes:
                yield Select([(t("dialog.cue.everyone"), "")] + [(name, name) for name in self.panes], value="",
                             allow_blank=False, id="cue-target", prompt=t("dialog.cue.target"))
            yield Static(id="cue-wording")
            yield Static(t("dialog.cancel_hint"), classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self) -> None:
        text = self.query_one("#cue-text", Input).value.strip()
        warnings = self.wording(text) if self.wording and text else []
        if warnings and self._warned_for != text:  # warn first; Enter again on the same text sends it anyway
            self._warned_for = text
            self.query_one("#cue-wording", Static).update(self.texts("dialog.cue.wording", warnings="；".join(warnings)))
            return
        if text:
            target = self.query_one("#cue-target", Select).value if self.panes else ""
            self.dismiss((text, self.query_one("#cue-level", Select).value, target or None))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, placeholder: str, hint: str) -> None:
        super().__init__(classes="dialog")
        self.title_text, self.placeholder, self.hint = title, placeholder, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=self.placeholder)
            yield Static(self.hint, classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmQuit(ModalScreen[bool]):
    """y or Enter confirms; any other key cancels."""

    def __init__(self, texts: Texts) -> None:
        super().__init__(classes="dialog")
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.texts("dialog.quit.title"), classes="dialog-title")
            yield Static(self.texts("dialog.quit.body"), classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key in ("y", "Y", "enter"))


class Playbook(ModalScreen[str | None]):
    """Browse contingencies; i returns the chosen one's id to insert its segment."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("i", "insert", show=False)]

    def __init__(self, texts: Texts, contingencies: list[Contingency]) -> None:
        super().__init__(classes="dialog")
        self.texts = texts
        self.contingencies = contingencies

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(classes="dialog-box wide"):
            yield Label(t("dialog.playbook.title"), classes="dialog-title")
            if not self.contingencies:
                yield Static(t("dialog.playbook.none"))
            else:
                yield OptionList(*[Option(c.title, id=c.id) for c in self.contingencies], id="playbook-list")
                yield Static(id="playbook-detail")
            yield Static(t("dialog.playbook.hint"), classes="dialog-hint")

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
        text.append(f"{t('dialog.playbook.trigger')}: ", style="bold")
        text.append(contingency.trigger + "\n")
        text.append(f"{t('dialog.playbook.steps')}:\n", style="bold")
        for number, step in enumerate(contingency.steps, start=1):
            text.append(f" {number}. {step}\n")
        if contingency.insert is not None:
            text.append(t("dialog.playbook.insert"), style="bold magenta")
            text.append(f"{contingency.insert.title} ({format_clock(contingency.insert.duration)})")
        self.query_one("#playbook-detail", Static).update(text)

    def action_insert(self) -> None:
        if not self.contingencies:
            return
        option_list = self.query_one("#playbook-list", OptionList)
        index = option_list.highlighted or 0
        self.dismiss(self.contingencies[index].id)

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
