"""The journal only ever holds valid JSON, and one reader refuses (with the line) or warns about damage."""

import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhythm_console.clock import ManualClock
from rhythm_console.events import MetricSample, Note, ShowStarted
from rhythm_console.i18n import speaking
from rhythm_console.journal import (
    MAX_AT,
    JournalError,
    JournalInUse,
    JournalWriter,
    UnwritableRecord,
    read_journal,
)
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.show import fold
from tests.support.plans import ROOT
from tests.support.reviews import review_of

THREE_EVENTS = (ShowStarted(at=0), Note(at=1, text="a"), Note(at=2, text="b"))


def _journal(path, plan, events=THREE_EVENTS):
    with JournalWriter(path, plan, clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in events:
            writer.append(event)
    return path


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_the_writer_refuses_a_number_that_is_not_finite_and_the_journal_stays_readable(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    with JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None) as writer:
        writer.append(ShowStarted(at=0))
        with pytest.raises(UnwritableRecord, match="metric_sample record holds a number that is not finite"):
            writer.append(MetricSample(at=1, values={"gmv": float("nan")}))
        writer.append(Note(at=2, text="after"))
    journal = read_journal(path)
    assert journal.seqs == [1, 2] and not journal.warnings


@pytest.mark.parametrize(("line", "message"), [
    ('{"seq": 2, "wall": "", "at": 1e9, "type": "note", "text": "x"}', "at 1e+09 is not a time within a show"),
    ('{"seq": 2, "wall": "", "at": -1, "type": "note", "text": "x"}', "is not a time within a show"),
    ('{"seq": 2, "wall": "", "at": NaN, "type": "note", "text": "x"}', "not JSON"),
    ('{"seq": 1, "wall": "", "at": 1, "type": "note", "text": "x"}', "seq 1 does not follow seq 1"),
    ('{"seq": "2", "wall": "", "at": 1, "type": "note", "text": "x"}', "seq '2' is not a positive whole number"),
    ('{"seq": 2.5, "wall": "", "at": 1, "type": "note", "text": "x"}', "is not a positive whole number"),
    ('{"seq": 2, "wall": 5, "at": 1, "type": "note", "text": "x"}', "wall is not text"),
    ('{"seq": 2, "at": 1, "type": "metric_sample", "values": {"gmv": 1e300}}', "the figure 'gmv' is 1e+300"),
    ('{"seq": 2, "at": 1, "type": "extend", "seconds": 1e300}', "extend by 1e+300"),
    ('[' * 5000 + ']' * 5000, "not JSON"),
    ('[1, 2]', "not an event record"),
    ('{"seq": 2, "at": 1, "type": "note", "text": ' + '[' * 900 + ']' * 900 + '}', "text"),
])
def test_a_damaged_record_is_refused_with_its_line(tmp_path, small_plan, line, message, english):
    path = _journal(tmp_path / "s.jsonl", small_plan, [ShowStarted(at=0), Note(at=1, text="a")])
    lines = _lines(path)
    lines.insert(2, line + "\n")  # after the first event: the third line of the file
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(JournalError, match=r"s\.jsonl:3: ") as refused:
        read_journal(path)
    assert message in str(refused.value)


def test_seqs_going_backwards_are_refused_and_a_gap_is_a_warning(tmp_path, small_plan, english):
    path = _journal(tmp_path / "s.jsonl", small_plan)
    lines = _lines(path)
    path.write_text("".join([lines[0], lines[1], lines[3], lines[2]]), encoding="utf-8")
    with pytest.raises(JournalError, match=r":4: seq 2 does not follow seq 3"):
        read_journal(path)
    path.write_text("".join([lines[0], lines[1], lines[3]]), encoding="utf-8")
    journal = read_journal(path)
    assert journal.seqs == [1, 3] and "seq 3 follows seq 1: records are missing" in str(journal.warnings[0])


@pytest.mark.parametrize(("change", "message"), [
    ({"started_wall": 12345}, "started_wall is missing or not text"),
    ({"started_wall": "2024-02-30T20:00:00+08:00"}, "is not a date and time"),
    ({"started_wall": "2024-02-10T20:00:00"}, "has no time zone"),
    ({"started_wall": "0001-01-01T00:00:00+14:00"}, "is not a date a show ran on"),
    ({"format": True}, "no format version"),
    ({"app_version": ["1"]}, "app_version is missing or not text"),
    ({"plan_source": {"a": 1}}, "plan_source is missing or not text"),
    ({"plan": [1]}, "plan is missing or not an object"),
    ({"plan": {"show": {"title": 5}}}, "the header's plan cannot be read"),
])
def test_a_header_field_of_the_wrong_type_is_refused_in_report_replay_and_resume(tmp_path, small_plan, capsys,
                                                                                  change, message, english):
    from rhythm_console.cli import main
    from rhythm_console.errors import UserError
    from rhythm_console.resume import resume_session

    path = _journal(tmp_path / "s.jsonl", small_plan)
    lines = _lines(path)
    header = json.loads(lines[0])
    header.update(change)
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(JournalError, match=r"s\.jsonl:1: "):
        read_journal(path)
    for command in (["report", str(path), "--lang", "en"], ["replay", str(path), "--lang", "en"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    with pytest.raises(UserError, match=message):
        resume_session(path, ManualClock(), "zh")


def test_a_byte_order_mark_is_read_past_with_a_warning(tmp_path, small_plan, english):
    path = _journal(tmp_path / "s.jsonl", small_plan)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    journal = read_journal(path)
    assert journal.seqs == [1, 2, 3] and "byte-order mark" in str(journal.warnings[0])


@pytest.mark.parametrize("cut", [0, 20])
def test_zero_bytes_at_the_end_read_like_a_torn_tail_and_resume_cuts_them(tmp_path, small_plan, cut, english):
    path = _journal(tmp_path / "s.jsonl", small_plan)
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - cut] + b"\0" * 4096)
    journal = read_journal(path)
    assert journal.torn and "zero bytes" in str(journal.warnings[0])
    assert journal.seqs == ([1, 2, 3] if cut == 0 else [1, 2])
    with JournalWriter(path, small_plan, clock=ManualClock(), resume_from=journal, sync=lambda fd: None) as writer:
        writer.append(Note(at=5, text="继续"))
    again = read_journal(path)
    assert not again.warnings and again.events[-1] == Note(at=5, text="继续") and b"\0" not in path.read_bytes()


_HOLDER = textwrap.dedent("""
    import sys
    from rhythm_console.clock import ManualClock
    from rhythm_console.journal import JournalWriter
    from rhythm_console.plan import load_plan
    writer = JournalWriter(sys.argv[1], load_plan(sys.argv[2]), clock=ManualClock())
    print("writing", flush=True)
    sys.stdin.readline()  # holds the journal until told to stop
    writer.close()
""")


def test_a_second_writer_on_a_live_journal_is_refused_with_the_pid(tmp_path, english):
    from rhythm_console.errors import UserError
    from rhythm_console.resume import resume_session

    path = tmp_path / "live.jsonl"
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), str(ROOT / "plans" / "quick.yaml")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline() == "writing\n"
        journal = read_journal(path)  # reading a live journal is fine
        with pytest.raises(JournalInUse) as refused:
            JournalWriter(path, journal.header.plan, clock=ManualClock(), resume_from=journal)
        if Path("/proc/locks").exists():
            assert f"journal in use by pid {holder.pid}" in str(refused.value)
        with pytest.raises(UserError, match="日志正被"):  # resume speaks its language: the show's, or --lang
            resume_session(path, ManualClock(), "zh")
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    journal = read_journal(path)
    with JournalWriter(path, journal.header.plan, clock=ManualClock(), resume_from=journal) as writer:
        writer.append(ShowStarted(at=0))  # the lock went with the writer
    assert read_journal(path).seqs == [1]


