"""A script file read into sheets of cell values: .xlsx through openpyxl (merged ranges filled), .csv in UTF-8
(with or without BOM) or GBK. Every way a file can be unreadable ends as one UserError line."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.spreadsheet.inert import from_csv
from rhythm_console.spreadsheet.sheet_xml import Extent, measure_sheet

# The compound-file signature: an old .xls, or an .xlsx that Excel encrypted with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Limits of a sheet (docs/spreadsheet.md): beyond them it is not a run-of-show, and it is refused before a
# cell is loaded (a hostile 9 KB file can name a million rows).
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_MERGED = 5_000
MAX_PART_BYTES = 64 * 2**20
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_EMPTY_SHEET = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>')


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    # (row, column) of each cell inside a merged range but not its top-left one -> the top-left's (row, column);
    # its value in `rows` is the top-left's (filled down and across). Both 0-based.
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    refused: Said | None = None  # why the sheet was not read (beyond the limits); then it has no rows
    uncomputed: list[tuple[int, int]] = field(default_factory=list)  # formula cells the file holds no value of

    def value(self, row: int, column: int) -> object:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[column] if column < len(cells) else None


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(sheet: str, row: int, column: int) -> str:
    return f"{sheet}!{column_letter(column)}{row + 1}"


def read_workbook(path: str | Path) -> list[Sheet]:
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(Said("error.no_such_file", path=path)) from None
    except IsADirectoryError:
        raise UserError(Said("sheet.error.directory", path=path)) from None
    except OSError as exc:
        raise UserError(Said("error.cannot_read", path=path, why=exc.strerror or exc)) from None
    if suffix == ".xls" or (data.startswith(_OLE_MAGIC) and suffix != ".xlsx"):
        raise UserError(Said("sheet.error.xls", path=path))
    if suffix == ".xlsx":
        if data.startswith(_OLE_MAGIC):
            raise UserError(Said("sheet.error.password", path=path))
        return _read_xlsx(path, data)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path, data)]
    raise UserError(Said("sheet.error.suffix", path=path, suffix=suffix) if suffix else
                    Said("sheet.error.no_suffix", path=path))


def _read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    import openpyxl  # a second or so to import: only when an .xlsx is read

    if not data.startswith(_ZIP_MAGIC):
        raise UserError(Said("sheet.error.not_xlsx", path=path))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_parts(path, archive)
        extents = {member: measure_sheet(archive, member, stop_after_row=MAX_ROWS, stop_after_merged=MAX_MERGED)
                   for member in archive.namelist() if _WORKSHEET.fullmatch(member)}
        refused = {member: why for member, extent in extents.items() if (why := _beyond_limits(extent))}
        if refused:  # openpyxl would read such a sheet whole only to size it: it gets an empty one instead
            data = _without(archive, refused)
        # Read-only: cells stream from the sheet's XML and merged ranges are not expanded into cell objects
        # (a merge over a million rows made a million); this module reads and clips them itself.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [_sheet_of(worksheet, extents, refused) for worksheet in book.worksheets]
        finally:
            book.close()
    except UserError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError, zlib.error) as exc:
        raise UserError(Said("sheet.error.damaged", path=path, why=type(exc).__name__)) from None
    except Exception as exc:  # openpyxl raises its own types for every other broken part
        raise UserError(Said("sheet.error.unreadable", path=path, why=f"{type(exc).__name__}: {exc}")) from None


def _check_parts(path: Path, archive: zipfile.ZipFile) -> None:
    """No XML part may unpack to more than MAX_PART_BYTES (what the zip says; reading stops there anyway)."""
    for info in archive.infolist():
        if info.filename.endswith(".xml") and info.file_size > MAX_PART_BYTES:
            raise UserError(Said("sheet.error.part_size", path=path, part=info.filename, mib=info.file_size / 2**20,
                                 most=MAX_PART_BYTES // 2**20))


def _beyond_limits(extent: Extent) -> tuple[str, dict[str, object]] | None:
    """Why a sheet of this extent is not read: its catalog key and values (the sheet's name is added)."""
    if extent.last_row > MAX_ROWS:
        return "sheet.error.rows", {"most": MAX_ROWS}
    if extent.columns > MAX_COLUMNS:
        return "sheet.error.columns", {"column": column_letter(extent.columns - 1), "most": MAX_COLUMNS}
    if len(extent.merged) > MAX_MERGED:
        return "sheet.error.merged", {"most": MAX_MERGED}
    return None


def _without(archive: zipfile.ZipFile, members: Collection[str]) -> bytes:
    """The workbook with these sheets emptied (the rest copied as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
        for info in archive.infolist():
            copy.writestr(info.filename, _EMPTY_SHEET if info.filename in members else archive.read(info))
    return out.getvalue()


def _sheet_of(worksheet: Any, extents: dict[str, Extent], refused: dict[str, tuple[str, dict[str, object]]]) -> Sheet:
    name = worksheet.title
    member = worksheet._worksheet_path.lstrip("/")
    if member in refused:
        key, values = refused[member]
        return Sheet(name=name, rows=[], refused=Said(key, sheet=name, **values))
    extent = extents.get(member) or Extent()
    width = extent.columns if extent.columns and not extent.cells_without_reference else MAX_COLUMNS
    rows: list[list[object]] = []
    if extent.last_row:
        rows = [list(values) for values in worksheet.iter_rows(max_row=extent.last_row, max_col=width,
                                                                values_only=True)]
    for cells in rows:  # padded to the sheet's width by openpyxl: the empty tail is no cell
        while cells and cells[-1] is None:
            cells.pop()
    while rows and not rows[-1]:
        rows.pop()
    sheet = Sheet(name=name, rows=rows,
                  uncomputed=[(row, column) for row, column in extent.uncomputed if row < len(rows)])
    for top, left, bottom, right in extent.merged:  # clipped to the used area: a whole-column merge is its rows
        if top >= len(rows) or left >= width:
            continue
        value = sheet.value(top, left)
        right = min(right, width - 1)
        for row in range(top, min(bottom + 1, len(rows))):
            cells = rows[row]
            cells.extend([None] * (right + 1 - len(cells)))
            for column in range(left, right + 1):
                if (row, column) != (top, left):
                    cells[column] = value
                    sheet.merged[(row, column)] = (top, left)
    return sheet


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16 with its BOM, tab-separated
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:4096]:
        raise UserError(Said("sheet.error.binary", path=path))
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # what Excel on Chinese Windows writes (GBK is its subset)
    except UnicodeDecodeError:
        raise UserError(Said("sheet.error.encoding", path=path)) from None


def _read_csv(path: Path, data: bytes) -> Sheet:
    text = _decode(path, data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(row) for _, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text), dialect), strict=False)]
    except csv.Error as exc:
        raise UserError(Said("sheet.error.csv", path=path, why=exc)) from None
    while rows and all(not cell.strip() for cell in rows[-1]):
        rows.pop()
    return Sheet(name=path.stem, rows=[[from_csv(cell) if cell.strip() else None for cell in row] for row in rows])
