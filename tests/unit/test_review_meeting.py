"""The review for the 复盘 meeting, on a hand-built journal whose figures were worked out by hand:
extensions, a cut, a skip, a reorder, a hold, a contingency, a product that sold out and a lucky bag."""

import csv
import io
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.events import (
    Advance,
    AlertRaised,
    CueAcked,
    CueSent,
    Extend,
    Hold,
    InsertSegment,
    MetricSample,
    Note,
    Reorder,
    Resume,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
)
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import parse_plan
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import fit_label, render_html, text_width
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review.interventions import intervention, interventions
from rhythm_console.show import VerdictKind, initial_state
from tests.support.reviews import review_of

PLAN = """
show: {title: 冬季上新, starts_at: "2026-11-28T20:00:00+08:00"}
team: {manager: 王经理, host: 小美, assistants: [阿琪, 小雨], ops: [老张]}
defaults: {tolerance: 30s, warning: 1m}
segments:
  - {id: open, kind: 开场, title: 开场, duration: 5分钟}
  - {id: coat, kind: 讲品, title: 大衣, duration: 10分钟, owner: 助播,
     product: {sku: C1, name: 双面羊毛大衣, price: ¥899, stock: 10}}
  - {id: bag, kind: 福袋, title: 福袋, duration: 3分钟, owner: 运营}
  - {id: scarf, kind: 讲品, title: 围巾, duration: 5分钟, product: {name: 羊绒围巾, price: 199, stock: 50}}
  - {id: ask, kind: 答疑, title: 答疑, duration: 4分钟}
  - {id: close, kind: 收尾, title: 收尾, duration: 2分钟, owner: 场控}
cue_presets:
  - {key: "1", text: 上链接, level: 紧急}
contingencies:
  - id: broken
    title: 链接失效
    trigger: 链接打不开
    steps: [稳住观众]
    insert: {id: filler, kind: 答疑, title: 临时问答, duration: 4分钟}
rules:
  - {id: low-ctr, metric: 点击率, comparison: 低于, threshold: 0.02, suggest: "1"}
"""


def sample(at, **values):
    return MetricSample(at=at, values={key: float(value) for key, value in values.items()})


def _events(plan):
    filler = plan.contingencies[0].insert
    return [
        ShowStarted(at=0),
        sample(0, online=100, comments=0, entries=0, orders=0, gmv=0),
        sample(300, online=200, comments=40, entries=20, orders=0, gmv=0),
        Advance(at=300),  # open: 5:00, on time
        CueSent(at=400, cue=1, text="上链接", level="urgent", origin="preset:1"),
        CueAcked(at=403, cue=1, by="主屏"),
        sample(600, online=300, comments=60, entries=30, orders=4, gmv=3596, ctr=0.05),
        sample(800, online=320, comments=80, entries=40, orders=10, gmv=8990, ctr=0.04),  # the coat sells out
        AlertRaised(at=850, alert="builtin:overrun:coat", message="大衣 超时 +0:30", suggest="wrap_up", level="urgent",
                    code="overrun", params={"title": "大衣", "over": 30}),
        AlertRaised(at=860, alert="rule:low-ctr", message="ctr < 0.02", suggest="1", level="urgent"),
        CueSent(at=870, cue=2, text="收尾", level="urgent", origin="advice:builtin:overrun:coat"),
        Extend(at=900, seconds=180),  # coat: 10:00 -> budget 13:00
        CueSent(at=950, cue=3, text="准备过款", level="info", origin="auto:coat:warning"),
        CueSent(at=960, cue=4, text="加快节奏", level="warn", origin="builtin:speed_up"),
        Reorder(at=1000, order=["scarf", "bag", "ask", "close"]),
        sample(1020, online=300, comments=100, entries=50, orders=10, gmv=8990),
        Advance(at=1020),  # coat: 12:00 against 13:00: under −1:00 (against the plan it would be over +2:00)
        Extend(at=1100, seconds=-60),  # scarf: 5:00 -> budget 4:00
        Skip(at=1110, segment_id="ask"),
        Note(at=1200, text="大衣卖爆了，下次多备货"),
        sample(1320, online=250, comments=200, entries=100, orders=25, gmv=11975),
        Advance(at=1320),  # scarf: 5:00 against 4:00: over +1:00; then the lucky bag
        sample(1400, online=300, comments=240, entries=120),
        Hold(at=1400, reason="断流"),
        Resume(at=1430),
        InsertSegment(at=1450, segment=filler, contingency_id="broken"),
        sample(1500, online=300, comments=290, entries=160),
        Advance(at=1500),  # bag: 180 s less 30 held = 150 s against 180: on time; then the filler
        Advance(at=1740),
        ShowEnded(at=1860),
    ]


