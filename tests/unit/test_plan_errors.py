"""Errors that teach: each class of mistake, in the plan's language, all in one run, never pydantic's wording."""

import pytest

from rhythm_console.errors import PlanError
from rhythm_console.plan import parse_plan

SEGMENT = "{id: a, kind: opening, title: A, duration: 5m}"


def _errors(body: str, locale: str = "zh-CN") -> list[str]:
    text = f"show: {{title: 测试, locale: {locale}}}\n{body}"
    if "segments:" not in body:
        text += f"\nsegments: [{SEGMENT}]\n"
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "p.yaml")
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


# (plan body, zh message, en message): one per class of mistake.
CLASSES = [
    ("checklist: [{text: 推流测试, blocking: maybe}]", "checklist[0].blocking: 写 true（是）或 false（否）",
     "checklist[0].blocking: write true or false"),
    ("audience: {categories: [{id: Size-Qs, phrases: [尺码]}]}",
     "audience.categories[0].id: 只能用小写字母、数字和 _，以字母开头，例如 size_questions",
     "audience.categories[0].id: use lowercase letters, digits and _, starting with a letter, e.g. size_questions"),
    ("segments: [{id: a, kind: 抽签, title: A, duration: 5m}]",
     'segments[0].kind: "抽签" 不是可用的写法，可以写：开场、讲品、互动、福袋、答疑、串场、收尾、秒杀、憋单、返场、其他',
     'segments[0].kind: "抽签" is not one of the accepted words: opening, product, interaction, lottery, qa, break, closing, flash_sale, hold, revisit, custom'),
    ("cue_presets: [{key: 1, text: t, level: 警报}]",
     'cue_presets[0].level: "警报" 不是可用的写法，可以写：提示、注意、紧急',
     'cue_presets[0].level: "警报" is not one of the accepted words: info, warn, urgent'),
    ("team: {assistants: 阿琪}", "team.assistants: 写成列表，例如 [阿琪, 小雨]", "team.assistants: write a list, e.g. [Aqi, Xiaoyu]"),
    ("team: {assistant: [阿琪]}", "team.assistant: 未知的键——是不是想写 assistants？",
     "team.assistant: unknown key — did you mean assistants?"),
    ("team: {zzz: 1}", "team.zzz: 未知的键，这里可以写：manager、host、assistants、ops",
     "team.zzz: unknown key; the keys here are: manager, host, assistants, ops"),
    ("segments: [{id: a, kind: opening, title: A, duration: 8 minutes}]",
     'segments[0].duration: 读不懂时长 "8 minutes"', 'segments[0].duration: cannot read "8 minutes" as a duration'),
    ("segments: [{id: a, kind: opening, title: A, duration: 100h}]",
     "segments[0].duration: 时长最多 72 小时", "segments[0].duration: a duration in a plan is at most 72 hours"),
    ("segments: [{id: a, kind: product, title: A, duration: 5m, product: {name: x, price: 两百}}]",
     'segments[0].product.price: 价格以元为单位，例如 259、¥259 或 259元，这里是 "两百"',
     'segments[0].product.price: write a price in yuan, e.g. 259, ¥259 or 259元, got "两百"'),
    ("segments: [{id: a, kind: product, title: A, duration: 5m}]",
     "segments[0].product: 讲品和秒杀环节需要写 product", "segments[0].product: a product or flash sale segment needs a product"),
    ("show: {title: x}\nsegments: []", "segments: 至少要有一项", "segments: needs at least one item"),
    ("defaults: 3", "defaults: 写成“键: 值”的映射，例如 {tolerance: 45s, warning: 1分钟}",
     "defaults: write a mapping of keys, e.g. {tolerance: 45s, warning: 1m}"),
    ("show: {title: x, goals: {orders: 1.5}}", "show.goals.orders: 写一个整数，例如 600",
     "show.goals.orders: write a whole number, e.g. 600"),
    ("rules: [{id: r, metric: online, comparison: <, threshold: lots, suggest: speed_up}]",
     'rules[0].threshold: 写一个数字，例如 30，这里是 "lots"', 'rules[0].threshold: write a number, e.g. 30, got "lots"'),
    ("rules: [{id: r, metric: online, comparison: <, threshold: 3, suggest: 加油}]",
     "rules[0].suggest: 未知的提词 “加油”，可以写：加快节奏、放慢节奏", 'rules[0].suggest: unknown cue "加油"; the cues are: speed_up, slow_down'),
    ("segments: [{id: a b, kind: opening, title: A, duration: 5m}]",
     "segments[0].id: 只能用字母、数字、_、- 或汉字", "segments[0].id: use letters, digits, _, - or Chinese characters"),
    ("cue_presets: [{key: 10, text: t}]", "cue_presets[0].key: 写 1 到 9 中的一个数字", "cue_presets[0].key: write one digit 1-9"),
    ("cue_presets: [{key: 1, text: t, action: 延长}]", "cue_presets[0]: action 为延长（extend）时要写 by",
     "cue_presets[0]: action extend needs 'by'"),
    ("show: {title: x, starts_at: 2026-11-28T20:00:00}", "show.starts_at: starts_at 要带时区",
     "show.starts_at: starts_at needs a time zone"),
]


