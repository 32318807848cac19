"""The team's words for every enumerated value of a plan: one table, code -> Chinese and English words.

The plan loader reads any of these words as the code; the JSON Schema offers them to editors; the
catalog and the spreadsheet importer read the same table. The first word of each language is the one
the screen shows (it matches the catalog and the built-in cue texts); the others are what teams also write.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Word:
    code: str
    zh: tuple[str, ...]
    en: tuple[str, ...]

    def shown(self, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en)[0]


def _words(*rows: tuple[str, tuple[str, ...], tuple[str, ...]]) -> tuple[Word, ...]:
    return tuple(Word(code, zh, en) for code, zh, en in rows)


VOCABULARY: dict[str, tuple[Word, ...]] = {
    "kind": _words(
        ("opening", ("开场", "暖场"), ("opening",)),
        ("product", ("讲品", "讲解", "主推", "产品", "商品"), ("product", "pitch")),
        ("interaction", ("互动",), ("interaction",)),
        ("lottery", ("福袋", "抽奖"), ("lottery", "lucky bag")),
        ("qa", ("答疑", "问答"), ("Q&A",)),
        ("break", ("串场", "休息", "换装"), ("break",)),
        ("closing", ("收尾", "结尾"), ("closing",)),
        ("flash_sale", ("秒杀", "限时秒杀"), ("flash sale",)),
        ("hold", ("憋单",), ("hold", "holding the link")),
        ("revisit", ("返场", "返场讲解"), ("revisit", "encore")),
        ("custom", ("其他", "自定义"), ("custom", "other")),
    ),
    "level": _words(
        ("info", ("提示",), ("info",)),
        ("warn", ("注意", "警告"), ("warn", "warning")),
        ("urgent", ("紧急",), ("urgent",)),
    ),
    # Built-in cues, as the cue log shows them (the catalog takes their cue.builtin.<code> words from here).
    "cue": _words(
        ("speed_up", ("加快节奏", "加快"), ("Speed up",)),
        ("slow_down", ("放慢节奏", "放慢"), ("Slow down",)),
        ("add_interaction", ("增加互动",), ("Add interaction",)),
        ("push_link", ("上链接",), ("Push the link",)),
        ("next_product", ("准备过款", "过款"), ("Get ready for the next product", "next product")),
        ("wrap_up", ("收尾",), ("Wrap up",)),
        ("lucky_bag", ("开福袋留人", "开福袋"), ("Open a lucky bag to keep viewers", "lucky bag")),
        ("keep_going", ("点击还在涨，可以延长讲解", "延长讲解"), ("Clicks are still rising: consider extending",
                                                        "keep going")),
    ),
    "action": _words(
        ("advance", ("过款", "下一个"), ("advance", "next")),
        ("extend", ("延长", "加时"), ("extend",)),
        ("skip_next", ("跳过下一个",), ("skip next",)),
    ),
    "role": _words(
        ("manager", ("场控", "直播经理"), ("manager",)),
        ("host", ("主播",), ("host",)),
        ("assistant", ("助播", "副播"), ("assistant",)),
        ("ops", ("运营", "中控"), ("ops",)),
    ),
    "interaction": _words(
        ("lottery", ("抽奖", "福袋"), ("lottery", "lucky bag")),
        ("coupon", ("优惠券", "发券"), ("coupon",)),
        ("comment_prompt", ("评论口令", "扣字"), ("comment prompt",)),
        ("poll", ("投票",), ("poll",)),
        ("other", ("其他",), ("other",)),
    ),
    "metric": _words(
        ("online", ("在线人数", "在线"), ("online",)),
        ("interaction_rate", ("互动率",), ("interaction rate",)),
        ("comments_per_min", ("每分钟评论", "评论/分"), ("comments per minute",)),
        ("likes_per_min", ("每分钟点赞", "点赞/分"), ("likes per minute",)),
        ("entries_per_min", ("每分钟进场", "进场/分"), ("entries per minute",)),
        ("follows_per_min", ("每分钟关注", "关注/分"), ("follows per minute",)),
        ("product_clicks_per_min", ("每分钟商品点击", "商品点击/分", "商品点击"), ("product clicks per minute",)),
        ("ctr", ("点击率",), ("CTR", "click-through rate")),
        ("orders_per_min", ("每分钟订单", "订单/分"), ("orders per minute",)),
        ("gmv_per_min", ("每分钟成交额", "GMV/分"), ("GMV per minute",)),
        ("conversion", ("转化率",), ("conversion",)),
    ),
    "comparison": _words(
        ("<", ("低于", "小于"), ("below", "less than")),
        ("<=", ("不高于", "至多"), ("at most",)),
        (">", ("高于", "大于"), ("above", "more than")),
        (">=", ("不低于", "至少"), ("at least",)),
        ("falls_by", ("下降", "下跌"), ("falls by",)),
        ("rises_by", ("上升", "上涨"), ("rises by",)),
    ),
    "advice": _words(
        ("interaction-falling", ("互动下降",), ("interaction falling",)),
        ("viewers-drop", ("在线下降", "掉人"), ("viewers drop",)),
        ("clicks-rising", ("点击上涨",), ("clicks rising",)),
        ("overrun", ("超时",), ("overrun",)),
        # the audience's voice (issue 14)
        ("tech-complaints", ("技术投诉", "卡顿投诉"), ("tech complaints",)),
        ("questions-rising", ("提问增多",), ("questions rising",)),
        ("rhythm-complaints", ("节奏投诉",), ("rhythm complaints",)),
    ),
    "locale": _words(
        ("zh-CN", ("中文", "简体中文"), ("Chinese", "zh")),
        ("en", ("英文", "英语"), ("English",)),
    ),
}


def normalise(text: str) -> str:
    """How a word is compared: full-width forms folded, case, spaces, '_' and '-' ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in folded if char not in " _-\t")


@cache
def _lookup(field: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for word in VOCABULARY[field]:
        for spelling in (word.code, *word.zh, *word.en):
            table[normalise(spelling)] = word.code
    return table


def code_for(field: str, value: object) -> str | None:
    """The code a team's word stands for in this field, or None when it is not one of them."""
    if not isinstance(value, str):
        return None
    return _lookup(field).get(normalise(value))


def codes(field: str) -> list[str]:
    return [word.code for word in VOCABULARY[field]]


def spellings(field: str) -> list[str]:
    """Every word accepted for the field, codes first: what an editor offers to complete."""
    seen: dict[str, None] = dict.fromkeys(codes(field))
    for word in VOCABULARY[field]:
        seen.update(dict.fromkeys((*word.zh, *word.en)))
    return list(seen)


def accepted(field: str, lang: str) -> list[str]:
    """The words to list in a message, in the plan's language: each one as the screen says it."""
    return [word.shown(lang) if lang == "zh" else word.code for word in VOCABULARY[field]]


def shown(field: str, code: str, lang: str) -> str:
    """The word the screen uses for a code (the code itself when the table has none)."""
    return next((word.shown(lang) for word in VOCABULARY[field] if word.code == code), code)
