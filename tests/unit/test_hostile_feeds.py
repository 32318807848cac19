"""Feeds are outside input: any JSON value anywhere is counted or refused, never raised or let through."""

import io
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console.metrics.room import MAX_AMOUNT, MAX_COUNT, EventKind, RoomMetrics
from rhythm_console.sources.douyin import DouyinMapper
from rhythm_console.sources.jsonl import JsonlMapper
from rhythm_console.sources.mapping import SeenWindow, to_amount, to_count
from rhythm_console.sources.probe import FeedTally, probe, summary

LONG_DIGITS = "9" * 5000
# Every number-ish thing a broken or hostile collector has been seen to send.
BAD_NUMBERS = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", LONG_DIGITS, "-" + LONG_DIGITS, -5, -0.5,
               "-5", "-3万", 1e300, -1e300, 10**13, True, [], {}, {"a": [1]}, "lots", "9" * 30 + "万"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
    | st.sampled_from(["nan", "inf", "-1", "1e400", LONG_DIGITS, "10.5万", "-2万", "\x1b[2J"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
FIELDS = ["type", "id", "user", "count", "amount", "online", "cumulative_viewers", "likes_total"]
jsonl_records = st.fixed_dictionaries({}, optional={
    "type": st.sampled_from(["snapshot", "comment", "like", "order", "click", "teleport"]) | json_values,
    **{name: json_values for name in FIELDS[1:]}})
douyin_records = st.fixed_dictionaries({
    "common": st.fixed_dictionaries({}, optional={
        "method": st.sampled_from(["WebcastChatMessage", "WebcastLikeMessage", "WebcastMemberMessage",
                                   "WebcastRoomUserSeqMessage", "WebcastRoomStatsMessage", "WebcastSocialMessage",
                                   "WebcastControlMessage"]) | json_values,
        "msgId": json_values, "createTime": json_values}),
}, optional={name: json_values for name in ["user", "count", "total", "totalUser", "memberCount", "displayLong",
                                             "action", "status"]})


def _figures_are_sane(room: RoomMetrics) -> None:
    for name, value in room.figures(0.0).items():
        assert math.isfinite(value), name
        assert value >= 0, name
    assert room.online is None or 0 <= room.online <= MAX_COUNT
    assert 0 <= room.gmv


@settings(max_examples=300, deadline=None)
@given(st.lists(jsonl_records | json_values, max_size=6))
def test_any_jsonl_line_is_counted_or_refused_and_figures_stay_finite(values):
    room = RoomMetrics()
    mapper = JsonlMapper(room)
    for value in values:
        mapper.feed(value, 1.0)
    _figures_are_sane(room)
    # The probe's JSON is strict JSON: it would raise on a NaN.
    tally = FeedTally(provides_commerce=True)
    probed = JsonlMapper(tally)
    for value in values:
        probed.feed(value, 1.0)
    json.dumps(summary(probed, tally), allow_nan=False)
    assert tally.totals == room.totals and tally.online == room.online  # the probe counts as the console does


@settings(max_examples=300, deadline=None)
@given(st.lists(douyin_records | json_values, max_size=6))
def test_any_douyin_message_is_counted_or_refused_and_figures_stay_finite(values):
    room = RoomMetrics(provides_commerce=False)
    mapper = DouyinMapper(room)
    for value in values:
        mapper.feed(value, 1.0)
    _figures_are_sane(room)
    assert mapper.last_create_time is None or math.isfinite(mapper.last_create_time)


def test_every_bad_number_is_malformed_in_every_numeric_field():
    room = RoomMetrics()
    mapper = JsonlMapper(room)
    records = []
    for bad in BAD_NUMBERS:
        records += [{"type": "order", "amount": bad}, {"type": "like", "count": bad},
                    {"type": "snapshot", "online": bad}, {"type": "snapshot", "cumulative_viewers": bad},
                    {"type": "snapshot", "likes_total": bad}]
    for record in records:
        mapper.feed(record, 1.0)
    assert mapper.malformed == len(records) and mapper.items == {}
    assert room.items == 0 and room.gmv == 0 and room.online is None


def test_the_probe_of_a_feed_of_bad_numbers_is_strict_json(capsys, tmp_path):
    from rhythm_console.cli import main

    feed = tmp_path / "bad.jsonl"
    lines = [json.dumps({"type": "order", "amount": bad}) for bad in BAD_NUMBERS]
    lines += ['{"type": "order", "amount": NaN}', '{"type": "snapshot", "online": 1e400}', '{"type": "order", "amount": 5}']
    feed.write_text("\n".join(lines) + "\n")
    assert main(["probe", f"jsonl:{feed}", "--json"]) == 0
    result = json.loads(capsys.readouterr().out, parse_constant=_refuse)
    assert result["malformed"] == len(lines) - 1 and result["metrics"]["gmv"] == 5.0


def _refuse(constant: str) -> None:
    raise AssertionError(f"not JSON: {constant}")


def test_counts_and_amounts_read_what_collectors_write_within_bounds():
    assert to_count("2252在线观众") == 2252 and to_count("10.5万") == 105000 and to_count(12.9) == 12
    assert to_count(MAX_COUNT) == MAX_COUNT and to_count(0) == 0 and to_count(None) is None
    assert to_amount("199.5") == 199.5 and to_amount(MAX_AMOUNT) == MAX_AMOUNT and to_amount(None) == 0


def test_the_room_refuses_figures_out_of_range_even_from_a_careless_source():
    room = RoomMetrics()
    room.event(EventKind.order, 1.0, 1, float("nan"))
    room.event(EventKind.order, 1.0, 1, float("inf"))
    room.event(EventKind.like, 1.0, -3)
    room.event(EventKind.comment, float("inf"))
    room.snapshot(1.0, online=-1)
    room.snapshot(float("nan"), online=5)
    assert room.rejected == 6 and room.items == 0 and room.gmv == 0 and room.online is None
    room.restore({"gmv": float("nan"), "online": float("inf"), "comments": 3})
    assert room.gmv == 0 and room.online is None and room.totals[EventKind.comment] == 3


def test_ids_and_names_must_be_text_or_numbers_never_deep_structures():
    room = RoomMetrics()
    mapper = JsonlMapper(room)
    deep: object = "x"
    for _ in range(900):
        deep = [deep]
    mapper.feed({"type": "comment", "user": deep}, 1.0)
    mapper.feed({"type": "comment", "id": {"a": 1}}, 1.0)
    mapper.feed([[{"type": "comment"}]], 1.0)  # arrays of arrays are not a feed's shape
    assert mapper.malformed == 3 and room.items == 0
    douyin = DouyinMapper(RoomMetrics())
    douyin.feed({"common": {"method": ["WebcastChatMessage"]}}, 1.0)  # unhashable method
    douyin.feed({"common": {"method": "WebcastChatMessage", "msgId": [1]}}, 1.0)
    assert douyin.malformed == 2


def test_unknown_types_are_remembered_within_a_bound():
    mapper = JsonlMapper(RoomMetrics())
    for n in range(5000):
        mapper.feed({"type": f"t{n}" + "x" * 500}, 1.0)
    assert mapper.unknown == 5000
    assert len(mapper.unknown_methods) <= 200 and all(len(name) <= 80 for name in mapper.unknown_methods)


def test_the_duplicate_window_forgets_exactly_the_oldest_id_one_at_a_time():
    window = SeenWindow(limit=3)
    for key in "abcd":
        window.add(key)
    assert "a" not in window and all(key in window for key in "bcd") and len(window) == 3


def test_duplicates_beyond_the_window_in_a_probe(tmp_path):
    lines = [json.dumps({"type": "comment", "id": str(n)}) for n in range(2000)] + ['{"type": "comment", "id": "1999"}']
    mapper, room, _ = probe("jsonl", io.BytesIO("\n".join(lines).encode()))
    assert mapper.duplicates == 1 and room.items == 2000
