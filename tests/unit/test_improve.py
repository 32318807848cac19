"""The improvement rules, each triggered and not, and `improve` writing a plan that loads and says why."""

import pytest

from rhythm_console.cli import main
from rhythm_console.journal import read_journal
from rhythm_console.plan import load_plan, parse_plan
from rhythm_console.review.improve import improvements
from rhythm_console.review.records import SegmentRecord, ShowRecord, show_record
from tests.support.across_helpers import TEAM_PLAN, team_events, write_journal
from tests.support.reviews import review_of

LONG_PLAN = """\
show: {title: 长场}
segments:
  - {id: p1, kind: product, title: 一号, duration: 50m, product: {name: 一号, price: 9}}
  - {id: bag, kind: lottery, title: 福袋, duration: 5m}
  - {id: p2, kind: product, title: 二号, duration: 50m, product: {name: 二号, price: 9}}
  - {id: p3, kind: product, title: 三号, duration: 20m, product: {name: 三号, price: 9}}
"""


def _records(tmp_path, *shows):
    """Journals of TEAM_PLAN, one per set of team_events arguments, as records (a fresh folder each call)."""
    folder = tmp_path / f"set{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    return [show_record(review_of(read_journal(write_journal(folder / f"s{i}.jsonl", team_events(**kwargs), day=i))))
            for i, kwargs in enumerate(shows)]


def _codes(found):
    return [(item.code, item.segment_id) for item in found]


def _segment(segment_id, kind, **figures):
    return SegmentRecord(position=0, segment_id=segment_id, title=segment_id, kind=kind, owner="host", people="",
                         status="done", inserted=False, planned=600, budget=600, actual=600, verdict="on_time",
                         delta=0, started_at=0, **figures)


def _long_show(lift=0.4, interactions=(0.1, 0.1, 0.1)):
    segments = [_segment("p1", "product", interaction=interactions[0]),
                _segment("bag", "lottery", online_lift=lift, lift_seconds=360),
                _segment("p2", "product", interaction=interactions[1]),
                _segment("p3", "product", interaction=interactions[2])]
    return ShowRecord(title="长场", started_wall="2026-11-28T20:00:00+08:00", planned=7500, length=7500, ended=True,
                      final_drift=0, segments=segments)


def test_budget_up_when_a_segment_keeps_running_over(tmp_path):
    plan = parse_plan(TEAM_PLAN)
    found = improvements(plan, _records(tmp_path, {"coat": 720}, {"coat": 740}))
    (up,) = [item for item in found if item.code == "budget_up"]
    assert up.segment_id == "coat" and up.budget == 750  # 600 + mean over 130 s, to the half minute
    assert up.params["count"] == 2 and len(up.evidence) == 2


def test_no_budget_change_when_on_time_or_once_in_many(tmp_path):
    plan = parse_plan(TEAM_PLAN)
    assert not [i for i in improvements(plan, _records(tmp_path, {"coat": 600}, {"coat": 620})) if i.changes_budget]
    # over once in three shows is not a pattern
    assert not [i for i in improvements(plan, _records(tmp_path, {"coat": 720}, {"coat": 600}, {"coat": 600}))
                if i.changes_budget]


def test_budget_down_needs_two_shows(tmp_path):
    plan = parse_plan(TEAM_PLAN)
    assert not [i for i in improvements(plan, _records(tmp_path, {"coat": 480})) if i.changes_budget]
    found = improvements(plan, _records(tmp_path, {"coat": 480}, {"coat": 480}))
    assert [(i.code, i.budget) for i in found if i.changes_budget] == [("budget_down", 480)]


def test_slow_acks(tmp_path):
    plan = parse_plan(TEAM_PLAN)
    assert ("slow_acks", "coat") in _codes(improvements(plan, _records(tmp_path, {"coat_ack": 12})))
    assert "slow_acks" not in [c for c, _ in _codes(improvements(plan, _records(tmp_path, {"coat_ack": 9})))]


