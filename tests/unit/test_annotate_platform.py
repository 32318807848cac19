"""annotate with the platform's after-show figures (issue 25.5): each field, bad values, and a per-minute export
(CSV and .xlsx) whose clock is offset from the journal's, as the review, the library, shows and compare show it."""

from datetime import datetime

import pytest

from rhythm_console.cli import main
from rhythm_console.events import MetricSample
from rhythm_console.journal import read_journal
from rhythm_console.review.records import show_record
from rhythm_console.show import fold
from tests.support.across_helpers import team_events, write_journal
from tests.support.reviews import review_of

LATE = 95.0  # the show started 1:35 after the journal began (20:01:35): the export's minutes are not the journal's


@pytest.fixture
def journal(tmp_path):
    """TEAM_PLAN's show, 25 minutes from 20:01:35; the feed counted 400 entries."""
    events = [event.model_copy(update={"at": event.at + LATE}) for event in team_events()]
    events.insert(2, MetricSample(at=LATE + 60, values={"entries": 400}))
    return write_journal(tmp_path / "show.jsonl", events)


def _annotate(journal, *flags, library=None):
    return main(["annotate", str(journal), *flags, "--library", str(library or journal.parent / "lib.sqlite")])


def test_each_field_is_journaled_and_gives_roi_and_exposure_to_entry(journal, capsys):
    assert _annotate(journal, "--buyers", "1,200", "--refunds", "¥3,500.50", "--ad-spend", "5000",
                     "--avg-stay", "1分20秒", "--exposure", "20000", "--gmv", "15000") == 0
    read = read_journal(journal)
    assert fold(read.header.plan, read.events).platform == {
        "buyers": 1200, "refunds": 3500.5, "ad_spend": 5000, "avg_stay": 80, "exposure": 20000, "gmv": 15000}
    record = show_record(review_of(read))
    assert record.roi == pytest.approx(15000 / 5000)
    assert record.exposure_entry_rate == pytest.approx(400 / 20000)  # UV: the entries the journal counted
    capsys.readouterr()
    assert main(["report", str(journal), "--lang", "en"]) == 0
    report = capsys.readouterr().out
    for line in ("- Buyers: 1,200", "- Refunds: ¥3,500", "- Ad spend (Qianchuan): ¥5,000", "- Average stay: 1:20",
                 "- Exposure: 20,000", "- ROI: 3.00 (GMV ÷ ad spend", "- Exposure-to-entry rate: 2.0% (UV ÷ exposure"):
        assert line in report, line


def test_exposure_to_entry_takes_the_annotated_uv_and_is_never_above_100_percent(journal):
    assert _annotate(journal, "--exposure", "300") == 0  # the feed counted 400 entries: visits, not people
    assert show_record(review_of(read_journal(journal))).exposure_entry_rate is None
    assert _annotate(journal, "--viewers-uv", "150") == 0
    assert show_record(review_of(read_journal(journal))).exposure_entry_rate == pytest.approx(150 / 300)


@pytest.mark.parametrize("stay", ["80", "80s", "1分20秒", "1:20"])
def test_average_stay_is_read_as_teams_copy_it(journal, stay):
    assert _annotate(journal, "--avg-stay", stay) == 0
    read = read_journal(journal)
    assert fold(read.header.plan, read.events).platform["avg_stay"] == 80


