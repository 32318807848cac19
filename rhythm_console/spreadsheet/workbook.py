"""A script file read into sheets of cell values: .xlsx through openpyxl (merged ranges filled), .csv in UTF-8
(with or without BOM) or GBK. Every way a file can be unreadable ends as one UserError line."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.spreadsheet.inert import from_csv

# The compound-file signature: an old .xls, or an .xlsx that Excel encrypted with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# More rows than this is not a run-of-show; stopping there keeps a sheet with a million formatted rows cheap.
MAX_ROWS = 20_000


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    # (row, column) of each cell inside a merged range but not its top-left one -> the top-left's (row, column);
    # its value in `rows` is the top-left's (filled down and across). Both 0-based.
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

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
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a spreadsheet") from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    if suffix == ".xls" or (data.startswith(_OLE_MAGIC) and suffix != ".xlsx"):
        raise UserError(f"{path}: an old Excel .xls file: open it in Excel or WPS and save it as .xlsx")
    if suffix == ".xlsx":
        if data.startswith(_OLE_MAGIC):
            raise UserError(f"{path}: the workbook is password-protected: remove the password (or save an "
                            "unprotected copy) and import that")
        return _read_xlsx(path, data)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path, data)]
    raise UserError(f"{path}: import reads .xlsx and .csv scripts, not {suffix or 'files without an extension'}")


def _read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    import openpyxl  # a second or so to import: only when an .xlsx is read

    if not data.startswith(_ZIP_MAGIC):
        raise UserError(f"{path}: not an .xlsx workbook (the file is not a spreadsheet, or it is damaged)")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise UserError(f"{path}: cannot read the workbook, it is damaged ({type(exc).__name__})") from None
    except Exception as exc:  # openpyxl raises its own types for every other broken part
        raise UserError(f"{path}: cannot read the workbook ({type(exc).__name__}: {exc})") from None
    return [_sheet_of(worksheet) for worksheet in book.worksheets]


def _sheet_of(worksheet) -> Sheet:
    rows: list[list[object]] = []
    for values in worksheet.iter_rows(values_only=True):
        rows.append(list(values))
        if len(rows) >= MAX_ROWS:
            break
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    sheet = Sheet(name=worksheet.title, rows=rows)
    for merged in worksheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows):
            continue
        value = sheet.value(top, left)
        for row in range(top, min(merged.max_row, len(rows))):
            cells = rows[row]
            cells.extend([None] * (merged.max_col - len(cells)))
            for column in range(left, merged.max_col):
                if (row, column) != (top, left):
                    cells[column] = value
                    sheet.merged[(row, column)] = (top, left)
    return sheet


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UserError(f"{path}: not a CSV text file (it holds binary data)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # what Excel on Chinese Windows writes (GBK is its subset)
    except UnicodeDecodeError:
        raise UserError(f"{path}: cannot read the CSV's text: save it as UTF-8 (or GBK)") from None


def _read_csv(path: Path, data: bytes) -> Sheet:
    text = _decode(path, data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(row) for _, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text), dialect), strict=False)]
    except csv.Error as exc:
        raise UserError(f"{path}: cannot read the CSV ({exc})") from None
    while rows and all(not cell.strip() for cell in rows[-1]):
        rows.pop()
    return Sheet(name=path.stem, rows=[[from_csv(cell) if cell.strip() else None for cell in row] for row in rows])
