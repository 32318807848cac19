"""The wording check (合规): the lexicon, look-alikes, the plan's words, and `check`'s located warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rhythm_console.plan import parse_plan
from rhythm_console.plan.loader import parse_plan_with_warnings
from rhythm_console.plan.wording_check import plan_checker
from rhythm_console.wording import WordingCategory, WordingChecker
from tests.support.plans import ROOT

CHECKER = WordingChecker()


def words(text: str) -> list[str]:
    return [rule.word for rule in CHECKER.check(text)]


def test_each_category_has_entries_found() -> None:
    found = {rule.category for text in ("全网最低价", "纯天然", "能治疗失眠", "最后一天", "加微信", "卧槽")
             for rule in CHECKER.check(text)}
    assert found == set(WordingCategory)


def test_longest_word_only_and_suggestion() -> None:
    (rule,) = CHECKER.check("今天全网最低价！")
    assert rule.word == "全网最低价" and rule.say_in("zh") == "价格很有优势" and rule.severity.value == "high"


def test_look_alikes() -> None:
    assert words("第一次来直播间") == []
    assert words("最近天气冷") == []
    assert words("100% 羊毛") == []
    assert words("100%有效") == ["100%"]
    assert words("销量第一") == ["销量第一"]
    assert words("加 微 信") == ["加微信"]


PLAN = """\
show: {title: 测试}
segments:
  - id: coat
    kind: opening
    title: 大衣
    duration: 5m
    talking_points:
      - 今天全网最低价
      - 想要的加微信
cue_presets:
  - {key: "1", text: 最好牌大衣最后一天}
compliance:
  words: [{word: 秒杀, category: pressure, severity: low, say: 限时优惠}]
  allowed: [最好牌]
"""


def test_check_warnings_are_located() -> None:
    _, advice = parse_plan_with_warnings(PLAN, "x.yaml")
    shown = [str(item) for item in advice]
    assert shown[0].startswith("x.yaml:8:9: 警告: segments[0].talking_points[0]: “全网最低价”")
    assert "价格很有优势" in shown[0]
    assert shown[1].startswith("x.yaml:9:9: 警告:") and "加微信" in shown[1]
    assert any("最后一天" in line for line in shown) and not any("最好”" in line for line in shown)


def test_plan_words_added_and_allowed() -> None:
    checker = plan_checker(parse_plan(PLAN))
    assert [rule.say for rule in checker.check("秒杀价")] == ["限时优惠"]
    assert checker.check("最好牌") == []


def test_check_strict_fails(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(PLAN, encoding="utf-8")
    command = [sys.executable, "-m", "rhythm_console", "check"]
    relaxed = subprocess.run(command + [str(path)], capture_output=True, text=True)
    strict = subprocess.run(command + ["--strict", str(path)], capture_output=True, text=True)
    assert relaxed.returncode == 0 and "全网最低价" in relaxed.stderr
    assert strict.returncode == 2


def test_shipped_demo_plans_pass_the_wording_check() -> None:
    root = ROOT / "plans"
    for name in ("demo.yaml", "demo-en.yaml"):
        _, advice = parse_plan_with_warnings((root / name).read_text(encoding="utf-8"), name)
        assert advice == []
