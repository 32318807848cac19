"""Bounded spreadsheets: a sheet's size and merged ranges are read from its XML before any cell is loaded;
sheets beyond the limits are refused without being read, merged ranges are clipped to the used area; and the
cells a file holds without a value (formulas never calculated), or as bare numbers (a date-time without a date
format), are named or read."""

from __future__ import annotations

import zipfile

import pytest

from rhythm_console.errors import UserError
from rhythm_console.i18n import speaking
from rhythm_console.spreadsheet import workbook as workbook_module
from rhythm_console.spreadsheet.importer import import_script
from rhythm_console.spreadsheet.sheet_xml import measure_sheet
from rhythm_console.spreadsheet.workbook import MAX_ROWS, read_workbook
from tests.support.hostile_sheets import (
    a_million_rows,
    a_million_unnumbered_rows,
    merged_over_a_million_rows,
    script_rows,
    text_cell,
    whole_column_merge,
    workbook,
)


def test_a_merge_over_a_million_rows_is_clipped_to_the_rows_that_exist(tmp_path):
    path = merged_over_a_million_rows(tmp_path / "merged.xlsx")
    assert path.stat().st_size < 10_000
    sheet = read_workbook(path)[0]
    assert len(sheet.rows) == 4 and len(sheet.merged) == 2  # B3 and B4 filled from B2, nothing below
    assert sheet.rows[3][1] == "讲解2"
    result = import_script(path)
    assert result.segments == 3 and result.problems == []


def test_whole_column_and_whole_row_merges_outside_the_script_cost_nothing(tmp_path):
    sheet = read_workbook(whole_column_merge(tmp_path / "columns.xlsx"))[0]
    assert len(sheet.rows) == 4 and max(len(row) for row in sheet.rows) == 3 and sheet.merged == {}
    assert import_script(tmp_path / "columns.xlsx").segments == 3


@pytest.mark.parametrize("make", [a_million_rows, a_million_unnumbered_rows])
def test_a_million_row_sheet_is_refused_after_reading_its_first_rows(tmp_path, make):
    path = make(tmp_path / "huge.xlsx")
    with zipfile.ZipFile(path) as archive:
        extent = measure_sheet(archive, "xl/worksheets/sheet1.xml", stop_after_row=MAX_ROWS)
        assert extent.stopped and extent.last_row < 200_000  # the pass stopped: it did not read a million rows
    with pytest.raises(UserError, match=r"工作表 脚本 的行超过第 20,000 行"):  # Chinese unless told
        import_script(path)
    with speaking("en"), pytest.raises(UserError, match=r"sheet 脚本 has rows beyond row 20,000"):
        import_script(path)


def test_a_sheet_beyond_the_limits_is_left_out_when_another_holds_the_script(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_COLUMNS", 2)  # the script's three columns are too many now
    with pytest.raises(UserError, match="工作表 脚本 的单元格一直到 C 列"):
        import_script(workbook(tmp_path / "wide.xlsx", script_rows()))


def test_a_part_that_unpacks_to_more_than_the_limit_is_refused_by_its_declared_size(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_module, "MAX_PART_BYTES", 1000)
    with pytest.raises(UserError, match="sheet1.xml 解压后有"):
        import_script(workbook(tmp_path / "big.xlsx", script_rows(20)))


def test_formula_cells_without_a_saved_value_are_named(tmp_path):
    rows = script_rows(2)
    rows[1] = rows[1].replace(text_cell("A2", "20:00-20:01"), '<c r="A2"><f>TEXT(NOW(),"hh:mm")</f></c>')
    with speaking("en"), pytest.raises(UserError, match=r"脚本!A2: a formula whose value the file does not hold"):
        import_script(workbook(tmp_path / "formulas.xlsx", rows))


def test_formula_cells_with_a_saved_value_are_read(tmp_path):
    rows = script_rows(2)
    rows[1] = rows[1].replace(text_cell("B2", "讲解2"), '<c r="B2" t="str"><f>"开"&amp;"场"</f><v>开场</v></c>')
    result = import_script(workbook(tmp_path / "formulas.xlsx", rows))
    assert result.problems == [] and "title: 开场" in result.yaml


def test_a_date_time_without_a_date_format_is_read_as_one(tmp_path):
    rows = script_rows(2)  # 46354.8333…: 2026-11-28 20:00 as Excel stores it, in a cell with no number format
    rows[1] = rows[1].replace(text_cell("A2", "20:00-20:01"), '<c r="A2"><v>46354.833333333336</v></c>')
    result = import_script(workbook(tmp_path / "serial.xlsx", rows))
    assert result.problems == []
    assert "starts_at: '2026-11-28T20:00:00+08:00'" in result.yaml


def test_a_number_in_a_time_column_that_is_no_time_is_named(tmp_path):
    rows = script_rows(2)
    rows[1] = rows[1].replace(text_cell("A2", "20:00-20:01"), '<c r="A2"><v>-3</v></c>')
    result = import_script(workbook(tmp_path / "bad.xlsx", rows))
    assert any(problem.startswith("脚本!A2：读不出") for problem in result.problems)


def test_excel_unicode_text_utf16_with_tabs_imports(tmp_path):
    text = "时间\t环节\t主播话术\r\n20:00-20:05\t开场\t欢迎\r\n20:05-20:15\t大衣讲解\t上身展示\r\n"
    path = tmp_path / "script.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = import_script(path)
    assert result.segments == 2 and result.problems == [] and "欢迎" in result.yaml


def test_a_sheet_where_every_row_is_bad_names_the_cells_that_stopped_it(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("环节,时长\n开场,abc\n讲解,-5分钟\n", encoding="utf-8")
    with pytest.raises(UserError) as refused, speaking("zh"):
        import_script(path)
    said = str(refused.value)
    assert "没有一个环节读得出" in said
    assert "bad!B2：读不出“abc”" in said and "bad!B3：读不出“-5分钟”" in said  # as a sheet with one good row says them
