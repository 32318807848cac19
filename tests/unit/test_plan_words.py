"""Plans in the team's words: every word of the vocabulary loads to the same plan as its code."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhythm_console import vocabulary
from rhythm_console.plan import BUILTIN_CUES, parse_plan, plan_json_schema
from rhythm_console.vocabulary import VOCABULARY

# One plan with a slot for every enumerated field; {field} is filled with a code or any of its words.
TEMPLATE = """
show: {{title: 测试, locale: {locale}}}
segments:
  - {{id: a, kind: {kind}, title: A, duration: 5m, owner: {role}, product: {{name: 大衣, price: 1}},
     interaction: {{type: {interaction}}}, cues: {{on_warning: {cue}, on_over: {cue}}}}}
cue_presets:
  - {{key: "1", text: 上链接, level: {level}, action: {action}{by}}}
rules:
  - {{id: r, metric: {metric}, comparison: "{comparison}", threshold: 30, kinds: [{kind}], suggest: {cue}}}
advisor: {{disable: [{advice}]}}
"""


def _plan_text(words: dict[str, str]) -> str:
    by = ", by: 2m" if vocabulary.code_for("action", words["action"]) == "extend" else ""
    return TEMPLATE.format(by=by, **{field: _quoted(word) for field, word in words.items()})


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '\\"') + '"' if any(c in word for c in ":,&") else word


def _spellings(field: str, code: str) -> list[str]:
    word = next(word for word in VOCABULARY[field] if word.code == code)
    return [code, *word.zh, *word.en]


@st.composite
def codes_and_words(draw):
    codes = {field: draw(st.sampled_from(vocabulary.codes(field))) for field in VOCABULARY}
    words = {field: draw(st.sampled_from(_spellings(field, code))) for field, code in codes.items()}
    return codes, words


@settings(max_examples=150, deadline=None)
@given(codes_and_words())
def test_each_word_loads_to_the_same_plan_as_its_code(pair):
    codes, words = pair
    assert parse_plan(_plan_text(words)) == parse_plan(_plan_text(codes))


@pytest.mark.parametrize("field", sorted(VOCABULARY))
def test_no_word_stands_for_two_codes_in_one_field(field):
    seen: dict[str, str] = {}
    for word in VOCABULARY[field]:
        for spelling in (word.code, *word.zh, *word.en):
            key = vocabulary.normalise(spelling)
            assert seen.setdefault(key, word.code) == word.code, (field, spelling)


def test_builtin_cues_are_named_as_the_screen_shows_them():
    from rhythm_console.i18n import Texts

    for code in BUILTIN_CUES:
        assert vocabulary.shown("cue", code, "zh") == Texts("zh")(f"cue.builtin.{code}")
        assert vocabulary.shown("cue", code, "en") == Texts("en")(f"cue.builtin.{code}")
    assert set(vocabulary.codes("cue")) == set(BUILTIN_CUES)


def test_the_managers_plan_from_the_issue_passes():
    plan = parse_plan("""
show: {title: 冬季专场}
segments:
  - {id: bag, kind: 福袋, title: 福袋, duration: 8分钟}
  - {id: coat, kind: 讲解, title: 大衣, duration: 1小时5分, owner: 助播, product: {name: 大衣, price: ¥259},
     cues: {on_warning: 准备过款}}
cue_presets: [{key: 1, text: 上链接！, level: 紧急}]
rules: [{id: r, metric: 在线人数, comparison: 下降, threshold: 20, suggest: 开福袋留人}]
""")
    bag, coat = plan.segments
    assert (bag.kind.value, bag.duration) == ("lottery", 480)
    assert (coat.kind.value, coat.duration, coat.owner, coat.product.price) == ("product", 3900, "assistant", 259)
    assert coat.cues.on_warning == "next_product"
    assert plan.cue_presets[0].key == "1" and plan.cue_presets[0].level.value == "urgent"
    rule = plan.rules[0]
    assert (rule.metric.value, rule.comparison.value, rule.suggest) == ("online", "falls_by", "lucky_bag")


@pytest.mark.parametrize("price", ["¥259", "￥259", "259元", "259.00", " ¥ 259.00 ", 259, 259.0])
def test_prices_as_teams_write_them(price):
    text = f'show: {{title: x}}\nsegments: [{{id: a, kind: product, title: A, duration: 5m, product: {{name: x, price: "{price}"}}}}]'
    assert parse_plan(text).segments[0].product.price == 259


def test_the_schema_offers_the_words_to_editors():
    definitions = plan_json_schema()["$defs"]
    assert {"福袋", "讲解", "lottery"} <= set(definitions["Segment"]["properties"]["kind"]["enum"])
    assert "紧急" in definitions["CuePreset"]["properties"]["level"]["enum"]
    suggest = definitions["Rule"]["properties"]["suggest"]["anyOf"][0]["enum"]
    assert {"准备过款", "上链接", "next_product"} <= set(suggest)
    assert "助播" in definitions["Segment"]["properties"]["owner"]["enum"]
