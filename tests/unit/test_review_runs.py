"""The review's sections take runs of samples (`samples`) where they took one sample at a time (`sample`): for
any samples, with every figure or only some, taken in any segment, what each gathers must be the same."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.events import Advance, MetricSample, ShowStarted
from rhythm_console.plan import parse_plan
from rhythm_console.review.audience import AudienceCollector
from rhythm_console.review.lottery import CumulativeSeries
from rhythm_console.review.segments import CUMULATIVE, SegmentFigureCollector, SegmentFigures
from rhythm_console.show import SampleRun, scan_runs
from tests.support.plans import SMALL_PLAN

PLAN = parse_plan(SMALL_PLAN)
AUDIENCE = [name for category, _, _ in AudienceCollector(PLAN).categories
            for name in (f"audience.{category}", f"audience.{category}_per_min")]
EVERY = [*CUMULATIVE, "online", "interaction_rate", "ctr", *AUDIENCE]
figure = st.sampled_from([0.0, 1.0, 2.0, 3.0, 7.5, 12.0, 40.0])  # rates past a spike's threshold (10) among them
# Most samples have every figure, as a source that reports them all makes them; some miss a few.
values = st.one_of(st.fixed_dictionaries({name: figure for name in EVERY}),
                   st.fixed_dictionaries({name: figure for name in EVERY}),
                   st.dictionaries(st.sampled_from(EVERY), figure, max_size=12))
steps = st.lists(st.one_of(values, values, values, st.just("start"), st.just("advance")), max_size=50)


def _events(chosen):
    events = []
    for at, step in enumerate(chosen):
        if step == "start":
            events.append(ShowStarted(at=float(at)))
        elif step == "advance":
            events.append(Advance(at=float(at)))
        else:
            events.append(MetricSample(at=float(at), values=step))
    return events


def _figures(figures: dict[str, SegmentFigures]):
    return {key: (f.samples, f.online_sum, f.online_peak, f.sums, f.counts, f.first, list(f.ctr_values),
                  [f.last.get(name) for name in CUMULATIVE]) for key, f in figures.items()}


def _audience(collector: AudienceCollector):
    """What it gathered, in the order it gathered it (the report lists equal counts in the order they came)."""
    return ([(s.id, list(s.counts.items()), s.peaks) for s in collector.segments.values()], collector.spikes,
            list(collector._open_spikes.items()), collector.series, collector.finish())


@settings(max_examples=300, deadline=None)
@given(steps, st.integers(1, 6))
def test_a_run_of_samples_gathers_what_its_samples_one_at_a_time_gather(chosen, longest):
    events = _events(chosen)
    by_run, by_sample = SegmentFigureCollector(), SegmentFigureCollector()
    series_run, series_sample = CumulativeSeries(), CumulativeSeries()
    voice_run, voice_sample = AudienceCollector(PLAN), AudienceCollector(PLAN)
    for step in scan_runs(PLAN, events, longest):
        if isinstance(step, SampleRun):
            by_run.samples(step.samples, step.before.running)
            series_run.samples(step.samples)
            voice_run.samples(step)
            for sample in step.samples:
                by_sample.sample(sample, step.before.running)
                series_sample.sample(sample)
                voice_sample.sample(sample, step.before, step.after)
        else:
            event, before, after = step
            for collector in (by_run, by_sample):
                collector.observe(event, before)
            for voice in (voice_run, voice_sample):
                voice.observe(event, before, after)
    assert _figures(by_run.figures) == _figures(by_sample.figures)
    assert [by_run._latest.get(n) if by_run._latest else None for n in CUMULATIVE] == \
        [by_sample._latest.get(n) if by_sample._latest else None for n in CUMULATIVE]
    assert list(series_run.times) == list(series_sample.times)
    assert series_run._since == series_sample._since
    assert {k: list(v) for k, v in series_run._values.items()} == {k: list(v) for k, v in series_sample._values.items()}
    assert _audience(voice_run) == _audience(voice_sample)