def test_lottery_gap():
    plan = parse_plan(LONG_PLAN)
    assert ("lottery_gap", "p3") in _codes(improvements(plan, [_long_show(lift=0.4)]))
    assert "lottery_gap" not in [c for c, _ in _codes(improvements(plan, [_long_show(lift=0.05)]))]
    covered = parse_plan(LONG_PLAN.replace("{id: p3, kind: product, title: 三号, duration: 20m, product: {name: 三号, price: 9}}",
                                           "{id: p3, kind: lottery, title: 三号, duration: 20m}"))
    assert "lottery_gap" not in [c for c, _ in _codes(improvements(covered, [_long_show(lift=0.4)]))]


def test_quiet_product_segment():
    plan = parse_plan(LONG_PLAN)
    assert ("low_interaction", "p1") in _codes(improvements(plan, [_long_show(interactions=(0.02, 0.1, 0.1))]))
    assert "low_interaction" not in [c for c, _ in _codes(improvements(plan, [_long_show()]))]


@pytest.fixture
def library_of_overruns(tmp_path):
    library = tmp_path / "lib.sqlite"
    journals = [write_journal(tmp_path / f"s{i}.jsonl", team_events(coat=720, qa_ack=12), day=i) for i in range(2)]
    assert main(["library", "add", *map(str, journals), "--library", str(library)]) == 0
    return library


def test_improve_writes_a_plan_that_loads_and_says_why(tmp_path, library_of_overruns, capsys):
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(TEAM_PLAN, encoding="utf-8")
    out = tmp_path / "next.yaml"
    capsys.readouterr()
    assert main(["improve", str(plan_path), "--from-last", "5", "-o", str(out), "--library", str(library_of_overruns)]) == 0
    summary = capsys.readouterr().err
    assert "coat" in summary and "qa" in summary and "改动 2 行" in summary  # said in the plan's language
    text = out.read_text(encoding="utf-8")
    assert "    duration: 12m  # 原 10m：2/2 场超时，平均 +2:00\n" in text
    # everything the manager wrote is still there, comments included
    assert "# 双人测试计划：主播 + 助播\n" in text and "    duration: 5m  # 暖场\n" in text
    assert main(["check", str(out)]) == 0
    plan = load_plan(out)
    durations = {s.id: s.duration for s in plan.segments}
    assert durations == {"open": 300, "coat": 720, "qa": 300, "bag": 180}
    qa = next(s for s in plan.segments if s.id == "qa")
    assert qa.notes and "12 秒" in qa.notes  # the slow acks, as a note of the flow-style segment
    # and the new plan itself can be improved again, reading the same shows
    again = tmp_path / "again.yaml"
    assert main(["improve", str(out), "-o", str(again), "--library", str(library_of_overruns)]) == 0
    assert main(["check", str(again)]) == 0


def test_improve_without_shows_of_the_plan(tmp_path, capsys):
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(TEAM_PLAN, encoding="utf-8")
    library = tmp_path / "lib.sqlite"
    assert main(["library", "rebuild", "--library", str(library)]) == 2  # nothing there yet
    assert main(["improve", str(plan_path), "--library", str(library)]) == 2
    assert "这里没有直播库" in capsys.readouterr().err


def test_rewrite_joins_a_segment_s_notes_and_leaves_a_shared_duration_alone():
    from rhythm_console.plan.rewrite import SegmentEdit, rewrite_plan

    text = ("segments:\n  - {id: a, kind: opening, title: A, duration: &d 5m, notes: old}\n"
            "  - id: b\n    kind: qa\n    title: B\n    duration: *d\n  - id: c\n    kind: qa\n    title: C\n"
            "    duration: 5m\n")
    new = rewrite_plan(text, [SegmentEdit("a", note="one"), SegmentEdit("a", note="two"),
                              SegmentEdit("b", note="x"), SegmentEdit("b", duration=420, comment="原 5m"),
                              SegmentEdit("b", note="y"), SegmentEdit("c", duration=400, comment="why")])
    plan = parse_plan("show: {title: t}\n" + new)  # two spans over one note once garbled it; an anchor once broke
    notes = {s.id: s.notes for s in plan.segments}
    assert notes == {"a": "old\none\ntwo", "b": "duration: 7m (原 5m)\nx\ny", "c": None}
    assert [s.duration for s in plan.segments] == [300, 300, 400]  # a and b still share theirs