def _review(tmp_path, text=PLAN):
    plan = parse_plan(text)
    path = tmp_path / "meeting.jsonl"
    clock = ManualClock(start_wall=datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc))  # a machine on UTC
    with JournalWriter(path, plan, clock=clock, sync=lambda fd: None) as writer:
        for event in _events(plan):
            writer.append(event)
    return review_of(read_journal(path))


@pytest.fixture
def review(tmp_path):
    return _review(tmp_path)


def test_budget_and_verdict_against_it(review):
    coat = next(s for s in review.segments if s.id == "coat")
    assert (coat.planned, coat.budget, coat.extended, coat.actual) == (600, 780, 180, 720)
    assert (coat.verdict.kind, coat.verdict.delta) == (VerdictKind.under, -60)
    scarf = next(s for s in review.segments if s.id == "scarf")
    assert (scarf.budget, scarf.extended, scarf.verdict.kind, scarf.verdict.delta) == (240, -60, VerdictKind.over, 60)
    text = render_markdown(review, "zh")
    assert "| 大衣 | 讲品 | 助播 阿琪、小雨 | 10:00 | 13:00 (+3:00) | 12:00 | 提前 −1:00 |" in text
    assert "| 围巾 | 讲品 | 主播 小美 | 5:00 | 4:00 (−1:00) | 5:00 | 超时 +1:00 |" in text
    assert "判定（对比预算）" in text
    assert "| Coat" not in text and "Verdict (against budget)" in render_markdown(review, "en")


def test_interventions_in_order_with_time_and_segment(review):
    said = [(item.at, item.kind, item.segment_id) for item in review.interventions]
    assert said == [(900, "extended", "coat"), (1000, "reordered", "scarf"), (1100, "shortened", "scarf"),
                    (1110, "skipped", "ask"), (1400, "held", "bag"), (1450, "contingency", "filler")]
    held = review.interventions[4]
    assert held.params == {"reason": "断流", "length": 30}
    text = render_markdown(review, "zh")
    assert "| 20:15:00 | 大衣 | 延长 3:00（预算 13:00） |" in text  # the show's own zone, on a UTC machine
    assert "| 20:16:40 | 围巾 | 调整后续顺序：围巾 → 福袋 → 答疑 → 收尾 |" in text
    assert "| 20:18:30 | 答疑 | 跳过 |" in text
    assert "| 20:23:20 | 福袋 | 暂停 0:30（断流） |" in text
    assert "| 20:24:10 | 临时问答 | 启用应急预案“链接失效” |" in text
    english = render_markdown(review, "en")
    assert "| 20:15:00 | 大衣 | extended by 3:00 (budget 13:00) |" in english


def test_interventions_are_one_reader_per_event_type(small_plan):
    events = [ShowStarted(at=0), SegmentStarted(at=10, segment_id="bag"), Extend(at=20, seconds=0),
              Reorder(at=30, order=["coat", "close"]), ShowEnded(at=40)]
    found = interventions(small_plan, events)
    assert [(i.kind, i.segment_id) for i in found] == [("jumped", "bag"), ("ended_early", None)]
    assert found[0].params == {"instead": "大衣"}  # the refused extend and the same order again are not there
    assert found[1].params == {"left": ("大衣", "收尾")}

    class Later:  # a kind this review does not know yet (a later version adds it): not an intervention
        type, at = "a_later_kind", 50.0

    before = initial_state(small_plan)
    assert intervention(Later(), before, before.__class__(plan=small_plan, runs=before.runs)) is None


def test_products_stock_orders_sell_through_and_sold_out(review):
    coat, scarf = review.products
    assert (coat.name, coat.stock, coat.orders, coat.sell_through, coat.sold_out_at) == ("双面羊毛大衣", 10, 10, 1.0, 800)
    assert (scarf.orders, scarf.sell_through, scarf.sold_out_at, scarf.gmv) == (15, 0.3, None, 2985)
    text = render_markdown(review, "zh")
    assert "| 双面羊毛大衣 | ¥899 | 10 | 10 | 100.0% | 20:13:20 | ¥8,990 |" in text
    assert "| 羊绒围巾 | ¥199 | 50 | 15 | 30.0% | 未售罄 | ¥2,985 |" in text
    assert "讲解环节期间的全场订单" in text  # it says how orders per product were counted


def test_lottery_participation_and_lift(review):
    (bag,) = review.lotteries
    assert (bag.before.seconds, bag.before.comments, bag.before.entries) == (300, 100, 50)
    assert (bag.during.seconds, bag.during.comments, bag.during.entries) == (180, 90, 60)
    assert bag.lift("comments") == pytest.approx(0.5) and bag.lift("entries") == pytest.approx(1.0)
    assert bag.participation == pytest.approx(0.3)
    assert "| 福袋 | 20.0 → 30.0 | +50% | 10.0 → 20.0 | +100% | 30.0% |" in render_markdown(review, "zh")


