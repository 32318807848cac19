"""`rhythm-console import`: real teams' 直播脚本 sheets, each quirk alone and together, and every refusal.

Every workbook is built here with openpyxl: no binary fixtures."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from rhythm_console.cli import main
from rhythm_console.plan import parse_plan
from rhythm_console.spreadsheet.importer import import_script
from tests.support.plans import ROOT
from tests.support.sheets import imported, workbook


def run(capsys, *argv):
    code = main(["import", *map(str, argv), "--lang", "en"])
    out = capsys.readouterr()
    return code, out.out, out.err


REAL = [
    ["暖冬上新专场 · 直播脚本"],
    ["直播日期：2026年11月28日", None, "主播：小美"],
    ["注：价格以后台为准"],
    [],
    ["序号", "时间段", "直播阶段", "商品", "到手价", "日常价", "库存", "卖点", "主播话术", "助播", "中控", "备注", "情绪"],
    [1, "20:00-20:06", "开场暖场", "-", None, None, None, None, "欢迎新进直播间的宝宝\n今晚三大福利", "喊口号", None, None, "高"],
    [2, "20:06-20:16", "主推① 羊毛大衣", "双面羊毛大衣", "¥899", "1699元", "剩300件", "90% 羊毛；手工缝制", "上身展示垂感", "递样衣",
     "上链接", None, None],
    [None, None, None, None, None, None, None, None, "面料特写：无胶无衬", None, None, "注意灯光", None],
    [],
    [3, "20:16-20:19", "福袋① 整点福袋", "/", None, None, None, None, "讲清参与方式", None, "发福袋", None, None],
    [4, "20:19-20:29", "福利品秒杀", "围巾", "99.00", None, "20", None, "围巾三种戴法", None, None, None, None],
    [None, None, None, "手套", "59元", None, "无", None, "手套触屏", None, None, None, None],
    [5, "20:29-20:40", "收尾下播", "无", None, None, None, None, "预告下周三", None, None, None, None],
]


def test_a_real_script_imports_with_no_options(tmp_path, capsys):
    path = workbook(tmp_path / "脚本.xlsx", REAL, merges=["C7:C8", "A7:A8", "B7:B8"], before="使用说明")
    code, out, err = run(capsys, path, "-o", tmp_path / "plan.yaml")
    assert code == 0, err
    assert "6 segments, 40m, 3 products" in err
    assert "脚本!M5 情绪" in err  # the column it did not map
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "# 脚本!A7:M8" in text  # the product's two rows
    plan = parse_plan(text, "plan.yaml")
    assert plan.show.title == "暖冬上新专场 · 直播脚本"
    assert plan.show.starts_at == dt.datetime(2026, 11, 28, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    kinds = [segment.kind.value for segment in plan.segments]
    assert kinds == ["opening", "product", "lottery", "flash_sale", "flash_sale", "closing"]  # 福利品秒杀
    assert plan.team.host == "小美" and plan.show.locale.value == "zh-CN"
    coat = plan.segments[1]
    assert coat.talking_points == ["上身展示垂感", "面料特写：无胶无衬"]
    assert coat.lines == {"assistant": ["递样衣"], "ops": ["上链接"]}
    assert (coat.product.price, coat.product.list_price, coat.product.stock) == (899, 1699, 300)
    assert coat.product.selling_points == ["90% 羊毛", "手工缝制"] and coat.notes == "注意灯光"
    assert plan.segments[0].talking_points == ["欢迎新进直播间的宝宝", "今晚三大福利"]
    # Two products in one block: a segment each, sharing the block's ten minutes.
    scarf, gloves = plan.segments[3], plan.segments[4]
    assert (scarf.title, gloves.title) == ("福利品秒杀 · 围巾", "福利品秒杀 · 手套")
    assert (scarf.duration, gloves.duration) == (300, 300)
    assert (scarf.product.price, gloves.product.price, gloves.product.stock) == (99, 59, None)
    ids = [segment.id for segment in plan.segments]
    assert len(set(ids)) == len(ids) and all(i.isascii() for i in ids)
    assert main(["check", "--strict", str(tmp_path / "plan.yaml")]) == 0


def test_the_header_anywhere_and_the_sheet_chosen_or_named(tmp_path):
    rows = [["标题"], ["时间", "环节", "时长"], ["20:00", "开场", "5分钟"]]
    path = workbook(tmp_path / "s.xlsx", rows, before="使用说明")
    plan, result = imported(path)
    assert result.sheet == "脚本" and plan.segments[0].duration == 300
    plan, result = imported(path, "脚本")
    assert result.sheet == "脚本"


@pytest.mark.parametrize(("cell", "unit_header", "seconds"), [
    ("10分钟", "时长", 600), ("10min", "时长", 600), ("0:10:00", "时长", 600), ("1h05m", "时长", 3900),
    (10, "时长(分钟)", 600), (90, "时长（秒）", 90), (dt.time(0, 8), "时长", 480), (12, "预计时长", 720),
])
def test_durations_as_teams_write_them(tmp_path, cell, unit_header, seconds):
    path = workbook(tmp_path / "s.xlsx", [["环节", unit_header, "内容"], ["开场", cell, "欢迎"]])
    plan, _ = imported(path)
    assert plan.segments[0].duration == seconds
    assert plan.segments[0].talking_points == ["欢迎"]  # 内容 is the lines when no 话术 column


@pytest.mark.parametrize(("times", "lengths"), [
    (["20:00-20:10", "20:10-20:25"], [600, 900]),
    (["0-5min", "5-20min"], [300, 900]),
    (["00-08分", "08-20分"], [480, 720]),
    (["23:50-00:10", "00:10-00:30"], [1200, 1200]),  # past midnight
    ([dt.time(20, 0), dt.time(20, 12)], [720, 480]),  # start times only; 结束 ends the last
    ([dt.datetime(2026, 11, 28, 20, 0), dt.datetime(2026, 11, 28, 20, 12)], [720, 480]),
])
def test_times_as_ranges_starts_and_excel_cells(tmp_path, times, lengths):
    rows = [["时间", "环节", "主播话术"], [times[0], "开场", "a"], [times[1], "讲品", "b"]]
    if not (isinstance(times[1], str) and "-" in times[1]):
        rows.append([dt.time(20, 20), "结束", None])
    plan, _ = imported(workbook(tmp_path / "s.xlsx", rows))
    assert [segment.duration for segment in plan.segments] == lengths


def test_start_times_only_pass_midnight_and_a_datetime_cell_gives_the_date(tmp_path):
    rows = [["时间", "环节"], [dt.datetime(2026, 11, 28, 23, 50), "开场"], ["00:05", "收尾"], ["00:15", "下播"]]
    plan, _ = imported(workbook(tmp_path / "s.xlsx", rows))
    assert [segment.duration for segment in plan.segments] == [900, 600]
    assert plan.show.starts_at.isoformat() == "2026-11-28T23:50:00+08:00"


def test_kinds_from_a_kind_column_or_from_the_names(tmp_path):
    rows = [["时间段", "环节", "类型", "商品", "直播价"],
            ["0-1", "随便聊聊", "问答", None, None], ["1-2", "暖场互动", None, None, None],
            ["2-3", "抽奖免单", None, None, None], ["3-4", "观众答疑", None, None, None],
            ["4-5", "评论区投票", None, None, None], ["5-6", "主播换装", None, None, None],
            ["6-7", "大衣", None, "大衣", 9], ["7-8", "下期预告", None, None, None], ["8-9", "杂项", None, None, None]]
    plan, _ = imported(workbook(tmp_path / "s.xlsx", rows))
    # 暖场互动: the word naming the thing (互动) decides over the word saying where it falls (暖场)
    assert [s.kind.value for s in plan.segments] == [
        "qa", "interaction", "lottery", "qa", "interaction", "break", "product", "closing", "custom"]


def test_unreadable_cells_fail_with_their_address_unless_lenient(tmp_path, capsys):
    rows = [["时间", "环节", "时长", "直播价", "商品"], ["20:00", "开场", "5分钟", None, None],
            ["20:05", "讲品", "约十分钟", None, None], ["20:15", "收尾", "5分钟", "九十九", "围巾"]]
    path = workbook(tmp_path / "s.xlsx", rows)
    code, out, err = run(capsys, path)
    assert code == 2 and out == ""
    assert '脚本!C3: cannot read "约十分钟" as a duration' in err
    assert '脚本!D4: cannot read "九十九" as a price' in err
    assert "--lenient" in err and "Traceback" not in err
    code, out, err = run(capsys, path, "--lenient")
    assert code == 0
    assert "warning: 脚本!C3" in err
    plan = parse_plan(out, "x.yaml")
    assert [s.title for s in plan.segments] == ["开场", "收尾"]


def test_csv_in_gbk_and_utf8_with_bom(tmp_path):
    text = "直播脚本\n时间,环节,主播话术,直播价,商品\n20:00-20:05,开场,欢迎,,\n20:05-20:15,讲品,讲面料,￥99,围巾\n"
    for encoding in ("gbk", "utf-8-sig", "utf-8"):
        path = tmp_path / f"s-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        plan, _ = imported(path)
        assert plan.segments[1].product.name == "围巾" and plan.segments[1].product.price == 99
        assert plan.show.title == "直播脚本"


def test_the_yaml_is_readable(tmp_path):
    plan_text = import_script(workbook(tmp_path / "s.xlsx", REAL[4:8], merges=["C3:C4"])).yaml
    data = yaml.safe_load(plan_text)
    assert list(data) == ["show", "segments"] and list(data["segments"][1])[:4] == ["id", "kind", "title", "duration"]
    assert "  # 脚本!A3:M4\n  - id: " in plan_text
    assert "主推① 羊毛大衣" in plan_text  # not escaped


@pytest.mark.parametrize(("name", "content", "message"), [
    ("s.xlsx", b"this is not a workbook", "not an .xlsx workbook"),
    ("s.xlsx", b"PK\x03\x04 broken zip", "damaged"),
    ("s.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "password-protected"),
    ("s.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "save it as .xlsx"),
    ("s.csv", b"\x00\x01\x02binary", "binary"),
    ("s.pdf", b"%PDF", "reads .xlsx and .csv"),
    ("s.csv", "标题\n名字,电话\n张三,123\n".encode(), "no sheet has a header row"),
    ("s.csv", "环节,商品,主播话术\n开场,,欢迎\n".encode(), "no time or duration column"),
    ("s.csv", "时间,环节,主播话术\n,开场,欢迎\n".encode(), "no time or duration in any row"),
])
def test_refusals_are_one_clear_line(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, path)
    assert code == 2 and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_file_and_unknown_sheet(tmp_path, capsys):
    assert run(capsys, tmp_path / "nope.xlsx")[0] == 2
    path = workbook(tmp_path / "s.xlsx", [["时间", "环节", "时长"], ["20:00", "开场", 5]])
    code, _, err = run(capsys, path, "--sheet", "Sheet9")
    assert code == 2 and 'no sheet named "Sheet9"' in err


def test_every_header_word_is_documented():

    from rhythm_console.spreadsheet.columns import COLUMNS

    page = (ROOT / "docs" / "spreadsheet.md").read_text(encoding="utf-8")
    missing = [word for zh, en in COLUMNS.values() for word in (*zh, *en) if word not in page]
    assert missing == []


def test_a_sheet_whose_plan_does_not_load_writes_nothing_and_names_no_file_it_did_not_write(tmp_path, capsys):
    rows = [["时间", "时长", "环节"]] + [[None, "60分钟", f"讲品 {n}"] for n in range(80)]  # 80 hours: over the limit
    out = tmp_path / "plan.yaml"
    out.write_text("# last week's plan\n", encoding="utf-8")
    code, _, err = run(capsys, workbook(tmp_path / "s.xlsx", rows), "-o", out, "--force")
    assert code == 2 and out.read_text(encoding="utf-8") == "# last week's plan\n"
    assert "<plan from " in err and "plan.yaml:" not in err.replace(f"to {out}", "")
    assert f"the plan made from this sheet does not load (above); nothing was written to {out}" in err
