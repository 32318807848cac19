"""Where a cue goes, whether it got there, and which cues the host has really read: an ack names one cue
and one pane, so "unread" is per cue, per pane.

A cue is *delivered* only once a pane said it received it (a journaled `cue_delivered`). A cue sent
when no connected pane was one it goes to is *nobody's*: the screens say `助播: 无人接收`, never
`已发送`. One a pane should receive but has not confirmed is *not delivered* yet; a journal from
before the console recorded who could receive a cue leaves that *unknown*.

The console's cue log marks what is still unread; the advisor flags an urgent
cue the host has not acknowledged after `UNREAD_URGENT_AFTER` seconds, and one sent to panes none of which
confirmed it by then (the worse case: the manager may believe the host has it). Both
read the same journaled delivered/acked pairs, so a replay or a review sees
exactly what the live console saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import Protocol

from rhythm_console.plan import CueLevel
from rhythm_console.show import CueRecord, ShowState
from rhythm_console.vocabulary import code_for

UNREAD_URGENT_AFTER = 20.0  # seconds an urgent cue may wait on a pane before the manager hears of it
_URGENT = CueLevel.urgent  # looked for every second: a member read off its enum's class goes through the metaclass


class Delivery(str, Enum):
    delivered = "delivered"  # at least one pane said it received it
    waiting = "waiting"  # sent to connected panes, none has confirmed (yet)
    nobody = "nobody"  # no connected pane was one it goes to
    unknown = "unknown"  # an older journal: who could receive it was not recorded


def reaches(target: str | None, pane: str, stand_ins: Mapping[str, str]) -> bool:
    """Whether a cue sent to `target` (None: everyone) goes to the pane named `pane`: by its name, by the role
    both name in the team's words (a pane named 助播 gets the cues for `assistant`), or as a stand-in (a
    trainee's pane for the host in a replay)."""
    if target is None or target == pane or stand_ins.get(pane) == target:
        return True
    role = code_for("role", target)
    return role is not None and role == code_for("role", pane)


def reach(target: str | None, panes: Iterable[str], stand_ins: Mapping[str, str]) -> list[str]:
    """The connected panes a cue to `target` goes to, each once, by name."""
    return sorted({pane for pane in panes if reaches(target, pane, stand_ins)})


class _Sent(Protocol):
    @property
    def delivered(self) -> Sequence[tuple[str, float]]: ...
    @property
    def reach(self) -> tuple[str, ...] | None: ...


def delivery(cue: _Sent) -> Delivery:
    """The live cue log and the review say it from the same two facts: who received it, who could have."""
    if cue.delivered:
        return Delivery.delivered
    if cue.reach is None:
        return Delivery.unknown
    return Delivery.waiting if cue.reach else Delivery.nobody


def not_delivered(cue: CueRecord) -> tuple[str, ...]:
    """The panes the cue went to that never said they received it."""
    arrived = {pane for pane, _ in cue.delivered}
    return tuple(pane for pane in cue.reach or () if pane not in arrived)


def unread_panes(cue: CueRecord) -> tuple[str, ...]:
    """The panes the cue reached whose host has not acknowledged it (in the order it reached them)."""
    acked = {pane for pane, _ in cue.acked}
    return tuple(pane for pane, _ in cue.delivered if pane not in acked)


def unconfirmed(cue: CueRecord) -> bool:
    """Sent to connected panes, and not one has said it arrived (nor acknowledged it): `Delivery.waiting`."""
    return bool(cue.reach) and not cue.delivered and not cue.acked


def _running_id(state: ShowState) -> str | None:
    """Cues are flagged only in the segment they were sent in: once another starts, a pane moves the cue out of
    its big area."""
    running = state.running
    return running.id if running is not None else None


def overdue_among(cues: Iterable[CueRecord], segment: str | None,
                   now: float) -> Iterator[tuple[CueRecord, tuple[str, ...]]]:
    """The urgent cues of the segment running now (`segment`) sent UNREAD_URGENT_AFTER or more ago that a
    pane has not acknowledged, with those panes."""
    for cue in _waited_too_long(cues, segment, now):
        panes = unread_panes(cue)
        if panes:
            yield cue, panes


def undelivered_among(cues: Iterable[CueRecord], segment: str | None, now: float) -> Iterator[CueRecord]:
    """The urgent cues of the segment running now sent UNREAD_URGENT_AFTER or more ago to panes none of which
    confirmed them."""
    return (cue for cue in _waited_too_long(cues, segment, now) if unconfirmed(cue))


def _waited_too_long(cues: Iterable[CueRecord], segment: str | None, now: float) -> Iterator[CueRecord]:
    return (cue for cue in cues
            if cue.segment == segment and cue.level is _URGENT and now - cue.sent_at >= UNREAD_URGENT_AFTER)


def overdue(state: ShowState, cue: CueRecord, now: float) -> tuple[str, ...]:
    """The panes where this urgent cue of the running segment has waited unread too long (none: nothing to flag)."""
    return next((panes for _, panes in overdue_among((cue,), _running_id(state), now)), ())


def overdue_cues(state: ShowState, now: float) -> Iterator[tuple[CueRecord, tuple[str, ...]]]:
    """Each cue `overdue` flags at `now`, with its panes, in the order they were sent (the advisor asks every
    second, over every cue of the show: the state is read once, not once a cue)."""
    return overdue_among(state.cues, _running_id(state), now)
