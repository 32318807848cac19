"""Hostile plan documents: each is refused with a located PlanError (or loads), never a traceback or a hang.

Nothing here is timed: a refusal before anything is expanded or built is what keeps each one cheap
(benchmarks/plan_load.py prints the times).
"""

import math

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhythm_console.cli import main
from rhythm_console.errors import PlanError
from rhythm_console.plan import parse_plan

HEAD = "show: {title: x}\nsegments: [{id: a, kind: opening, title: A, duration: 5m}]\n"


def alias_bomb() -> str:
    """About 450 bytes that expand to 9^9 strings when aliases are followed."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return HEAD + "notes:\n" + "".join(f"  {line}\n" for line in lines)


def _refusal(text: str) -> PlanError:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "h.yaml")
    return caught.value


HOSTILE = {
    "alias bomb": (alias_bomb(), "h.yaml:10:6: 这里的别名展开后超过 1,000,000 个值"),
    "self alias": ("show: {title: x}\nsegments: &s [*s]\n", "h.yaml:2:11: 别名引用了包含它自己的值"),
    "self alias in a mapping": ("show: &s {title: x, more: *s}\nsegments: []\n", "h.yaml:1:7: 别名引用了包含它自己的值"),
    "deep flow nesting": ("show: {title: x}\nsegments: " + "[" * 5000 + "]" * 5000 + "\n", "嵌套超过 24 层"),
    "deep block nesting": ("show: {title: x}\nsegments:\n" + "".join(" " * (i + 2) + f"k{i}:\n" for i in range(3000)),
                           "嵌套超过 24 层"),
    "modest deep nesting": ("show: {title: x}\nsegments: " + "[" * 40 + "]" * 40 + "\n", "h.yaml:2:"),
    "20,000 spaces": (HEAD.replace("duration: 5m", 'duration: "' + " " * 20000 + 'x"'), "segments[0].duration: 读不懂时长"),
    "400 nines by": (HEAD + 'cue_presets: [{key: 1, text: t, action: extend, by: "' + "9" * 400 + '"}]\n',
                     "h.yaml:3:53: cue_presets[0].by: 读不懂时长"),
    "400 nines unquoted": (HEAD + "cue_presets: [{key: 1, text: t, action: extend, by: " + "9" * 400 + "}]\n",
                           "cue_presets[0].by: 读不懂时长"),
    "5000-digit integer": (HEAD.replace("duration: 5m", "duration: " + "9" * 5000), "h.yaml:2:55: 读不出这个值"),
    "infinite duration": (HEAD.replace("duration: 5m", "duration: .inf"), "segments[0].duration: 读不懂时长 inf"),
    "nan tolerance": (HEAD + "defaults: {tolerance: .nan}\n", "defaults.tolerance: 读不懂时长 nan"),
    "infinite tolerance seconds": (HEAD + "defaults: {tolerance: {over: {seconds: .inf}}}\n",
                                   "defaults.tolerance.over.seconds: 写一个有限的数字"),
    "tolerance over 100%": (HEAD + "defaults: {tolerance: 250%}\n", "defaults.tolerance: 比率写成百分比"),
    "infinite warning": (HEAD + "defaults: {warning: -.inf}\n", "defaults.warning: 读不懂时长"),
    "week-long warning": (HEAD + "defaults: {warning: 168h}\n", "defaults.warning: 时长最多 72 小时"),
    "infinite goal": ("show: {title: x, goals: {gmv: .inf}}\nsegments: []\n", "show.goals.gmv: 写一个有限的数字"),
    "huge goal": ("show: {title: x, goals: {orders: " + "9" * 400 + "}}\nsegments: []\n", "show.goals.orders: 最多是"),
    "nan threshold": (HEAD + "rules: [{id: r, metric: online, comparison: <, threshold: .nan, suggest: speed_up}]\n",
                      "rules[0].threshold: 写一个数字"),
    "infinite price": (HEAD.replace("kind: opening", "kind: product, product: {name: x, price: .inf}"),
                       "segments[0].product.price: 价格以元为单位"),
    "escape in a title": ('show: {title: "\\e[2J\\e]0;owned\\a"}\nsegments: []\n',
                          'h.yaml:1:15: show.title: "\\x1b[2J\\x1b]0;owned\\x07" 里有控制字符'),
    "NUL in a talking point": (HEAD.replace("duration: 5m", 'duration: 5m, talking_points: [ok, "a\\0b"]'),
                               "segments[0].talking_points: \"a\\x00b\" 里有控制字符"),
    "bidi override in a compliance word": (HEAD + 'compliance: {words: [{word: "\\u202e最"}]}\n',
                                           "compliance.words[0].word: \"\\u202e最\" 里有控制字符"),
    "a week of segments": ("show: {title: x}\nsegments:\n" + "".join(
        f"  - {{id: s{i}, kind: opening, title: A, duration: 70h}}\n" for i in range(3)), "segments: 整场计划"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_document_is_refused_with_a_located_error(name):
    text, expected = HOSTILE[name]
    error = _refusal(text)
    assert expected in str(error), str(error)
    assert all(problem.line is not None for problem in error.problems), str(error)


def test_ten_thousand_segments_load():
    segments = "".join(f"  - {{id: s{i}, kind: 讲解, title: 第{i}款, duration: 10s, product: {{name: 品{i}, price: ¥99}}}}\n"
                       for i in range(10_000))
    plan = parse_plan(f"show: {{title: x}}\nsegments:\n{segments}")
    assert len(plan.segments) == 10_000 and plan.planned_total == 100_000


def test_aliases_a_plan_may_use_still_work():
    plan = parse_plan("""
