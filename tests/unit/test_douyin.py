"""The douyin mapping on fixtures in the collectors' shapes."""

import json
import subprocess
import sys

import pytest

from rhythm_console.metrics.room import RoomMetrics
from rhythm_console.sources.douyin import DouyinMapper, Malformed, to_count
from rhythm_console.sources.probe import probe, summary
from tests.support.plans import DATA

FEEDS = DATA / "feeds"
SAMPLES = DATA / "douyin-samples"


@pytest.mark.parametrize(("value", "expected"), [
    (12, 12), ("12", 12), ("10.5万", 105000), ("2252在线观众", 2252), ("1.2万在线观众", 12000), (3.7, 3),
    (None, None), ("", None), ("3亿", 300_000_000),
])
def test_to_count_reads_collector_numbers(value, expected):
    assert to_count(value) == expected


@pytest.mark.parametrize("value", ["lots", [1], {"a": 1}])
def test_to_count_refuses_the_rest(value):
    with pytest.raises(Malformed):
        to_count(value)


def test_quirks_capture_counts_every_quirk():
    with open(FEEDS / "douyin-quirks.jsonl", "rb") as handle:
        mapper, room, interrupted = probe("douyin", handle)
    result = summary(mapper, room)
    assert not interrupted
    assert result["items"] == {"comment": 2, "enter": 2, "follow": 1, "gift": 1, "like": 1, "share": 1, "snapshot": 6}
    assert (result["malformed"], result["unknown"], result["duplicates"]) == (6, 2, 1)
    metrics = result["metrics"]
    assert metrics["online"] == 12000 and metrics["online_peak"] == 12000
    assert metrics["likes"] == 105000  # the room total, read from "10.5万"
    assert (metrics["comments"], metrics["entries"], metrics["follows"], metrics["shares"], metrics["gifts"]) == (2, 2, 1, 1, 1)
    assert metrics["product_clicks"] is None and metrics["orders"] is None and metrics["gmv"] is None
    assert mapper.unknown_methods == {"WebcastFansclubMessage": 1, "WebcastEmojiChatMessage": 1}
    assert mapper.last_create_time == 1720284940.0


def test_reference_samples_map(tmp_path):
    room = RoomMetrics(provides_commerce=False)
    mapper = DouyinMapper(room)
    for path in sorted(SAMPLES.glob("*.json")):
        mapper.feed(json.loads(path.read_text(encoding="utf-8")), 0.0)
    assert mapper.items == {"follow": 1, "gift": 1, "product_update": 1, "snapshot": 2}
    assert room.online_peak == 2252 and room.cumulative_viewers == 6597


def test_a_pretty_printed_array_file_is_read_whole(tmp_path):
    messages = [{"common": {"method": "WebcastChatMessage", "msgId": str(n)}, "user": {"id": str(n)}} for n in range(3)]
    path = tmp_path / "array.json"
    path.write_text(json.dumps(messages, indent=2), encoding="utf-8")
    with open(path, "rb") as handle:
        mapper, room, _ = probe("douyin", handle)
    assert mapper.items == {"comment": 3} and mapper.malformed == 0


def test_a_run_of_values_is_mapped_as_the_same_values_one_at_a_time():
    def chat(n, created):
        return {"common": {"method": "WebcastChatMessage", "msgId": str(n), "createTime": created},
                "user": {"id": "u"}, "content": "多少钱"}

    values = [chat(1, 1000), [chat(2, 2000), [chat(3, 3000)], 7, chat(1, 4000)], "x", chat(4, 5000),
              {"common": {"method": "WebcastLikeMessage", "msgId": "5"}, "count": "nan"}, chat(5, 6000)]
    one_at_a_time, in_one_run = DouyinMapper(RoomMetrics(), seen_limit=3), DouyinMapper(RoomMetrics(), seen_limit=3)
    for value in values:
        one_at_a_time.feed(value, 0.0)
    in_one_run.feed_values(iter(values), 0.0)
    for mapper in (one_at_a_time, in_one_run):
        assert (mapper.items, mapper.malformed, mapper.duplicates) == ({"comment": 3}, 4, 2)
        assert mapper.last_create_time == 5.0  # the last message holding one (the duplicate of 5 is not read)


