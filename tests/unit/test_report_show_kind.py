"""A review says what the show was (F13b), and words its warnings for it: a simulation stopped part way
has no console to quit with q, a journal of a show that never started says so (F25)."""

import pytest

from rhythm_console.cli import main
from rhythm_console.events import ShowEnded
from tests.support.across_helpers import team_events, write_journal

TITLES = {("live", "zh"): "# 直播复盘: 双人测试", ("rehearsal", "zh"): "# 彩排复盘: 双人测试",
          ("simulated", "zh"): "# 模拟复盘: 双人测试", ("drill", "zh"): "# 演练复盘: 双人测试",
          ("live", "en"): "# Stream review: 双人测试", ("rehearsal", "en"): "# Rehearsal review: 双人测试",
          ("simulated", "en"): "# Simulation review: 双人测试", ("drill", "en"): "# Drill review: 双人测试"}


def report(path, capsys, *flags: str) -> str:
    capsys.readouterr()
    assert main(["report", str(path), *flags]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("kind", "lang"), list(TITLES))
def test_the_title_says_what_the_show_was(tmp_path, capsys, kind, lang):
    path = write_journal(tmp_path / "s.jsonl", team_events(), kind=kind)
    assert report(path, capsys, "--lang", lang).splitlines()[0] == TITLES[kind, lang]
    html = report(path, capsys, "--lang", lang, "--format", "html")
    title = TITLES[kind, lang].removeprefix("# ")
    assert f"<title>{title}</title>" in html and f"<h1>{title}</h1>" in html


@pytest.mark.parametrize(("kind", "said", "not_said"), [
    ("live", "日志里直播没有结束（控场台未按 q 退出？）", "模拟"),
    ("rehearsal", "日志里彩排没有结束（控场台未按 q 退出？）", "直播没有结束"),
    ("simulated", "日志里模拟没有结束（模拟中途被停止？）", "控场台"),
])
def test_a_show_stopped_part_way_is_told_by_what_stopped_it(tmp_path, capsys, kind, said, not_said):
    events = [event for event in team_events() if not isinstance(event, ShowEnded)]
    text = report(write_journal(tmp_path / "s.jsonl", events, kind=kind), capsys)
    assert said in text and not_said not in text.split("\n## ")[0]


def test_the_simulation_s_hint_in_english(tmp_path, capsys):
    events = [event for event in team_events() if not isinstance(event, ShowEnded)]
    text = report(write_journal(tmp_path / "s.jsonl", events, kind="simulated"), capsys, "--lang", "en")
    assert "the simulation never ended in this journal (stopped part way?)" in text and "without q" not in text


@pytest.mark.parametrize(("kind", "lang", "said"), [("live", "zh", "日志里直播没有开始"),
                                                     ("simulated", "zh", "日志里模拟没有开始"),
                                                     ("live", "en", "the show never started in this journal")])
def test_a_journal_of_a_show_that_never_started_says_so(tmp_path, capsys, kind, lang, said):
    text = report(write_journal(tmp_path / "s.jsonl", [], kind=kind), capsys, "--lang", lang)
    assert said in text
    assert "没有结束" not in text and "never ended" not in text


def test_an_ended_show_has_neither_warning(tmp_path, capsys):
    text = report(write_journal(tmp_path / "s.jsonl", team_events()), capsys)
    assert "没有结束" not in text and "没有开始" not in text and "注意" not in text.split("\n## ")[0]
