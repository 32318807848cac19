"""What the link server needs of a show: the live session and a replay both offer it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from rhythm_console.events import Event, RequestKind
from rhythm_console.listeners import Listeners
from rhythm_console.panes import PaneRoster
from rhythm_console.plan import CueLevel, Plan
from rhythm_console.refusals import Refusal
from rhythm_console.show import ShowState


@runtime_checkable
class LinkSession(Protocol):
    plan: Plan
    lang: str
    started_wall: datetime
    listeners: Listeners  # told of each event after it is applied
    panes: PaneRoster  # the panes on the link now, which the link keeps
    clock_rate: float  # show seconds per second of real time: 1 live, a replay's speed (0 paused)
    stand_ins: Mapping[str, str]  # pane name -> the target it receives cues for too (a trainee for the host)

    @property
    def state(self) -> ShowState: ...

    @property
    def session_id(self) -> str:
        """Names the show on the link: a pane's cue numbers from another show mean nothing here."""
        ...

    def now(self) -> float: ...

    def submit(self, event: Event) -> Refusal | None: ...

    def send_cue(self, text: str, level: CueLevel = CueLevel.info, *, origin: str = "manager",
                 target: str | None = None) -> Refusal | None: ...

    def send_preset(self, key: str) -> Refusal | None: ...

    def start_or_advance(self) -> Refusal | None: ...

    def press_advance(self, leaving: str | None = None) -> Refusal | None:
        """A button's advance: refused when `leaving` no longer runs, or (without it) when it repeats one just made."""
        ...

    def request(self, kind: RequestKind, *, by: str, text: str | None = None,
                origin: Literal["pane", "http"] = "pane", segment: str | None = None) -> Refusal | None:
        """A pane's request to the manager (扁平化), asked in `segment` (the one the pane shows)."""
        ...
