"""The review on a small journal whose figures were worked out by hand."""

import csv
import io
from html.parser import HTMLParser

import pytest

from rhythm_console.cli import main
from rhythm_console.clock import ManualClock
from rhythm_console.events import (
    Advance,
    AlertCleared,
    AlertRaised,
    CueAcked,
    CueSent,
    Hold,
    MetricSample,
    Resume,
    ShowEnded,
    ShowStarted,
)
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import parse_plan
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.report.text import ReportText
from rhythm_console.review import Finding
from rhythm_console.show import RunStatus, VerdictKind
from tests.support.plans import SMALL_PLAN
from tests.support.reviews import review_of

PLAN = SMALL_PLAN.replace("show: {title: 小测试}", "show: {title: 小测试, goals: {peak_online: 600, gmv: 1000, orders: 5}}")


def _sample(at, online, orders, gmv, clicks, peak):
    return MetricSample(at=at, values={"online": online, "online_peak": peak, "interaction_rate": 0.1,
                                       "orders": orders, "gmv": gmv, "product_clicks": clicks, "ctr": 0.05})


EVENTS = [
    ShowStarted(at=0),
    _sample(1, 100, 0, 0, 0, 100),
    Advance(at=330),  # opening: 5:30 against 5:00, tolerance 30 s: on time
    _sample(400, 300, 2, 400, 20, 300),
    CueSent(at=500, cue=1, text="上链接", level="urgent"),
    CueAcked(at=502, cue=1, by="host"),
    _sample(700, 500, 6, 1200, 60, 500),
    Hold(at=800, reason="断流"),
    Resume(at=860),
    Advance(at=1100),  # coat: 1100 - 330 - 60 held = 710 s against 600: over +1:50
    ShowEnded(at=1240),  # the lottery: 140 s against 180: under −0:40; the closing never ran
]


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "small.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in EVENTS:
            writer.append(event)
    return path


def test_segment_figures_and_verdicts(journal):
    review = review_of(read_journal(journal))
    opening, coat, bag, close = review.segments
    assert (opening.actual, opening.verdict.kind) == (330, VerdictKind.on_time)
    assert (coat.actual, coat.verdict.kind.value, coat.verdict.delta) == (710, "over", 110)
    assert (bag.actual, bag.verdict.kind.value, bag.verdict.delta) == (140, "under", -40)
    assert close.status is RunStatus.pending and close.actual is None
    assert coat.figures.online_average == 400 and coat.figures.online_peak == 500
    assert coat.figures.growth("orders") == 6 and coat.figures.growth("gmv") == 1200
    assert coat.figures.growth("product_clicks") == 60
    assert coat.held == 60


def test_goals_drift_cues_and_holds(journal):
    review = review_of(read_journal(journal))
    goals = {g.name: (g.actual, g.met) for g in review.goals}
    assert goals == {"peak_online": (500, False), "gmv": (1200, True), "orders": (6, True)}
    # Ended 1240 s into a 1200 s plan without its 2-minute close: 2:40 late over the segments it ran.
    assert review.final_drift == 160 and review.not_run == 1
    assert review.drift_series[0] == (0, 0)
    assert review.drift_series[-1] == (1240, 40)
    assert review.cues[0].acked == [("host", 2.0)]
    assert review.holds == [(800, 860, "断流")]
    assert Finding("overran", {"title": "大衣", "delta": 110}) in review.findings
    goals = next(f for f in review.findings if f.code == "goals")
    assert goals.params == {"met": 2, "judged": 3}
    assert goals.clauses == (Finding("goals_missed", {"goals": ("goal.peak_online",)}),)
    said = [ReportText("zh").finding(f) for f in review.findings]
    assert "“大衣”超时 1:50。" in said and "目标达成 2/3；未达成：在线峰值。" in said
    assert "Goals met: 2 of 3; missed: Peak online." in [ReportText("en").finding(f) for f in review.findings]