@pytest.mark.parametrize(("flags", "said"), [
    (["--buyers", "12.5"], ["--buyers 12.5", "人数是整数", "1,200"]),
    (["--buyers", "many"], ["--buyers 'many'", "不是数字"]),
    (["--refunds", "-3"], ["--refunds -3", "不能为负", "¥3500"]),
    (["--ad-spend", "1,2,3"], ["--ad-spend '1,2,3'", "千位"]),
    (["--ad-spend", "inf"], ["--ad-spend 'inf'", "不是数字"]),
    (["--avg-stay", "abc"], ["--avg-stay 'abc'", "1分20秒", "1:20"]),
    (["--avg-stay", "0"], ["--avg-stay 0", "大于 0"]),
    (["--avg-stay", "30h"], ["--avg-stay 30h", "大得不合理"]),
    (["--exposure", "1e11"], ["--exposure 1e11", "大得不合理"]),
    (["--buyers", "1e10"], ["--buyers 1e10", "大得不合理"]),  # more buyers than the platform has users
    (["--viewers-uv", "3000000000"], ["--viewers-uv 3000000000", "大得不合理"]),
    (["--buyers", "900", "--viewers-uv", "100"], ["--buyers 900", "--viewers-uv 100"]),
    (["--viewers-uv", "5000", "--exposure", "10"], ["--viewers-uv 5,000", "--exposure 10"]),  # 曝光 < UV
    (["--note", "x", "--by", "小雨", "--segment", "nope"], ["--segment 'nope'", "open、coat、qa、bag"]),
])
def test_bad_values_are_one_line_naming_the_flag_and_what_it_takes(journal, capsys, flags, said):
    before = journal.read_bytes()
    assert main(["annotate", str(journal), *flags]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and all(part in error for part in said), error
    assert journal.read_bytes() == before


def _minutes_csv(path, rows):
    path.write_text("时间,在线人数,进入人数,成交金额\n" + "".join(f"{when},{online},{entries},\"{gmv}\"\n"
                                                           for when, online, entries, gmv in rows), encoding="utf-8")
    return path


def _by_the_clock():
    """20:00 to 20:30: online is ten times the minute; ¥1,200 sold in 20:06, the minute the opening ends in."""
    return [(f"20:{minute:02d}", minute * 10, 5, "1,200" if minute == 6 else "0") for minute in range(31)]


def test_a_per_minute_csv_on_another_clock_is_joined_by_the_journal_s_start(journal, tmp_path, capsys):
    export = _minutes_csv(tmp_path / "罗盘分钟.csv", _by_the_clock())
    assert _annotate(journal, "--platform-file", str(export)) == 0
    review = review_of(read_journal(journal))
    curve = review.platform
    # 20:00 ended before the start (20:01:35); 20:27 to 20:30 began after the end (20:26:35)
    assert (curve.rows, curve.before, curve.after) == (31, 1, 4)
    opening = curve.segments["open"]  # 20:01:35 to 20:06:35: 25 s of 20:01, 20:02 to 20:05 whole, 35 s of 20:06
    assert opening.online_average == pytest.approx((10 * 25 + (20 + 30 + 40 + 50) * 60 + 60 * 35) / 300)
    assert opening.gmv == pytest.approx(1200 * 35 / 60) and curve.segments["coat"].gmv == pytest.approx(1200 * 25 / 60)
    assert curve.gmv == pytest.approx(1200) and curve.entries == pytest.approx(5 * 25)
    record = show_record(review)
    assert record.platform_entries == pytest.approx(125)
    assert (record.segments[0].platform_online, record.segments[0].platform_gmv) == (
        pytest.approx(opening.online_average), pytest.approx(700))
    capsys.readouterr()
    assert main(["report", str(journal), "--lang", "zh"]) == 0
    markdown = capsys.readouterr().out
    assert "| 成交额 | 平台在线 | 平台成交额 |" in markdown
    # the feed's figures, then the platform's: the opening's share of 20:06's sales
    assert "| 开场 | 67 | 100 | 10.0% | — | — | — | 0 | ¥0 | 36 | ¥700 |" in markdown
    assert "平台分钟数据（罗盘分钟.csv）：31 行，26 行在直播时段内" in markdown
    assert "5 行在直播时段外（开播前 1 行，下播后 4 行）" in markdown
    assert main(["report", str(journal), "--format", "html", "-o", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("<polyline") == 4 and 'class="platform"' in page and "平台在线" in page  # the second line
    capsys.readouterr()
    assert main(["report", str(journal), "--format", "csv"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].endswith("platform_online_avg,platform_gmv") and table[1].endswith(",35.8,700")


def test_a_per_minute_xlsx_with_dates_and_a_title_row(journal, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["直播间分钟数据 2026-11-28"])
    sheet.append(["日期时间", "实时在线人数", "进场", "成交额"])
    for minute in range(31):
        sheet.append([datetime(2026, 11, 28, 20, minute), minute * 10, 5, 1200 if minute == 6 else 0])
    sheet.append([datetime(2026, 11, 29, 20, 5), 1, 1, 1])  # the next day: outside the show
    export = tmp_path / "export.xlsx"
    book.save(export)
    assert _annotate(journal, "--platform-file", str(export)) == 0
    curve = review_of(read_journal(journal)).platform
    assert (curve.rows, curve.before, curve.after) == (32, 1, 5)
    assert curve.segments["open"].gmv == pytest.approx(700)


def test_minutes_from_the_start_and_a_second_file_replaces_the_first(journal, tmp_path):
    first = _minutes_csv(tmp_path / "a.csv", _by_the_clock())
    assert _annotate(journal, "--platform-file", str(first)) == 0
    second = tmp_path / "b.csv"
    second.write_text("分钟,在线人数\n" + "".join(f"{m},{100 + m}\n" for m in range(25)), encoding="utf-8")
    assert _annotate(journal, "--platform-file", str(second)) == 0
    curve = review_of(read_journal(journal)).platform
    assert (curve.rows, curve.outside, curve.source, curve.gmv) == (25, 0, "b.csv", None)
    assert curve.segments["open"].online_average == pytest.approx(102)  # minutes 0 to 4


@pytest.mark.parametrize(("text", "said"), [
    ("名称,数量\n a,1\n", "找不到表头"),
    ("时间,在线人数\n20:01,很多\n", "读不出在线人数"),
    ("时间,成交金额\n20:01,1e20\n", "读不出成交金额"),
    ("时间,在线人数\n晚上,100\n", "读不出时间"),
    ("时间,在线人数\n20:01,100\n20:01,120\n", "这一分钟在"),
    ("时间,在线人数\n", "没有分钟数据"),
])
def test_a_platform_file_it_cannot_read_is_one_line_naming_the_cell(journal, tmp_path, capsys, text, said):
    export = tmp_path / "bad.csv"
    export.write_text(text, encoding="utf-8")
    before = journal.read_bytes()
    assert main(["annotate", str(journal), "--platform-file", str(export)]) == 2
    error = capsys.readouterr().err.strip()
    assert said in error and len(error.splitlines()) == 1 and "bad.csv" in error
    assert journal.read_bytes() == before


def test_the_library_keeps_the_figures_for_shows_and_compare(journal, tmp_path, capsys):
    library = tmp_path / "lib.sqlite"
    export = _minutes_csv(tmp_path / "m.csv", _by_the_clock())
    assert _annotate(journal, "--buyers", "80", "--refunds", "300", "--ad-spend", "600", "--platform-file", str(export),
                     library=library) == 0
    capsys.readouterr()
    assert main(["shows", "--library", str(library), "--lang", "en"]) == 0
    listing = capsys.readouterr().out
    assert "| Buyers | Refunds | ROI |" in listing and "| 80 | ¥300 | 2.00 |" in listing  # ¥1,200 by the platform ÷ 600
    assert main(["compare", "--last", "1", "--library", str(library), "--lang", "en", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    figures = dict(zip(header.split(","), row.split(","), strict=True))
    assert (figures["buyers"], figures["refunds"], figures["ad_spend"], figures["roi"]) == ("80", "300", "600", "2")
    import sqlite3
    with sqlite3.connect(library) as connection:
        assert connection.execute("SELECT buyers, refunds, ad_spend, platform_minutes_gmv FROM shows").fetchone() == (
            80, 300, 600, pytest.approx(1200))
        assert connection.execute("SELECT platform_gmv FROM segments WHERE segment_id = 'open'").fetchone()[0] == (
            pytest.approx(700))


def test_a_date_and_time_with_its_own_zone_is_placed_by_that_zone(journal, tmp_path):
    export = tmp_path / "utc.csv"
    export.write_text("时间,在线人数\n2026-11-28T12:03:00Z,500\n2026/11/28 20:04,700\n", encoding="utf-8")
    assert _annotate(journal, "--platform-file", str(export)) == 0
    curve = review_of(read_journal(journal)).platform
    assert curve.outside == 0 and [value for _, value in curve.online_series] == [500, 700]  # 20:03 and 20:04 (+08:00)
    assert curve.segments["open"].online_average == pytest.approx(600)


def test_annotate_says_at_once_how_many_rows_fall_outside_the_show(journal, tmp_path, capsys):
    """An export of another day (or zone) is journaled, but annotate says so then, not only the review later."""
    export = _minutes_csv(tmp_path / "m.csv", _by_the_clock())
    assert _annotate(journal, "--platform-file", str(export)) == 0
    said = capsys.readouterr()
    assert "平台分钟数据 31 行，26 行在直播时段内" in said.out
    assert "警告：5 行在直播时段外（开播前 1 行，下播后 4 行）" in said.err
    late = tmp_path / "late.csv"
    late.write_text("时间,在线人数\n10:00,100\n10:01,120\n", encoding="utf-8")
    assert _annotate(journal, "--platform-file", str(late), "--lang", "en") == 0
    said = capsys.readouterr()
    assert "2 minute(s) of the platform's export, 0 in the show" in said.out
    assert "warning: 2 rows fall outside the show (2 before the start, 0 after the end)" in said.err


def test_a_show_with_no_end_recorded_is_annotated_with_a_warning(tmp_path, capsys):
    """A killed console's journal may still be carried on: the figures are taken, and the team told."""
    from rhythm_console.events import ShowEnded

    unended = write_journal(tmp_path / "cut.jsonl", [e for e in team_events() if not isinstance(e, ShowEnded)])
    assert _annotate(unended, "--gmv", "1000") == 0
    assert "没有记下直播结束" in capsys.readouterr().err
    assert _annotate(write_journal(tmp_path / "whole.jsonl", team_events()), "--gmv", "1000") == 0
    assert "没有记下直播结束" not in capsys.readouterr().err