def test_findings_say_the_budget_and_skip_clicks_without_a_product(review):
    overran = next(f for f in review.findings if f.code == "overran")
    assert overran.params["title"] == "围巾"
    assert overran.clauses[0].code == "against_budget"
    assert "“围巾”超时 1:00（预算已从 5:00 调整为 4:00）" in render_markdown(review, "zh")


def test_cues_alerts_notes_and_action_items_in_words(review):
    text = render_markdown(review, "zh")
    assert "| 20:06:40 | 上链接 | 紧急 | 预设 1 | 主屏 3.0 秒 |" in text
    assert "| 采纳建议：大衣 超时 +0:30 |" in text
    assert "| 准备过款 | 提示 | 自动：大衣即将结束 |" in text and "| 快捷提词 |" in text
    assert "| 20:14:10 | 大衣 超时 +0:30 | 收尾 |" in text
    assert "| 20:14:20 | 点击率低于 0.02 | 上链接 |" in text  # a rule without a message, said in the plan's words
    assert "- 20:20:00 大衣卖爆了，下次多备货" in text
    assert text.rstrip().endswith("|  |  |  |") and "## 行动项" in text
    english = render_markdown(review, "en")
    assert "| preset 1 |" in english and "| from advice: 大衣 over-running +0:30 |" in english
    assert "## Action items" in english and "ctr < 0.02" not in english
    html = render_html(review, "zh")
    assert "<h2>行动项</h2>" in html and html.count("<td></td><td></td><td></td>") == 5


class _Text(HTMLParser):
    """The words a reader sees: text outside <style>, and <title> tooltips."""

    def __init__(self):
        super().__init__()
        self.parts, self.in_style = [], False

    def handle_starttag(self, tag, attrs):
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.parts.append(data)


def _visible(html):
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def _csv_cells(text):
    rows = list(csv.reader(io.StringIO(text)))
    return "\n".join(",".join(row) for row in rows[1:])  # the header row is column names, not the journal's codes


def _journal_codes(review):
    """Every code the journal carries that a reader should never see."""
    spelled = {c.origin for c in review.cues} | {a.alert for a in review.alerts}
    plain = {c.level for c in review.cues} | {s.kind.value for s in review.segments}
    plain |= {s.status.value for s in review.segments} | {s.verdict.kind.value for s in review.segments if s.verdict}
    plain |= {s.owner for s in review.segments} | {item.kind for item in review.interventions}
    plain |= {"info", "warn", "urgent", "ctr", "wrap_up", "speed_up", "next_product"}
    return spelled, plain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_raw_code_in_any_report(review, lang):
    spelled, plain = _journal_codes(review)
    assert "advice:builtin:overrun:coat" in spelled and "auto:coat:warning" in spelled and "urgent" in plain
    outputs = {"md": render_markdown(review, lang), "html": _visible(render_html(review, lang)),
               "csv": _csv_cells(render_csv(review, lang))}
    for name, text in outputs.items():
        for code in spelled:
            assert code not in text, f"{lang} {name}: {code}"
        assert not re.search(r"\b(?:builtin|advice|preset|auto|rule):\S", text), f"{lang} {name}"
        if lang == "zh":  # in English some words are spelled like their codes (urgent, product)
            found = [code for code in plain if re.search(rf"(?<![A-Za-z_]){re.escape(code)}(?![A-Za-z_])", text)]
            assert not found, f"{name}: {found}"


def test_chart_labels_that_do_not_fit_are_shortened_with_the_full_name_on_hover_and_in_a_legend(tmp_path):
    assert fit_label("开场", 1, 100) == ("开场", False)
    label, cut = fit_label("双面羊毛大衣限时特价", 2, 60)
    assert cut and label.startswith("2 ") and label.endswith("…") and text_width(label) <= 60
    assert fit_label("双面羊毛大衣", 12, 5) == ("", True)
    review = _review(tmp_path, PLAN.replace("title: 收尾", "title: 收尾：感谢今晚的家人们，下播前最后一轮抽奖"))
    html = render_html(review, "zh")
    labels = re.findall(r'<text class="label"[^>]*><title>([^<]*)</title>([^<]*)</text>', html)
    assert labels and all(shown == full or shown.endswith("…") or shown.isdigit() or not shown
                          for full, shown in labels)
    shortened = [full for full, shown in labels if shown != full]
    assert shortened == ["收尾：感谢今晚的家人们，下播前最后一轮抽奖"] * 2  # in both charts: its band is two minutes
    legend = re.search(r'<div class="legend labels">(.*?)</div>', html).group(1)
    assert all(full in legend for full in shortened)
