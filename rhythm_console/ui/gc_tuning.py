"""Keep Python's full garbage collections out of the way of key presses and cues.

A full (generation 2) collection walks every object the app has made since
it started (pydantic and Textual make many) and stalls the event loop for
~50 ms now and then. Freezing what exists once the screen is built takes
those long-lived objects out of every later collection.
"""

from __future__ import annotations

import gc


def calm_garbage_collector() -> None:
    gc.collect()
    gc.freeze()
