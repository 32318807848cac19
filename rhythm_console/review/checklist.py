"""The readiness checklist in the review: what was still open when the show started, and when each item was done.

Its own section, beside the review's figures: collected in the review's one scan of the journal.
"""

from __future__ import annotations

from dataclasses import dataclass

from rhythm_console.events import Event, ShowStarted
from rhythm_console.plan import Plan
from rhythm_console.show import SampleRun, ShowState


@dataclass(frozen=True)
class ChecklistLine:
    index: int
    text: str
    owner: str
    blocking: bool
    open_at_start: bool  # False too when the show never started
    done_at: float | None  # offset of its (last) tick, None if it ended open
    done_by: str | None


@dataclass(frozen=True)
class ChecklistReview:
    lines: tuple[ChecklistLine, ...]
    waived: tuple[int, ...]  # blocking items the manager confirmed starting without

    @property
    def open_at_start(self) -> list[ChecklistLine]:
        return [line for line in self.lines if line.open_at_start]


class ChecklistCollector:
    """The checklist's section, collected from the review's one scan (`observe`, then `finish`)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.open_at_start: set[int] = set()
        self.final: ShowState | None = None

    def observe(self, event: Event, before: ShowState, after: ShowState) -> None:
        if isinstance(event, ShowStarted) and after is not before:
            done = {tick.item for tick in before.ticks}
            self.open_at_start = {index for index in range(len(self.plan.checklist)) if index not in done}
        self.final = after

    def samples(self, run: SampleRun) -> None:
        """A sample ticks nothing: the final state's ticks are those of the last other event's."""

    def finish(self) -> ChecklistReview:
        final = self.final
        ticks = {tick.item: tick for tick in (final.ticks if final is not None else ())}
        lines = tuple(
            ChecklistLine(index=index, text=item.text, owner=item.owner, blocking=item.blocking,
                          open_at_start=index in self.open_at_start,
                          done_at=ticks[index].at if index in ticks else None,
                          done_by=ticks[index].by if index in ticks else None)
            for index, item in enumerate(self.plan.checklist))
        return ChecklistReview(lines=lines, waived=final.waived if final is not None else ())