@pytest.mark.parametrize(("body", "zh", "en"), CLASSES, ids=[c[2].split(":")[0] + f"-{i}" for i, c in enumerate(CLASSES)])
def test_each_class_of_mistake_says_what_to_write_in_the_plans_language(body, zh, en):
    body_zh = body.replace("show: {title: x", "show: {title: x, locale: zh-CN")
    body_en = body.replace("show: {title: x", "show: {title: x, locale: en")
    zh_errors = _errors(body_zh) if "show:" in body else _errors(body, "zh-CN")
    en_errors = _errors(body_en) if "show:" in body else _errors(body, "en")
    assert any(zh in error for error in zh_errors), zh_errors
    assert any(en in error for error in en_errors), en_errors


PYDANTIC_WORDING = ("Input should", "String should", "List should", "Value error", "valid dictionary", "Extra inputs")


def test_no_pydantic_wording_reaches_the_author():
    for body, _, _ in CLASSES:
        for error in _errors(body) + _errors(body, "en"):
            assert not any(phrase in error for phrase in PYDANTIC_WORDING), error


def test_independent_mistakes_all_come_in_one_run():
    errors = _errors("""segments:
  - {id: a, kind: 福袋, title: A, duration: 5m, cues: {on_over: 不存在}}
  - {id: a, kind: 讲解, title: B, duration: 5m}
cue_presets:
  - {key: 1, text: t, level: 警报}
rules:
  - {id: r, metric: 在线人数, comparison: 下降, threshold: 20, suggest: "7"}
""")
    fields = {error.split(":")[0] for error in errors}
    assert fields == {"segments[0].cues.on_over", "segments[1].id", "segments[1].product", "cue_presets[0].level",
                      "rules[0].suggest"}


def test_a_yaml_error_names_where_the_broken_construct_began():
    with pytest.raises(PlanError) as caught:
        parse_plan('show:\n  title: x\nsegments:\n  - {id: "abc, kind: opening}\n', "x.yaml")
    assert str(caught.value) == "x.yaml:4:10: 这里开始的引号字符串没有闭合（到 5:1 仍未结束）"
    with pytest.raises(PlanError) as caught:
        parse_plan('show: {title: x, locale: en}\nsegments: [a, b\nfoo: 1\n', "x.yaml")
    assert str(caught.value) == "x.yaml:2:11: the list [ that starts here is not closed: ',' or ']' was expected at 3:4"


@pytest.mark.parametrize(("text", "message"), [
    ("show:\n\ttitle: x\n", "x.yaml:2:1: 这里有制表符（Tab）：缩进请用空格"),
    ("show: *nope\n", "x.yaml:1:7: 别名 *nope 前面没有定义"),
    ("show: {title: x}\n---\nshow: {title: y}\n", "x.yaml:1:1: 一个计划文件只能有一个文档，2:1 又开始了一个"),
    ("show: !!python/object:os.system {}\n", "x.yaml:1:7: 计划里不能用标签"),
    ("show: {title: x, starts_at: 2026-13-45T20:00:00+08:00}\nsegments: []\n", 'x.yaml:1:29: 没有这个日期 "2026-13-45'),
    ('show:\n  title: "a\x00b"\n', "x.yaml:2:12: 这里有一个控制字符 U+0000，计划文件里不能有"),  # not libyaml's English
    ('show:\n  title: 直播\x07间\n', "x.yaml:2:12: 这里有一个控制字符 U+0007"),
])
def test_yaml_mistakes_are_located_and_worded(text, message):
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "x.yaml")
    assert message in str(caught.value)


def test_thousands_of_errors_print_the_first_fifty_and_a_count():
    segments = "".join(f"  - {{id: s{i}, kind: 不对, title: A, duration: 10s}}\n" for i in range(3000))
    with pytest.raises(PlanError) as caught:
        parse_plan(f"show: {{title: x}}\nsegments:\n{segments}", "p.yaml")
    lines = str(caught.value).splitlines()
    assert len(caught.value.problems) == 3000
    assert len(lines) == 51 and lines[-1] == "…… 还有 2950 个问题没有列出（先改上面的）"


def test_long_and_control_character_values_are_cut_and_escaped():
    value = "\x1b[31m" + "x" * 5000 + "\n"
    errors = _errors(f'segments: [{{id: a, kind: "{value.encode("unicode_escape").decode()}", title: A, duration: 5m}}]')
    assert len(errors) == 1 and "\x1b" not in errors[0] and "\n" not in errors[0]
    assert '"\\x1b[31m' + "x" * 35 + '…" 不是可用的写法' in errors[0]
    assert len(errors[0]) < 200
