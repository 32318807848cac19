"""Script workbooks written with openpyxl for the import tests, and what importing one gives."""

from __future__ import annotations

import openpyxl

from rhythm_console.plan import parse_plan
from rhythm_console.spreadsheet.importer import import_script


def workbook(path, rows, *, title="脚本", merges=(), before=None):
    book = openpyxl.Workbook()
    sheet = book.active
    if before is not None:  # an instructions sheet first, as templates have
        sheet.title = before
        sheet["A1"] = "填写说明：时间写 20:00-20:10，时长写 10分钟"
        sheet["A2"] = "时间"
        sheet = book.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def imported(path, *args):
    result = import_script(path, *args)
    return parse_plan(result.yaml, "x.yaml"), result
