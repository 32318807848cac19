"""Which column of a 直播脚本 is which: the one table of header words the importer reads and the exporter writes.

A header is compared after folding (full-width, case, spaces: vocabulary.normalise) and after taking off a
qualifier in brackets, which may carry a unit: 时长(分钟), 直播价（元）. The first word of each language is the
header `export` writes. A header naming a role (主播, 助播, 副播, 场控, 中控, 运营 ...: the plan vocabulary's role
words), alone or followed by 话术/台词/动作, is that role's lines. docs/spreadsheet.md shows this table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rhythm_console import vocabulary

# column code: (Chinese headers, English headers); the first of each is the one written on export.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "number": (("序号", "编号", "顺序"), ("No.", "#", "number")),
    "time": (("时间", "时间段", "时间节点", "时间点", "时段", "开始时间"), ("Time", "start", "time slot")),
    "duration": (("时长", "预计时长", "用时", "时间长度"), ("Duration", "length", "minutes")),
    "kind": (("类型", "环节类型"), ("Kind", "type")),
    "title": (("环节", "直播阶段", "阶段", "模块", "流程", "环节名称", "环节内容名称"), ("Segment", "stage", "title")),
    "owner": (("负责人", "主讲"), ("Owner", "lead")),
    "content": (("内容", "流程安排", "主播动作", "环节内容", "具体内容"), ("Content", "what happens")),
    "talking_points": (("主播话术", "口播", "话术要点", "话术", "口播话术"), ("Host lines", "talking points", "script")),
    "product": (("商品", "品名", "产品", "商品名称", "产品名称"), ("Product", "item")),
    "link_no": (("链接号", "链接", "商品链接", "链接序号", "上架序号"), ("Link no.", "link", "link number")),
    "sku": (("款号", "货号", "商品编码", "SKU"), ("SKU", "item no.")),
    "list_price": (("日常价", "原价", "划线价"), ("List price", "regular price")),
    "price": (("直播价", "到手价", "价格", "售价"), ("Price", "live price")),
    "offer": (("优惠", "机制", "福利", "优惠机制"), ("Offer", "deal")),
    "gift": (("赠品",), ("Gift", "freebie")),
    "stock": (("库存", "数量", "库存数"), ("Stock",)),
    "selling_points": (("卖点", "产品卖点", "核心卖点"), ("Selling points",)),
    "prompt": (("互动引导", "互动话术", "互动"), ("Interaction prompt", "prompt")),
    "hold": (("憋单目标", "憋单条件", "放单条件", "放单"), ("Hold until", "release when")),
    "revisit": (("返场商品", "返场款"), ("Revisit", "revisited products")),
    "props": (("道具", "道具准备", "所需道具", "物料"), ("Props",)),
    "samples": (("样品", "样衣", "样品准备"), ("Samples",)),
    "notes": (("备注", "注意事项", "说明"), ("Notes", "remarks")),
    "id": (("ID",), ("ID",)),
}

# Role lines: a header that is a role word (vocabulary "role"), optionally followed by one of these.
ROLE_SUFFIXES = ("话术", "台词", "动作", "配合", "lines", "line", "script")

# Units a qualifier may give a bare number in a duration column.
UNITS = {"分钟": 60.0, "分": 60.0, "min": 60.0, "mins": 60.0, "minutes": 60.0, "m": 60.0,
         "秒": 1.0, "s": 1.0, "sec": 1.0, "seconds": 1.0, "小时": 3600.0, "h": 3600.0, "hours": 3600.0}

# Segment kinds told by words in a segment's name. A word naming the thing done (福袋, 秒杀, 答疑) decides over
# a word naming where it falls in the show (开场, 收尾): 开场福袋 is a lottery that opens the show. Within each
# group the first match wins (开场福利预告 opens, it does not close). The plan vocabulary's kind words, plus
# words that only hint at a kind inside a longer name.
THING_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lottery", ("福袋", "抽奖", "免单", "lucky bag", "giveaway", "lottery")),
    ("flash_sale", ("秒杀", "flash sale")),
    ("hold", ("憋单", "holding the link")),
    ("revisit", ("返场", "revisit", "encore")),
    ("qa", ("答疑", "问答", "q&a")),
    ("interaction", ("互动", "投票", "interaction", "poll")),
    ("break", ("换装", "休息", "串场", "break", "outfit change")),
)
POSITION_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("opening", ("开场", "暖场", "opening", "warm-up", "warm up")),
    ("closing", ("收尾", "下播", "预告", "结尾", "closing", "wrap-up", "wrap up")),
)

# A row that only marks the end of the show (its start is the last segment's end).
END_WORDS = {"结束", "下播", "直播结束", "结束直播", "end", "theend", "finish"}

# Cells that mean "nothing here".
PLACEHOLDERS = {"-", "—", "–", "/", "无", "暂无", "n/a", "na", "none", "null", "——", "…", "...", "／"}

_QUALIFIER = re.compile(r"^(.*?)[(（\[【](.*?)[)）\]】]\s*$")


@dataclass(frozen=True)
class Header:
    column: str  # a COLUMNS code, or "role:<code>" for a role's lines
    unit: float | None  # seconds per bare number, from a qualifier such as (分钟)
    lang: str  # the language of the word matched: "zh" or "en"


def header_words(columns: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[str, tuple[str, str]]:
    """Each header word of a table of columns like COLUMNS, folded -> (its column code, its language)."""
    table: dict[str, tuple[str, str]] = {}
    for code, (zh, en) in columns.items():
        for word in zh:
            table.setdefault(vocabulary.normalise(word), (code, "zh"))
        for word in en:
            table.setdefault(vocabulary.normalise(word), (code, "en"))
    return table


_TABLE = header_words(COLUMNS)


def _role(word: str) -> tuple[str, str] | None:
    for suffix in ("", *ROLE_SUFFIXES):
        if suffix and not word.endswith(vocabulary.normalise(suffix)):
            continue
        base = word[: len(word) - len(vocabulary.normalise(suffix))] if suffix else word
        code = vocabulary.code_for("role", base)
        if code is not None:
            lang = "en" if base.isascii() else "zh"
            return ("talking_points" if code == "host" else f"role:{code}"), lang
    return None


def match_header(text: object, words: Mapping[str, tuple[str, str]] | None = None) -> Header | None:
    """What a header cell names, or None when it is not a column the importer knows; `words` (from
    `header_words`) matches another table's columns (the platform's per-minute export), without role lines."""
    if not isinstance(text, str) or not text.strip() or len(text) > 40:
        return None
    text = text.strip().replace("\n", "")
    unit = None
    if qualified := _QUALIFIER.match(text):
        text, qualifier = qualified.group(1), vocabulary.normalise(qualified.group(2))
        unit = UNITS.get(qualifier)
    word = vocabulary.normalise(text)
    found = (_TABLE.get(word) or _role(word)) if words is None else words.get(word)
    if found is None:
        return None
    return Header(column=found[0], unit=unit, lang=found[1])


def header_for(column: str, lang: str) -> str:
    """The header `export` writes for a column code (role:<code> for a role's lines)."""
    if column.startswith("role:"):
        return vocabulary.shown("role", column.removeprefix("role:"), lang)
    zh, en = COLUMNS[column]
    return zh[0] if lang == "zh" else en[0]


def kind_from_title(title: str) -> str | None:
    """The kind a segment's name tells: a thing word anywhere in it first, else a position word."""
    folded = title.casefold()
    for hints in (THING_HINTS, POSITION_HINTS):
        for kind, words in hints:
            if any(word in folded for word in words):
                return kind
    return None