def test_resume_refuses_a_journal_that_grew_after_it_was_read(tmp_path, small_plan, english):
    path = _journal(tmp_path / "s.jsonl", small_plan)
    journal = read_journal(path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"seq":4,"wall":"","at":3,"type":"note","text":"late"}\n')
    with pytest.raises(JournalInUse, match="changed after it was read"):
        JournalWriter(path, small_plan, clock=ManualClock(), resume_from=journal)
    assert read_journal(path).seqs == [1, 2, 3, 4]  # nothing cut


def test_report_refuses_to_write_over_its_journal(tmp_path, small_plan, capsys):
    from rhythm_console.cli import main

    path = _journal(tmp_path / "s.jsonl", small_plan)
    before = path.read_bytes()
    assert main(["report", str(path), "-o", str(tmp_path / "." / "s.jsonl"), "--lang", "en"]) == 2
    assert "that is the input" in capsys.readouterr().err and path.read_bytes() == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to stand for a full disk")
@pytest.mark.parametrize("command", [["schema", "-o", "/dev/full", "--lang", "en"],
                                     ["report", "{journal}", "-o", "/dev/full", "--lang", "en"]])
def test_a_full_disk_is_one_clear_line(tmp_path, small_plan, capsys, command):
    from rhythm_console.cli import main

    path = _journal(tmp_path / "s.jsonl", small_plan)
    assert main([part.format(journal=path) for part in command]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "rhythm-console: /dev/full: cannot write (No space left on device)"


def test_an_unwritable_output_and_a_directory_are_one_clear_line(tmp_path, capsys):
    from rhythm_console.cli import main

    assert main(["schema", "-o", str(tmp_path), "--lang", "en"]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["schema", "-o", str(tmp_path)]) == 2
    assert "是一个目录" in capsys.readouterr().err
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json"), "--lang", "en"]) == 2
    assert "/no/such does not exist" in capsys.readouterr().err


def test_journal_pointing_at_a_directory_or_a_device_says_so(tmp_path, small_plan):
    from rhythm_console.commands.run import open_new_journal
    from rhythm_console.errors import UserError
    from rhythm_console.i18n import speaking

    with pytest.raises(UserError, match="是一个目录"):
        open_new_journal(tmp_path, small_plan, ManualClock(), "p.yaml")
    with speaking("en"), pytest.raises(UserError, match="is a directory"):
        open_new_journal(tmp_path, small_plan, ManualClock(), "p.yaml")
    with speaking("en"), pytest.raises(UserError, match="is a device or special file"):
        open_new_journal(Path(os.devnull), small_plan, ManualClock(), "p.yaml")
    existing = _journal(tmp_path / "s.jsonl", small_plan)
    with speaking("en"), pytest.raises(UserError, match="a journal already exists"):
        open_new_journal(existing, small_plan, ManualClock(), "p.yaml")


# ---------------------------------------------------------------- any records after a valid header



def _mostly(usual, hostile):
    """Usual values nine times in ten, so that many journals get past the reader into the review."""
    return st.integers(0, 9).flatmap(lambda roll: hostile if roll == 0 else usual)


_times = _mostly(st.floats(min_value=0, max_value=8000), st.sampled_from([0, 1e9, -1, MAX_AT, MAX_AT + 1, 1e300]))
_figures = _mostly(st.floats(min_value=0, max_value=1e6), st.sampled_from([-1e300, 1e300, 2**60, 1e15, 0.0]))
_texts = st.text(max_size=6) | st.sampled_from(["\x1b[2J", "a\nb", "\u202egnp.exe", "\x00\x07\r"])
_ids = st.sampled_from(["open", "coat", "bag", "close", "nope"]) | _texts
_shapes = {  # each event type with its fields, the values in range or hostile
    "show_started": {}, "advance": {}, "segment_ended": {}, "resume": {}, "hold": {"reason": _texts | st.none()},
    "extend": {"seconds": st.floats(min_value=-600, max_value=600) | st.sampled_from([1e300, -1e300, MAX_AT])},
    "skip": {"segment_id": _ids | st.none()}, "segment_started": {"segment_id": _ids},
    "metric_sample": {"values": st.dictionaries(st.sampled_from(["online", "gmv", "orders", "cumulative_viewers",
                                                                 "product_clicks", "\x1bx"]), _figures, max_size=4)},
    "cue_sent": {"cue": st.integers(min_value=1, max_value=4) | st.sampled_from([10**15, 2**53]), "text": _texts},
    "cue_acked": {"cue": st.integers(min_value=1, max_value=4), "by": _texts}, "note": {"text": _texts},
    "show_ended": {"reason": _texts}, "alert_raised": {"alert": _ids, "message": _texts},
    "alert_cleared": {"alert": _ids}, "reorder": {"order": st.lists(_ids, max_size=4)},
    "insert_segment": {"segment": st.fixed_dictionaries({"id": _ids, "kind": st.sampled_from(["qa", "product", "x"]),
                                                         "title": _texts, "duration": st.sampled_from(["1m", "0s", 60, -5, 1e300])})},
}
_records = st.one_of(*[st.fixed_dictionaries({"type": st.just(kind), "at": _times, **fields})
                       for kind, fields in _shapes.items()])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(_records, max_size=8), shuffle_seqs=_mostly(st.just(False), st.just(True)), tail=st.sampled_from([b"", b"\0\0", b"{"]))
