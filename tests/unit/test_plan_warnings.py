"""Advice about a plan: located like errors, shown by `check`, failing only with --strict."""

from __future__ import annotations

import pytest

from rhythm_console.cli import main
from rhythm_console.plan import parse_plan
from rhythm_console.plan import warnings as plan_warnings
from rhythm_console.plan.loader import parse_plan_with_warnings
from rhythm_console.units import wall_at

PLAN = """\
show: {title: 测试, starts_at: "2026-11-28T20:00:00+08:00"}
segments:
  - {id: open, kind: 开场, title: 开场, duration: 5m}
  - {id: close, kind: 收尾, title: 收尾, duration: 2m}
"""


@pytest.fixture
def closing_is_short():
    def check(plan, lang):
        for index, segment in enumerate(plan.segments):
            if segment.duration < 180:
                yield ("segments", index, "duration"), "短" if lang == "zh" else "short"

    plan_warnings.CHECKS.append(check)
    yield
    plan_warnings.CHECKS.remove(check)


def test_a_warning_is_located_and_does_not_stop_the_plan(closing_is_short):
    plan, advice = parse_plan_with_warnings(PLAN, "x.yaml")
    assert len(plan.segments) == 2
    assert [str(a) for a in advice] == ["x.yaml:4:48: 警告: segments[1].duration: 短"]  # in the plan's language
    _, advice = parse_plan_with_warnings(PLAN.replace("show: {", "show: {locale: en, "), "x.yaml")
    assert [str(a) for a in advice] == ["x.yaml:4:48: warning: segments[1].duration: short"]


def test_check_prints_warnings_and_fails_only_when_strict(closing_is_short, tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(PLAN, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    said = capsys.readouterr()
    assert "警告: segments[1].duration: 短" in said.err and "1 条警告" in said.out
    assert main(["check", "--strict", str(path)]) == 2
    said = capsys.readouterr()
    assert "不通过" in said.out and "通过，" not in said.out  # the line that fails does not say it passed


def test_check_speaks_the_language_asked_for_in_its_warnings_too(closing_is_short, tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(PLAN, encoding="utf-8")
    assert main(["check", "--lang", "en", str(path)]) == 0
    said = capsys.readouterr()
    assert "x.yaml:4:48: warning: segments[1].duration: short" in said.err and "1 warning(s)" in said.out
    assert main(["check", "--lang", "en", "--strict", str(path)]) == 2
    assert "failed (--strict" in capsys.readouterr().out
    path.write_text(PLAN.replace("duration: 2m", "duration: abc"), encoding="utf-8")
    assert main(["check", "--lang", "en", str(path)]) == 2
    assert 'cannot read "abc" as a duration' in capsys.readouterr().err


def test_times_of_day_are_in_the_shows_own_zone():
    plan = parse_plan(PLAN, "x.yaml")
    from datetime import datetime, timezone

    started = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)  # a machine set to UTC
    assert f"{wall_at(started, 90, plan.zone):%H:%M:%S}" == "20:01:30"
    assert f"{wall_at(started, 90):%H:%M:%S}" == "12:01:30"


def test_a_hold_with_nothing_to_hold_for_and_a_revisit_with_nothing_to_show():
    text = """\
show: {title: 测试}
segments:
  - {id: again, kind: 返场, title: 返场太早, duration: 5m}
  - {id: knit, kind: 讲品, title: 开衫, duration: 5m, product: {name: 开衫, price: 99}}
  - {id: hold, kind: 憋单, title: 憋单一, duration: 5m}
  - {id: hold-2, kind: 憋单, title: 憋单二, duration: 5m, hold: {online: 500, longest: 6m}}
  - {id: hold-3, kind: 憋单, title: 憋单三, duration: 5m, hold: {online: 500, longest: 3m}}
  - {id: again-2, kind: 返场, title: 返场, duration: 5m}
"""
    _, advice = parse_plan_with_warnings(text, "p.yaml")
    said = [str(warning) for warning in advice]
    assert said == [
        "p.yaml:3:23: 警告: segments[0].kind: 返场“返场太早”没有可返场的商品：写 revisit，或放在讲过的商品之后",
        "p.yaml:5:22: 警告: segments[2].kind: 憋单“憋单一”没有在线目标：写 hold: {online: 800}（或 defaults.hold），"
        "复盘才能判断达没达到",
        "p.yaml:6:83: 警告: segments[3].hold.longest: 憋单“憋单二”的 longest 比环节还长：环节结束时链接还没上"]
    _, advice = parse_plan_with_warnings(text.replace("show: {title: 测试}",
                                                      "show: {title: 测试}\ndefaults: {hold: {online: 300}}"), "p.yaml")
    assert [warning.loc for warning in advice if "憋单一" in str(warning)] == []  # the plan's default target holds
