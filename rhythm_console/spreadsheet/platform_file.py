"""The platform's per-minute export (罗盘/百应: online, entries and GMV a minute) read from .csv or .xlsx.

The header row is found as the script importer finds its own (`columns.match_header`, with this file's
table of header words); each row's time is a time of day (20:01, an Excel time), a date and time
(2026-12-01 20:01) or minutes from the show's start (0, 1, 2 ...). Placing the rows on the journal's
clock is the review's (`review.platform.place_minutes`). Every problem is one UserError line naming the cell.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, time, timedelta
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import Texts
from rhythm_console.review.platform import ExportRow
from rhythm_console.spreadsheet.cells import CellError, is_blank, read_price, read_time, text_of
from rhythm_console.spreadsheet.columns import Header, header_words, match_header
from rhythm_console.spreadsheet.workbook import Sheet, address, read_workbook
from rhythm_console.textsafe import printable

# column code: (Chinese headers, English headers), as the platforms' exports and teams' copies name them.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "time": (("时间", "分钟", "时间点", "时刻", "日期", "日期时间", "统计时间", "开播分钟", "距开播分钟"),
             ("Time", "minute", "datetime", "minutes from start")),
    "online": (("在线人数", "实时在线人数", "在线", "在线用户数", "平均在线人数", "在线观众"), ("Online", "viewers online")),
    "entries": (("进入人数", "进场", "进场人数", "进入直播间人数", "进房人数", "进入"), ("Entries", "entered", "enters")),
    "gmv": (("成交金额", "成交额", "直播间成交金额", "销售额", "GMV"), ("GMV", "sales")),
}
FIGURES = ("online", "entries", "gmv")
HEADER_SEARCH_ROWS = 10
MOST_ROWS = 3 * 24 * 60  # three days of minutes: no one show's export is longer
LARGEST = 1e12  # a minute's count or sales beyond this is a typo
_MOMENT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[T ]\s*"
                     r"(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?")
_ISO_WITH_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)")
_MINUTES = re.compile(r"(?:第\s*)?(\d{1,5})\s*(?:分钟|分|min)?")
_WORDS = header_words(COLUMNS)


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The first row naming a time column and at least one figure, as code -> column index."""
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found: dict[str, int] = {}
        for column, value in enumerate(sheet.rows[row]):
            header: Header | None = match_header(value, _WORDS)
            if header is not None:
                found.setdefault(header.column, column)
        if "time" in found and any(code in found for code in FIGURES):
            return row, found
    return None


def _when(value: object, where: str, texts: Texts) -> ExportRow:
    """The row's time as the file gives it."""
    if isinstance(value, datetime):
        return ExportRow(where, moment=value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return ExportRow(where, offset=value * 60.0)
    if isinstance(value, str):
        text = value.strip()
        if match := _MOMENT.fullmatch(text):
            year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
            try:
                return ExportRow(where, moment=datetime(year, month, day, hour, minute, second))
            except ValueError:
                pass
        elif match := _MINUTES.fullmatch(text):
            return ExportRow(where, offset=int(match.group(1)) * 60.0)
        elif _ISO_WITH_ZONE.fullmatch(text):  # 2026-12-01T20:01:00+08:00: its own zone
            try:
                return ExportRow(where, moment=datetime.fromisoformat(text.replace("Z", "+00:00")))
            except ValueError:
                pass
    try:
        spec = read_time(value)
    except CellError:
        raise UserError(texts("platform_file.bad_time", cell=where, value=printable(text_of(value)))) from None
    if spec.day is not None:  # an Excel date-time serial
        return ExportRow(where, moment=datetime.combine(spec.day, time()) + timedelta(seconds=spec.start))
    return ExportRow(where, clock=spec.start) if spec.clock else ExportRow(where, offset=spec.start)


def _figure(value: object, where: str, name: str, texts: Texts) -> float | None:
    if is_blank(value):
        return None
    try:
        number = read_price(value)
    except CellError:
        number = math.inf
    if not number <= LARGEST:  # no room counts or sells this much in a minute: not a figure, or a typo
        raise UserError(texts("platform_file.bad_number", cell=where, value=printable(text_of(value)),
                              column=texts(f"platform_file.column.{name}")))
    return number


def read_platform_file(path: str | Path, texts: Texts) -> list[ExportRow]:
    """Every minute row of the export; UserError for a file with no such header, a cell that cannot be
    read, a minute given twice, or more rows than one show has."""
    path = Path(path)
    for sheet in read_workbook(path):
        found = _header(sheet)
        if found is None:
            continue
        header_row, columns = found
        if sheet.uncomputed:
            row, column = sheet.uncomputed[0]
            raise UserError(texts("platform_file.uncomputed", cell=f"{printable(path.name)} {address(sheet.name, row, column)}"))
        rows: list[ExportRow] = []
        seen: dict[tuple[object, ...], str] = {}
        for row in range(header_row + 1, len(sheet.rows)):
            time_value = sheet.value(row, columns["time"])
            if is_blank(time_value):
                continue
            where = f"{printable(path.name)} {address(sheet.name, row, columns['time'])}"
            when = _when(time_value, where, texts)
            figures = {name: _figure(sheet.value(row, columns[name]),
                                     f"{printable(path.name)} {address(sheet.name, row, columns[name])}",
                                     name, texts) if name in columns else None for name in FIGURES}
            if all(value is None for value in figures.values()):
                continue
            key = (when.offset, when.clock, when.moment)
            if key in seen:
                raise UserError(texts("platform_file.twice", cell=where, first=seen[key]))
            seen[key] = where
            rows.append(ExportRow(where, when.offset, when.clock, when.moment, **figures))
            if len(rows) > MOST_ROWS:
                raise UserError(texts("platform_file.too_long", file=printable(path), most=MOST_ROWS))
        if not rows:
            raise UserError(texts("platform_file.empty", file=printable(path)))
        return rows
    raise UserError(texts("platform_file.no_header", file=printable(path),
                          time="/".join(COLUMNS["time"][0][:3]), online=COLUMNS["online"][0][0],
                          entries=COLUMNS["entries"][0][0], gmv=COLUMNS["gmv"][0][0]))
