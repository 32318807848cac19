"""A plan as the 直播脚本 a team prints or shares: one row per segment, in .xlsx (styled) or .csv.

What it writes, `import` reads back to the same plan (tests/unit/test_spreadsheet_roundtrip.py): the show's
title and start and the team above the header, and per segment its times, length, kind, title, owner, every
role's lines, the product (with its link number), the interaction's prompt, prize and coupon, a 憋单's target,
a 返场's products, props, samples, notes and id.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from rhythm_console import vocabulary
from rhythm_console.durations import format_short
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts, lang_for_locale
from rhythm_console.plan import Plan, Segment
from rhythm_console.spreadsheet.columns import header_for
from rhythm_console.spreadsheet.inert import csv_row, needs_quote
from rhythm_console.spreadsheet.team import team_cell
from rhythm_console.textsafe import printable

ROLE_COLUMNS = ("role:assistant", "role:manager", "role:ops")
ORDER = ("number", "time", "duration", "kind", "title", "owner", "talking_points", *ROLE_COLUMNS, "product", "link_no",
         "sku", "list_price", "price", "offer", "gift", "stock", "selling_points", "prompt", "hold", "revisit", "props",
         "samples", "notes", "id")
WIDTHS = {"number": 5, "time": 13, "duration": 8, "kind": 8, "title": 22, "owner": 8, "talking_points": 36,
          "product": 18, "selling_points": 28, "prompt": 20, "notes": 24, "id": 14}
# Light fills a printer renders as distinct greys too.
KIND_FILLS = {"opening": "DDEBF7", "product": "FFF2CC", "interaction": "E2EFDA", "lottery": "FCE4D6",
              "qa": "EDE7F6", "break": "EDEDED", "closing": "D9E1F2", "flash_sale": "F8CBAD",
              "hold": "FFE699", "revisit": "C6E0B4", "custom": "FFFFFF"}


def _clock(moment: datetime) -> str:
    return f"{moment:%H:%M}" if moment.second == 0 else f"{moment:%H:%M:%S}"


def _lines(items: list[str]) -> str:
    return "\n".join(items)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def script_rows(plan: Plan) -> tuple[list[list[object]], int]:
    """The sheet's rows (title, start, blank, header, one per segment) and the header's row index."""
    lang = lang_for_locale(plan.show.locale.value)
    start = plan.show.starts_at or datetime(2000, 1, 1)  # no start written: times from 0:00
    starts = Texts(lang)("sheet.starts", at=plan.show.starts_at.isoformat()) if plan.show.starts_at else None
    team = team_cell(plan.team.model_dump(exclude_defaults=True), lang)
    rows: list[list[object]] = [[plan.show.title], [starts] if starts else [], [team] if team else []]
    rows.append([header_for(column, lang) for column in ORDER])
    at = 0.0
    for number, segment in enumerate(plan.segments, start=1):
        begin, end = start + timedelta(seconds=at), start + timedelta(seconds=at + segment.duration)
        at += segment.duration
        rows.append([_cell(column, segment, number, f"{_clock(begin)}-{_clock(end)}", lang) for column in ORDER])
    return rows, 3


def _cell(column: str, segment: Segment, number: int, times: str, lang: str) -> object:
    product, interaction = segment.product, segment.interaction
    match column:
        case "number":
            return number
        case "time":
            return times
        case "duration":
            return format_short(segment.duration)
        case "kind":
            return vocabulary.shown("kind", segment.kind.value, lang)
        case "title":
            return segment.title
        case "owner":
            explicit = "owner" in segment.model_fields_set or segment.owner != "host"
            return vocabulary.shown("role", segment.owner, lang) if explicit else None
        case "talking_points":
            return _lines(segment.talking_points) or None
        case "notes":
            return segment.notes
        case "id":
            return segment.id
        case "prompt":
            return interaction.prompt if interaction else None
        case "hold":
            return _hold(segment, lang)
        case "revisit":
            return _lines(segment.revisit) or None
        case "props" | "samples":
            return _lines(getattr(segment, column)) or None
    if column.startswith("role:"):
        return _lines(segment.lines.get(column.removeprefix("role:"), [])) or None
    if product is None:  # a lottery's prize and coupon share the product's gift and offer columns
        if interaction is not None and column == "gift":
            return interaction.prize
        if interaction is not None and column == "offer":
            return interaction.coupon
        return None
    return {"product": product.name, "link_no": product.link_no, "sku": product.sku, "list_price": _number(product.list_price),
            "price": _number(product.price), "offer": product.offer, "gift": product.gift, "stock": product.stock,
            "selling_points": _lines(product.selling_points) or None}[column]


def _hold(segment: Segment, lang: str) -> str | None:
    """A 憋单's own target as the column reads it back: 在线500 或 5m / 500 online or 5m."""
    hold = segment.hold
    if hold is None:
        return None
    parts = []
    if hold.online is not None:
        parts.append(f"在线{hold.online}" if lang == "zh" else f"{hold.online} online")
    if hold.longest is not None:
        parts.append(format_short(hold.longest))
    return (" 或 " if lang == "zh" else " or ").join(parts) or None


