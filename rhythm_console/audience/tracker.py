"""Classified comments counted per category: totals, rates per minute, the latest examples, and the few
examples the journal may keep.

The journal keeps at most EXAMPLES_PER_MINUTE texts per category per minute, cut short and with long
digit runs (phone numbers, order numbers) masked; never who wrote them. The tracker is never given
user ids or nicknames at all.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Iterable
from itertools import repeat

from rhythm_console.audience.lexicon import DEFAULT_IDS, UNCATEGORISED, Kind, Lexicon, build_lexicon, metric_name

WINDOW_SECONDS = 60  # the "per minute" window, as the room's
SHOWN_EXAMPLES = 3  # the latest texts the console shows per category
EXAMPLES_PER_MINUTE = 3  # texts the journal keeps per category per minute
EXAMPLE_CHARS = 40
_DIGITS = re.compile(r"\d{6,}")


def clip_example(text: str) -> str:
    """A comment as an example: one line, short, long numbers masked."""
    text = " ".join(text.split())
    text = _DIGITS.sub("…", text)
    return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS - 1] + "…"


class AudienceTracker:
    """Feed with `add(text, at)`; read `figures(now)`, `latest`, and `take_examples()` once a second."""

    def __init__(self, lexicon: Lexicon | None = None, keep_text: bool = True) -> None:
        self.lexicon = lexicon or build_lexicon()
        self.keep_text = keep_text  # False: counts only, no example reaches the journal
        self.ids = self.lexicon.ids + (UNCATEGORISED,)
        self.kinds = tuple(c.kind for c in self.lexicon.categories) + (Kind.other,)
        size = len(self.ids)
        self._uncategorised = (size - 1,)
        self.totals = [0] * size
        self.latest: list[deque[str]] = [deque(maxlen=SHOWN_EXAMPLES) for _ in range(size)]
        self._buckets: deque[tuple[int, list[int]]] = deque()
        self._window = [0] * size  # the sum of the buckets' counts: a rate needs no pass over them
        self._always = {index for index, category_id in enumerate(self.ids)
                        if category_id in DEFAULT_IDS or category_id == UNCATEGORISED}
        self._names = [(metric_name(category_id, per_min=False), metric_name(category_id)) for category_id in self.ids]
        self._quota_minute = -1
        self._quota_used = [0] * size  # examples journaled per category in _quota_minute
        self._pending: dict[str, list[str]] = {}
        self._unread: list[tuple[str, float]] = []  # added, not yet counted (see add)
        self.comments = 0

    def add(self, text: str, at: float) -> None:
        # Runs for every comment of a busy room: only queued here, and counted in one batch when a
        # figure is next read (once a second), which keeps the feed's own pace within reach.
        self._unread.append((text, at))

    def add_all(self, texts: Iterable[str], at: float) -> None:
        """`add` of each text, all said at `at`."""
        self._unread.extend(zip(texts, repeat(at)))

    def add_totals(self, said: dict[str, int]) -> None:
        """Comments by text and how many times each was said, into the totals only (no rates, no examples):
        a whole capture's tally, where each distinct text is classified once."""
        classify, totals, uncategorised = self.lexicon.classify, self.totals, self._uncategorised
        for text, times in said.items():
            for index in classify(text) or uncategorised:
                totals[index] += times
            self.comments += times

    def _count_unread(self) -> None:
        unread, self._unread = self._unread, []
        if not unread:
            return
        self.comments += len(unread)
        classify, uncategorised = self.lexicon.classify, self._uncategorised
        buckets, totals, latest, ids, window = self._buckets, self.totals, self.latest, self.ids, self._window
        keep_text, nothing_said = self.keep_text, uncategorised[0]
        size = len(ids)
        for text, at in unread:
            found = classify(text) or uncategorised
            second = int(at) if at >= 0 else math.floor(at)
            if not buckets or second > buckets[-1][0]:
                buckets.append((second, [0] * size))
                self._forget_before(second - WINDOW_SECONDS)
                if second // 60 != self._quota_minute:
                    self._quota_minute = second // 60
                    self._quota_used = [0] * size
            counts = buckets[-1][1]  # a late comment counts in the latest second: close enough for a rate
            used = self._quota_used
            for index in found:
                counts[index] += 1
                window[index] += 1
                totals[index] += 1
                latest[index].append(text)  # clipped when shown
                if used[index] < EXAMPLES_PER_MINUTE and keep_text and index != nothing_said:
                    used[index] += 1
                    self._pending.setdefault(ids[index], []).append(clip_example(text))

    def _forget_before(self, start: int) -> None:
        """Drop the seconds at or before `start` from the window."""
        buckets, window = self._buckets, self._window
        while buckets and buckets[0][0] <= start:
            _, counts = buckets.popleft()
            for index, count in enumerate(counts):
                if count:
                    window[index] -= count

    def rates(self, now: float) -> list[float]:
        self._count_unread()
        self._forget_before(int(math.floor(now)) - WINDOW_SECONDS)
        return [value * 60.0 / WINDOW_SECONDS for value in self._window]

    def figures(self, now: float) -> dict[str, float]:
        """audience.<id> (total) and audience.<id>_per_min for the shipped categories, the uncategorised
        and every category of the plan's that has had a comment. A plan's category no comment has reached
        yet is left out (unknown, as any figure before its first data): a large lexicon must not
        widen every sample of the journal with zeros."""
        self._count_unread()  # what is queued first
        self._forget_before(int(math.floor(now)) - WINDOW_SECONDS)
        result: dict[str, float] = {}
        always, totals, window = self._always, self.totals, self._window
        for index, (total_name, rate_name) in enumerate(self._names):
            total = totals[index]
            if total or index in always:
                result[total_name] = float(total)  # floats, as a sample holds them
                result[rate_name] = window[index] * 60.0 / WINDOW_SECONDS  # rates(now)'s
        return result

    def take_examples(self) -> dict[str, list[str]]:
        """The examples chosen for the journal since the last call."""
        self._count_unread()
        pending, self._pending = self._pending, {}
        return pending

    def latest_examples(self) -> dict[str, list[str]]:
        self._count_unread()
        return {category_id: [clip_example(text) for text in shown]
                for category_id, shown in zip(self.ids, self.latest, strict=True) if shown}

    def summary(self) -> dict[str, object]:
        """What `probe --json` says: questions by topic, complaints, buying signals, the rest."""
        self._count_unread()
        questions: dict[str, int] = {}
        totals = {"complaints_rhythm": 0, "complaints_tech": 0, "buy_signals": 0, "uncategorised": 0}
        field = {Kind.rhythm_complaint: "complaints_rhythm", Kind.tech_complaint: "complaints_tech",
                 Kind.buy_signal: "buy_signals", Kind.other: "uncategorised"}
        for category_id, kind, total in zip(self.ids, self.kinds, self.totals, strict=True):
            if kind is Kind.question:
                questions[category_id.removesuffix("_questions")] = total
            else:
                totals[field[kind]] += total
        return {"questions": questions, **totals}
