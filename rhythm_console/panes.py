"""Which panes are on the cue link now, by name: where advice for ops can go (issue 14).

The link adds a pane when it says hello and removes it when it leaves; the autopilot of
`simulate` stands in its simulated team. Several panes may share a name (two tablets for the host).
"""

from __future__ import annotations

from collections import Counter

OPS_PANE = "ops"


class PaneRoster:
    def __init__(self) -> None:
        self._present: Counter[str] = Counter()

    def join(self, name: str) -> None:
        self._present[name] += 1

    def leave(self, name: str) -> None:
        self._present[name] -= 1
        if self._present[name] <= 0:
            del self._present[name]

    def __contains__(self, name: object) -> bool:
        return name in self._present

    def names(self) -> list[str]:
        return sorted(self._present)
