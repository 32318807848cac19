import json

import pytest

from rhythm_console.cli import main
from rhythm_console.clock import ManualClock
from rhythm_console.events import Advance, CueSent, Extend, Hold, MetricSample, Note, Resume, ShowEnded, ShowStarted
from rhythm_console.journal import JournalError, JournalStream, JournalWriter, read_journal
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review
from rhythm_console.show import fold
from tests.support.reviews import review_of


def _events():
    return [
        ShowStarted(at=0),
        MetricSample(at=0.5, values={"online": 100}),
        CueSent(at=1, cue=1, text="上链接", level="urgent"),
        Extend(at=2, seconds=60),
        Hold(at=3, reason="断流"),
        Resume(at=5),
        Note(at=6, text="主播嗓子哑了"),
        Advance(at=300),
    ]


def _write(path, plan, events, **kwargs):
    clock = ManualClock()
    with JournalWriter(path, plan, clock=clock, **kwargs) as writer:
        for event in events:
            writer.append(event)
    return clock


def test_round_trip_folds_the_same(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events())
    journal = read_journal(path)
    assert journal.header.plan == small_plan
    assert journal.events == _events()
    assert journal.seqs == list(range(1, 9))
    assert fold(journal.header.plan, journal.events) == fold(small_plan, _events())
    assert not journal.warnings


def test_header_is_self_contained(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, [])
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["journal"] == "rhythm-console" and header["format"] == 1
    assert header["plan"]["segments"][0]["title"] == "开场"
    assert "app_version" in header and "started_wall" in header


def test_torn_last_line_is_dropped_with_a_warning(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events())
    data = path.read_bytes()
    path.write_bytes(data[:-15])
    journal = read_journal(path)
    assert journal.torn and len(journal.events) == 7
    assert str(journal.warnings[0]) == f"{path}:9：最后一行不完整（写到一半被截断）；已丢弃"  # Chinese outside a command
    assert journal.warnings[0].in_language("en") == f"{path}:9: the last line is torn (cut mid-write); it was dropped"


def test_torn_mid_character_is_dropped(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events()[:7])
    data = path.read_bytes()
    cut = data.rindex("哑".encode()) + 1  # inside the three bytes of a CJK character
    path.write_bytes(data[:cut])
    journal = read_journal(path)
    assert journal.torn and len(journal.events) == 6


def test_damage_before_the_last_line_is_an_error(tmp_path, small_plan, english):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events())
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = '{"seq": 3, "type": "nonsense"}\n'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(JournalError, match=r"s\.jsonl:4: not a valid event record"):
        read_journal(path)


def test_newer_format_is_refused_clearly(tmp_path, small_plan, english):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, [])
    header = json.loads(path.read_text(encoding="utf-8"))
    header["format"] = 99
    path.write_text(json.dumps(header) + "\n", encoding="utf-8")
    with pytest.raises(JournalError, match="format 99 is newer"):
        read_journal(path)


@pytest.mark.parametrize("content", ["", "hello\n", '{"a": 1}\n'])
def test_not_a_journal(tmp_path, content):
    path = tmp_path / "x.jsonl"
    path.write_text(content)
    with pytest.raises(JournalError):
        read_journal(path)


def test_fsync_policy_durable_events_at_once_samples_at_most_every_interval(tmp_path, small_plan):
    syncs = []
    clock = ManualClock()
    writer = JournalWriter(tmp_path / "s.jsonl", small_plan, clock=clock, sync=lambda fd: syncs.append(clock.monotonic()))
    assert len(syncs) == 1  # the header
    clock.advance(1)
    writer.append(MetricSample(at=1, values={"online": 1}))  # due: last sync was a second ago
    assert len(syncs) == 2
    for _ in range(5):
        clock.advance(0.01)
        writer.append(MetricSample(at=1, values={"online": 2}))
    assert len(syncs) == 2  # within 200 ms: flushed, not fsynced
    writer.append(CueSent(at=1.1, cue=1, text="上链接"))
    assert len(syncs) == 3  # a cue is synced at once
    clock.advance(0.05)
    writer.append(MetricSample(at=1.2, values={"online": 3}))
    writer.sync_if_due()
    assert len(syncs) == 3
    clock.advance(0.2)
    writer.sync_if_due()
    assert len(syncs) == 4
    writer.close()


def test_every_record_is_flushed_before_close(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    writer = JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None)
    writer.append(ShowStarted(at=0))
    writer.append(MetricSample(at=0.1, values={"online": 5}))
    # Not closed: a second reader must still see both (the "crash" case).
    assert len(read_journal(path).events) == 2
    writer.close()


