"""Drills: where one starts, what its journal says it is, the recorded room on the recording's clock, and the debrief."""

from __future__ import annotations

import csv
import io

import pytest

from rhythm_console.cli import main
from rhythm_console.errors import UserError
from rhythm_console.journal import read_journal
from rhythm_console.plan import CueLevel
from rhythm_console.review.drill import MATCH_WINDOW, compare_journals
from rhythm_console.show import fold
from tests.support.drills import recorded_show, start_drill


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return recorded_show(tmp_path_factory.mktemp("recording"))


def run(session, source, clock, seconds: int) -> None:
    for _ in range(seconds):
        clock.advance(1)
        source.feed(session.room)
        session.second()


def test_the_drill_journal_is_a_normal_journal_marked_as_a_drill_of_the_original(original, tmp_path):
    session, source, clock, recording, _ = start_drill(original, tmp_path / "d.jsonl", speed=2.0)
    session.close()
    header = read_journal(tmp_path / "d.jsonl").header
    assert (header.kind, header.drill_of, header.trainee, header.drill_speed) == (
        "drill", recording.header.session_id, "小王", 2.0)
    assert recording.header.kind == "simulated" and recording.header.drill_of is None


def test_the_room_follows_the_recording_clock_and_says_where_the_recording_is(original, tmp_path):
    session, source, clock, recording, _ = start_drill(original, tmp_path / "d.jsonl")
    run(session, source, clock, 1)
    session.start_or_advance()
    run(session, source, clock, 99)
    recorded = next(e for e in recording.events if e.type == "metric_sample" and e.at == 100.0)
    assert session.state.metrics == recorded.values  # the figures journaled at 100 s, whatever the trainee did
    assert source.name == "录像 original-1.jsonl · 录像此时在「羊毛大衣讲解」"  # the original moved on at 86 s
    session.start_or_advance()
    assert source.name == "录像 original-1.jsonl"  # the same segment again: nothing to say
    run(session, source, clock, 700)
    assert source.name.endswith("录像已结束，数据停在最后一刻")
    session.close()


def test_a_drill_from_a_segment_starts_from_the_recording_state_just_before_it(original, tmp_path):
    out = tmp_path / "d.jsonl"
    session, source, clock, recording, start = start_drill(original, out, segment="lucky")
    lucky_start = next(e.at for e in recording.events if e.type == "advance" and e.at > 200)
    assert start.at == lucky_start and session.now() == lucky_start
    assert session.state.running.id == "coat" and session.state.next_pending().id == "lucky"
    run(session, source, clock, 10)  # the trainee lets the product run 10 s longer
    session.start_or_advance()
    run(session, source, clock, 5)
    session.close()
    drill = read_journal(out)
    assert drill.header.drill_from == "lucky"
    assert fold(drill.header.plan, drill.events[:len(start.events)]).running.id == "coat"  # folds on its own
    comparison = compare_journals(drill, recording)
    assert [row.id for row in comparison.segments][:2] == ["coat", "lucky"]  # nothing before the drill began
    assert next(row for row in comparison.segments if row.id == "lucky").start_difference == pytest.approx(10)
    assert all(cue.at >= comparison.since for pair in comparison.cues for cue in (pair.original, pair.trainee) if cue)


def test_a_title_also_names_the_segment_and_an_unknown_one_is_refused(original, tmp_path):
    _, _, _, _, start = start_drill(original, tmp_path / "a.jsonl", segment="福袋抽奖")
    assert start.segment_id == "lucky"
    with pytest.raises(UserError, match="没有这个环节.*open、coat、lucky、scarf、close"):
        start_drill(original, tmp_path / "b.jsonl", segment="nope")


def test_cues_pair_by_intent_within_the_window_and_the_rest_are_listed_per_side(original, tmp_path):
    out = tmp_path / "d.jsonl"
    session, source, clock, recording, _ = start_drill(original, out)
    run(session, source, clock, 1)
    session.start_or_advance()
    run(session, source, clock, 85)
    session.start_or_advance()
    run(session, source, clock, 90)  # the original sent preset 1 at 169 s
    session.send_preset("1")  # the same intent 7 s later: the same decision
    run(session, source, clock, 5)
    session.send_cue("看看左下角小黄车", CueLevel.warn)  # the trainee's own words
    run(session, source, clock, 30)
    session.close()
    comparison = compare_journals(read_journal(out), recording)
    first = comparison.cues[0]
    assert first.matched and first.original.intent == ("preset", "1") and first.time_difference == pytest.approx(7)
    assert [(cue.text, cue.intent) for cue in comparison.only_trainee] == [("看看左下角小黄车", ("free", "warn"))]
    assert "增加互动" in [cue.text for cue in comparison.only_original]
    assert any(d.code == "cue_only_original" and d.size == MATCH_WINDOW for d in comparison.differences)
    # The drill stopped at 3:30: what the original did after that is not held against the trainee.
    assert comparison.until == pytest.approx(210, abs=2)
    assert max(cue.at for cue in comparison.only_original) <= comparison.until
    assert [row.id for row in comparison.segments] == ["open", "coat"]


