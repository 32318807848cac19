"""A footer whose keys are there from the first frame and are made again only when they change.

Textual's footer is empty until the screen first signals its bindings, and it removes and mounts all its
keys again on every signal (the screen resuming, the focus moving), laying the screen out each time: on
the host pane that is two rebuilds of ~6 ms each just after the first frame, which a cue sent then waits
behind. This footer composes its keys with itself and rebuilds only when what it would show differs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SettledFooter(Footer):
    _composed: object = None  # what the keys shown were made from

    def compose(self) -> ComposeResult:
        self.set_reactive(Footer._bindings_ready, True)  # the bindings are known: the app's, the screen's
        self._composed = self._shown_bindings()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self._shown_bindings() != self._composed:
            super().bindings_changed(screen)

    def _shown_bindings(self) -> object:
        """What `Footer.compose` makes its keys from: the bindings shown, and the command palette's key."""
        active = self.screen.active_bindings
        shown = tuple((binding, enabled, tooltip) for _, binding, enabled, tooltip in active.values() if binding.show)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            return shown, palette[1:]
        return shown, None
