"""The red team's remaining findings (issue 21 point 8): improve on plans with merge keys and block-first
segments, comments quoted in the Markdown report, a FIFO or a device as a report's journal, commas and
exponents that are not numbers, and a newline in a file name."""

from __future__ import annotations

import os

import pytest

from rhythm_console.cli import main
from rhythm_console.events import Annotation, Note
from rhythm_console.journal import read_journal
from rhythm_console.plan.loader import parse_plan
from rhythm_console.plan.rewrite import SegmentEdit, rewrite_plan
from rhythm_console.report.markdown_text import quoted
from rhythm_console.show import fold
from rhythm_console.sources.mapping import Malformed, to_count
from tests.support.across_helpers import team_events, write_journal

MERGED = """\
show: {title: 合并测试}
segments:
  - &base
    id: coat
    kind: product
    title: 大衣
    duration: 8m
    notes: 先讲面料
    product: {name: 大衣, price: 899}
  - <<: *base
    id: coat-again
    title: 大衣返场
  - product:
      name: 围巾
      price: 99
    id: scarf
    kind: product
    title: 围巾
    duration: 5m
"""


def test_improve_edits_a_segment_that_merges_its_duration_and_notes():
    text = rewrite_plan(MERGED, [SegmentEdit("coat-again", duration=600, comment="2/3 场超时"),
                                 SegmentEdit("coat-again", note="返场少讲价格")])
    plan = parse_plan(text, "next.yaml")
    again = plan.segments[1]
    assert again.duration == 600 and again.notes == "先讲面料\n返场少讲价格"
    assert plan.segments[0].duration == 480 and plan.segments[0].notes == "先讲面料"  # the base is unchanged
    assert "duration: 10m  # 2/3 场超时" in text


def test_improve_adds_a_note_to_a_segment_whose_first_key_holds_a_block():
    text = rewrite_plan(MERGED, [SegmentEdit("scarf", note="多展示颜色"), SegmentEdit("scarf", duration=360)])
    plan = parse_plan(text, "next.yaml")
    scarf = plan.segments[2]
    assert scarf.notes == "多展示颜色" and scarf.duration == 360 and scarf.product.name == "围巾"
    assert text.startswith(MERGED.split("  - product:")[0])  # everything before it byte for byte


def test_quoted_comments_are_text_in_markdown():
    assert quoted("[点我](javascript:alert(1))") == "\\[点我\\](javascript:alert(1))"
    assert quoted("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert quoted("**全场免单** | `x` ~~y~~") == "\\*\\*全场免单\\*\\* \\| \\`x\\` \\~\\~y\\~\\~"
    assert quoted("看 https://evil.example") == "看 https\\://evil.example"
    assert quoted("第一行\n第二行") == "第一行\\n第二行"
    assert quoted("这个多少钱？") == "这个多少钱？"


def test_the_markdown_report_quotes_team_notes_as_text(tmp_path, capsys):
    events = sorted([*team_events(), Note(at=400, text="[链接](javascript:alert(1)) <b>x</b>")],
                    key=lambda event: event.at)
    events.append(Annotation(at=events[-1].at, note="**好评** | 下次加 <script>", by="小雨"))
    journal = write_journal(tmp_path / "show.jsonl", events)
    assert main(["report", str(journal)]) == 0
    out = capsys.readouterr().out
    assert "\\[链接\\](javascript:alert(1)) \\<b\\>x\\</b\\>" in out
    assert "\\*\\*好评\\*\\* \\| 下次加 \\<script\\>" in out
    assert "<script>" not in out and "<b>" not in out


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_report_refuses_a_fifo_or_a_device(tmp_path, capsys, make):
    if make == "fifo":
        path = tmp_path / "journal.jsonl"
        os.mkfifo(path)  # opening it to read would wait for a writer forever
    else:
        path = "/dev/zero"  # reading it would never end
    assert main(["report", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert ("a pipe (FIFO)" if make == "fifo" else "a device") in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ["1,2,3", "12,34", "1,,000", ",5"])
def test_annotate_refuses_commas_that_do_not_group_thousands(tmp_path, capsys, text):
    journal = write_journal(tmp_path / "show.jsonl", team_events())
    before = journal.read_bytes()
    assert main(["annotate", str(journal), "--viewers-uv", text]) == 2
    assert "不是数字" in capsys.readouterr().err and journal.read_bytes() == before


def test_annotate_reads_thousands_separators(tmp_path, capsys):
    journal = write_journal(tmp_path / "show.jsonl", team_events())
    assert main(["annotate", str(journal), "--viewers-uv", "52,000", "--library", str(tmp_path / "l.sqlite")]) == 0
    assert "--viewers-uv 52,000" in capsys.readouterr().out  # echoed as typed
    read = read_journal(journal)
    assert fold(read.header.plan, read.events).platform == {"viewers_uv": 52_000}  # and read as one number


@pytest.mark.parametrize("value", ["1e400万", "1.2.3万", "3,5万", "1e400"])
def test_a_count_that_goes_on_past_its_number_is_malformed(value):
    with pytest.raises(Malformed):
        to_count(value)


@pytest.mark.parametrize(("value", "count"), [("10.5万", 105_000), ("2252在线观众", 2252), ("3万人", 30_000)])
def test_counts_with_units_and_words_still_read(value, count):
    assert to_count(value) == count


def test_a_newline_in_a_file_name_cannot_reach_the_generated_yaml(tmp_path, capsys):
    script = tmp_path / "直播\nsegments: []\n脚本.csv"
    script.write_text("时间,环节\n20:00-20:05,开场\n20:05-20:15,大衣讲解\n", encoding="utf-8")
    assert main(["import", str(script)]) == 0
    text = capsys.readouterr().out
    plan = parse_plan(text, "imported.yaml")
    assert [segment.title for segment in plan.segments] == ["开场", "大衣讲解"]
    assert "\nsegments: []" not in text and all(line.startswith(("#", " ", "show", "segments", "-", "  "))
                                                 for line in text.splitlines() if line)
