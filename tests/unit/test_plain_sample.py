"""The journal reader makes a plain metric sample without pydantic's walk: wherever it does, the sample must
be the very one validation makes, and anything it is not sure of goes to validation (which words the error)."""

import copy
import math

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rhythm_console.events import EVENT_ADAPTER, CommentExamples, MetricSample, plain_examples, plain_sample

names = st.one_of(st.sampled_from(["online", "gmv", "audience.size_questions_per_min", "sold:大衣", ""]),
                  st.text(max_size=6))  # control characters, bidi overrides, lone surrogates among them
figures = st.one_of(st.floats(), st.integers(-10, 10), st.booleans(), st.none(), st.sampled_from(["5", "x", [1.0]]))
ats = st.one_of(st.floats(), st.integers(-5, 5), st.none(), st.just("3.0"))
# Half of them samples as the writer makes them (where the plain path is taken), half anything near one.
samples = st.fixed_dictionaries({"at": st.floats(min_value=0), "type": st.just("metric_sample"),
                                 "values": st.dictionaries(names, st.floats(), max_size=5)})
records = samples | st.fixed_dictionaries(
    {"at": ats, "type": st.sampled_from(["metric_sample", "metric_samples", "note"]),
     "values": st.one_of(st.dictionaries(names, figures, max_size=5), st.lists(st.floats(), max_size=2))},
    optional={"extra": st.just(1)})


def _dropped(record: dict, drop: str | None) -> dict:
    return {key: value for key, value in record.items() if key != drop}


@settings(max_examples=500, deadline=None)
@given(record=records, drop=st.sampled_from([None, None, "at", "type", "values"]))
def test_a_plain_sample_is_the_sample_validation_makes(record, drop):
    record = _dropped(record, drop)
    plain = plain_sample(copy.deepcopy(record))
    try:
        validated = EVENT_ADAPTER.validate_python(copy.deepcopy(record))
    except ValidationError:
        assert plain is None  # refused by validation: never taken as plain
        return
    if plain is None:
        return  # validation's to make (a figure to convert, a name to escape)
    assert type(plain) is MetricSample is type(validated)
    assert plain == validated
    assert plain.__dict__ == validated.__dict__
    assert [type(value) for value in plain.values.values()] == [type(value) for value in validated.values.values()]
    assert plain.model_fields_set == validated.model_fields_set
    assert plain.model_dump(mode="json") == validated.model_dump(mode="json")
    assert plain.__pydantic_extra__ == validated.__pydantic_extra__
    assert plain.__pydantic_private__ == validated.__pydantic_private__


def test_a_common_sample_is_plain():
    record = {"at": 12.0, "type": "metric_sample", "values": {"online": 61.0, "gmv": 0.0, "sold:大衣": 2.0}}
    assert plain_sample(dict(record)) == EVENT_ADAPTER.validate_python(dict(record))


def test_what_validation_would_change_or_refuse_is_not_plain():
    sample = {"at": 1.0, "type": "metric_sample", "values": {"online": 5.0}}
    for changed in ({"at": 1}, {"at": -1.0}, {"at": math.nan}, {"values": {"online": 5}},
                    {"values": {"online": True}}, {"values": {"online": "5"}}, {"values": {"on\x1bline": 5.0}},
                    {"values": {"on\u202eline": 5.0}}, {"type": "note"}, {"extra": 1}):
        assert plain_sample({**sample, **changed}) is None, changed


texts = st.one_of(st.sampled_from(["price_questions", "多少钱", "有S码吗\n", ""]), st.text(max_size=6))
example_records = st.fixed_dictionaries(
    {"at": st.floats(min_value=0), "type": st.just("comment_examples"),
     "examples": st.dictionaries(texts, st.lists(texts, max_size=3), max_size=3)}) | st.fixed_dictionaries(
    {"at": ats, "type": st.sampled_from(["comment_examples", "note"]),
     "examples": st.one_of(st.dictionaries(texts, st.one_of(st.lists(st.one_of(texts, st.integers(0, 2), st.none()),
                                                                      max_size=2), texts, st.none()), max_size=3),
                           st.lists(texts, max_size=2))},
    optional={"extra": st.just(1)})


@settings(max_examples=500, deadline=None)
@given(record=example_records, drop=st.sampled_from([None, None, "at", "type", "examples"]))
def test_plain_comment_examples_are_those_validation_makes(record, drop):
    record = _dropped(record, drop)
    plain = plain_examples(copy.deepcopy(record))
    try:
        validated = EVENT_ADAPTER.validate_python(copy.deepcopy(record))
    except ValidationError:
        assert plain is None
        return
    if plain is None:
        return
    assert type(plain) is CommentExamples is type(validated)
    assert plain == validated
    assert plain.__dict__ == validated.__dict__
    assert plain.model_fields_set == validated.model_fields_set
    assert plain.model_dump(mode="json") == validated.model_dump(mode="json")
    assert plain.__pydantic_extra__ == validated.__pydantic_extra__
    assert plain.__pydantic_private__ == validated.__pydantic_private__


def test_common_comment_examples_are_plain_and_escapes_are_not():
    record = {"at": 60.0, "type": "comment_examples", "examples": {"price_questions": ["多少钱", "价格?"]}}
    assert plain_examples(copy.deepcopy(record)) == EVENT_ADAPTER.validate_python(copy.deepcopy(record))
    for changed in ({"at": 1}, {"examples": {"x": ["a\x1b[2J"]}}, {"examples": {"x\u202e": ["a"]}},
                    {"examples": {"x": "a"}}, {"examples": {"x": [1]}}, {"extra": 1}):
        assert plain_examples({**record, **changed}) is None, changed
