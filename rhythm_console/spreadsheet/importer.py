"""A team's 直播脚本 (a sheet of .xlsx or a .csv) to a plan's YAML, with a report of what was and was not read.

How a script is read (docs/spreadsheet.md says it for users):
- the sheet and its header row: the sheet whose row, among its first ones, names the most known columns
  (columns.py); the rows above it give the show's title and date;
- segments: a row with its own time (or, without one, a new 环节 name) starts a segment; the rows under it
  until the next one belong to it (each row's 话术 a talking point). Merged cells count as filled down;
  a block with several products becomes one segment per product, sharing the block's time;
- lengths: a duration column first, else the row's time range, else until the next segment's start (a last
  row such as 结束/下播 gives the end); times of day may pass midnight;
- a cell that holds something its column cannot mean is a problem, named by its address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from rhythm_console import vocabulary
from rhythm_console.durations import format_short
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts
from rhythm_console.plan import SELLING_KINDS
from rhythm_console.spreadsheet.cells import (
    DAY,
    CellError,
    TimeSpec,
    find_date,
    is_blank,
    lines_of,
    read_count,
    read_duration,
    read_hold,
    read_link_no,
    read_price,
    read_time,
    text_of,
)
from rhythm_console.spreadsheet.columns import END_WORDS, Header, kind_from_title, match_header
from rhythm_console.spreadsheet.plan_yaml import plan_yaml
from rhythm_console.spreadsheet.team import team_in, team_section
from rhythm_console.spreadsheet.workbook import Sheet, address, column_letter, read_workbook
from rhythm_console.textsafe import printable

HEADER_SEARCH_ROWS = 20  # the header is among a sheet's first rows (title, date and notes above it)
MIN_HEADER_COLUMNS = 2
CELLS_SHOWN = 10  # an import that read nothing names this many of the cells that stopped it
CHINA = timezone(timedelta(hours=8))  # a script's times of day are Beijing time unless it says otherwise
_NOTE_PREFIXES = ("注：", "注:", "备注：", "备注:", "说明：", "说明:", "※", "*")
_LINE_SPLIT = ("；", ";")
_SELLING_KINDS = {kind.value for kind in SELLING_KINDS}
_LIST_SPLIT = (*_LINE_SPLIT, "、", "，", ",")  # props and samples: 补光灯、尺子


@dataclass
class ImportResult:
    yaml: str
    sheet: str
    segments: int
    total: float
    products: int
    unmapped: list[str] = field(default_factory=list)  # headers no column matched, with their address
    problems: list[str] = field(default_factory=list)  # cells that could not be read: "脚本!C14: cannot read ..."
    notes: list[str] = field(default_factory=list)  # what the reader decided that the user should know
    lang: str = "zh"  # the language its problems and notes are said in: --lang, else the sheet's (the plan's)

    def summary(self, texts: Texts) -> str:
        return texts("sheet.summary", segments=self.segments, length=format_short(self.total), products=self.products,
                     sheet=self.sheet)


@dataclass
class _Block:
    rows: list[int]
    time: TimeSpec | None = None
    time_at: str = ""


class _Reader:
    def __init__(self, sheet: Sheet, header_row: int, headers: dict[int, Header]) -> None:
        self.sheet = sheet
        self.header_row = header_row
        self.columns: dict[str, list[int]] = {}
        self.units: dict[str, float | None] = {}
        for column, header in sorted(headers.items()):
            self.columns.setdefault(header.column, []).append(column)
            self.units.setdefault(header.column, header.unit)
        languages = [header.lang for header in headers.values()]
        self.lang = "en" if languages.count("en") > languages.count("zh") else "zh"
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.texts = Texts(self.lang)

    # ------------------------------------------------------------ cells

    def own(self, row: int, code: str) -> tuple[object, str] | None:
        """The row's own value in a column (not one merged down from a row above) and its address."""
        for column in self.columns.get(code, []):
            source = self.sheet.merged.get((row, column))
            if source is not None and source[0] < row:
                continue
            value = self.sheet.value(row, column)
            if not is_blank(value):
                return value, address(self.sheet.name, row, column)
        return None

    def shown(self, row: int, code: str) -> object:
        """The value a row shows in a column, merged ones included."""
        for column in self.columns.get(code, []):
            value = self.sheet.value(row, column)
            if not is_blank(value):
                return value
        return None

    def first(self, rows: list[int], code: str) -> tuple[object, str] | None:
        return next((found for row in rows if (found := self.own(row, code)) is not None), None)

    def all_lines(self, rows: list[int], code: str, split: tuple[str, ...] = ()) -> list[str]:
        """Every line of the column's own cells in these rows, each cut at `split`'s separators."""
        lines: list[str] = []
        for row in rows:
            found = self.own(row, code)
            if found is None:
                continue
            for line in lines_of(found[0]):
                parts = [line]
                for separator in split:
                    parts = [piece.strip() for part in parts for piece in part.split(separator)]
                lines.extend(part for part in parts if part)
        return lines

    def say(self, key: str, /, **values: object) -> str:
        """A problem or note in the import's language (--lang, else the sheet's)."""
        return self.texts(f"sheet.{key}", **values)

    def problem(self, where: str, value: object, what: str) -> None:
        """A cell it cannot read; `what` names what belongs there (sheet.cell.<what>)."""
        shown = text_of(value).replace("\n", " ")
        texts = self.texts
        self.problems.append(self.say("cell.unreadable", where=where, value=shown[:40], what=texts(
            f"sheet.cell.{what}", kinds=texts.listed(vocabulary.accepted("kind", texts.lang)))))

    def read(self, found: tuple[object, str] | None, reader, what: str):
        if found is None:
            return None
        try:
            return reader(found[0])
        except CellError:
            self.problem(found[1], found[0], what)
            return None

    # ------------------------------------------------------------ rows into blocks

    def is_note_row(self, row: int) -> bool:
        cells = [value for value in self.sheet.rows[row] if not is_blank(value)]
        return len(cells) == 1 and isinstance(cells[0], str) and cells[0].strip().startswith(_NOTE_PREFIXES)

    def blocks(self) -> tuple[list[_Block], tuple[TimeSpec, str] | None]:
        blocks: list[_Block] = []
        end: tuple[TimeSpec, str] | None = None
        header_texts = [text_of(v) for v in self.sheet.rows[self.header_row]]
        for row in range(self.header_row + 1, len(self.sheet.rows)):
            cells = self.sheet.rows[row]
            if all(is_blank(value) for value in cells) or self.is_note_row(row):
                continue
            if [text_of(v) for v in cells] == header_texts:
                continue  # the header repeated (a printed page's)
            time_found = self.own(row, "time")
            title_found = self.own(row, "title") or (self.own(row, "content") if "title" not in self.columns else None)
            title = text_of(title_found[0]) if title_found else None
            if time_found and title and vocabulary.normalise(title) in END_WORDS and self.own(row, "duration") is None:
                end = (self.read(time_found, read_time, "time"), time_found[1])
                break
            starts = time_found is not None or (
                title_found is not None and (not blocks or title != self._title_of(blocks[-1])))
            if starts or not blocks:
                block = _Block(rows=[row])
                if time_found is not None:
                    block.time = self.read(time_found, read_time, "time")
                    block.time_at = time_found[1]
                blocks.append(block)
            else:
                blocks[-1].rows.append(row)
        if end is not None and end[0] is None:
            end = None
        return blocks, end

    def _title_of(self, block: _Block) -> str | None:
        value = self.shown(block.rows[0], "title")
        return text_of(value) if value is not None else None

    # ------------------------------------------------------------ lengths

    def durations(self, blocks: list[_Block], end: tuple[TimeSpec, str] | None) -> list[float | None]:
        lengths: list[float | None] = []
        for index, block in enumerate(blocks):
            written = self.first(block.rows, "duration")
            if written is not None:
                lengths.append(self.read(written, lambda v: read_duration(v, self.units.get("duration")), "duration"))
                continue
            spec = block.time
            if spec is not None and spec.end is not None:
                lengths.append(spec.end - spec.start)
                continue
            following = next((b.time for b in blocks[index + 1:] if b.time is not None), None)
            if following is None and end is not None:
                following = end[0]
            if spec is not None and following is not None and following.clock == spec.clock:
                length = following.start - spec.start
                if spec.clock and length <= 0:
                    length += DAY  # past midnight
                lengths.append(length if length > 0 else None)
            else:
                lengths.append(None)
            if lengths[-1] is None and block.time_at and spec is None:
                pass  # its time cell is already reported
            elif lengths[-1] is None and spec is not None:
                self.problems.append(self.say("cell.no_length", where=block.time_at))
            elif lengths[-1] is None:
                where = address(self.sheet.name, block.rows[0], self.columns.get("time", self.columns.get(
                    "duration", [0]))[0])
                self.problems.append(self.say("cell.no_time", where=where))
        return lengths

    # ------------------------------------------------------------ segments

    def split_by_product(self, rows: list[int], block_title: str | None) -> list[list[int]]:
        starts = [i for i, row in enumerate(rows) if self.own(row, "product") is not None]
        if len(starts) < 2 or self.block_kind(rows, block_title) == "revisit":  # 返场 shows them all in one segment
            return [rows]
        cuts = [0] + starts[1:] + [len(rows)]
        return [rows[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]

    def block_kind(self, rows: list[int], title: str | None) -> str | None:
        """The kind a kind column gives (reported when it is no kind), else what the title tells."""
        if (kind_found := self.first(rows, "kind")) is not None:
            kind = vocabulary.code_for("kind", text_of(kind_found[0]))
            if kind is not None:
                return kind
        return kind_from_title(title or "")

    def segment(self, rows: list[int], block_title: str | None, length: float) -> dict[str, object]:
        product_found = self.first(rows, "product")
        product_name = text_of(product_found[0]) if product_found else None
        title = block_title or product_name
        segment: dict[str, object] = {}
        written_id = self.first(rows, "id")
        if written_id is not None:
            segment["id"] = text_of(written_id[0])
        kind = None
        if (kind_found := self.first(rows, "kind")) is not None:
            kind = vocabulary.code_for("kind", text_of(kind_found[0]))
            if kind is None:
                self.problem(kind_found[1], kind_found[0], "kind")
        if kind is None:
            kind = kind_from_title(title or "") or ("product" if product_name else None) or (
                vocabulary.code_for("kind", title) if title else None) or "custom"
        segment["kind"] = kind
        segment["title"] = title or vocabulary.shown("kind", kind, self.lang)
        segment["duration"] = format_short(length)
        if (owner_found := self.first(rows, "owner")) is not None:
            owner = vocabulary.code_for("role", text_of(owner_found[0]))
            if owner is None:
                self.problem(owner_found[1], owner_found[0], "role")
            else:
                segment["owner"] = owner
        has_talking_points = "talking_points" in self.columns
        points = self.all_lines(rows, "talking_points") + ([] if has_talking_points else self.all_lines(rows, "content"))
        if points:
            segment["talking_points"] = points
        lines = {code.removeprefix("role:"): found for code in self.columns if code.startswith("role:")
                 if (found := self.all_lines(rows, code))}
        if lines:
            segment["lines"] = lines
        revisit = self.revisit(rows, kind)
        if product_found is not None and kind != "revisit":
            product = self.product(rows, text_of(product_found[0]), product_found[1])
            if product is not None:
                segment["product"] = product
        if title and "product" in segment and vocabulary.code_for("kind", title) in _SELLING_KINDS:
            segment["title"] = f"{title} · {product_name}"  # a row titled only 讲品 (or 秒杀) is about its product
        if kind in ("product", "flash_sale") and "product" not in segment:  # they need their product
            segment["kind"] = kind = "custom"
            self.notes.append(self.say("note.custom", where=address(self.sheet.name, rows[0], 0),
                                       title=segment["title"]))
        interaction = self.interaction(rows, kind, with_product="product" in segment)
        if interaction:
            segment["interaction"] = interaction
        if hold := self.hold(rows):
            segment["hold"] = hold
        if revisit:
            segment["revisit"] = revisit
        for code in ("props", "samples"):
            if found := self.all_lines(rows, code, split=_LIST_SPLIT):
                segment[code] = found
        notes = (self.all_lines(rows, "content") if has_talking_points else []) + self.all_lines(rows, "notes")
        if notes:
            segment["notes"] = "\n".join(notes)
        return segment

    def revisit(self, rows: list[int], kind: str) -> list[str]:
        """The products shown again: a 返场商品 column, else (in a 返场) every product named in its rows."""
        names = self.all_lines(rows, "revisit", split=_LIST_SPLIT) or (
            self.all_lines(rows, "product", split=_LIST_SPLIT) if kind == "revisit" else [])
        return list(dict.fromkeys(names))

    def hold(self, rows: list[int]) -> dict[str, object]:
        found = self.read(self.first(rows, "hold"), read_hold, "hold")
        if found is None:
            return {}
        online, longest = found
        return {key: value for key, value in (("online", online), ("longest", format_short(longest) if longest
                                                                     else None)) if value is not None}

    def product(self, rows: list[int], name: str, where: str) -> dict[str, object] | None:
        product: dict[str, object] = {}
        if (sku := self.first(rows, "sku")) is not None:
            product["sku"] = text_of(sku[0])
        link_no = self.read(self.first(rows, "link_no"), read_link_no, "link_no")
        if link_no is not None:
            product["link_no"] = link_no
        product["name"] = name
        price = self.read(self.first(rows, "price"), read_price, "price")
        list_price = self.read(self.first(rows, "list_price"), read_price, "price")
        if price is None:
            price = list_price
        if price is None:
            self.problems.append(self.say("cell.no_price", where=where, name=name))
            return None
        product["price"] = _number(price)
        if list_price is not None and "price" in product and self.first(rows, "price") is not None:
            product["list_price"] = _number(list_price)
        stock = self.read(self.first(rows, "stock"), read_count, "stock")
        if stock is not None:
            product["stock"] = stock
        points = self.all_lines(rows, "selling_points", split=_LINE_SPLIT)
        if points:
            product["selling_points"] = points
        for code in ("offer", "gift"):
            if text := "\n".join(self.all_lines(rows, code)):
                product[code] = text
        return product

    def interaction(self, rows: list[int], kind: str, with_product: bool) -> dict[str, object]:
        interaction: dict[str, object] = {}
        prompt = "\n".join(self.all_lines(rows, "prompt"))
        if not with_product:
            if coupon := "\n".join(self.all_lines(rows, "offer")):
                interaction["coupon"] = coupon
            if prize := "\n".join(self.all_lines(rows, "gift")):
                interaction["prize"] = prize
        if prompt:
            interaction["prompt"] = prompt
        if not interaction:
            return {}
        kind_of = "lottery" if kind == "lottery" else "comment_prompt" if prompt else "other"
        return {"type": kind_of, **interaction}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _find_header(sheet: Sheet) -> tuple[int, dict[int, Header]] | None:
    best: tuple[int, dict[int, Header]] | None = None
    best_score = 0
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        headers = {column: header for column, value in enumerate(sheet.rows[row])
                   if (header := match_header(value)) is not None}
        codes = {header.column for header in headers.values()}
        if len(codes) < MIN_HEADER_COLUMNS or not codes & {"title", "time", "duration", "content"}:
            continue
        if len(codes) > best_score:
            best, best_score = (row, headers), len(codes)
    return best


def _choose_sheet(path: Path, sheets: list[Sheet], name: str | None) -> tuple[Sheet, int, dict[int, Header]]:
    if name is not None:
        chosen = [sheet for sheet in sheets if sheet.name == name]
        if not chosen:
            raise UserError(Said("sheet.error.no_sheet", path=path, name=name, sheets=[s.name for s in sheets]))
        sheets = chosen
    refused = [sheet.refused for sheet in sheets if sheet.refused]
    if name is not None and refused:
        raise UserError(Said("sheet.error.refused", path=path, why=refused[0]))
    best = None
    for sheet in sheets:
        found = _find_header(sheet)
        if found is not None and (best is None or len(found[1]) > len(best[2])):
            best = (sheet, *found)
    if best is None and refused:
        raise UserError(Said("sheet.error.refused", path=path, why="; ".join(str(why) for why in refused)))
    if best is None:
        raise UserError(Said("sheet.error.no_header", path=path, rows=HEADER_SEARCH_ROWS))
    if best[0].uncomputed:
        cells = [address(best[0].name, row, column) for row, column in best[0].uncomputed[:5]]
        more = len(best[0].uncomputed) - 5
        raise UserError(Said("sheet.error.uncomputed_more", path=path, cells=cells, more=more) if more > 0 else
                        Said("sheet.error.uncomputed", path=path, cells=cells))
    return best


def _above_table(sheet: Sheet, header_row: int, fallback: str) -> tuple[str, date | datetime | None, dict[str, object]]:
    """The show's title, its date and the team from the cells above the header (a cell naming the team is not
    the title, even when it comes first)."""
    title, day = None, None
    people: dict[str, list[str]] = {}
    for row in range(header_row):
        for value in sheet.rows[row]:
            if is_blank(value):
                continue
            named = team_in(value) if isinstance(value, str) else {}
            for role, names in named.items():
                people.setdefault(role, []).extend(names)
            found = find_date(value)
            if found is not None:
                day = day or found
            elif title is None and isinstance(value, str) and not named:
                title = value.strip().splitlines()[0]
    return title or fallback, day, team_section(people)


def import_script(path: str | Path, sheet_name: str | None = None, lang: str | None = None) -> ImportResult:
    """Read a script; its problems are in the result (the command decides whether they fail it), said in
    `lang`, else in the sheet's language."""
    path = Path(path)
    sheet, header_row, headers = _choose_sheet(path, read_workbook(path), sheet_name)
    reader = _Reader(sheet, header_row, headers)
    reader.texts = Texts(lang or reader.lang)
    if not {"time", "duration"} & set(reader.columns):
        raise UserError(Said("sheet.error.no_time_column", path=path, sheet=sheet.name))
    blocks, end = reader.blocks()
    if not blocks:
        raise UserError(Said("sheet.error.no_segments", path=path, sheet=sheet.name, row=header_row + 1))
    if all(block.time is None for block in blocks) and reader.first(
            [row for block in blocks for row in block.rows], "duration") is None:
        raise UserError(Said("sheet.error.no_times", path=path, sheet=sheet.name))
    lengths = reader.durations(blocks, end)
    title, day, team = _above_table(sheet, header_row, printable(path.stem))  # a file's name is one line
    segments: list[dict[str, object]] = []
    origins: list[str] = []
    last_column = column_letter(max(len(row) for row in sheet.rows[header_row:]) - 1)
    for block, length in zip(blocks, lengths, strict=True):
        if length is None:
            continue
        block_title = reader._title_of(block)
        parts = reader.split_by_product(block.rows, block_title)
        for number, rows in enumerate(parts):
            share = round(length / len(parts)) if number < len(parts) - 1 else length - round(length / len(parts)) * (
                len(parts) - 1)
            segment = reader.segment(rows, block_title, share)
            product = segment.get("product")
            if len(parts) > 1 and isinstance(product, dict):
                segment["title"] = f"{block_title} · {product['name']}" if block_title else segment["title"]
            segments.append(segment)
            origins.append(f"{sheet.name}!A{rows[0] + 1}:{last_column}{rows[-1] + 1}")
    if not segments:
        # which cells stopped them, as an import with one good row names them; the first few are enough to fix
        cells = reader.problems[:CELLS_SHOWN]
        if len(reader.problems) > CELLS_SHOWN:
            cells.append(reader.texts("sheet.cells.more", count=len(reader.problems) - CELLS_SHOWN))
        # said in the sheet's language (or --lang), as its cells' problems already are
        raise UserError(reader.texts("sheet.error.nothing_read", path=path, sheet=sheet.name,
                                     cells=reader.texts("sheet.cells.separator").join(cells)))
    _give_ids(segments)
    show: dict[str, object] = {"title": title}
    first_time = next((block.time for block in blocks if block.time is not None), None)
    if isinstance(day, datetime):
        show["starts_at"] = day.isoformat()
    elif first_time is not None and first_time.clock and (start_day := day or first_time.day):
        start = datetime.combine(start_day, datetime.min.time(), CHINA) + timedelta(seconds=first_time.start)
        show["starts_at"] = start.isoformat()
    elif first_time is not None and first_time.clock:
        reader.notes.append(reader.say("note.no_date"))
    show["locale"] = "en" if reader.lang == "en" else "zh-CN"  # the sheet's language is the plan's
    unmapped = [f"{address(sheet.name, header_row, column)} {text_of(value)}"
                for column, value in enumerate(sheet.rows[header_row])
                if not is_blank(value) and column not in headers]
    total = sum(length for length in lengths if length is not None)
    return ImportResult(
        yaml=plan_yaml({"show": show, **({"team": team} if team else {}), "segments": segments}, origins,
                       reader.texts("sheet.plan.heading")),
        sheet=sheet.name, segments=len(segments), total=total, lang=reader.texts.lang,
        products=sum(1 for segment in segments if "product" in segment),
        unmapped=unmapped, problems=reader.problems, notes=reader.notes)


def _ascii_id(text: str) -> str:
    kept = "".join(char.lower() if char.isascii() and char.isalnum() else "-" for char in text)
    return "-".join(part for part in kept.split("-") if part)[:32].strip("-")


def _give_ids(segments: list[dict[str, object]]) -> None:
    """Ids from titles, ASCII-safe and unique: the title's latin letters and digits, else the product's
    link number, else the kind; a number added when taken."""
    taken: set[str] = {str(segment["id"]) for segment in segments if "id" in segment}
    for segment in segments:
        if "id" in segment:
            continue
        product = segment.get("product")
        base = (_ascii_id(str(segment["title"])) or (_ascii_id(str(product.get("sku", ""))) if isinstance(product, dict) else "")
                or str(segment["kind"]))
        if not base[0].isalpha():
            base = f"{segment['kind']}-{base}"
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        segment_id: dict[str, object] = {"id": candidate}
        segment_id.update(segment)
        segment.clear()
        segment.update(segment_id)
