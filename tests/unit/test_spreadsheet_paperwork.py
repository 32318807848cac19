"""Import as the team meant it (issue 25.1): kinds from the word naming the thing, 讲品 rows titled by their
product, the team and language from the sheet, 秒杀/憋单/返场, stock written in words, and export back.

Every workbook is written here with openpyxl."""

from __future__ import annotations

from rhythm_console.cli import main
from rhythm_console.plan import parse_plan
from rhythm_console.spreadsheet.exporter import export_script
from rhythm_console.spreadsheet.importer import import_script
from tests.support.sheets import imported, workbook

TEAM_SHEET = [
    ["双十二女装专场 直播脚本"],
    ["主播：小林 / 场控：王姐", None, "助播:阿杰、小美", None, "运营：大刘"],
    ["2026年12月12日"],
    ["时间", "环节", "商品", "链接号", "直播价", "库存", "卖点", "道具", "样品", "憋单目标", "主播话术"],
    ["20:00-20:05", "开场福袋", None, None, None, None, None, "福袋转盘", None, None, "关注加灯牌参与福袋"],
    ["20:05-20:15", "讲品", "羊毛开衫", "3号", 259, "约五十件", "100%羊毛；不起球", "尺子、挂烫机", "开衫 M码", None, None],
    ["20:15-20:20", "福利秒杀", "羊绒围巾", "#5", 59, "两百件", None, None, None, None, "倒数三二一上链接"],
    ["20:20-20:28", "憋单 福利款", "加绒打底裤", 7, 39, "1.2万", None, "计时器", None, "在线800或5分钟", None],
    ["20:28-20:38", "返场", "羊毛开衫", None, None, None, None, None, None, None, "没抢到的再来一次"],
    [None, None, "羊绒围巾", None, None, None, None, None, None, None, None],
    ["20:38-20:45", "收尾福袋", None, None, None, None, None, None, None, None, "下播前最后一个福袋"],
]


def test_a_teams_sheet_imports_with_its_kinds_titles_team_and_language(tmp_path):
    plan, result = imported(workbook(tmp_path / "s.xlsx", TEAM_SHEET))
    assert result.problems == []
    assert [s.kind.value for s in plan.segments] == ["lottery", "product", "flash_sale", "hold", "revisit", "lottery"]
    assert plan.segments[1].title == "讲品 · 羊毛开衫"  # a row titled only 讲品 is its product's
    assert plan.segments[2].title == "福利秒杀"  # a title of its own stays
    assert plan.show.title == "双十二女装专场 直播脚本"  # the team's cell is not the title
    assert plan.team.host == "小林" and plan.team.manager == "王姐"
    assert plan.team.assistants == ["阿杰", "小美"] and plan.team.ops == ["大刘"]
    assert plan.show.locale.value == "zh-CN" and "locale: zh-CN" in result.yaml
    cardigan, scarf, pants = (plan.segments[i].product for i in (1, 2, 3))
    assert (cardigan.link_no, scarf.link_no, pants.link_no) == (3, 5, 7)
    assert (cardigan.stock, scarf.stock, pants.stock) == (50, 200, 12_000)
    assert plan.segments[1].props == ["尺子", "挂烫机"] and plan.segments[1].samples == ["开衫 M码"]
    hold = plan.segments[3].hold
    assert (hold.online, hold.longest) == (800, 300)
    assert plan.segments[4].revisit == ["羊毛开衫", "羊绒围巾"] and plan.segments[4].product is None
    assert [p.name for p in plan.revisited(plan.segments[4])] == ["羊毛开衫", "羊绒围巾"]


def test_the_same_sheet_comes_back_from_its_export(tmp_path):
    plan, _ = imported(workbook(tmp_path / "s.xlsx", TEAM_SHEET))
    for suffix in (".xlsx", ".csv"):
        export_script(plan, tmp_path / f"back{suffix}")
        back, result = imported(tmp_path / f"back{suffix}")
        assert result.problems == []
        assert back == plan


