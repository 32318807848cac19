"""annotate: the platform's totals and team notes appended after the show, and what it refuses."""

import pytest

from rhythm_console.cli import main
from rhythm_console.events import MetricSample
from rhythm_console.journal import read_journal
from rhythm_console.review.records import show_record
from rhythm_console.show import fold
from tests.support.across_helpers import team_events, write_journal
from tests.support.reviews import review_of


@pytest.fixture
def journal(tmp_path):
    return write_journal(tmp_path / "show.jsonl", team_events())


def test_an_exposure_far_below_the_feed_s_entries_is_a_typo(tmp_path, capsys):
    events = team_events()
    last = max(index for index, event in enumerate(events) if isinstance(event, MetricSample))
    events[last] = events[last].model_copy(update={"values": {**events[last].values, "entries": 94_708}})
    journal = write_journal(tmp_path / "show.jsonl", events)
    assert main(["annotate", str(journal), "--exposure", "10"]) == 2
    assert "--exposure 10 太小：这场的数据源记到 94,708 次进场" in capsys.readouterr().err
    assert main(["annotate", str(journal), "--exposure", "120,000", "--avg-stay", "1分20秒"]) == 0
    assert "已录入（--avg-stay 1分20秒、--exposure 120,000）" in capsys.readouterr().out  # echoed as typed
    read = read_journal(journal)
    assert fold(read.header.plan, read.events).platform == {"exposure": 120_000, "avg_stay": 80}


def test_totals_are_appended_and_folded(journal, tmp_path, capsys):
    before = journal.read_bytes()
    assert main(["annotate", str(journal), "--viewers-uv", "2,000", "--viewers-pv", "5000", "--new-fans-club", "40",
                 "--gmv", "1200.5", "--library", str(tmp_path / "lib.sqlite")]) == 0
    after = journal.read_bytes()
    assert after.startswith(before) and after.count(b"\n") == before.count(b"\n") + 1  # nothing earlier touched
    read = read_journal(journal)
    state = fold(read.header.plan, read.events)
    assert state.platform == {"viewers_uv": 2000, "viewers_pv": 5000, "new_fans_club": 40, "gmv": 1200.5}
    assert state.ended_at == read.events[-2].at  # the show's timing did not move
    record = show_record(review_of(read))
    assert record.uv_value == pytest.approx(1200.5 / 2000)
    assert record.gpm == pytest.approx(1200.5 * 1000 / 5000)
    capsys.readouterr()
    assert main(["report", str(journal), "--lang", "en", "--library", str(tmp_path / "lib.sqlite")]) == 0
    report = capsys.readouterr().out
    assert "UV value: ¥0.60 (GMV ÷ UV" in report and "GPM: ¥240" in report
    assert main(["report", str(journal), "--lang", "zh", "--library", str(tmp_path / "lib.sqlite")]) == 0
    report = capsys.readouterr().out
    assert "UV 价值: ¥0.60 (成交额 ÷ UV（" in report and "distinct" not in report  # the basis in the report's language


def test_a_team_member_s_note_is_said_once_under_the_team_s_views(journal, tmp_path, capsys):
    assert main(["annotate", str(journal), "--note", "福袋口令太长", "--by", "小雨",
                 "--library", str(tmp_path / "lib.sqlite")]) == 0
    capsys.readouterr()
    assert main(["report", str(journal), "--lang", "zh", "--library", str(tmp_path / "lib.sqlite")]) == 0
    report = capsys.readouterr().out
    assert report.count("福袋口令太长") == 1 and "小雨: 福袋口令太长" in report


def test_a_later_annotation_is_checked_against_the_earlier_one(journal, capsys):
    assert main(["annotate", str(journal), "--viewers-pv", "5000"]) == 0
    assert main(["annotate", str(journal), "--viewers-uv", "6000"]) == 2
    assert "大于 --viewers-pv 5,000" in capsys.readouterr().err


@pytest.mark.parametrize(("flags", "message"), [
    (["--viewers-uv", "-1"], "不能为负"),
    (["--viewers-uv", "many"], "不是数字"),
    (["--gmv", "nan"], "不是数字"),
    (["--viewers-uv", "10.5"], "人数是整数"),
    (["--viewers-uv", "9000", "--viewers-pv", "100"], "大于 --viewers-pv"),
    (["--viewers-uv", "100", "--viewers-pv", "900", "--new-fans-club", "500"], "大于 --viewers-uv"),
    (["--viewers-pv", "1e13"], "大得不合理"),
    (["--avg-stay", "1分99秒"], "读不出停留时长"),  # 99 seconds past a minute is a slip, as 1:99 is
    (["--avg-stay", "30分钟"], "--avg-stay 30分钟 比这场直播本身（25m）还长"),  # the show ran 25 minutes
    ([], "没有要录入的"),
    (["--note", "hi"], "--note 需要 --by"),
    (["--by", "小雨"], "要与 --note 一起用"),
    (["--note", "hi", "--by", "小雨", "--segment", "nope"], "没有这个环节"),
])
def test_refusals_are_one_line_and_leave_the_journal_alone(journal, capsys, flags, message):
    before = journal.read_bytes()
    assert main(["annotate", str(journal), *flags]) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and len(error.splitlines()) == 1
    assert journal.read_bytes() == before


def test_team_notes_per_segment_with_who_wrote_them(journal, tmp_path, capsys):
    assert main(["annotate", str(journal), "--note", "答疑时尺码表没上屏", "--by", "小雨", "--segment", "qa",
                 "--library", str(tmp_path / "lib.sqlite")]) == 0
    capsys.readouterr()
    assert main(["report", str(journal), "--lang", "en", "--library", str(tmp_path / "lib.sqlite")]) == 0
    assert "- 答疑 · 小雨: 答疑时尺码表没上屏" in capsys.readouterr().out
    assert main(["compare", str(journal)]) == 0  # the annotated journal still folds for every reader
    record = show_record(review_of(read_journal(journal)))
    assert [(n.segment_id, n.by, n.text) for n in record.notes] == [("qa", "小雨", "答疑时尺码表没上屏")]
