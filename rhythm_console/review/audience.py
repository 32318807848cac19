"""The review's customer voice: per segment the questions by topic, complaints by kind and buying
signals, with the journaled example comments, the moments complaints spiked, and findings.

Pure: collected from the review's one scan of a journal's events (`AudienceCollector`), an AudienceReview out.
Counts come from the samples' audience.<category> totals, examples from CommentExamples events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import itemgetter, ne

from rhythm_console.audience.lexicon import UNCATEGORISED, Kind, metric_name
from rhythm_console.events import CommentExamples, Event, MetricSample
from rhythm_console.plan import Plan
from rhythm_console.show import SampleRun, ShowState

SPIKE_PER_MIN = {"tech_complaints": 10.0, "rhythm_complaints": 10.0}  # a minute's rate worth pointing at
QUESTIONS_PEAK = 10.0  # a question topic's peak rate worth a finding
RHYTHM_FINDING = 10  # rhythm complaints in one segment worth a finding
EXAMPLES_KEPT = 3  # per category per segment in the report


@dataclass
class VoiceSegment:
    id: str | None  # None: between segments, before the start
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)  # highest rate a minute
    examples: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Spike:
    category: str
    at: float
    rate: float


@dataclass(frozen=True)
class VoiceFinding:
    code: str  # the catalog's finding.<code>
    params: dict[str, object]


@dataclass
class AudienceReview:
    categories: list[tuple[str, str | None, Kind]]  # (id, the plan's label or None, kind)
    segments: list[VoiceSegment]
    spikes: list[Spike]
    series: dict[str, list[tuple[float, float]]]  # complaint rates over time, for the chart
    findings: list[VoiceFinding]

    @property
    def heard(self) -> bool:
        return any(segment.counts for segment in self.segments)

    def kind_of(self, category: str) -> Kind:
        return next((kind for id_, _, kind in self.categories if id_ == category), Kind.other)


class AudienceCollector:
    """The customer voice, collected from the review's one scan (`observe` each event with the states
    before and after it, then `finish`)."""

    def __init__(self, plan: Plan, chart_step: float = 10.0) -> None:
        lexicon = plan.audience.lexicon()
        self.categories = [(c.id, c.label, c.kind) for c in lexicon.categories] + [(UNCATEGORISED, None, Kind.other)]
        # Each category's two figures, named once: a sample is looked at for every one of them.
        self._names = [(category, category in SPIKE_PER_MIN) for category, _, _ in self.categories]
        self._total_names = [metric_name(category, per_min=False) for category, _, _ in self.categories]
        self._rate_names = [metric_name(category) for category, _, _ in self.categories]
        # A sample with every one of them (most): both rows read in C, and only the figures that moved looked at.
        self._totals, self._rates = _row(self._total_names), _row(self._rate_names)
        self._indices = range(len(self.categories))
        self._last_rates: tuple[float, ...] | None = None  # the rates every category's were last looked at with
        self._rates_segment: VoiceSegment | None = None  # ... in this segment (its peaks)
        self.chart_step = chart_step
        self.segments: dict[str | None, VoiceSegment] = {}
        self._previous = (0.0,) * len(self.categories)  # each category's total as last reported
        self.spikes: list[Spike] = []
        self._open_spikes: dict[str, Spike] = {}
        self.series: dict[str, list[tuple[float, float]]] = {name: [] for name in SPIKE_PER_MIN}
        self._spiky = [(index, self.series[category]) for index, (category, spiky) in enumerate(self._names) if spiky]

    def observe(self, event: Event, before: ShowState, after: ShowState) -> None:
        if isinstance(event, MetricSample):
            self.sample(event, before, after)
        elif isinstance(event, CommentExamples):
            segment = self._segment(after)
            for category, texts in event.examples.items():
                kept = segment.examples.setdefault(category, [])
                for text in texts:
                    if len(kept) < EXAMPLES_KEPT and text not in kept:
                        kept.append(text)
        else:
            self._segment(after)  # a segment the show reached is listed in the order it was reached

    def _segment(self, after: ShowState) -> VoiceSegment:
        running = after.running
        key = running.id if running is not None else None
        segment = self.segments.get(key)
        if segment is None:
            segment = self.segments[key] = VoiceSegment(key, running.segment.title if running is not None else "")
        return segment

    def samples(self, run: SampleRun) -> None:
        """`sample` for each of a run of samples, all taken in the same segment."""
        segment = self._segment(run.before)
        totals_of, rates_of, full = self._totals, self._rates, self._full_sample
        for sample in run.samples:
            values = sample.values
            try:
                totals, rates = totals_of(values), rates_of(values)
            except KeyError:  # a sample without some of them
                self._sample(sample, segment)
            else:
                full(sample.at, segment, totals, rates)

    def sample(self, event: MetricSample, before: ShowState, after: ShowState) -> None:
        self._sample(event, self._segment(after))

    def _sample(self, event: MetricSample, segment: VoiceSegment) -> None:
        values = event.values
        try:
            totals, rates = self._totals(values), self._rates(values)
        except KeyError:  # a sample without some of them
            pass
        else:
            self._full_sample(event.at, segment, totals, rates)
            return
        self._last_rates = None  # some categories not looked at: the next full sample looks at all
        previous, counts, peaks = list(self._previous), segment.counts, segment.peaks
        read = values.get
        for index, (category, spiky), total, rate in zip(self._indices, self._names, map(read, self._total_names),
                                                         map(read, self._rate_names, repeat(0.0)), strict=True):
            if total is None:
                continue
            earlier = previous[index]
            if total != earlier:  # most samples: no new comment of this category
                previous[index] = total
                grown = int(total - earlier)
                if grown > 0:
                    counts[category] = counts.get(category, 0) + grown
            if rate > peaks.get(category, 0.0):
                peaks[category] = rate
            if spiky:
                _follow_spike(category, event.at, rate, self._open_spikes, self.spikes)
                self._chart(category, event.at, rate)
        self._previous = tuple(previous)

    def _full_sample(self, at: float, segment: VoiceSegment, totals: tuple[float, ...],
                     rates: tuple[float, ...]) -> None:
        """A sample with every category's figures: what the loop above does, for the figures that moved
        (found in C). A rate as it was last looked at in the same segment changes no peak and no spike."""
        previous, names = self._previous, self._names
        if totals != previous:
            counts = segment.counts
            for index in compress(self._indices, map(ne, totals, previous)):
                grown = int(totals[index] - previous[index])
                if grown > 0:
                    category = names[index][0]
                    counts[category] = counts.get(category, 0) + grown
            self._previous = totals
        last = self._last_rates
        if rates != last or segment is not self._rates_segment:
            peaks = segment.peaks
            for index in (self._indices if last is None or segment is not self._rates_segment
                          else compress(self._indices, map(ne, rates, last))):
                category, spiky = names[index]
                rate = rates[index]
                if rate > peaks.get(category, 0.0):
                    peaks[category] = rate
                if spiky:
                    _follow_spike(category, at, rate, self._open_spikes, self.spikes)
            self._last_rates, self._rates_segment = rates, segment
        for index, points in self._spiky:
            if not points or at - points[-1][0] >= self.chart_step:
                points.append((at, rates[index]))

    def _chart(self, category: str, at: float, rate: float) -> None:
        points = self.series[category]
        if not points or at - points[-1][0] >= self.chart_step:
            points.append((at, rate))

    def finish(self) -> AudienceReview:
        spikes = self.spikes + list(self._open_spikes.values())
        ordered = [s for s in self.segments.values() if s.counts or s.examples]
        voice = AudienceReview(self.categories, ordered, sorted(spikes, key=lambda s: s.at), self.series, [])
        voice.findings = _findings(voice)
        return voice


def _row(names: list[str]) -> Callable[[dict[str, float]], tuple[float, ...]]:
    """The figures of `names` as a tuple (itemgetter gives one name's figure alone)."""
    if len(names) > 1:
        return itemgetter(*names)
    return lambda values: (values[names[0]],)


def _follow_spike(category: str, at: float, rate: float, open_spikes: dict[str, Spike], spikes: list[Spike]) -> None:
    """One spike per stretch above the threshold, at its highest moment."""
    current = open_spikes.get(category)
    if rate >= SPIKE_PER_MIN[category]:
        if current is None or rate > current.rate:
            open_spikes[category] = Spike(category, at, rate)
    elif current is not None:
        spikes.append(open_spikes.pop(category))


def _findings(voice: AudienceReview) -> list[VoiceFinding]:
    findings = []
    titled = [segment for segment in voice.segments if segment.id is not None]
    for category, label, kind in voice.categories:
        if kind is not Kind.question:
            continue
        best = max(titled, key=lambda s: s.peaks.get(category, 0.0), default=None)
        if best is not None and best.peaks.get(category, 0.0) >= QUESTIONS_PEAK:
            findings.append(VoiceFinding("questions_peak", {"category": category, "label": label, "title": best.title,
                                                            "rate": best.peaks[category]}))
    slow = max(titled, key=lambda s: s.counts.get("rhythm_complaints", 0), default=None)
    if slow is not None and slow.counts.get("rhythm_complaints", 0) >= RHYTHM_FINDING:
        findings.append(VoiceFinding("rhythm_complaints", {"title": slow.title,
                                                           "count": slow.counts["rhythm_complaints"]}))
    for spike in voice.spikes:
        if spike.category == "tech_complaints":
            findings.append(VoiceFinding("tech_spike", {"at": spike.at, "rate": spike.rate}))
    return findings