def test_resume_continues_sequence_after_a_torn_tail(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events())
    path.write_bytes(path.read_bytes()[:-10])
    journal = read_journal(path)
    with JournalWriter(path, small_plan, clock=ManualClock(), resume_from=journal) as writer:
        writer.append(Note(at=400, text="恢复"))
    again = read_journal(path)
    assert not again.torn and again.seqs == list(range(1, 9))
    assert again.events[-1] == Note(at=400, text="恢复")


def test_a_failed_write_leaves_the_journal_readable(tmp_path, small_plan):
    import errno

    path = tmp_path / "s.jsonl"
    writer = JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None)
    writer.append(ShowStarted(at=0))
    real_write = writer._file.write

    def disk_full(text):
        real_write(text[: len(text) // 2])  # half a line reaches the file, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    writer._file.write = disk_full
    with pytest.raises(OSError):
        writer.append(Note(at=1, text="lost"))
    writer._file.write = real_write
    writer.append(Note(at=2, text="kept"))
    writer.close()
    journal = read_journal(path)
    assert not journal.torn and journal.seqs == [1, 2]
    assert journal.events[-1] == Note(at=2, text="kept")


def test_a_batched_writer_writes_whole_batches_and_the_rest_on_close(tmp_path, small_plan):
    import errno

    path = tmp_path / "s.jsonl"
    writer = JournalWriter(path, small_plan, clock=ManualClock(), sync=lambda fd: None, batch=3)
    header = path.read_bytes()
    assert header.count(b"\n") == 1  # the header goes to the file at once
    for event in _events()[:2]:
        writer.append(event)
    assert path.read_bytes() == header  # held
    writer.append(_events()[2])
    assert path.read_bytes().count(b"\n") == 4 and read_journal(path).seqs == [1, 2, 3]  # a batch, whole lines
    real_write = writer._file.write

    def disk_full(text):
        real_write(text[: len(text) // 2])  # half the batch reaches the file, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    writer._file.write = disk_full
    writer.append(_events()[3])
    writer.append(_events()[4])
    with pytest.raises(OSError):
        writer.append(_events()[5])  # completes the batch: none of it stays in the file
    assert read_journal(path).seqs == [1, 2, 3] and not read_journal(path).torn
    writer._file.write = real_write
    for event in _events()[6:]:
        writer.append(event)
    assert read_journal(path).seqs == [1, 2, 3]
    writer.close()  # the two held since are written
    journal = read_journal(path)
    # The batch's records are missing (the reader says so); the one whose append failed was never numbered.
    assert not journal.torn and journal.seqs == [1, 2, 3, 6, 7] and len(journal.warnings) == 1
    assert journal.events == [*_events()[:3], *_events()[6:]]


def test_a_stream_reads_the_file_as_it_was_when_opened(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    clock = ManualClock()
    with JournalWriter(path, small_plan, clock=clock, sync=lambda fd: None) as writer:
        writer.append(ShowStarted(at=0))
        with JournalStream(path) as stream:
            writer.append(Note(at=1, text="after the reader opened it"))  # a live console goes on writing
            assert [event for _, _, event in stream] == [ShowStarted(at=0)]
        assert stream.last_seq == 1 and stream.valid_bytes == stream.size < path.stat().st_size
        with pytest.raises(RuntimeError):
            list(stream)  # one pass: a second would be a second reader's job


def test_a_streamed_review_is_the_review_of_the_whole_journal(tmp_path, small_plan):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, [*_events(), ShowEnded(at=400)])
    whole = read_journal(path)
    with JournalStream(path) as stream:
        streamed = build_review(stream.header.plan, stream.events(), started_wall=stream.header.started_wall)
    assert render_markdown(streamed, "en") == render_markdown(review_of(whole), "en")
    assert (stream.last_seq, stream.valid_bytes, stream.warnings) == (whole.last_seq, whole.valid_bytes, whole.warnings)


def test_the_report_of_a_journal_damaged_midway_is_one_line_and_writes_nothing(tmp_path, small_plan, capsys):
    path = tmp_path / "s.jsonl"
    _write(path, small_plan, _events())
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = '{"seq": 5, "type": "nonsense"}\n'  # found only after four records went into the review
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "r.md"
    assert main(["report", str(path), "-o", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert "s.jsonl:6：不是有效的事件记录" in error and len(error.splitlines()) == 1
    assert not out.exists()
    assert main(["report", str(path), "-o", str(out), "--lang", "en"]) == 2
    assert "s.jsonl:6: not a valid event record" in capsys.readouterr().err and not out.exists()
