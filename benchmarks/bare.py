"""The floors the console's figures are measured against: what a bare Textual app does on the same
machine in the same run (its first frame in a pty, a key to its screen, a message to its screen)."""

from __future__ import annotations

import asyncio
import sys
import time

from paint import record_paints
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

    def compose(self) -> ComposeResult:
        yield Static("0", id="line")

    def action_count(self) -> None:
        self.count += 1
        self.query_one("#line", Static).update(str(self.count))

    def on_shown(self, message: Shown) -> None:
        self.count += 1
        self.query_one("#line", Static).update(message.text)


async def _until_painted(painted: list[float], after: float) -> float:
    while not painted or painted[-1] < after:
        await asyncio.sleep(0.0005)
    return painted[-1]


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
            while app.count == before:
                await asyncio.sleep(0.0005)
            latencies.append((await _until_painted(painted, time.perf_counter()) - start) * 1000)
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
            while app.count < number:
                await asyncio.sleep(0)
            latencies.append((await _until_painted(painted, time.perf_counter()) - start) * 1000)
            await asyncio.sleep(0.01)
    return latencies
