"""The floors the console's figures are measured against: what a bare Textual app does on the same
machine in the same run (its first frame in a pty, a key to its screen, a message to its screen)."""

from __future__ import annotations

import asyncio
import sys
import time

from paint import first_paint_after, record_paints, until
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import Static

# An empty app: one line of text (the marker its first frame is known by), nothing else imported.
EMPTY_APP = """\
from textual.app import App
from textual.widgets import Static
class Empty(App):
    def compose(self):
        yield Static("empty-app-ready")
Empty().run()
"""
EMPTY_APP_MARKER = "empty-app-ready"


def empty_app_argv() -> list[str]:
    return [sys.executable, "-c", EMPTY_APP]


class Shown(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class BareApp(App[None]):
    """A key or a message changes one line; nothing else runs."""

    BINDINGS = [("e", "count", "count")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.changed_at = 0.0  # when the line last changed: a latency runs to the first frame after it

    def compose(self) -> ComposeResult:
        yield Static("0", id="line")

    def action_count(self) -> None:
        self._show(str(self.count + 1))

    def on_shown(self, message: Shown) -> None:
        self._show(message.text)

    def _show(self, text: str) -> None:
        self.count += 1
        self.query_one("#line", Static).update(text)
        self.changed_at = time.perf_counter()


async def bare_key_to_screen(presses: int, size: tuple[int, int] = (120, 40)) -> list[float]:
    """Milliseconds from a key entering a bare app to its repaint, as benchmarks/console.py times the console."""
    app = BareApp()
    latencies = []
    async with app.run_test(size=size):
        painted = record_paints(app)
        for _ in range(presses):
            before = app.count
            start = time.perf_counter()
            app._driver.send_message(events.Key("e", "e"))
            await until(lambda: app.count != before, "the bare app's key")
            latencies.append((await first_paint_after(painted, app.changed_at) - start) * 1000)
            await asyncio.sleep(0.02)
    return latencies


async def bare_message_to_screen(messages: int, size: tuple[int, int] = (100, 30)) -> list[float]:
    """Milliseconds from a message posted to a bare app to its repaint (a cue's floor on the host pane)."""
    app = BareApp()
    latencies = []
    async with app.run_test(size=size):
        painted = record_paints(app)
        for number in range(1, messages + 1):
            start = time.perf_counter()
            app.post_message(Shown(f"提词 {number}"))
            await until(lambda: app.count >= number, "the bare app's message", poll=0)
            latencies.append((await first_paint_after(painted, app.changed_at) - start) * 1000)
            await asyncio.sleep(0.01)
    return latencies
