"""Timing when a headless Textual app actually writes a frame."""

from __future__ import annotations

import time

from textual.app import App


def record_paints(app: App) -> list[float]:
    """perf_counter() of every frame the app writes from now on (the list fills as it paints)."""
    painted: list[float] = []
    display = app._display

    def counting_display(screen, renderable):
        display(screen, renderable)
        painted.append(time.perf_counter())

    app._display = counting_display
    return painted