def test_report_against_writes_the_debrief_in_every_format_and_refuses_bad_input(original, tmp_path, capsys):
    out = tmp_path / "d.jsonl"
    session, source, clock, _, _ = start_drill(original, out)
    run(session, source, clock, 1)
    session.start_or_advance()
    run(session, source, clock, 30)
    session.close()
    assert main(["report", str(out), "--against", str(original), "--format", "md", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "## Drill debrief" in text and "### The three largest differences" in text
    assert main(["report", str(out), "--against", str(original), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ["训练对照"] in rows and any(row[:1] == ["环节：原场与学员"] for row in rows)
    assert main(["report", str(out), "--against", str(original), "--format", "html", "-o", str(tmp_path / "d.html")]) == 0
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert '<section class="drill">' in page and "差异最大的三处" in page
    assert main(["report", str(out), "--against", str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl：没有这个文件" in capsys.readouterr().err
    assert main(["report", str(out), "--against", str(original), "-o", str(original)]) == 2  # never overwrites its input
    capsys.readouterr()
    assert main(["report", str(out), "--against", str(out), "--lang", "en"]) == 2
    assert "that is the journal being reported" in capsys.readouterr().err
    assert main(["report", str(original), "--against", str(out), "--format", "csv"]) == 0
    assert f"{original} 不是演练（它是模拟）" in capsys.readouterr().err  # the recorded plan's language


def test_the_library_lists_drill_material_and_a_person_s_drills_with_the_debrief_s_figures(original, tmp_path, capsys):
    library = str(tmp_path / "library.sqlite")
    other = recorded_show(tmp_path, seed=2)
    out = tmp_path / "drill.jsonl"
    session, source, clock, recording, _ = start_drill(original, out)
    run(session, source, clock, 1)
    session.start_or_advance()
    for seconds in (120, 200, 150, 160, 70):  # the opening and the lucky bag run over
        run(session, source, clock, seconds)
        session.start_or_advance()
    session.end_show()
    session.close()
    assert main(["library", "add", str(original), str(other), str(out), "--library", library]) == 0
    capsys.readouterr()

    assert main(["shows", "--hardest", "5", "--library", library, "--lang", "en"]) == 0
    listed = capsys.readouterr().out
    assert "original-1.jsonl" in listed and "original-2.jsonl" in listed
    assert "drill.jsonl" not in listed  # practice is not drill material
    assert "Furthest over" in listed and "drill JOURNAL --from SEGMENT" in listed

    assert main(["shows", "--person", "小王", "--drills", "--library", library]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[3:6] == ["2/1", "1/7", "1/0"]  # over-runs, cues only one side sent, alerts never answered
    assert "始终未回应" in cells[7] and cells[8].endswith("drill.jsonl")
    assert main(["shows", "--person", "nobody", "--drills", "--library", library]) == 0
    assert "nobody" in capsys.readouterr().out
    assert main(["shows", "--drills", "--library", library, "--lang", "en"]) == 2
    assert "--person NAME" in capsys.readouterr().err


def test_a_segment_the_drill_ended_in_has_no_length_difference():
    """Quitting a drill 8 s into a segment is not a decision to run it 9 minutes short: its length is not compared."""
    from rhythm_console.review.drill import SegmentComparison, SegmentSide
    from rhythm_console.show import RunStatus

    original = SegmentSide(start=600.0, length=580.0, verdict=None, status=RunStatus.done)
    finished = SegmentSide(start=610.0, length=520.0, verdict=None, status=RunStatus.done)
    cut = SegmentSide(start=610.0, length=8.0, verdict=None, status=RunStatus.done, cut_by_end=True)
    assert SegmentComparison("knit", "羊绒针织衫", original, finished).length_difference == -60.0
    assert SegmentComparison("knit", "羊绒针织衫", original, cut).length_difference is None
    assert SegmentComparison("knit", "羊绒针织衫", original, cut).start_difference == 10.0