def test_any_records_after_a_valid_header_are_refused_or_reviewed(small_plan, records, shuffle_seqs, tail):
    with tempfile.TemporaryDirectory() as directory:
        path = _journal(Path(directory) / "s.jsonl", small_plan, [])
        lines = []
        for index, record in enumerate(records, start=1):
            seq = (len(records) - index + 1) if shuffle_seqs else index
            lines.append(json.dumps({"seq": seq, "wall": "", **record}) + "\n")
        with open(path, "ab") as handle:
            handle.write("".join(lines).encode() + tail)
        try:
            journal = read_journal(path)
        except JournalError as refused:
            assert "\n" not in str(refused) and "s.jsonl:" in str(refused)
            return
    assert all(0 <= event.at <= MAX_AT for event in journal.events)
    fold(journal.header.plan, journal.events)
    review = review_of(journal)
    assert len(review.drift_series) <= MAX_AT / 60 + 2
    for text in (render_markdown(review, "en"), render_csv(review), render_html(review, "en")):
        assert "\x1b" not in text
    for _, value in review.drift_series:
        assert math.isfinite(value)


def test_a_journal_from_before_the_fix_with_nan_figures_still_reports_and_resumes(tmp_path, small_plan, english):
    from rhythm_console.resume import resume_session

    path = _journal(tmp_path / "s.jsonl", small_plan, [ShowStarted(at=0)])
    with open(path, "a", encoding="utf-8") as handle:  # what the old writer wrote for "amount": "nan"
        handle.write('{"seq":2,"wall":"","at":1.0,"type":"metric_sample","values":{"online":10,"gmv":NaN}}\n')
        handle.write('{"seq":3,"wall":"","at":2.0,"type":"metric_sample","values":{"online":12,"gmv":Infinity}}\n')
    journal = read_journal(path)
    assert [event.values for event in journal.events[1:]] == [{"online": 10}, {"online": 12}]
    assert ":3 and 1 more: metric samples held figures that are not numbers" in str(journal.warnings[0])
    review_of(journal)
    session = resume_session(path, ManualClock(start_wall=journal.header.started_wall), "en")
    session.close()
    assert read_journal(path).seqs == [1, 2, 3, 4]


