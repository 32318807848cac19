"""The workload check (合理休息权): located warnings, failing only `check --strict`."""

from __future__ import annotations

from rhythm_console.cli import main
from rhythm_console.plan.loader import parse_plan_with_warnings
from tests.support.plans import ROOT

LONG = """\
show: {title: 长播}
team: {host: 小美/小林, assistants: [小雨]}
defaults: {max_on_air: 60m}
segments:
  - {id: a, kind: product, title: 大衣, duration: 40m, owner: host, product: {name: 大衣, price: 9, stock: 0}}
  - {id: b, kind: custom, title: 聊天, duration: 30m, owner: host}
  - {id: c, kind: qa, title: 答疑, duration: 70m, owner: assistant}
  - {id: rest, kind: break, title: 换装, duration: 5m, owner: assistant}
  - {id: d, kind: custom, title: 再聊, duration: 50m}
"""


def test_workload_warnings_are_located():
    plan, advice = parse_plan_with_warnings(LONG, "long.yaml")
    said = [str(a) for a in advice]
    assert said == [
        "long.yaml:5:104: 警告: segments[0].product.stock: “大衣”的库存是 0：开播就是售罄",
        "long.yaml:6:5: 警告: segments[1]: 主播（小美、小林）连续在镜 1h10m，中间没有休息环节（上限 1h，见 defaults.max_on_air）",
        "long.yaml:7:5: 警告: segments[2]: 助播（小雨）连续在镜 1h10m，中间没有休息环节（上限 1h，见 defaults.max_on_air）",
        "long.yaml:9:5: 警告: segments[4]: 团队有多位主播（小美、小林），这个环节没写 owner：谁来讲？",
    ]


def test_a_break_rests_everyone_and_the_default_limit_is_90_minutes():
    plan, advice = parse_plan_with_warnings(LONG.replace("defaults: {max_on_air: 60m}\n", "")
                                            .replace("stock: 0", "stock: 1").replace("host: 小美/小林", "host: 小美"),
                                            "x.yaml")
    assert plan.defaults.max_on_air == 90 * 60 and advice == []


def test_the_demo_plans_pass_strict(capsys):
    plans = ROOT / "plans"
    assert main(["check", "--strict", *(str(plans / name) for name in ("demo.yaml", "demo-en.yaml", "quick.yaml"))]) == 0


def test_english_plans_get_english_warnings():
    text = LONG.replace("show: {title: 长播}", "show: {title: Long, locale: en}")
    _, advice = parse_plan_with_warnings(text, "x.yaml")
    assert "host (小美, 小林) is on air for 1h10m without a break segment" in str(advice[1])
