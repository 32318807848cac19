"""Which cues the host has really read: an ack names one cue and one pane, so "unread" is per cue, per pane.

The console's cue log marks what is still unread; the advisor flags an urgent
cue the host has not acknowledged after `UNREAD_URGENT_AFTER` seconds. Both
read the same journaled delivered/acked pairs, so a replay or a review sees
exactly what the live console saw.
"""

from __future__ import annotations

from rhythm_console.plan import CueLevel
from rhythm_console.show import CueRecord, ShowState

UNREAD_URGENT_AFTER = 20.0  # seconds an urgent cue may wait on a pane before the manager hears of it


def unread_panes(cue: CueRecord) -> tuple[str, ...]:
    """The panes the cue reached whose host has not acknowledged it (in the order it reached them)."""
    acked = {pane for pane, _ in cue.acked}
    return tuple(pane for pane, _ in cue.delivered if pane not in acked)


def still_current(state: ShowState, cue: CueRecord) -> bool:
    """Sent in the segment running now: once another starts, a pane moves the cue out of its big area."""
    running = state.running
    return cue.segment == (running.id if running is not None else None)


def overdue(state: ShowState, cue: CueRecord, now: float) -> tuple[str, ...]:
    """The panes where this urgent cue of the running segment has waited unread too long (none: nothing to flag)."""
    if cue.level is not CueLevel.urgent or now - cue.sent_at < UNREAD_URGENT_AFTER or not still_current(state, cue):
        return ()
    return unread_panes(cue)
