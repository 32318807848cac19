"""Keep Python's garbage collections out of the way of the first frame, key presses and cues.

Start-up (the imports, the plan's models, the screen's widgets) makes what lives as long as the app:
a collection then finds nothing to free, yet the full ones it sets off walk everything made so far,
about a fifth of the console's first frame. So a screen command holds automatic collection from its
first import (`hold_collector`) until its first frame is out, when `calm_garbage_collector` collects
once, freezes what exists (taking those long-lived objects out of every later collection, which
otherwise stalls the event loop ~50 ms now and then) and lets the collector run again.
"""

from __future__ import annotations

import gc

_held = False  # collection was on when a screen command held it: on again after the first frame


def hold_collector() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def resume_collector() -> None:
    """Collection as it was before `hold_collector`; safe to call twice (first frame, then the command's end)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def calm_garbage_collector() -> None:
    gc.collect()
    gc.freeze()
    resume_collector()
