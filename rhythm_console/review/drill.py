"""A drill against its original: the trainee's decisions beside the real ones, as figures (pure).

Both journals run on one clock (a drill's second 300 is the recording's second
300, see sources/recorded.py), so every time here is seconds after the
original's show start, for both sides. What is compared:

- segments: start, length and verdict on each side;
- cues: matched by intent (the same preset, the same built-in cue, else a free
  cue of the same level) and time (the nearest within MATCH_WINDOW); what one
  side sent and the other did not is listed on its own;
- alerts: when each was raised and how long it stayed unanswered: until the
  manager's next decision while it was up (a cue that was not automatic, or a
  command that changed the show), else until it cleared (never answered);
- acknowledgements: each side's host, in real seconds (a drill at --speed 2
  journals show seconds: they are divided back).

Figures, not verdicts: the three largest differences come first, each sized
in seconds (a cue only one side sent counts as MATCH_WINDOW).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from rhythm_console.events import CueSent, Event
from rhythm_console.plan import BUILTIN_CUES, Plan
from rhythm_console.review import AlertReview, CueReview, CueSource, Review, SegmentReview, build_review
from rhythm_console.show import RunStatus, Verdict, VerdictKind, scan

if TYPE_CHECKING:  # the journals' contents; reading the files is the caller's job
    from rhythm_console.journal import Journal

MATCH_WINDOW = 120.0  # seconds: a cue of the same intent this close on the other side is the same decision
LANGS = ("zh", "en")  # a built-in cue is known by its words in either language
DECISIONS = frozenset({"advance", "skip", "extend", "hold", "resume", "reorder", "insert_segment",
                       "segment_started", "segment_ended"})  # commands that answer an alert
HEADLINES = 3

Intent = tuple[str, str]  # ("preset", key), ("builtin", name) or ("free", level)


@dataclass(frozen=True)
class SegmentSide:
    start: float | None  # seconds after the original's show start
    length: float | None  # segment time, holds excluded
    verdict: Verdict | None
    status: RunStatus
    cut_by_end: bool = False  # still running when the drill ended: its length is not the trainee's decision


@dataclass(frozen=True)
class SegmentComparison:
    id: str
    title: str
    original: SegmentSide | None  # None: the segment is not in that show (inserted on the other side)
    trainee: SegmentSide | None

    def _difference(self, name: str) -> float | None:
        if self.original is None or self.trainee is None:
            return None
        if name == "length" and self.trainee.cut_by_end:
            return None
        mine, theirs = getattr(self.trainee, name), getattr(self.original, name)
        return None if mine is None or theirs is None else mine - theirs

    @property
    def start_difference(self) -> float | None:
        """Trainee minus original: positive, the trainee started it later."""
        return self._difference("start")

    @property
    def length_difference(self) -> float | None:
        return self._difference("length")


@dataclass(frozen=True)
class CueSide:
    cue: int
    at: float  # seconds after the original's show start
    text: str
    level: str
    intent: Intent
    source: CueSource
    source_params: dict[str, str] = field(default_factory=dict)
    ack: float | None = None  # real seconds to the first acknowledgement
    review: CueReview | None = None  # as its show's review has it (where it came from, in words)


@dataclass(frozen=True)
class CuePair:
    original: CueSide | None
    trainee: CueSide | None

    @property
    def matched(self) -> bool:
        return self.original is not None and self.trainee is not None

    @property
    def shown(self) -> CueSide:
        """The side the row names the cue by: the original's, else the trainee's."""
        return _either(self.original, self.trainee)

    @property
    def time_difference(self) -> float | None:
        return self.trainee.at - self.original.at if self.original and self.trainee else None


@dataclass(frozen=True)
class AlertSide:
    raised: float  # seconds after the original's show start
    unanswered: float  # seconds until answered, or until it cleared (or the end) when never answered
    answered: bool
    alert: AlertReview  # as the review has it (its words)


@dataclass(frozen=True)
class AlertComparison:
    alert: str
    original: AlertSide | None
    trainee: AlertSide | None

    @property
    def shown(self) -> AlertReview:
        side = self.original or self.trainee
        assert side is not None
        return side.alert


@dataclass(frozen=True)
class AckFigures:
    latencies: tuple[float, ...]  # real seconds, one per acknowledged cue
    unacked: int  # cues a pane received and never acknowledged

    @property
    def median(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None


@dataclass(frozen=True)
class Difference:
    """One difference worth talking about: a code (the catalog's report.drill.diff.<code>), values, a size."""

    code: str
    params: dict[str, object]
    size: float  # seconds


@dataclass
class DrillComparison:
    original: Review
    trainee: Review
    original_id: str  # the original's session id
    drill_of: str | None  # what the drill's header says it is a drill of
    trainee_name: str | None
    drill_from: str | None
    since: float  # compared from this many seconds after the original's show start (a drill --from)
    until: float  # ... to the drill's end: what the original did later, the trainee never reached
    segments: list[SegmentComparison]
    cues: list[CuePair]
    alerts: list[AlertComparison]
    original_acks: AckFigures
    trainee_acks: AckFigures
    differences: list[Difference] = field(default_factory=list)  # the largest first, HEADLINES of them
    trainee_speed: float = 1.0  # the drill's --speed

    @property
    def matches_original(self) -> bool:
        """Whether the drill names this original (a report against another show still compares, with a warning)."""
        return self.drill_of == self.original_id

    @property
    def only_original(self) -> list[CueSide]:
        return [pair.original for pair in self.cues if pair.original is not None and pair.trainee is None]

    @property
    def only_trainee(self) -> list[CueSide]:
        return [pair.trainee for pair in self.cues if pair.trainee is not None and pair.original is None]

    @property
    def overruns(self) -> tuple[int, int]:
        """(trainee, original): compared segments that ran over their budget and tolerance."""
        def over(side: SegmentSide | None) -> bool:
            return side is not None and side.verdict is not None and side.verdict.kind is VerdictKind.over

        return (sum(1 for row in self.segments if over(row.trainee)),
                sum(1 for row in self.segments if over(row.original)))

    @property
    def unanswered_alerts(self) -> tuple[int, int]:
        """(original, trainee): alerts never answered while they were up."""
        return (sum(1 for a in self.alerts if a.original is not None and not a.original.answered),
                sum(1 for a in self.alerts if a.trainee is not None and not a.trainee.answered))


def compare_journals(drill: Journal, original: Journal) -> DrillComparison:
    """A drill's journal against its original's: what its header says of it, and both reviews."""
    header = drill.header
    original_review, drill_review = (build_review(j.header.plan, j.events, started_wall=j.header.started_wall)
                                     for j in (original, drill))
    return compare_drill(original_review, drill_review, original.events, drill.events, original_id=original.header.session_id,
                         drill_of=header.drill_of, trainee_name=header.trainee, drill_from=header.drill_from,
                         original_speed=original.header.drill_speed, drill_speed=header.drill_speed)


def compare_drill(original: Review, drill: Review, original_events: list[Event], drill_events: list[Event], *,
                  original_id: str, drill_of: str | None = None,
                  trainee_name: str | None = None, drill_from: str | None = None,
                  original_speed: float = 1.0, drill_speed: float = 1.0) -> DrillComparison:
    """The comparison of a drill's review with its original's (both built by review.build_review)."""
    base = original.started_at or 0.0
    since = 0.0
    if drill_from is not None:  # the drill began where the original started that segment
        first = next((s.started_at for s in original.segments if s.id == drill_from and s.started_at is not None), None)
        since = first - base if first is not None else 0.0
    window = (since, drill.end - base)
    segments = _segments(original, drill, base, window)
    intents = _intent_words(original.plan)
    cues = _match_cues(_cue_sides(original, intents, base, window, original_speed),
                       _cue_sides(drill, intents, base, window, drill_speed))
    alerts = _alerts((original, original_events), (drill, drill_events), base, window)
    comparison = DrillComparison(
        original=original, trainee=drill, original_id=original_id, drill_of=drill_of, trainee_name=trainee_name,
        drill_from=drill_from, since=since, until=window[1], segments=segments, cues=cues, alerts=alerts,
        original_acks=_acks(original, base, window, original_speed), trainee_acks=_acks(drill, base, window, drill_speed),
        trainee_speed=drill_speed)
    comparison.differences = _largest(comparison)
    return comparison


def _side(segment: SegmentReview, base: float) -> SegmentSide:
    return SegmentSide(start=None if segment.started_at is None else segment.started_at - base,
                       length=segment.actual, verdict=segment.verdict, status=segment.status)


def _within(at: float, window: tuple[float, float]) -> bool:
    return window[0] <= at <= window[1]


def _segments(original: Review, drill: Review, base: float, window: tuple[float, float]) -> list[SegmentComparison]:
    theirs = {s.id: s for s in original.segments}
    mine = {s.id: s for s in drill.segments}
    order = [s.id for s in original.segments] + [s.id for s in drill.segments if s.id not in theirs]
    rows = []
    for segment_id in order:
        a, b = theirs.get(segment_id), mine.get(segment_id)
        ends = [s.ended_at - base for s in (a, b) if s is not None and s.ended_at is not None]
        if len(ends) == 2 and max(ends) < window[0]:
            continue  # over before the drill began: the recording's own, copied into the drill
        if (b is None or b.started_at is None) and (a is None or a.started_at is None or a.started_at - base > window[1]):
            continue  # the original reached it after the drill had ended
        trainee = None
        if b is not None:
            cut = b.started_at is not None and (b.ended_at is None or b.ended_at - base >= window[1] - 1.0)
            trainee = replace(_side(b, base), cut_by_end=cut)
        rows.append(SegmentComparison(segment_id, _either(a, b).title, _side(a, base) if a else None, trainee))
    return rows


def _intent_words(plan: Plan) -> dict[str, Intent]:
    """A cue's words to its intent: the plan's presets and the built-in cues in every language."""
    words: dict[str, Intent] = {}
    for name in BUILTIN_CUES:
        for lang in LANGS:
            said = plan.cue_for(name, lang)
            if said is not None:
                words.setdefault(said[0], ("builtin", name))
    for preset in plan.cue_presets:
        words[preset.text] = ("preset", preset.key)
    return words


def intent_of(cue: CueReview, words: dict[str, Intent]) -> Intent:
    if cue.source == "preset" and "key" in cue.source_params:
        return "preset", cue.source_params["key"]
    head, _, name = cue.origin.partition(":")
    if head == "builtin" and name in BUILTIN_CUES:
        return "builtin", name
    return words.get(cue.text, ("free", cue.level))


def _cue_sides(review: Review, words: dict[str, Intent], base: float, window: tuple[float, float],
               speed: float) -> list[CueSide]:
    return [CueSide(cue.cue, cue.at - base, cue.text, cue.level, intent_of(cue, words), cue.source,
                    dict(cue.source_params), _first_ack(cue, speed), cue)
            for cue in review.cues if _within(cue.at - base, window)]


def _first_ack(cue: CueReview, speed: float) -> float | None:
    """Real seconds from sending to the first pane's acknowledgement."""
    if not cue.acked:
        return None
    return min(latency for _, latency in cue.acked) / speed


def _match_cues(original: list[CueSide], trainee: list[CueSide]) -> list[CuePair]:
    """Each original cue with the nearest trainee cue of the same intent within MATCH_WINDOW, taken once;
    in time order, the unmatched of both sides among them."""
    free = list(trainee)
    pairs = []
    for cue in original:
        candidates = [other for other in free if other.intent == cue.intent and abs(other.at - cue.at) <= MATCH_WINDOW]
        match = min(candidates, key=lambda other: abs(other.at - cue.at), default=None)
        if match is not None:
            free.remove(match)
        pairs.append(CuePair(cue, match))
    pairs += [CuePair(None, cue) for cue in free]
    pairs.sort(key=lambda pair: pair.shown.at)
    return pairs


def _answers(events: list[Event], plan: Plan) -> list[float]:
    """When the manager made a decision: a cue not sent automatically, or a command that changed the show."""
    times = []
    for event, before, after in scan(plan, events):
        if after is before:
            continue  # refused: no decision was carried out
        if isinstance(event, CueSent):
            if not event.origin.startswith("auto:"):
                times.append(event.at)
        elif event.type in DECISIONS:
            times.append(event.at)
    return times


def _alert_sides(show: tuple[Review, list[Event]], base: float,
                 window: tuple[float, float]) -> list[tuple[str, AlertSide]]:
    review, events = show
    decisions = _answers(events, review.plan)
    sides = []
    for alert in review.alerts:
        if not _within(alert.raised_at - base, window):
            continue
        end = alert.cleared_at if alert.cleared_at is not None else review.end
        answer = next((at for at in decisions if alert.raised_at <= at <= end), None)
        sides.append((alert.alert, AlertSide(alert.raised_at - base, (answer if answer is not None else end) - alert.raised_at,
                                             answer is not None, alert)))
    return sides


def _alerts(original: tuple[Review, list[Event]], drill: tuple[Review, list[Event]], base: float,
            window: tuple[float, float]) -> list[AlertComparison]:
    """The same alert on both sides, paired in the order each raised it (an alert raised twice pairs twice)."""
    theirs = _alert_sides(original, base, window)
    mine = _alert_sides(drill, base, window)
    rows = []
    for alert_id, side in theirs:
        match = next((pair for pair in mine if pair[0] == alert_id and abs(pair[1].raised - side.raised) <= 2 * MATCH_WINDOW),
                     None)
        if match is not None:
            mine.remove(match)
        rows.append(AlertComparison(alert_id, side, match[1] if match else None))
    rows += [AlertComparison(alert_id, None, side) for alert_id, side in mine]
    rows.sort(key=lambda row: _either(row.original, row.trainee).raised)
    return rows


def _acks(review: Review, base: float, window: tuple[float, float], speed: float) -> AckFigures:
    latencies, unacked = [], 0
    for cue in review.cues:
        if not _within(cue.at - base, window) or not cue.delivered:
            continue
        first = _first_ack(cue, speed)
        if first is not None:
            latencies.append(first)
        else:
            unacked += 1
    return AckFigures(tuple(latencies), unacked)


def _largest(comparison: DrillComparison) -> list[Difference]:
    """The largest difference of each kind, then the HEADLINES largest of those: three lines that say
    different things. A decision one side made and the other did not (a cue, a segment, an alert never
    answered) counts as MATCH_WINDOW at least."""
    found: list[Difference] = []
    # Starts are not ranked: one late advance moves every later start; each length is a decision of its own.
    for segment in comparison.segments:
        if segment.length_difference is not None and abs(segment.length_difference) >= 1:
            found.append(Difference("length", {"title": segment.title, "by": segment.length_difference},
                                    abs(segment.length_difference)))
        if (segment.original is None) != (segment.trainee is None):
            found.append(Difference("segment_only_trainee" if segment.original is None else "segment_only_original",
                                    {"title": segment.title}, MATCH_WINDOW))
    for row in comparison.alerts:
        mine, theirs = row.trainee, row.original
        if mine is None:
            continue
        if not mine.answered and (theirs is None or theirs.answered):
            found.append(Difference("alert_never_answered", {"alert": row.shown, "lasted": mine.unanswered},
                                    max(MATCH_WINDOW, mine.unanswered)))
        elif theirs is not None and abs(mine.unanswered - theirs.unanswered) >= 1:
            by = mine.unanswered - theirs.unanswered
            found.append(Difference("alert_answer", {"alert": row.shown, "by": by}, abs(by)))
    for cue in comparison.only_original:
        found.append(Difference("cue_only_original", {"text": cue.text, "at": cue.at}, MATCH_WINDOW))
    for cue in comparison.only_trainee:
        found.append(Difference("cue_only_trainee", {"text": cue.text, "at": cue.at}, MATCH_WINDOW))
    theirs_median, mine_median = comparison.original_acks.median, comparison.trainee_acks.median
    if theirs_median is not None and mine_median is not None and abs(mine_median - theirs_median) >= 0.5:
        found.append(Difference("ack_median", {"original": theirs_median, "trainee": mine_median},
                                abs(mine_median - theirs_median)))
    largest: dict[str, Difference] = {}
    for difference in found:  # in the order above: on equal sizes, the earlier kind and the earlier moment first
        if difference.code not in largest or difference.size > largest[difference.code].size:
            largest[difference.code] = difference
    return sorted(largest.values(), key=lambda difference: -difference.size)[:HEADLINES]


_Side = TypeVar("_Side")


def _either(original: _Side | None, trainee: _Side | None) -> _Side:
    """The side a row of the comparison has (the original's first): every row has at least one."""
    side = original if original is not None else trainee
    if side is None:
        raise ValueError("a comparison row with neither side")
    return side
