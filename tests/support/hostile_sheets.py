""".xlsx files built by hand (a zip of a few XML parts), each beyond what a script can be: made in the test,
in a blink, small on disk however large they claim to be."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET_START = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def script_rows(count: int = 3) -> list[str]:
    """A header and `count` segments: a sheet import reads."""
    rows = [f'<row r="1">{text_cell("A1", "时间")}{text_cell("B1", "环节")}{text_cell("C1", "主播话术")}</row>']
    for number in range(2, count + 2):
        minute = number - 2
        rows.append(f'<row r="{number}">{text_cell(f"A{number}", f"20:{minute:02d}-20:{minute + 1:02d}")}'
                    f'{text_cell(f"B{number}", f"讲解{number}")}{text_cell(f"C{number}", "上身展示")}</row>')
    return rows


def workbook(path: Path, rows: list[str] | str, *, merged: list[str] = (), dimension: str | None = None,
             name: str = "脚本", level: int = 9) -> Path:
    """An .xlsx of one sheet: `rows` the <row> elements (or their whole text), `merged` the merged ranges."""
    parts = [SHEET_START]
    if dimension:
        parts.append(f'<dimension ref="{dimension}"/>')
    parts.append("<sheetData>")
    parts.append(rows if isinstance(rows, str) else "".join(rows))
    parts.append("</sheetData>")
    if merged:
        parts.append(f'<mergeCells count="{len(merged)}">'
                     + "".join(f'<mergeCell ref="{ref}"/>' for ref in merged) + "</mergeCells>")
    parts.append("</worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.format(name=name))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return path


def merged_over_a_million_rows(path: Path) -> Path:
    """A few KB: a script whose 环节 column is merged down to the sheet's last row."""
    return workbook(path, script_rows(), merged=["B2:B1048576"], dimension="A1:C1048576")


def whole_column_merge(path: Path) -> Path:
    """Whole columns and a whole row merged: every cell of the sheet named."""
    return workbook(path, script_rows(), merged=["D1:D1048576", "D1:XFD1", "E1:E1048576"])


def a_million_rows(path: Path) -> Path:
    """A million rows that hold a cell each (a sheet that ran away), numbered as Excel numbers them."""
    rows = "".join([f'<row r="{number}"><c r="A{number}"><v>1</v></c></row>' for number in range(1, 1_000_001)])
    return workbook(path, script_rows() + [rows], level=1)


def a_million_unnumbered_rows(path: Path) -> Path:
    """A million rows and cells without their numbers (allowed: each is the one after), made in a blink."""
    return workbook(path, script_rows() + ["<row><c><v>1</v></c></row>" * 1_000_000])