def test_markdown_report(journal):
    text = render_markdown(review_of(read_journal(journal)), "zh")
    assert "# 直播复盘: 小测试" in text
    assert "| 大衣 | 讲品 | 主播 | 10:00 | 10:00 | 11:50 | 超时 +1:50 |" in text
    assert "| 大衣 | 400 | 500 | 10.0% | — | 60 | 5.0% | 6 | ¥1,200 |" in text
    assert "| 在线峰值 | 600 | 500 | ❌ 否 |" in text
    assert "| 20:13:20 | 大衣 | 暂停 1:00（断流） |" in text


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.stack, self.external = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br", "img", "link"):  # void elements have no end tag
            self.stack.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and "//" in value:
                self.external.append(value)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def test_html_is_self_contained_and_has_its_charts(journal):
    html = render_html(review_of(read_journal(journal)), "en")
    parser = _Collector()
    parser.feed(html)
    assert parser.tags.count("svg") == 2 and parser.tags.count("polyline") == 3  # online, interaction, drift
    assert parser.tags.count("rect") >= 6  # segment bands in both charts
    assert not parser.external and "<script" not in html
    assert "Stream review" in html and "over +1:50" in html


def test_csv_has_a_row_per_segment(journal):
    rows = list(csv.DictReader(io.StringIO(render_csv(review_of(read_journal(journal))))))
    assert [row["segment_id"] for row in rows] == ["open", "coat", "bag", "close"]
    assert rows[1]["verdict"] == "超时" and rows[1]["delta_s"] == "110" and rows[1]["gmv"] == "1200"
    assert (rows[1]["kind"], rows[1]["status"], rows[3]["status"]) == ("讲品", "已完成", "待开始")  # words, not codes
    english = list(csv.DictReader(io.StringIO(render_csv(review_of(read_journal(journal)), "en"))))
    assert (english[1]["verdict"], english[1]["owner"]) == ("over", "host")