show: {title: x}
segments:
  - &base {id: a, kind: product, title: A, duration: 5m, product: &coat {name: 大衣, price: 899}}
  - {<<: *base, id: b, title: B}
  - {id: c, kind: product, title: C, duration: 5m, product: *coat}
""")
    assert [s.product.price for s in plan.segments] == [899, 899, 899]


def test_check_refuses_the_preset_that_killed_the_console(tmp_path, capsys):
    path = tmp_path / "nines.yaml"
    path.write_text(HOSTILE["400 nines by"][0], encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "cue_presets[0].by" in err and "Traceback" not in err and len(err) < 300


# Arbitrary scalars put anywhere in a valid plan: only the project's own refusal ever comes out.
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=60),
    st.sampled_from(["9" * 400, "1e400", "-1e400", "nan", "inf", "¥", "元", "8分钟", "1小时5分", "  ", "%", "1e400%"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
BASE = yaml.safe_load("""
show: {title: x, goals: {gmv: 1, orders: 1, interaction_rate: 8%}}
defaults: {tolerance: 30s, warning: 1m}
segments:
  - {id: a, kind: product, title: A, duration: 5m, tolerance: 10%, owner: host, product: {name: x, price: 1, stock: 1},
     cues: {on_warning: next_product}}
cue_presets: [{key: "1", text: t, level: info, action: extend, by: 2m}]
rules: [{id: r, metric: online, comparison: <, threshold: 3, for: 1m, kinds: [product], suggest: speed_up}]
""")
PLACES = [("show", "title"), ("show", "goals", "gmv"), ("show", "goals", "orders"), ("show", "goals", "interaction_rate"),
          ("defaults", "tolerance"), ("defaults", "warning"), ("segments", 0, "duration"), ("segments", 0, "tolerance"),
          ("segments", 0, "kind"), ("segments", 0, "owner"), ("segments", 0, "product", "price"),
          ("segments", 0, "product", "stock"), ("segments", 0, "cues", "on_warning"), ("cue_presets", 0, "key"),
          ("cue_presets", 0, "level"), ("cue_presets", 0, "by"), ("rules", 0, "threshold"), ("rules", 0, "for"),
          ("rules", 0, "metric"), ("rules", 0, "comparison"), ("rules", 0, "kinds", 0), ("rules", 0, "suggest")]


def _replaced(place, value):
    data = yaml.safe_load(yaml.safe_dump(BASE))
    target = data
    for part in place[:-1]:
        target = target[part]
    target[place[-1]] = value
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), SCALARS)
def test_any_scalar_anywhere_is_loaded_or_refused_never_raised(place, value):
    text = yaml.safe_dump(_replaced(place, value), allow_unicode=True)
    try:
        plan = parse_plan(text, "any.yaml")
    except PlanError as error:
        assert all(len(str(problem)) < 400 for problem in error.problems)
        return
    numbers = [plan.planned_total, plan.defaults.warning, plan.cue_presets[0].by, plan.rules[0].threshold,
               plan.segments[0].product.price]
    assert all(math.isfinite(number) for number in numbers)
