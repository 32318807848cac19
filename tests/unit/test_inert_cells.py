"""Spreadsheet output is inert (OWASP's rule): text that a spreadsheet program would run as a formula is written
as text, in `export`, `report --format csv` and `compare --format csv`, and `import` gives the team's text back."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from rhythm_console.cli import main
from rhythm_console.plan import parse_plan
from rhythm_console.spreadsheet.exporter import export_script
from rhythm_console.spreadsheet.importer import import_script
from rhythm_console.spreadsheet.inert import csv_cell, from_csv, needs_quote
from tests.support.across_helpers import team_events, write_journal

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]

PLAN = f"""
show: {{title: '{HOSTILE[0].replace("'", "''")}'}}
segments:
  - id: open
    kind: opening
    title: '{HOSTILE[3]}'
    duration: 5m
    talking_points: ['{HOSTILE[1].replace("'", "''")}', '{HOSTILE[2]}', '- 开场白']
    notes: '=1+1'
  - id: coat
    kind: product
    title: 大衣
    duration: 10m
    product: {{name: '+大衣', price: 899, offer: '-50元', selling_points: ['@保暖']}}
"""


@pytest.mark.parametrize("text", [*HOSTILE, "\tx", "\rx", "=", "-", "+ 上链接"])
def test_formula_text_is_quoted_and_unquoted(text):
    assert needs_quote(text)
    assert csv_cell(text) == "'" + text and from_csv(csv_cell(text)) == text


@pytest.mark.parametrize("value", ["-12.5", "+3", "-0.25", "1e5", "大衣", "", "'quoted", 12, None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert csv_cell(value) == value
    if isinstance(value, str):
        assert from_csv(value) == value


def test_export_to_csv_quotes_formulas_and_import_gives_the_text_back(tmp_path):
    plan = parse_plan(PLAN)
    path = tmp_path / "script.csv"
    export_script(plan, path)
    cells = [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for cell in row]
    assert all(not needs_quote(cell) or cell.lstrip("-+").replace(".", "").isdigit() for cell in cells), cells
    assert "'" + HOSTILE[0] in cells and "'=1+1" in cells and "'+大衣" in cells
    _same_plan_back(path, plan)


def test_export_to_xlsx_stores_formulas_as_text_and_import_gives_the_text_back(tmp_path):
    plan = parse_plan(PLAN)
    path = tmp_path / "script.xlsx"
    export_script(plan, path)
    sheet = openpyxl.load_workbook(path).active  # formulas as formulas: nothing may be one
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    hostile = [cell for cell in cells if isinstance(cell.value, str) and needs_quote(cell.value)]
    assert {cell.value for cell in hostile} >= {HOSTILE[0], "=1+1", "+大衣"}
    assert all(cell.quotePrefix for cell in hostile)
    _same_plan_back(path, plan)


def _same_plan_back(path, plan) -> None:
    result = import_script(path)
    assert result.problems == []
    back = parse_plan(result.yaml)
    assert back.show.title == plan.show.title
    assert [s.title for s in back.segments] == [s.title for s in plan.segments]
    assert back.segments[0].talking_points == plan.segments[0].talking_points
    assert back.segments[0].notes == "=1+1"
    assert back.segments[1].product.name == "+大衣" and back.segments[1].product.offer == "-50元"
    assert back.segments[1].product.selling_points == ["@保暖"]


def test_report_and_compare_csv_quote_formula_text(tmp_path, capsys):
    hostile_plan = """\
show: {title: '=cmd|calc'}
segments:
  - {id: open, kind: opening, title: '@开场', duration: 5m}
  - {id: coat, kind: product, title: '-大衣', duration: 10m, product: {name: '=HYPERLINK(1)', price: 899}}
  - {id: qa, kind: qa, title: 答疑, duration: 5m}
  - {id: bag, kind: lottery, title: 福袋, duration: 3m}
"""
    journal = write_journal(tmp_path / "show.jsonl", team_events(coat=500), plan_text=hostile_plan)  # coat -1:40
    assert main(["report", str(journal), "--format", "csv"]) == 0
    report = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    cells = [cell for row in report[1:] for cell in row]
    assert "'@开场" in cells and "'-大衣" in cells and "'=HYPERLINK(1)" in cells
    assert any(cell.startswith("-") and cell[1:].replace(".", "").isdigit() for cell in cells)  # deltas stay numbers
    assert main(["compare", str(journal), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][2] == "'=cmd|calc"