def test_no_event_holds_a_character_that_controls_a_terminal(tmp_path, small_plan):
    """An HTTP cue, a viewer's comment, a pane's name or a hand-edited journal: whatever made the event,
    its text reaches the console's screen escaped (one ESC [2J in a cue once blanked the manager's screen)."""
    from rhythm_console.events import CommentExamples, CueAcked, CueSent

    cue = CueSent(at=1, cue=1, text="a\x1b[2J\x00b\n\tc 上链接")
    assert cue.text == "a\\x1b[2J\\x00b\n\tc 上链接"  # newlines and tabs are text; Chinese untouched
    assert CueAcked(at=1, cue=1, by="\u202ehost").by == "\\u202ehost"
    assert CommentExamples(at=1, examples={"size\x07": ["\x1b]0;owned\x07"]}).examples == {
        "size\\x07": ["\\x1b]0;owned\\x07"]}
    plain = MetricSample(at=1, values={"online": 5.0})
    assert plain.values == {"online": 5.0}
    path = _journal(tmp_path / "s.jsonl", small_plan, [ShowStarted(at=0)])
    with open(path, "a", encoding="utf-8") as handle:  # written by hand, or by a version before the rule
        handle.write(json.dumps({"seq": 2, "wall": "", "at": 1.0, "type": "cue_sent", "cue": 1,
                                 "text": "\x1b[2J\x1b]0;owned\x07"}) + "\n")
    journal = read_journal(path)
    assert "\x1b" not in fold(journal.header.plan, journal.events).cues[0].text


def test_a_record_that_is_no_utf8_names_the_byte(tmp_path, small_plan):
    path = _journal(tmp_path / "s.jsonl", small_plan, [ShowStarted(at=0), Note(at=1, text="a")])
    lines = path.read_bytes().splitlines(keepends=True)
    lines.insert(2, b'{"seq": 2, "at": 1, "type": "note", "text": "\xff\xfe"}\n')
    path.write_bytes(b"".join(lines))
    with pytest.raises(JournalError) as refused, speaking("zh"):
        read_journal(path)
    assert "s.jsonl:3：不是有效的事件记录（第 46 个字节起不是 UTF-8 文本）" in str(refused.value)
