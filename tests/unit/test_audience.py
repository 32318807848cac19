"""Comment classification: each category, normalisation, look-alikes, the plan's changes, the tracker."""

from __future__ import annotations

import pytest

from rhythm_console.audience.lexicon import CategorySettings, Kind, build_lexicon
from rhythm_console.audience.tracker import EXAMPLES_PER_MINUTE, AudienceTracker
from rhythm_console.matching import normalise
from rhythm_console.plan import parse_plan

LEXICON = build_lexicon()


@pytest.mark.parametrize(("comment", "category"), [
    ("这件多少钱啊", "price_questions"), ("现在什么价", "price_questions"), ("how much is it?", "price_questions"),
    ("165 110斤穿什么码", "size_questions"), ("偏大还是偏小", "size_questions"), ("what size for 170cm", "size_questions"),
    ("几天发货", "shipping_questions"), ("发什么快递", "shipping_questions"),
    ("什么面料", "material_questions"), ("会起球吗", "material_questions"),
    ("有优惠券吗", "discount_questions"), ("有没有福利", "discount_questions"),
    ("太慢了", "rhythm_complaints"), ("别墨迹了", "rhythm_complaints"), ("快点啊", "rhythm_complaints"),
    ("下一个吧", "rhythm_complaints"), ("还没上吗", "rhythm_complaints"),
    ("好卡啊", "tech_complaints"), ("卡顿了", "tech_complaints"), ("黑屏了", "tech_complaints"),
    ("没声音", "tech_complaints"), ("听不清", "tech_complaints"), ("画面糊", "tech_complaints"), ("so laggy", "tech_complaints"),
    ("拍了", "buy_signals"), ("已拍", "buy_signals"), ("下单了", "buy_signals"), ("想要", "buy_signals"), ("蹲一个", "buy_signals"),
])
def test_each_category(comment: str, category: str) -> None:
    assert LEXICON.categories_of(comment) == [category]


@pytest.mark.parametrize(("comment", "category"), [
    ("快快快点", "rhythm_complaints"), ("卡卡卡卡了", "tech_complaints"),  # repeated characters
    ("多少 钱", "price_questions"), ("没 声 音", "tech_complaints"),  # spaces
    ("ＨＯＷ ＭＵＣＨ", "price_questions"), ("HOW MUCH", "price_questions"),  # full width, case
    ("上链接！！！", "buy_signals"),
])
def test_normalised_before_matching(comment: str, category: str) -> None:
    assert LEXICON.categories_of(comment) == [category]


@pytest.mark.parametrize("comment", [
    "卡其色还有吗", "信用卡能付吗", "这个卡片好看", "我用信用卡了", "会员卡怎么办", "打卡打卡", "卡通图案可爱",
    "密码忘了", "我不买了", "不想要了", "flag立起来", "主播好美", "666", "哈哈哈哈",
])
def test_look_alikes_are_not_matches(comment: str) -> None:
    assert LEXICON.categories_of(comment) == []


@pytest.mark.parametrize(("comment", "categories"), [
    ("怎么买，上链接", ["buy_signals"]), ("上链接", ["buy_signals"]), ("求链接", ["buy_signals"]),
    ("哪里拍", ["buy_signals"]), ("怎么下单啊", ["buy_signals"]), ("link please", ["buy_signals"]),
    ("drop the link", ["buy_signals"]),
    # impatient and asking to buy: both
    ("快上链接", ["rhythm_complaints", "buy_signals"]), ("什么时候上链接", ["rhythm_complaints", "buy_signals"]),
    # a question about the next product, a squat to show the fit, a late parcel: no complaint, no sale
    ("下一个是什么", []), ("深蹲会透吗", []), ("延迟发货吗", ["shipping_questions"]),
])
def test_asking_for_the_link_is_a_buying_signal_not_a_rhythm_complaint(comment: str, categories: list[str]) -> None:
    """What a comment asks for decides its kind: the link or how to buy is wanting to buy (issue 20.6)."""
    assert LEXICON.categories_of(comment) == categories


def test_one_comment_in_several_categories_counts_once_each() -> None:
    assert LEXICON.categories_of("好卡啊 多少钱 多少钱") == ["price_questions", "tech_complaints"]


def test_normalise() -> None:
    assert normalise("ＡＢＣ　快快快  点") == "abc快点"
    assert normalise("too   slooooow") == "too sloow"


