"""Metric samples are written by a faster path than other records: their lines must be byte for byte
what the general path (json) writes, whatever the figures, and a figure that is not finite is refused."""

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.clock import ManualClock
from rhythm_console.events import MetricSample
from rhythm_console.journal import JournalWriter, UnwritableRecord
from rhythm_console.plan import parse_plan
from tests.support.plans import SMALL_PLAN

PLAN = parse_plan(SMALL_PLAN, "small.yaml")
names = st.sampled_from(["online", "gmv", "interaction_rate", "audience.size_questions_per_min", "sold:大衣",
                         "e-name", "0.00001", "名字\u2028"])
figures = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.floats(min_value=-1e-3, max_value=1e-3),
                    st.sampled_from([1e-05, 1.5e-07, 0.0001, 1e16, 1e22, -0.0, 5e-324, 123456789012345678.0]))


def _general_line(seq: int, wall: str, sample: MetricSample) -> str:
    record = {"seq": seq, "wall": wall, **sample.model_dump(mode="json")}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(at=st.floats(min_value=0, max_value=1e7), values=st.dictionaries(names, figures, max_size=6))
def test_a_sample_is_written_as_json_writes_it(tmp_path_factory, at, values):
    path = tmp_path_factory.mktemp("j") / "s.jsonl"
    sample = MetricSample(at=at, values=values)
    with JournalWriter(path, PLAN, clock=ManualClock(), sync=lambda fd: None) as writer:
        writer.append(sample)
        wall = json.loads(writer.last_line)["wall"]
    assert path.read_text(encoding="utf-8").splitlines()[1] == _general_line(1, wall, sample)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_figure_not_finite_is_refused_and_nothing_is_written(tmp_path, bad):
    path = tmp_path / "s.jsonl"
    with JournalWriter(path, PLAN, clock=ManualClock(), sync=lambda fd: None) as writer:
        with pytest.raises(UnwritableRecord):
            writer.append(MetricSample(at=1, values={"online": 5.0, "gmv": bad}))
    assert len(path.read_text(encoding="utf-8").splitlines()) == 1  # the header alone


def test_figures_whose_sum_overflows_are_still_written_exactly(tmp_path):
    path = tmp_path / "s.jsonl"
    sample = MetricSample(at=1, values={"a": 1.5e308, "b": 1.5e308})  # finite each; their sum is not
    with JournalWriter(path, PLAN, clock=ManualClock(), sync=lambda fd: None) as writer:
        writer.append(sample)
        wall = json.loads(writer.last_line)["wall"]
    assert path.read_text(encoding="utf-8").splitlines()[1] == _general_line(1, wall, sample)