def test_improve_keeps_a_windows_plan_s_line_endings(tmp_path, library_of_overruns):
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_bytes(TEAM_PLAN.replace("\n", "\r\n").encode())
    out = tmp_path / "next.yaml"
    assert main(["improve", str(plan_path), "-o", str(out), "--library", str(library_of_overruns)]) == 0
    data = out.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and "duration: 12m  # 原 10m".encode() in data
    assert main(["check", str(out)]) == 0


def test_improve_onto_its_own_plan_is_refused_before_it_says_anything(tmp_path, library_of_overruns, capsys):
    # The summary ("... 6 line(s) changed") came first, as if the plan had been rewritten.
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(TEAM_PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main(["improve", str(plan_path), "-o", str(plan_path), "--library", str(library_of_overruns)]) == 2
    error = capsys.readouterr().err
    assert "这就是输入文件" in error and "改动" not in error
    assert plan_path.read_text(encoding="utf-8") == TEAM_PLAN


SHORT_PLAN = """\
show: {title: 短场}
segments:
  - {id: p1, kind: product, title: 一号, duration: 40m, product: {name: 一号, price: 9}}
  - {id: bag, kind: lottery, title: 福袋, duration: 5m}
  - {id: p2, kind: product, title: 二号, duration: 20m, product: {name: 二号, price: 9}}
  - {id: p3, kind: product, title: 三号, duration: 35m, product: {name: 三号, price: 9}}
"""


def test_a_show_shorter_than_two_hours_is_never_told_of_its_second_hour():
    """1:40 of plan: the lottery-less stretch is named by the plan's clock, 1:00:00–1:40:00 (issue 20.3)."""
    from rhythm_console.i18n import Texts
    plan = parse_plan(SHORT_PLAN)
    show = _long_show(lift=0.4)
    (gap,) = [item for item in improvements(plan, [show]) if item.code == "lottery_gap"]
    assert (gap.params["start"], gap.params["end"]) == (3600, 6000)
    for lang in ("zh", "en"):
        words = Texts(lang)(f"improve.{gap.code}", **gap.params)
        assert "1:00:00–1:40:00" in words and "小时" not in words and "hour" not in words


def test_a_run_over_a_shortened_budget_that_ended_before_the_plan_is_no_reason_for_more_time():
    plan = parse_plan(TEAM_PLAN)
    record = _records_with(plan, actual=560, budget=480, verdict="over")  # shortened to 8m, ran 9m20s of a 10m plan
    assert not [i for i in improvements(plan, [record]) if i.code == "budget_up"]


def _records_with(plan, *, actual, budget, verdict):
    segments = [SegmentRecord(position=0, segment_id=s.id, title=s.title, kind=s.kind.value, owner="host", people="",
                              status="done", inserted=False, planned=s.duration, budget=s.duration,
                              actual=s.duration, verdict="on_time", delta=0, started_at=0) for s in plan.segments]
    coat = next(s for s in segments if s.segment_id == "coat")
    coat.actual, coat.budget, coat.verdict = actual, budget, verdict
    return ShowRecord(title=plan.show.title, started_wall="2026-11-28T20:00:00+08:00", planned=plan.planned_total,
                      length=plan.planned_total, ended=True, final_drift=0, segments=segments)


def test_a_quiet_segment_is_measured_against_the_other_product_segments():
    plan = parse_plan(LONG_PLAN)
    (quiet,) = [i for i in improvements(plan, [_long_show(interactions=(0.02, 0.1, 0.1))]) if i.code == "low_interaction"]
    assert quiet.params["share"] == pytest.approx(0.2)  # 0.02 of the others' 0.1, not of a mean that holds itself


def test_evidence_is_live_shows_unless_included_and_shows_marks_each(tmp_path, capsys):
    """A rehearsal and a simulation ran the coat over: improve does not move its budget on them by default
    (issue 20.4); --include brings them in; `shows` says what each was, and an aborted one is marked."""
    from rhythm_console.events import ShowEnded, ShowStarted
    library = tmp_path / "lib.sqlite"
    journals = [write_journal(tmp_path / "r.jsonl", team_events(coat=720), day=1, kind="rehearsal"),
                write_journal(tmp_path / "s.jsonl", team_events(coat=740), day=2, kind="simulated"),
                write_journal(tmp_path / "a.jsonl", [ShowStarted(at=0), ShowEnded(at=30)], day=3)]
    assert main(["library", "add", *map(str, journals), "--library", str(library)]) == 0
    plan = tmp_path / "plan.yaml"
    plan.write_text(TEAM_PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main(["shows", "--library", str(library)]) == 0
    listing = capsys.readouterr().out
    assert "彩排" in listing and "模拟" in listing and "直播 · 中止" in listing
    # no live show but an aborted one: nothing to read (a rehearsal's over-runs are not the live show's)
    assert main(["improve", str(plan), "--library", str(library), "-o", str(tmp_path / "a.yaml")]) != 0
    assert "直播库里没有“双人测试”的直播" in capsys.readouterr().err and not (tmp_path / "a.yaml").exists()
    assert main(["improve", str(plan), "--library", str(library), "--include", "rehearsal,simulated",
                 "-o", str(tmp_path / "b.yaml")]) == 0
    assert "2 场（直播+彩排+模拟）" in capsys.readouterr().err
    assert main(["improve", str(plan), "--library", str(library), "--include", "dress"]) != 0


DATED_PLAN = TEAM_PLAN.replace("show: {title: 双人测试}", "show:\n  title: 双人测试\n  starts_at: 2026-11-28T20:00:00+08:00  # 周六晚场")


def _improve_starts_at(tmp_path, library, plan_text, given, capsys):
    """improve PLAN --starts-at GIVEN -o next.yaml: its exit code, what it said on stderr, and where it wrote."""
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(plan_text, encoding="utf-8")
    out = tmp_path / "next.yaml"
    capsys.readouterr()
    code = main(["improve", str(plan_path), "--starts-at", given, "-o", str(out), "--library", str(library)])
    return code, capsys.readouterr().err, out


@pytest.mark.parametrize(("given", "expected"), [
    ("2026-12-05", "2026-12-05T20:00:00+08:00"),  # a date keeps the plan's time and zone
    ("2026-12-05 19:30", "2026-12-05T19:30:00+08:00"),  # a time of day in the plan's zone
    ("2026-12-05T19:30:00+09:00", "2026-12-05T19:30:00+09:00"),  # a zone given is kept
])
def test_improve_moves_starts_at_to_the_next_show(tmp_path, library_of_overruns, capsys, given, expected):
    code, summary, out = _improve_starts_at(tmp_path, library_of_overruns, DATED_PLAN, given, capsys)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert f"  starts_at: {expected}  # 周六晚场\n" in text  # the manager's comment stays
    assert load_plan(out).show.starts_at.isoformat() == expected
    assert f"2026-11-28T20:00:00+08:00 → {expected}" in summary
    # the lines said changed are the lines that changed: the start and the coat's duration (the qa's flow-style
    # line takes the slow-acks note); a changed line once counted twice (its - and its + in a diff)
    old, new = DATED_PLAN.splitlines(), text.splitlines()
    assert len(old) == len(new)
    really = sum(1 for before, after in zip(old, new, strict=True) if before != after)
    assert really == 3 and "  改动 3 行" in summary


def test_starts_at_on_a_plan_without_one_needs_a_time(tmp_path, library_of_overruns, capsys):
    code, _, out = _improve_starts_at(tmp_path, library_of_overruns, TEAM_PLAN, "2026-12-05T20:00+08:00", capsys)
    assert code == 0 and load_plan(out).show.starts_at.isoformat() == "2026-12-05T20:00:00+08:00"
    assert "show: {title: 双人测试, starts_at: 2026-12-05T20:00:00+08:00}\n" in out.read_text(encoding="utf-8")
    out.unlink()
    code, error, _ = _improve_starts_at(tmp_path, library_of_overruns, TEAM_PLAN, "2026-12-05", capsys)
    assert code == 2 and "没有 starts_at" in error and not out.exists()


@pytest.mark.parametrize("given", ["next friday", "2026-13-01", "2026-02-30", "20261205", "2026-12-05 25:00", ""])
def test_a_starts_at_that_is_no_date_is_refused_and_nothing_is_written(tmp_path, library_of_overruns, capsys, given):
    code, error, out = _improve_starts_at(tmp_path, library_of_overruns, DATED_PLAN, given, capsys)
    assert code == 2 and "--starts-at" in error and "2026-12-08" in error and len(error.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("given", ["1999-01-01", "2026-11-28", "2026-11-28 19:00", "2026-11-28T21:00+09:00"])
def test_a_next_start_not_after_the_plan_s_own_is_refused(tmp_path, library_of_overruns, capsys, given):
    """The plan starts 2026-11-28 20:00 +08:00: the next show cannot start then or before (+09:00 21:00 is the same moment)."""
    code, error, out = _improve_starts_at(tmp_path, library_of_overruns, DATED_PLAN, given, capsys)
    assert code == 2 and f"--starts-at {given}" in error and "2026-11-28T20:00+08:00" in error, error
    assert len(error.strip().splitlines()) == 1 and not out.exists()


def test_the_review_s_improvement_plan_says_what_it_rests_on(tmp_path, capsys):
    """Earlier live shows of the plan and this one (a simulation): the section counts them by kind."""
    library = tmp_path / "lib.sqlite"
    earlier = [write_journal(tmp_path / f"live{day}.jsonl", team_events(coat=720), day=day) for day in (1, 2)]
    assert main(["library", "add", *map(str, earlier), "--library", str(library)]) == 0
    simulated = write_journal(tmp_path / "sim.jsonl", team_events(coat=720), day=3, kind="simulated")
    capsys.readouterr()
    assert main(["report", str(simulated), "--library", str(library), "--lang", "zh"]) == 0
    section = capsys.readouterr().out.split("改进计划")[1]
    assert "依据 3 场：2 场直播、1 场模拟" in section
    assert "依据 3 场：" in section.split("依据 3 场：2 场直播")[1]  # the coat's longer budget names its 3 shows


def test_the_review_reads_earlier_rehearsals_only_when_included(tmp_path, capsys):
    library = tmp_path / "lib.sqlite"
    rehearsal = write_journal(tmp_path / "rehearsal.jsonl", team_events(coat=720), day=1, kind="rehearsal")
    assert main(["library", "add", str(rehearsal), "--library", str(library)]) == 0
    show = write_journal(tmp_path / "live.jsonl", team_events(coat=720), day=2)
    capsys.readouterr()
    assert main(["report", str(show), "--library", str(library), "--lang", "en"]) == 0
    assert "Rests on 1 show(s): 1 live" in capsys.readouterr().out
    assert main(["report", str(show), "--library", str(library), "--lang", "en", "--include", "rehearsal"]) == 0
    assert "Rests on 2 show(s): 1 live, 1 rehearsal" in capsys.readouterr().out