def script_format(output: str | Path) -> str:
    """"xlsx" or "csv", from the file's name; anything else is refused."""
    suffix = Path(output).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(Said("sheet.error.export_suffix", output=printable(output), suffix=suffix) if suffix else
                        Said("sheet.error.export_no_suffix", output=printable(output)))
    return suffix[1:]


def script_writer(plan: Plan, form: str) -> Callable[[BinaryIO], None]:
    """What writes the plan's script in `form` ("xlsx" or "csv") to an open binary file."""
    rows, header = script_rows(plan)
    if form == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(csv_row(row) for row in rows)
        data = buffer.getvalue().encode("utf-8-sig")  # with a BOM, Excel opens the Chinese as Chinese
        return lambda handle: handle.write(data) and None
    book = _workbook(plan, rows, header)
    return lambda handle: book.save(handle)


def export_script(plan: Plan, output: str | Path) -> None:
    """The script written straight to `output` (the command writes through its own safe writer instead)."""
    form = script_format(output)
    try:
        with open(output, "wb") as handle:
            script_writer(plan, form)(handle)
    except OSError as exc:
        raise UserError(Said("error.cannot_write", path=printable(output), why=exc.strerror or exc)) from None


def _workbook(plan: Plan, rows: list[list[object]], header: int):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = Texts(lang_for_locale(plan.show.locale.value))("sheet.tab")
    for row in rows:
        sheet.append(row)
    # Text that would be a formula stays text: openpyxl makes a formula of every "=…" string.
    for cells in sheet.iter_rows(max_col=max(len(row) for row in rows)):
        for cell in cells:
            if isinstance(cell.value, str) and needs_quote(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet["A1"].font = Font(bold=True, size=14)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    # Rows by iter_rows with their width: sheet[n] measures the whole sheet each time (10,000 segments: minutes).
    width = max(len(row) for row in rows)
    for cell in next(sheet.iter_rows(min_row=header + 1, max_row=header + 1, max_col=width)):
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    kind_column = ORDER.index("kind")
    segment_rows = sheet.iter_rows(min_row=header + 2, max_row=header + 1 + len(plan.segments), max_col=width)
    for segment, cells in zip(plan.segments, segment_rows, strict=True):
        fill = PatternFill("solid", fgColor=KIND_FILLS[segment.kind.value])
        for cell in cells:
            cell.alignment = wrap
        cells[kind_column].fill = fill
        cells[ORDER.index("title")].fill = fill
    for position, column in enumerate(ORDER, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = WIDTHS.get(column, 10)
    sheet.freeze_panes = sheet.cell(row=header + 2, column=ORDER.index("title") + 2)
    sheet.print_title_rows = f"{header + 1}:{header + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return book
