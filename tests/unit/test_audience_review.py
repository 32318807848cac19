"""The review's customer voice, on a journal built for it: per segment questions, complaints and buying
signals with examples, complaint spikes, findings; and `report` printing the section."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.audience.lexicon import metric_name
from rhythm_console.clock import ManualClock
from rhythm_console.events import MetricSample
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.metrics.room import EventKind
from rhythm_console.plan import parse_plan
from rhythm_console.report.audience import voice_markdown
from rhythm_console.review import build_review
from rhythm_console.review.audience import AudienceCollector
from rhythm_console.session import LiveSession
from rhythm_console.show import RunStatus, initial_state
from tests.support.reviews import review_of

PLAN = """
show: {title: 测试}
segments:
  - {id: open, kind: opening, title: 开场, duration: 2m}
  - {id: pants, kind: product, title: 主推③ 阔腿裤, duration: 3m, product: {name: 阔腿裤, price: 199}}
"""


def _build(path) -> None:
    clock = ManualClock()
    plan = parse_plan(PLAN)
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock), lang="zh")
    session.start_or_advance()

    def seconds(count: int, *texts: str) -> None:
        for _ in range(count):
            clock.advance(1)
            for text in texts:
                session.room.event(EventKind.comment, session.now(), user="u")
                session.room.said(text, session.now())
            session.second()

    seconds(60, "卡了")  # the opening: lag, 60 a minute
    seconds(60, "主播好")
    session.start_or_advance()
    seconds(90, "多大码", "拍了")  # the product: sizes and sales
    session.end_show()
    session.close()


def test_customer_voice_per_segment(tmp_path) -> None:
    path = tmp_path / "show.jsonl"
    _build(path)
    journal = read_journal(path)
    voice = review_of(journal).voice
    by_title = {segment.title: segment for segment in voice.segments}
    opening, pants = by_title["开场"], by_title["主推③ 阔腿裤"]
    assert opening.counts["tech_complaints"] == 60 and "size_questions" not in opening.counts
    assert pants.counts["size_questions"] == 90 and pants.counts["buy_signals"] == 90
    assert pants.peaks["size_questions"] == 60
    assert pants.examples["size_questions"] == ["多大码"]
    assert [spike.category for spike in voice.spikes] == ["tech_complaints"]
    codes = {(finding.code, finding.params.get("title")) for finding in voice.findings}
    assert ("questions_peak", "主推③ 阔腿裤") in codes and ("tech_spike", None) in codes
    text = voice_markdown(voice, "zh", journal.header.started_wall)
    assert "尺码问题在“主推③ 阔腿裤”达到峰值（60/分）" in text
    assert "技术投诉集中" in text and "“多大码”" in text


def test_report_command_adds_the_section(tmp_path) -> None:
    path = tmp_path / "show.jsonl"
    _build(path)
    done = subprocess.run([sys.executable, "-m", "rhythm_console", "report", str(path), "--lang", "en"],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "## Customer voice" in done.stdout and "size questions peaked during “主推③ 阔腿裤” (60/min)" in done.stdout
    html = subprocess.run([sys.executable, "-m", "rhythm_console", "report", str(path), "--format", "html"],
                          capture_output=True, text=True)
    assert "<section class='voice'>" in html.stdout and html.stdout.rstrip().endswith("</html>")


def test_no_comments_no_section(tmp_path) -> None:
    clock = ManualClock()
    plan = parse_plan(PLAN)
    voice = build_review(plan, [], started_wall=clock.wall()).voice
    assert not voice.heard and voice_markdown(voice, "zh", clock.wall()) == ""


def _voice(samples: list[tuple[int, dict[str, float]]], by_figure: bool = False):
    """The collector's review of `samples` (segment index, figures), one a second across the plan's two segments."""
    plan = parse_plan(PLAN)
    collector = AudienceCollector(plan)
    if by_figure:  # as if no sample had every figure
        collector._totals = collector._rates = lambda values: {}["never reported"]
    states = [initial_state(plan)]
    for segment in plan.segments:  # a state with each segment running, as the scan gives them
        running = states[0].index_of(segment.id)
        states.append(replace(states[0], current=running, runs=tuple(
            replace(run, status=RunStatus.running) if index == running else run
            for index, run in enumerate(states[0].runs))))
    for second, (segment, values) in enumerate(samples):
        state = states[segment]
        collector.observe(MetricSample(at=float(second), values=values), state, state)
    return collector.finish()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_sample_with_every_figure_reads_as_one_looked_at_figure_by_figure(data) -> None:
    categories = [category for category, _, _ in AudienceCollector(parse_plan(PLAN)).categories]
    names = [metric_name(c, per_min=False) for c in categories] + [metric_name(c) for c in categories]
    figure = st.sampled_from([0.0, 1.0, 2.0, 5.0, 9.0, 10.0, 12.0, 30.0])
    sample = st.tuples(st.integers(0, 2), st.fixed_dictionaries({name: figure for name in names},
                                                                 optional={"online": figure}))
    partial = st.tuples(st.integers(0, 2), st.dictionaries(st.sampled_from(names), figure))
    samples = data.draw(st.lists(st.one_of(sample, sample, partial), max_size=40))
    # Every sample looked at figure by figure (no sample has a name that is never there) against the rows.
    assert _voice(samples) == _voice(samples, by_figure=True)