def test_duplicates_are_remembered_within_a_bound():
    mapper = DouyinMapper(RoomMetrics(), seen_limit=100)

    def message(n):
        return {"common": {"method": "WebcastChatMessage", "msgId": str(n)}, "user": {"id": "1"}}

    for n in range(1000):
        mapper.feed(message(n), 0.0)
    mapper.feed(message(999), 0.0)
    assert mapper.duplicates == 1
    assert len(mapper._seen) <= 101


def test_probe_cli_json_and_text(capsys):
    from rhythm_console.cli import main

    assert main(["probe", f"douyin:{FEEDS / 'douyin-quirks.jsonl'}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["duplicates"] == 1 and data["metrics"]["orders"] is None
    assert main(["probe", f"douyin:{FEEDS / 'douyin-quirks.jsonl'}", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "no data from this source" in out and "WebcastFansclubMessage 1" in out


def test_probe_reads_stdin():
    done = subprocess.run([sys.executable, "-m", "rhythm_console", "probe", "douyin:-", "--json"],
                          input=(FEEDS / "douyin-quirks.jsonl").read_bytes(), capture_output=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"]["comment"] == 2


def test_probe_of_a_missing_file_is_a_clear_error(capsys):
    from rhythm_console.cli import main

    assert main(["probe", "douyin:/nonexistent/capture.jsonl", "--lang", "en"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_envelope_style_messages_from_other_collectors():
    room = RoomMetrics(provides_commerce=False)
    mapper = DouyinMapper(room)
    mapper.feed({"method": "WebcastChatMessage", "msgId": "9", "payload": {"user": {"id": "1"}, "content": "hi"}}, 0.0)
    mapper.feed({"method": "WebcastRoomStatsMessage", "msg_id": "10", "total": "88"}, 0.0)
    mapper.feed({"method": "WebcastChatMessage", "msgId": "9", "payload": {"user": {"id": "1"}}}, 0.0)
    mapper.feed({"method": 42}, 0.0)
    assert mapper.items == {"comment": 1, "snapshot": 1}
    assert (mapper.duplicates, mapper.malformed) == (1, 1) and room.online == 88


def test_the_probe_gives_the_garbage_collector_back_as_it_found_it():
    import gc
    import io

    line = b'{"common": {"method": "WebcastChatMessage", "msgId": "1"}, "user": {"id": "1"}}\n'
    assert gc.isenabled()
    probe("douyin", io.BytesIO(line))
    assert gc.isenabled()
    gc.disable()
    try:
        probe("douyin", io.BytesIO(line))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_repeated_unknown_message_is_a_duplicate_not_unknown_again():
    mapper = DouyinMapper(RoomMetrics())
    for _ in range(2):
        mapper.feed({"common": {"method": "WebcastFooMessage", "msgId": "5"}}, 0.0)
    assert (mapper.unknown, mapper.duplicates) == (1, 1)


@pytest.mark.parametrize("kind", ["douyin", "jsonl"])
def test_a_capture_saved_with_a_bom_keeps_its_first_message(kind, tmp_path):
    """Notepad and Windows collectors start a UTF-8 file with a BOM: the first message is no less one."""
    import io

    if kind == "douyin":
        lines = [json.dumps({"common": {"method": "WebcastChatMessage", "msgId": str(n)}, "content": "x"})
                 for n in range(3)]
    else:
        lines = [json.dumps({"type": "order", "amount": 899 - n, "user": f"u{n}", "id": f"o-{n}"}) for n in range(3)]
    data = b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n"
    mapper, tally, _ = probe(kind, io.BytesIO(data))
    assert mapper.malformed == 0
    assert sum(mapper.items.values()) == 3
