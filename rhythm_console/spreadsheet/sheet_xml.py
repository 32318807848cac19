"""A worksheet's size, merged ranges and uncomputed formulas, read from its XML before any cell is loaded.

One pass over the sheet's XML as it unzips, by patterns at C speed: the last row and column that hold a cell
(a cell with content, not an empty styled one: a sheet formatted down to row 1,048,576 holds a few rows),
every merged range, and the cells whose formula has no value saved with it. The pass stops as soon as the
sheet is beyond `stop_after_row`, so a million-row sheet is refused after reading its first rows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

_CHUNK = 1 << 20
_TAIL = 1 << 16  # where the last element's start is looked for before the whole buffer is searched
_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?(?<!/)>')
_FORMULA_ONLY = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?(?<!/)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)'
    rb'\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
_ELEMENT_START = re.compile(rb"<(?:\w+:)?(?:c|row|mergeCell)[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_WITH_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="')
_CONTENT_CELL = re.compile(rb"<(?:\w+:)?c(?:\s[^>]*)?(?<!/)>")


@dataclass
class Extent:
    rows: int = 0  # the last row holding a cell (1-based: the number of rows to read)
    columns: int = 0  # the last column holding a cell, likewise
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 0-based
    uncomputed: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 0-based
    row_elements: int = 0  # rows may leave out their number (then each is the one after): counted as well
    rows_without_number: bool = False
    cells_without_reference: bool = False  # then the columns are known only by reading the cells
    stopped: bool = False  # beyond a limit: the rest of the sheet was not read

    @property
    def last_row(self) -> int:
        return max(self.rows, self.row_elements) if self.rows_without_number else self.rows


def column_index(letters: bytes) -> int:
    """b"A" -> 0, b"AA" -> 26."""
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def measure_sheet(archive: zipfile.ZipFile, member: str, *, stop_after_row: int = 20_000,
                  stop_after_merged: int = 5_000) -> Extent:
    extent = Extent()
    carry = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            buffer = carry + chunk
            if not chunk:
                _measure(buffer, extent)
                break
            cut = _last_element_start(buffer)
            _measure(buffer[:cut], extent)
            carry = buffer[cut:]
            if extent.last_row > stop_after_row or len(extent.merged) > stop_after_merged:
                extent.stopped = True
                break
    return extent


def _last_element_start(buffer: bytes) -> int:
    """Where the last cell, row or merged range begins: everything before it is whole elements."""
    start = max(0, len(buffer) - _TAIL)
    for window in (start, 0):
        starts = [match.start() for match in _ELEMENT_START.finditer(buffer, window)]
        if starts and starts[-1] > 0:
            return starts[-1]
    return 0 if len(buffer) < 64 * _CHUNK else len(buffer)  # one huge element: measured whole, not held forever


def _measure(block: bytes, extent: Extent) -> None:
    cells = _CELL.findall(block)
    rows = len(_ROW.findall(block))
    extent.row_elements += rows
    if rows != len(_ROW_WITH_REF.findall(block)):
        extent.rows_without_number = True
    if len(_CONTENT_CELL.findall(block)) != len(cells):
        extent.cells_without_reference = True
    if cells:
        extent.rows = max(extent.rows, max(int(row) for _, row in cells))
        extent.columns = max(extent.columns, max(column_index(letters) for letters in set(c for c, _ in cells)) + 1)
    for letters, row in _FORMULA_ONLY.findall(block):
        extent.uncomputed.append((int(row) - 1, column_index(letters)))
    for first_letters, first_row, last_letters, last_row in _MERGE.findall(block):
        top, left = int(first_row) - 1, column_index(first_letters)
        bottom, right = (int(last_row) - 1, column_index(last_letters)) if last_row else (top, left)
        extent.merged.append((min(top, bottom), min(left, right), max(top, bottom), max(left, right)))
