"""The review's customer voice: per segment the questions by topic, complaints by kind and buying
signals, with the journaled example comments, the moments complaints spiked, and findings.

Pure: a journal's plan and events in (the same scan as the rest of the review), an AudienceReview out.
Counts come from the samples' audience.<category> totals, examples from CommentExamples events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rhythm_console.audience.lexicon import UNCATEGORISED, Kind, metric_name
from rhythm_console.events import CommentExamples, Event, MetricSample
from rhythm_console.plan import Plan
from rhythm_console.show import scan

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


def audience_review(plan: Plan, events: Iterable[Event], chart_step: float = 10.0) -> AudienceReview:
    lexicon = plan.audience.lexicon()
    categories = [(c.id, c.label, c.kind) for c in lexicon.categories] + [(UNCATEGORISED, None, Kind.other)]
    ids = [category for category, _, _ in categories]
    segments: dict[str | None, VoiceSegment] = {}
    previous: dict[str, float] = {}
    spikes: list[Spike] = []
    open_spikes: dict[str, Spike] = {}
    series: dict[str, list[tuple[float, float]]] = {name: [] for name in SPIKE_PER_MIN}
    for event, _, after in scan(plan, events):
        running = after.running
        key = running.id if running is not None else None
        if key not in segments:
            segments[key] = VoiceSegment(key, running.segment.title if running is not None else "")
        segment = segments[key]
        if isinstance(event, CommentExamples):
            for category, texts in event.examples.items():
                kept = segment.examples.setdefault(category, [])
                for text in texts:
                    if len(kept) < EXAMPLES_KEPT and text not in kept:
                        kept.append(text)
        elif isinstance(event, MetricSample):
            values = event.values
            for category in ids:
                total = values.get(metric_name(category, per_min=False))
                if total is None:
                    continue
                grown = int(total - previous.get(category, 0.0))
                previous[category] = total
                if grown > 0:
                    segment.counts[category] = segment.counts.get(category, 0) + grown
                rate = values.get(metric_name(category), 0.0)
                if rate > segment.peaks.get(category, 0.0):
                    segment.peaks[category] = rate
                if category in SPIKE_PER_MIN:
                    _follow_spike(category, event.at, rate, open_spikes, spikes)
                    points = series[category]
                    if not points or event.at - points[-1][0] >= chart_step:
                        points.append((event.at, rate))
    spikes.extend(open_spikes.values())
    ordered = [s for s in segments.values() if s.counts or s.examples]
    voice = AudienceReview(categories, ordered, sorted(spikes, key=lambda s: s.at), series, [])
    voice.findings = _findings(voice)
    return voice


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
