"""The running segment: a big countdown coloured by phase, its talking points and product, and what comes next."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from rhythm_console.durations import format_clock
from rhythm_console.show import DisplayPhase, display_phase, segment_elapsed, segment_remaining
from rhythm_console.stock import remaining_stock
from rhythm_console.ui.format import PHASE_CLASSES, PHASE_STYLE, Clipped, bulleted, phase_class
from rhythm_console.ui.redraw import Sized, show
from rhythm_console.ui.view import ShowsView, View
from rhythm_console.units import price

IDLE_MESSAGE = {DisplayPhase.pending: "current.none", DisplayPhase.ended: "current.ended",
                DisplayPhase.all_done: "current.all_done", DisplayPhase.between: "current.between"}


class CurrentSegment(ShowsView, Vertical):
    _points_drawn: tuple[tuple[str, ...], str | None, str] | None = None
    def compose(self) -> ComposeResult:
        yield Static(id="current-title")
        yield Digits("--:--", id="countdown")
        yield Static(id="current-phase")
        yield Static(id="current-product")
        yield Static(id="current-points")
        yield Static(id="current-next")

    def _set_phase_class(self, phase: DisplayPhase) -> None:
        name = phase_class(phase)
        for cls in PHASE_CLASSES:
            self.set_class(cls == name, cls)

    def update_view(self, view: View) -> None:
        state, t, now = view.state, view.texts, view.now
        run = state.running
        title = self.query_one("#current-title", Static)
        digits = self.query_one("#countdown", Digits)
        phase_line = self.query_one("#current-phase", Static)
        product_line = self.query_one("#current-product", Static)
        points = self.query_one("#current-points", Static)
        upcoming = state.next_pending()
        next_text = Text(t.label("current.next"), style="bold")
        if upcoming is not None:
            next_text.append(f"{upcoming.segment.title}  {format_clock(upcoming.budget)}")
        else:
            next_text.append(t("current.none_next"), style="dim")
        # Title, phase, next and points have sizes fixed by the stylesheet: their new words repaint them
        # without laying out the screen again (a key's repaint under load is mostly layout), and the same
        # words are not drawn again.
        show(self.query_one("#current-next", Static), Clipped(next_text), Sized.by_stylesheet)  # a long title: cut by cells
        shown = display_phase(state, now)
        self._set_phase_class(shown)
        if shown in IDLE_MESSAGE:
            show(title, Text(t(IDLE_MESSAGE[shown]), style="bold"), Sized.by_stylesheet)
            _count_down(digits, "--:--")
            show(phase_line, "", Sized.by_stylesheet)
            show(product_line, "")
            self._show_points(points, None)
            return
        if run is None:  # every phase but the idle ones has a running segment
            return
        segment = run.segment
        title_text = Text.assemble((f"[{t('kind.' + segment.kind.value)}] ", "dim"), (segment.title, "bold"),
                                   no_wrap=True, overflow="ellipsis")
        if segment.owner != "host":  # the host leads by default; say so when someone else does
            title_text.append(f"  {t('role.' + segment.owner)}", style="bold magenta")
        show(title, title_text, Sized.by_stylesheet)
        remaining = segment_remaining(state, run, now)
        _count_down(digits, format_clock(remaining) if remaining >= 0 else "-" + format_clock(-remaining))
        label = t(f"phase.{shown.value}")
        detail = (f"{t('current.over_by')} {format_clock(-remaining)}" if remaining < 0
                  else f"{t('current.remaining')} {format_clock(remaining)}")
        show(phase_line, Text.assemble(
            (f" {label} ", PHASE_STYLE[shown] + (" reverse" if shown is not DisplayPhase.overrun else "")),
            f"  {detail} · {t('current.budget')} {format_clock(run.budget)} · "
            f"{format_clock(segment_elapsed(state, run, now))}",
            no_wrap=True, overflow="ellipsis",
        ), Sized.by_stylesheet)
        if segment.product is not None:
            product = segment.product
            card = Text(no_wrap=True, overflow="ellipsis")
            card.append(price(product.price), style="bold yellow")
            if product.list_price:
                card.append(f" ({price(product.list_price)})", style="dim strike")
            left = remaining_stock(state, product)
            if left is not None:  # counts down with the orders reported for it
                card.append(f"  {t('product.stock')} {left}/{product.stock}")
                if left == 0:
                    card.append(f" {t('product.sold_out')}", style="bold red")
            if product.selling_points:
                card.append("\n" + " / ".join(product.selling_points), style="italic")
            show(product_line, card)
        elif segment.interaction is not None:
            interaction = segment.interaction
            bits = [b for b in (interaction.prize, interaction.coupon, interaction.prompt, interaction.description) if b]
            show(product_line, Text(" · ".join(bits), style="italic", no_wrap=True, overflow="ellipsis"))
        else:
            show(product_line, "")
        self._show_points(points, (tuple(segment.talking_points), segment.notes, t.label("current.notes")))

    def _show_points(self, points: Static, drawn: tuple[tuple[str, ...], str | None, str] | None) -> None:
        """The talking points (a grid, costly to draw) drawn again only when they are others."""
        if drawn == self._points_drawn:
            return
        self._points_drawn = drawn
        if drawn is None:
            points.update("", layout=False)
            return
        talking_points, notes, notes_word = drawn
        tail = Text(f"{notes_word}{notes}", style="italic") if notes else None
        points.update(bulleted(list(talking_points), tail=tail), layout=False)


def _count_down(digits: Digits, value: str) -> None:
    if digits.value != value:  # Digits repaints (and may lay out) on every update, even to the same value
        digits.update(value)