def test_a_torn_journal_still_reports_and_names_the_cut(journal, capsys, tmp_path):
    journal.write_bytes(journal.read_bytes()[:-7])
    out = tmp_path / "r.html"
    assert main(["report", str(journal), "--format", "html", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"警告：{journal}:12：最后一行不完整（写到一半被截断）；已丢弃" in err  # the show's language
    assert "最后一行不完整" in out.read_text(encoding="utf-8")
    assert main(["report", str(journal), "--lang", "en"]) == 0
    assert f"warning: {journal}:12: the last line is torn" in capsys.readouterr().err


def test_report_of_a_missing_or_foreign_file_is_a_clear_error(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none.jsonl")]) == 2
    assert "none.jsonl：没有这个文件" in capsys.readouterr().err
    other = tmp_path / "x.jsonl"
    other.write_text('{"hello": 1}\n')
    assert main(["report", str(other)]) == 2
    assert "x.jsonl:1：不是 Rhythm Console 的日志（没有日志头）" in capsys.readouterr().err


def test_a_show_that_never_ended_and_goals_without_data(tmp_path):
    path = tmp_path / "cut.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        writer.append(ShowStarted(at=0))
        writer.append(Advance(at=30))
    review = review_of(read_journal(path))
    assert review.unfinished and any("没有结束" in warning for warning in ReportText("zh").warnings(review))
    assert not any(finding.code == "goals" for finding in review.findings)  # no figures: nothing judged
    text = render_markdown(review, "zh")
    assert "没有结束" in text
    assert "最后记录时偏差" in text and "| 在线峰值 | 600 | 无数据 | 无数据 |" in text


def test_holds_and_alerts_open_and_close_where_the_fold_says(tmp_path):
    path = tmp_path / "held.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in [ShowStarted(at=0), AlertRaised(at=5, alert="quiet", message="评论少"),
                      AlertRaised(at=6, alert="quiet", message="again"),  # refused: already raised
                      Hold(at=10, reason="断流"), Advance(at=40),  # advancing while held ends the hold
                      AlertCleared(at=50, alert="quiet"), AlertRaised(at=60, alert="quiet", message="又少了"),
                      ShowEnded(at=100)]:
            writer.append(event)
    review = review_of(read_journal(path))
    assert review.holds == [(10, 40, "断流")]
    assert [(a.message, a.raised_at, a.cleared_at, a.duration(review.end)) for a in review.alerts] == [
        ("评论少", 5, 50, 45), ("又少了", 60, None, 40)]


def test_clicks_and_ctr_are_said_only_of_segments_that_present_a_product(journal):
    # The one-minute CTR still carries the product before into a lottery or an opening: clicks 0, CTR 5%.
    text = render_markdown(review_of(read_journal(journal)), "zh")
    assert "| 开场 | 100 | 100 | 10.0% | — | — | — | 0 | ¥0 |" in text
    assert "| 大衣 | 400 | 500 | 10.0% | — | 60 | 5.0% | 6 | ¥1,200 |" in text
    rows = list(csv.DictReader(io.StringIO(render_csv(review_of(read_journal(journal))))))
    assert (rows[0]["product_clicks"], rows[0]["ctr"]) == ("", "")
    assert (rows[1]["product_clicks"], rows[1]["ctr"]) == ("60", "0.05")


def test_a_cue_from_the_floor_names_the_floor_in_the_review(tmp_path):
    # It said 其他 ("other"): the meeting could not tell the supervisor's cues from anything else.
    path = tmp_path / "floor.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in [ShowStarted(at=0), CueSent(at=5, cue=1, text="注意节奏", level="warn", origin="floor:总控"),
                      CueSent(at=6, cue=2, text="再试", level="info", origin="floor:\x1b[31mx"), ShowEnded(at=10)]:
            writer.append(event)
    review = review_of(read_journal(path))
    assert "| 注意节奏 | 注意 | 总控台 总控 | 送达未知 |" in render_markdown(review, "zh")
    assert "the floor (总控)" in render_markdown(review, "en")
    assert "\x1b" not in render_markdown(review, "zh")


@pytest.mark.parametrize(("name", "flags", "starts"), [
    ("review.html", [], b"<!DOCTYPE html>"),
    ("review.HTM", [], b"<!DOCTYPE html>"),
    ("review.csv", [], b"segment_id,"),
    ("review.md", [], b"# "),
    ("review.txt", [], b"# "),  # a suffix that names no format: Markdown, as without -o
    ("review.html", ["--format", "md"], b"# "),  # asked for: as asked
])
def test_the_report_s_format_follows_the_output_s_suffix_unless_asked(journal, tmp_path, name, flags, starts, capsys):
    """A manager who writes `-o review.html` opens a page in the browser, not Markdown in an .html file."""
    out = tmp_path / name
    assert main(["report", str(journal), "-o", str(out), *flags]) == 0
    assert out.read_bytes().startswith(starts)


def test_a_cue_no_pane_received_names_a_pane_s_own_name_or_a_role_in_the_review(tmp_path, capsys):
    """A button aimed at a pane by its name (小李) that was not connected: the review says so by that name
    (it once looked the name up as a role and stopped with a KeyError)."""
    path = tmp_path / "aimed.jsonl"
    with JournalWriter(path, parse_plan(PLAN), clock=ManualClock(), sync=lambda fd: None) as writer:
        for event in (ShowStarted(at=0),
                      CueSent(at=10, cue=1, text="看这里", target="小李", origin="http", reach=[]),
                      CueSent(at=20, cue=2, text="上链接", target="host", reach=[]),
                      CueSent(at=30, cue=3, text="全体", target="all", reach=[]),
                      ShowEnded(at=60)):
            writer.append(event)
    for flags in ([], ["--format", "html"], ["--lang", "en"]):
        assert main(["report", str(path), *flags]) == 0
        out = capsys.readouterr().out
        assert "小李" in out and ("主播" in out or "host" in out.lower())
    assert main(["report", str(path)]) == 0
    assert "（all、主播、小李）" in capsys.readouterr().out
