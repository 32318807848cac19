"""The journal's reader parses most lines (samples, comment examples) against their types in one pass, in C: wherever
it takes a line so, it must read the very record the general path reads (orjson, the record's rules, validation),
and any line it is not sure of goes to the general path, which says what is wrong with it."""

import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.journal import JournalError, _checked, _one_pass

_written = _one_pass().read


class Number:
    """A number as a line may spell it (JSON that Python's json would not write: 1E5, 1e400, 30 digits)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _json(value: object, duplicate: bool) -> str:
    if isinstance(value, Number):
        return value.text
    if isinstance(value, dict):
        items = [f"{json.dumps(key)}:{_json(item, duplicate)}" for key, item in value.items()]
        if duplicate and items:
            items.insert(0, items[-1].split(":", 1)[0] + ":0")  # the key twice: JSON's readers keep the last
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json(item, duplicate) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


number_texts = st.one_of(
    st.integers(-10, 10**30).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["1E5", "1e400", "-1e400", "1e-400", "-0.0", "0.0", "1e15", "1000000000000000.5", "1e16",
                     "2592000", "2592000.1", "9007199254740992", "9007199254740993", "4.9e-324", "01", "1.", ".5"]),
).map(Number)
texts = st.one_of(st.sampled_from(["online", "gmv", "多少钱", "sold:大衣", "", "a\x1b[2J", "b\u202e", "\u2028"]),
                  st.text(max_size=4))
anything = st.one_of(number_texts, texts, st.booleans(), st.none(), st.lists(st.integers(0, 2), max_size=2))
small_seqs = st.integers(-1, 6).map(lambda n: Number(str(n)))
seqs = st.one_of(small_seqs, small_seqs, small_seqs, number_texts, st.just(Number("1.0")), anything)
walls = st.one_of(st.just("2026-12-06T20:00:01.000+08:00"), st.just("w"), anything)
float_ats = st.floats(min_value=0, max_value=3e6, allow_nan=False).map(lambda at: Number(repr(at)))
ats = st.one_of(float_ats, float_ats, float_ats, number_texts, anything)
figures = st.dictionaries(texts, number_texts, max_size=4)
samples = st.fixed_dictionaries({"seq": seqs, "wall": walls, "at": ats, "type": st.just("metric_sample"),
                                 "values": st.one_of(figures, figures, figures, st.dictionaries(texts, anything, max_size=3),
                                                     anything)})
said = st.dictionaries(texts, st.lists(texts, max_size=3), max_size=3)
examples = st.fixed_dictionaries({"seq": seqs, "wall": walls, "at": ats, "type": st.just("comment_examples"),
                                  "examples": st.one_of(said, said, said, st.dictionaries(texts, anything, max_size=2),
                                                        anything)})
others = st.fixed_dictionaries({"seq": seqs, "wall": walls, "at": ats,
                                "type": st.sampled_from(["note", "metric_samples", "advance", 3])},
                               optional={"text": texts, "values": figures})


@st.composite
def lines(draw: st.DrawFn) -> bytes:
    record = draw(st.one_of(samples, samples, examples, examples, others))
    if draw(st.integers(0, 9)) == 0:
        record["extra"] = 1
    keys = draw(st.permutations(list(record)))
    text = _json({key: record[key] for key in keys}, duplicate=draw(st.integers(0, 9)) == 0)
    line = (text + draw(st.sampled_from(["\n", "", " \n", "\r\n"]))).encode()
    if draw(st.integers(0, 9)) == 0:
        line = line[:draw(st.integers(0, len(line)))]  # a torn line, cut at any byte
    return line


names = st.one_of(st.sampled_from(["online", "gmv", "audience.price_questions", "sold:大衣"]), st.text(max_size=3))
written_numbers = st.one_of(st.floats(allow_nan=False, allow_infinity=False).map(repr),
                            st.integers(-10**20, 10**20).map(str), number_texts.map(lambda number: number.text))
written_records = st.fixed_dictionaries({
    "seq": st.integers(1, 6), "wall": st.text(max_size=3),
    "at": st.one_of(st.floats(min_value=0, max_value=3e6), st.integers(0, 9)).map(lambda at: Number(repr(at))),
}).flatmap(lambda fields: st.one_of(
    st.fixed_dictionaries({**{key: st.just(value) for key, value in fields.items()}, "type": st.just("metric_sample"),
                           "values": st.dictionaries(names, written_numbers.map(Number), max_size=5)}),
    st.fixed_dictionaries({**{key: st.just(value) for key, value in fields.items()}, "type": st.just("comment_examples"),
                           "examples": st.dictionaries(names, st.lists(names, max_size=3), max_size=3)})))


@st.composite
def written_lines(draw: st.DrawFn) -> bytes:
    """Lines as the writer writes samples and examples (in any order of fields, any figure), most of them taken."""
    record = draw(written_records)
    keys = draw(st.permutations(list(record)))
    return (_json({key: record[key] for key in keys}, duplicate=False) + "\n").encode()


def _same_as_general_path(line: bytes, previous: int) -> bool:
    written = _written(line, previous)
    if written is None:
        return False  # the general path's, as every line was before
    seq, wall, event = _checked(orjson.loads(line), lambda: "x", previous)  # the reader's parse; refused: a failure
    assert (written[0], written[1]) == (seq, wall)
    assert type(written[2]) is type(event)
    assert written[2] == event
    assert written[2].__dict__ == event.__dict__
    assert list(written[2].__dict__) == list(event.__dict__)
    assert written[2].model_fields_set == event.model_fields_set
    assert written[2].model_dump(mode="json") == event.model_dump(mode="json")
    assert written[2].__pydantic_extra__ == event.__pydantic_extra__
    assert written[2].__pydantic_private__ == event.__pydantic_private__
    if event.type == "metric_sample":
        assert [type(value) for value in written[2].values.values()] == [type(v) for v in event.values.values()]
        assert list(written[2].values) == list(event.values)
    return True


@settings(max_examples=2000, deadline=None)
@given(line=lines(), previous=st.integers(0, 4))
def test_a_line_read_in_one_pass_is_the_record_the_general_path_reads(line, previous):
    _same_as_general_path(line, previous)


@settings(max_examples=2000, deadline=None)
@given(line=written_lines(), previous=st.integers(0, 4))
def test_a_written_line_read_in_one_pass_is_the_record_the_general_path_reads(line, previous):
    _same_as_general_path(line, previous)


def test_the_writers_sample_and_examples_are_read_in_one_pass():
    sample = b'{"seq":3,"wall":"2026-12-06T20:00:01.000+08:00","at":1.5,"type":"metric_sample","values":{"online":61.0}}\n'
    said = b'{"seq":4,"wall":"w","at":60.0,"type":"comment_examples","examples":{"price_questions":["\xe5\xa4\x9a"]}}\n'
    assert _written(sample, 2) == _checked(orjson.loads(sample), lambda: "x", 2)
    assert _written(said, 3) == _checked(orjson.loads(said), lambda: "x", 3)


def test_what_the_rules_refuse_or_validation_changes_goes_to_the_general_path():
    sample = {"seq": 3, "wall": "w", "at": 1.5, "type": "metric_sample", "values": {"online": 61.0}}
    for changed, previous in (({}, 3), ({"seq": 0}, 0), ({"at": -1.0}, 0), ({"at": 3e6}, 0), ({"wall": 1}, 0),
                              ({"values": {"online": 2e15}}, 0), ({"values": {"on\x1bline": 1.0}}, 0),
                              ({"values": {"online": True}}, 0), ({"extra": 1}, 0), ({"type": "note"}, 0)):
        line = json.dumps({**sample, **changed}).encode()
        assert _written(line, previous) is None, changed
    assert _written(b'{"seq":1,"wall":"w","at":1.0,"type":"comment_examples","examples":{"x":["a\\u001b"]}}', 0) is None
    try:
        _checked(orjson.loads(json.dumps({**sample, "at": 3e6})), lambda: "j.jsonl:2", 0)
    except JournalError as exc:
        assert exc.said.key == "error.journal.record.at"
    else:
        raise AssertionError("an at beyond a month is refused")
