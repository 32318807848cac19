"""The recorded room as a source, for a drill: a journal's figures and comments, when they were recorded.

A drill's show runs on the same clock as the recording's journal (second 300
of the drill is second 300 of the original), so the figures journaled at
`at` arrive when the drill's clock reaches `at`, whatever the trainee has done
with the show. The room cannot be re-simulated honestly from its figures:
a trainee who starts the lucky bag two minutes late still sees the figures of
the original's lucky bag when the recording had it. The source says so: its
name tells which segment the recording was in whenever that is not the one
the trainee is running.
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import Protocol

from rhythm_console.events import CommentExamples, MetricSample
from rhythm_console.i18n import Texts
from rhythm_console.journal import Journal
from rhythm_console.metrics.room import RoomMetrics, RoomSink
from rhythm_console.show import ShowState, ShowStatus, scan

STEP = 0.2  # real seconds between looks at the clock: a sample is never more than this late


class DrilledShow(Protocol):
    """What the recorded room watches of the trainee's session: its state and its clock."""

    state: ShowState

    def now(self) -> float: ...


class RecordedSource:
    """Delivers a journal's metric samples and comment examples as the show's clock reaches them."""

    provides_commerce: bool

    def __init__(self, recording: Journal, show: DrilledShow, texts: Texts, path: str | Path,
                 start: float = 0.0) -> None:
        self._show = show
        self._texts = texts
        self._file = Path(path).name
        self.malformed = 0
        self._items: list[MetricSample | CommentExamples] = [
            event for event in recording.events if isinstance(event, MetricSample | CommentExamples)]
        self.provides_commerce = any(isinstance(item, MetricSample) and "orders" in item.values for item in self._items)
        self._end = recording.events[-1].at if recording.events else 0.0
        # When each segment ran in the recording: (start, end, title), an unfinished one to the end.
        self._spans: list[tuple[float, float, str]] = []
        for event, before, after in scan(recording.header.plan, recording.events):
            if after.current != before.current:
                if before.running is not None and self._spans:
                    began, _, title = self._spans[-1]
                    self._spans[-1] = (began, event.at, title)
                if after.running is not None:
                    self._spans.append((event.at, math.inf, after.running.segment.title))
        # From a segment on (--from): the room as it stood then, and what followed it.
        earlier = [i for i, item in enumerate(self._items) if item.at <= start and isinstance(item, MetricSample)]
        self._next = earlier[-1] if earlier else 0
        self._skip_comments_before = start


    @property
    def name(self) -> str:
        """What the console shows for the source: the recording, and where it is when the trainee is elsewhere."""
        now = self._show.now()
        said = self._texts("drill.source", file=self._file)
        gap = self.difference(now)
        return f"{said} · {gap}" if gap else said

    def recording_segment(self, now: float) -> str | None:
        """The title of the segment the recording was running at `now` (None: none was)."""
        return next((title for start, end, title in self._spans if start <= now < end), None)

    def difference(self, now: float) -> str | None:
        """Words for how the recording's show differs from the trainee's at `now`; None when they agree."""
        if now > self._end:
            return self._texts("drill.recording_over")
        trainee = self._show.state
        if trainee.status is ShowStatus.ready:
            return None
        recorded = self.recording_segment(now)
        ours = trainee.running.segment.title if trainee.running is not None else None
        if recorded == ours:
            return None
        return self._texts("drill.recording_in", title=recorded) if recorded else self._texts("drill.recording_none")

    def feed(self, room: RoomMetrics) -> int:
        """Write what the recording holds up to the show's now into `room`; how many items that was."""
        now = self._show.now()
        delivered = 0
        items = self._items
        while self._next < len(items) and items[self._next].at <= now:
            item = items[self._next]
            self._next += 1
            delivered += 1
            if isinstance(item, MetricSample):
                room.recorded(item.at, item.values)
            elif item.at > self._skip_comments_before:
                for texts in item.examples.values():
                    for text in texts:
                        room.said(text, item.at)
        return delivered

    @property
    def exhausted(self) -> bool:
        return self._next >= len(self._items)

    async def run(self, sink: RoomSink) -> None:
        if not isinstance(sink, RoomMetrics):  # a drill's one source writes into the room itself
            raise TypeError(f"a recording replays into the room's figures, not into a {type(sink).__name__}")
        while not self.exhausted:
            self.feed(sink)
            await asyncio.sleep(STEP)