def test_an_english_sheet_with_its_host_and_pitch_rows(tmp_path):
    rows = [["Winter knits live"], ["Host: Lin Wei", None, "Manager: Ann"],
            ["Time", "Segment", "Product", "Price", "Stock", "Host lines"],
            ["0-5min", "Opening lucky bag", None, None, None, "Say hello"],
            ["5-15min", "Pitch", "Wool cardigan", 59, "two hundred?", "Feel the wool"],
            ["15-20min", "Product", "Scarf", 19, 40, None]]
    result = import_script(workbook(tmp_path / "e.xlsx", rows))
    assert result.problems == ['脚本!E5: cannot read "two hundred?" as a stock count (a number such as 50, 约五十件, '
                               '两百件 or 1.2万)']
    rows[4][4] = 200
    plan, _ = imported(workbook(tmp_path / "e.xlsx", rows))
    assert plan.show.locale.value == "en"
    assert [s.kind.value for s in plan.segments] == ["lottery", "product", "product"]
    assert [s.title for s in plan.segments[1:]] == ["Pitch · Wool cardigan", "Product · Scarf"]
    assert plan.team.host == "Lin Wei" and plan.team.manager == "Ann"


def test_stock_that_is_not_one_number_is_refused_with_its_cell(tmp_path, capsys):
    rows = [["时间", "环节", "商品", "直播价", "库存"],
            ["20:00-20:10", "讲品", "开衫", 99, "五十"], ["20:10-20:20", "讲品", "围巾", 39, "两百件"],
            ["20:20-20:30", "讲品", "手套", 19, "约五十件"], ["20:30-20:40", "讲品", "帽子", 29, "1.2万"],
            ["20:40-20:50", "讲品", "袜子", 9, "看情况"], ["20:50-21:00", "讲品", "耳罩", 9, "若干"]]
    path = workbook(tmp_path / "s.xlsx", rows)
    code = main(["import", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "脚本!E6：读不出“看情况”，这里应是库存数" in err and "脚本!E7：读不出“若干”" in err  # the sheet's language
    assert main(["import", "--lenient", str(path)]) == 0
    plan = parse_plan(capsys.readouterr().out, "x.yaml")
    assert [s.product.stock for s in plan.segments] == [50, 200, 50, 12_000, None, None]


def test_a_merged_title_and_a_kind_column_with_the_new_kinds(tmp_path):
    rows = [["直播脚本", None, None, None, None], ["时间", "类型", "环节", "时长", "商品", "直播价"],
            ["20:00", "秒杀", "整点秒杀", "5分钟", "围巾", 9], ["20:05", "憋单", "憋单", "10分钟", None, None],
            ["20:15", "返场", "返场", "5分钟", None, None]]
    plan, _ = imported(workbook(tmp_path / "k.xlsx", rows, merges=["A1:E1"]))
    assert [s.kind.value for s in plan.segments] == ["flash_sale", "hold", "revisit"]
    assert plan.segments[1].hold is None and plan.hold_for(plan.segments[1]) == plan.defaults.hold
    assert [p.name for p in plan.revisited(plan.segments[2])] == ["围巾"]  # none named: every product before it


def test_a_revisit_row_naming_its_products_in_one_cell(tmp_path):
    """A 返场 row lists what comes back in its 商品 cell, as teams write lists: 羊毛开衫、羊绒围巾 (or one per line)."""
    rows = [row[:] for row in TEAM_SHEET[:9]] + [["20:28-20:38", "返场", "羊毛开衫、羊绒围巾"]]
    plan, result = imported(workbook(tmp_path / "r.xlsx", rows))
    assert result.problems == []
    assert plan.segments[-1].revisit == ["羊毛开衫", "羊绒围巾"]
    rows[-1][2] = "羊毛开衫\n加绒打底裤"
    plan, _ = imported(workbook(tmp_path / "r.xlsx", rows))
    assert plan.segments[-1].revisit == ["羊毛开衫", "加绒打底裤"]
