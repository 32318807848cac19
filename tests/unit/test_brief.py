"""`rhythm-console brief`: each role's part of the plan, as Markdown and as printable, self-contained HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from rhythm_console.cli import main
from tests.support.plans import ROOT

DEMO = str(ROOT / "plans" / "demo.yaml")
DEMO_EN = str(ROOT / "plans" / "demo-en.yaml")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def brief(capsys, *argv) -> str:
    assert main(["brief", *argv]) == 0
    return capsys.readouterr().out


def test_the_hosts_markdown_part(capsys):
    text = brief(capsys, DEMO, "--role", "host")
    assert text.startswith("# 开播前沟通 · 暖冬上新专场 · 羊毛大衣节")
    assert "## 主播（林安娜）的任务" in text and "助播（小雨）" not in text
    assert "| 20:06 | 10m | 主推① 双面羊毛大衣 | 主讲 | 上身走动展示垂感<br>" in text
    assert "尺码答疑" not in text  # the assistant leads it
    assert "**双面羊毛大衣**: 直播价 ¥899 · 日常价 ¥1,699 · 库存 300" in text
    assert "`5` 再讲两分钟，点击还在涨 (同时：当前环节延长 2m)" in text
    assert "  2. **主播放慢语速并重复核心卖点**" in text  # the host's own step stands out
    assert "- [ ] 主播试穿大衣与羽绒服，确认尺码话术 (开播前 10m)" in text


def test_everyones_part_one_section_each(capsys):
    text = brief(capsys, DEMO)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## 场控（周敏）的任务", "## 主播（林安娜）的任务", "## 助播（小雨）的任务", "## 运营（阿杰）的任务"]


@pytest.mark.parametrize("plan", [DEMO, DEMO_EN])
def test_the_html_is_self_contained_and_breaks_pages_between_roles(capsys, tmp_path, plan):
    out = tmp_path / "brief.html"
    assert main(["brief", plan, "--format", "html", "-o", str(out)]) == 0
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    tags = [tag for tag, _ in page.tags]
    assert tags.count("section") == 4
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe")
        assert not any(str(value).startswith(("http:", "https:", "//")) for value in attrs.values() if value)
    html = out.read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "break-before: page" in html
    lang = dict(page.tags[0][1]).get("lang") if page.tags[0][0] == "html" else None
    assert lang == ("en" if plan == DEMO_EN else "zh-CN")


def test_one_role_in_html_names_its_lines(capsys):
    text = brief(capsys, DEMO, "--role", "assistant", "--format", "html")
    assert "<h2>助播（小雨）的任务</h2>" in text and "按身高体重报尺码" in text and text.count("<section") == 1


def test_a_missing_plan_is_one_clear_line(capsys, tmp_path):
    assert main(["brief", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: 没有这个文件" in capsys.readouterr().err


def test_a_role_in_the_team_s_own_word(capsys):
    # The plan writes owner: 助播; the brief took only "assistant".
    assert brief(capsys, DEMO, "--role", "助播") == brief(capsys, DEMO, "--role", "assistant")
    with pytest.raises(SystemExit) as exit_:
        main(["brief", DEMO, "--role", "导演"])
    assert exit_.value.code == 2
    assert "“导演”不是一个角色" in capsys.readouterr().err  # argparse speaks Chinese unless --lang says otherwise
