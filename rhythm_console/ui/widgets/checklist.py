"""The pre-show screen's readiness checklist (in place of the current segment until the show starts), the tick
key, and the question asked before starting with blocking items open. Ticks and waivers go to the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from rhythm_console.durations import format_short
from rhythm_console.events import ChecklistTicked, ChecklistWaived
from rhythm_console.i18n import Texts
from rhythm_console.readiness import blocking_open, due_by, open_items, tick_of
from rhythm_console.refusals import Refusal
from rhythm_console.show import ShowState, ShowStatus, until_start
from rhythm_console.ui.view import ShowsView, View
from rhythm_console.units import wall_at

if TYPE_CHECKING:
    from rhythm_console.session import LiveSession


def checklist_shown(state: ShowState) -> bool:
    """The pre-show screen: a plan with a checklist, before the show starts."""
    return state.status is ShowStatus.ready and bool(state.plan.checklist)


class ChecklistPanel(ShowsView, Vertical):
    can_focus = False

    def __init__(self, **kwargs: Any) -> None:  # Vertical's
        super().__init__(**kwargs)
        self.selected = 0

    def compose(self) -> ComposeResult:
        yield Static(id="checklist-progress")
        yield Static(id="checklist-items")
        yield Static(id="checklist-hint")

    def move(self, step: int, size: int) -> None:
        if size:
            self.selected = (self.selected + step) % size

    def update_view(self, view: View) -> None:
        if not self.display:  # the show has started (or the plan has no checklist): nothing to draw
            return
        state, t = view.state, view.texts
        plan = state.plan
        items = plan.checklist
        self.selected = min(self.selected, max(0, len(items) - 1))
        done = len(items) - len(open_items(state))
        progress = Text(t("checklist.progress", done=done, total=len(items)), style="bold")
        if blocking := blocking_open(state):
            progress.append(f"  ⚠ {len(blocking)} {t('checklist.blocking')}", style="bold red")
        self.query_one("#checklist-progress", Static).update(progress)
        now_wall = wall_at(view.started_wall, view.now, plan.zone)
        # A deadline is this show's only when the written start is: not in a rehearsal, not a plan for another day.
        deadlines_count = view.plan_times_count and until_start(state, now_wall) is not None
        lines = Text(no_wrap=True, overflow="ellipsis")
        for index, item in enumerate(items):
            tick = tick_of(state, index)
            # What it is about (who, by when, done) first: a long item's text is what gets cut.
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("› " if index == self.selected else "  ", style="bold")
            line.append("☑ " if tick else "☐ ", style="green" if tick else "")
            if item.blocking and not tick:
                line.append(f"{t('checklist.blocking')} ", style="bold red")
            line.append(f"{t('role.' + item.owner)} ", style="magenta")
            if tick is not None:
                when = f"{wall_at(view.started_wall, tick.at, plan.zone):%H:%M}"
                line.append(f"✓ {t('checklist.done_by', by=tick.by, at=when)} ", style="green")
            elif item.due is not None:
                deadline = due_by(plan, item)
                late = deadlines_count and deadline is not None and now_wall > deadline
                line.append(t("checklist.overdue") if late else t("checklist.due", due=format_short(item.due)),
                            style="bold yellow" if late else "dim")
                line.append(" ")
            line.append(item.text, style="dim" if tick else ("bold" if item.blocking else ""))
            if index == self.selected:
                line.stylize("reverse")
            lines.append_text(line)
            if index < len(items) - 1:
                lines.append("\n")
        self.query_one("#checklist-items", Static).update(lines)
        self.query_one("#checklist-hint", Static).update(Text(t("checklist.hint"), style="dim"))


def place_checklist(app: App, state: ShowState) -> None:
    """Before the start the checklist takes the current segment's place; after it, the segment is back."""
    shown = checklist_shown(state)
    app.query_one("#current").display = not shown
    app.query_one(ChecklistPanel).display = shown


class StartAnyway(ModalScreen[bool]):
    """Names the blocking items still open; y or Enter starts anyway, any other key goes back."""

    def __init__(self, texts: Texts, open_texts: list[str]) -> None:
        super().__init__(classes="dialog")
        self.texts = texts
        self.open_texts = open_texts

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(classes="dialog-box"):
            yield Label(t("dialog.start_open.title", count=len(self.open_texts)), classes="dialog-title")
            yield Static("\n".join(f"☐ {text}" for text in self.open_texts))
            yield Static(f"{t('dialog.start_open.question')}  y {t('dialog.start_open.yes')} · "
                         f"Esc {t('dialog.start_open.no')}", classes="dialog-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(event.key in ("y", "Y", "enter"))


def at_the_console(state: ShowState) -> str:
    """Who ticks by default: the person at the console, the plan's manager."""
    return state.plan.team.manager or "manager"


def selected_is_open(state: ShowState, panel: ChecklistPanel) -> bool:
    return tick_of(state, panel.selected) is None


def tick_selected(session: LiveSession, panel: ChecklistPanel, texts: Texts,
                  by: str | None = None) -> tuple[Refusal | None, str]:
    """Tick the selected item in `by`'s name (the person at the console's by default), or untick it when done:
    the refusal (or None) and what to say."""
    state = session.state
    by = (by or "").strip() or at_the_console(state)
    item = panel.selected
    done = tick_of(state, item) is None
    reason = session.submit(ChecklistTicked(at=session.now(), item=item, done=done, by=by))
    text = state.plan.checklist[item].text if item < len(state.plan.checklist) else ""
    return reason, texts("notify.ticked" if done else "notify.unticked", text=text)


def ask_before_starting(app: App, session: LiveSession, texts: Texts, start) -> bool:
    """With blocking items open, ask first (and journal the waiver before starting); False: nothing to ask."""
    state = session.state
    if state.status is not ShowStatus.ready:
        return False
    blocking = blocking_open(state)
    if not blocking:
        return False

    def answered(yes: bool | None) -> None:
        if yes:
            session.submit(ChecklistWaived(at=session.now(), items=blocking))
            start()

    app.push_screen(StartAnyway(texts, [state.plan.checklist[index].text for index in blocking]), answered)
    return True