def test_plan_extends_and_overrides() -> None:
    plan = parse_plan("""
show: {title: t}
segments: [{id: a, kind: opening, title: a, duration: 1m}]
audience:
  categories:
    - {id: colour_questions, kind: question, label: 颜色, phrases: [什么颜色, 色号], suggest: 展示所有颜色}
    - {id: size_questions, phrases: [穿多大], not_when: [身高体重保密]}
    - {id: tech_complaints, replace: true, phrases: [掉帧]}
""")
    lexicon = plan.audience.lexicon()
    assert lexicon.categories_of("有几个色号") == ["colour_questions"]
    assert lexicon.categories_of("我该穿多大") == ["size_questions"]
    assert lexicon.categories_of("多大码") == ["size_questions"]  # extended, not replaced
    assert lexicon.categories_of("好卡") == []  # replaced
    assert lexicon.categories_of("掉帧了") == ["tech_complaints"]
    assert plan.cue_for("audience:colour_questions", "zh")[0] == "展示所有颜色"
    assert plan.cue_for("audience:size_questions", "zh")[0] == "回答尺码问题"


def test_plan_can_replace_all_defaults() -> None:
    lexicon = build_lexicon([CategorySettings("hello", Kind.other, ("你好",))], replace_defaults=True)
    assert lexicon.ids == ("hello",)
    assert lexicon.categories_of("多少钱") == []


def test_plan_rule_on_an_audience_metric() -> None:
    plan = parse_plan("""
show: {title: t}
segments: [{id: a, kind: opening, title: a, duration: 1m}]
rules: [{id: sizes, metric: audience.size_questions_per_min, comparison: ">=", threshold: 10, suggest: speed_up}]
""")
    assert plan.rules[0].metric.value == "audience.size_questions_per_min"


def test_tracker_rates_totals_and_journal_examples() -> None:
    tracker = AudienceTracker()
    for second in range(30):
        tracker.add("多大码", second)
        tracker.add("卡了", second + 0.5)
    tracker.add("主播好", 30)
    figures = tracker.figures(30)
    assert figures["audience.size_questions"] == 30
    assert figures["audience.size_questions_per_min"] == 30
    assert figures["audience.tech_complaints_per_min"] == 30
    assert figures["audience.uncategorised"] == 1
    assert tracker.figures(200)["audience.size_questions_per_min"] == 0  # outside the window
    examples = tracker.take_examples()
    assert examples == {"size_questions": ["多大码"] * EXAMPLES_PER_MINUTE, "tech_complaints": ["卡了"] * EXAMPLES_PER_MINUTE}
    assert tracker.take_examples() == {}
    tracker.add("多大码 13812345678", 61)  # a new minute: a new quota, the number masked
    assert tracker.take_examples() == {"size_questions": ["多大码 …"]}


def test_tracker_counts_only() -> None:
    tracker = AudienceTracker(keep_text=False)
    tracker.add("多大码", 1)
    assert tracker.take_examples() == {}
    assert tracker.figures(1)["audience.size_questions"] == 1


def test_summary_for_probe() -> None:
    tracker = AudienceTracker()
    for text in ("多大码", "多少钱", "卡了", "快点", "拍了", "你好"):
        tracker.add(text, 1)
    summary = tracker.summary()
    assert summary["questions"]["size"] == 1 and summary["questions"]["price"] == 1
    assert (summary["complaints_rhythm"], summary["complaints_tech"], summary["buy_signals"], summary["uncategorised"]) == (1, 1, 1, 1)


def test_a_plan_category_no_comment_reached_is_left_out_of_the_figures():
    """A large lexicon must not widen every journaled sample with zeros; the shipped ones are always there."""
    from rhythm_console.audience.lexicon import CategorySettings, Kind, build_lexicon
    from rhythm_console.audience.tracker import AudienceTracker

    lexicon = build_lexicon([CategorySettings(id="colour_questions", kind=Kind.question, phrases=("什么颜色",))])
    tracker = AudienceTracker(lexicon)
    tracker.add("主播好", 1)
    figures = tracker.figures(2)
    assert "audience.colour_questions_per_min" not in figures
    assert figures["audience.size_questions_per_min"] == 0 and figures["audience.uncategorised"] == 1
    tracker.add("有什么颜色", 3)
    assert tracker.figures(4)["audience.colour_questions"] == 1
