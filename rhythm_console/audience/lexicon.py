"""Comment categories and the phrases that put a comment in them, matched in one pass over the text.

Each category has a kind (a question by topic, a rhythm or a technical complaint, a buying signal),
phrases that count, and look-alikes that do not (卡 in 卡其色 or 信用卡 is no lag; 不买了 is no sale):
a phrase match that overlaps a look-alike of its own category is dropped.

What a comment asks for decides its kind, not how impatient it sounds: asking for the link or how to
buy (上链接, 怎么买, 哪里拍) is a buying signal; a rhythm complaint is about pace only (太慢, 快点, 墨迹).
A comment that does both (快上链接, 什么时候上链接) counts in both.

Matching (normalising full width, case, spaces and repeats; one pass whatever the lexicon's size) is
rhythm_console/matching.py. The default phrases below were written for this project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from rhythm_console.matching import Phrase, PhraseMatcher


class Kind(str, Enum):
    question = "question"
    rhythm_complaint = "rhythm_complaint"
    tech_complaint = "tech_complaint"
    buy_signal = "buy_signal"
    other = "other"


@dataclass(frozen=True)
class Category:
    id: str  # also names its metrics: audience.<id> (total) and audience.<id>_per_min
    kind: Kind
    phrases: tuple[str, ...]
    not_when: tuple[str, ...] = ()  # look-alikes: a phrase inside one of these does not count
    label: str | None = None  # the plan's own name for it; shipped categories are named by the catalog
    suggest: str | None = None  # the cue it suggests, in the plan's words; shipped ones by the catalog


# Shipped defaults: (id, kind, Chinese phrases split by spaces, English ones split by |, look-alikes),
# Chinese and English together because Chinese rooms get English comments ("size?") and the other way round.
_DEFAULTS: tuple[tuple[str, Kind, str, str, str], ...] = (
    ("price_questions", Kind.question,
     "多少钱 什么价 啥价 几块 多钱 价格多少 价格是 怎么卖 几元 价钱 多少米 什么价格 现在价格 到手价",
     "how much|what price|the price|price?|cost?",
     ""),
    ("size_questions", Kind.question,
     "码数 什么码 多大码 哪个码 几码 尺码 身高 体重 偏大 偏小 正码 斤穿 斤能穿 选码 尺寸 码子 大码 小码",
     "what size|which size|size chart|true to size|sizing|fit me|my height|my weight",
     "码头 密码 号码 代码 条码 起码 价码 加码 戏码"),
    ("shipping_questions", Kind.question,
     "发货 快递 几天到 多久到 包邮 物流 顺丰 到货 发什么 什么时候发 运费 偏远",
     "shipping|delivery|ship to|when will it arrive|free ship",
     ""),
    ("material_questions", Kind.question,
     "材质 面料 什么料 成分 纯棉 含棉 羊毛 羊绒 起球 掉色 掉毛 透不透 厚不厚 缩水 透气",
     "material|fabric|cotton|wool|pilling",
     ""),
    ("discount_questions", Kind.question,
     "优惠 券 福利 满减 便宜点 打折 折扣 赠品 送什么 红包 有没有活动 能不能便宜",
     "coupon|discount|promo code|any deal",
     ""),
    ("rhythm_complaints", Kind.rhythm_complaint,
     "太慢 好慢 快点 快上 别墨迹 墨迹 磨叽 下一个 还没上 什么时候上 讲重点 说重点 废话 赶紧 别啰嗦 啰嗦 等半天",
     "hurry up|too slow|next one|get to the point|so slow",
     "快点赞 点赞快 很快上 快上车 赶紧拍 赶紧买 赶紧下单 赶紧抢 下一个是 下一个什么 下一个多少"),
    ("tech_complaints", Kind.tech_complaint,
     "卡顿 好卡 太卡 卡了 卡死 卡住 很卡 又卡 一卡一卡 黑屏 没声音 没有声音 听不清 声音小 声音太小 画面糊 "
     "好糊 太糊 模糊 看不清 掉线 转圈 延迟 回声 杂音 花屏 没画面",
     "lag|laggy|buffering|no sound|no audio|cant hear|can't hear|black screen|frozen|blurry",
     "卡其 信用卡 卡片 银行卡 会员卡 卡号 卡包 打卡 卡通 卡路里 卡扣 发卡 卡位 卡点 礼品卡 购物卡 贺卡 卡车 卡住脖 "
     "卡腰 卡裆 磁卡 储值卡 卡券 延迟发货 延迟发"),
    ("buy_signals", Kind.buy_signal,
     "拍了 已拍 下单了 已下单 买了 想要 想买 蹲 付款了 抢到了 要了 入手 拿下 已付 "
     "上链接 求链接 链接呢 要链接 给链接 发链接 几号链接 怎么买 怎么拍 怎么下单 在哪买 哪里买 哪里拍",
     "bought|ordered|purchased|i want|want one|added to cart|in my cart|drop the link|link please|where to buy|"
     "how to buy|how do i buy|how do i order",
     "不买了 别买了 没买了 不想买 不想要 不要了 没抢到 不拍了 没拍了 深蹲 蹲下 蹲起"),
)


def default_categories() -> tuple[Category, ...]:
    return tuple(Category(id_, kind, tuple(chinese.split()) + tuple(english.split("|")), tuple(not_when.split()))
                 for id_, kind, chinese, english, not_when in _DEFAULTS)


DEFAULT_IDS = tuple(entry[0] for entry in _DEFAULTS)
UNCATEGORISED = "uncategorised"

@dataclass
class Lexicon:
    """Categories compiled into one automaton. `classify(text)` returns the indexes of the
    categories a comment is in (each once), empty for an uncategorised comment."""

    categories: tuple[Category, ...]
    _matcher: PhraseMatcher = field(init=False, repr=False)
    _cache: dict[str, tuple[int, ...]] = field(init=False, repr=False, default_factory=dict)

    CACHE_SIZE = 8192  # comments repeat a lot ("多少钱", "666"): remember recent answers

    def __post_init__(self) -> None:
        self._matcher = PhraseMatcher(
            Phrase(phrase, index, look_alike) for index, category in enumerate(self.categories)
            for look_alike, phrases in ((False, category.phrases), (True, category.not_when)) for phrase in phrases)
        self.phrase_count = self._matcher.size

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(category.id for category in self.categories)

    def classify(self, text: str) -> tuple[int, ...]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        result = self._classify(text)
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()  # cheaper than LRU bookkeeping, and the busy phrases come straight back
        self._cache[text] = result
        return result

    def _classify(self, text: str) -> tuple[int, ...]:
        return tuple(sorted(self._matcher.groups(text)))

    def categories_of(self, text: str) -> list[str]:
        return [self.categories[index].id for index in self.classify(text)]


@dataclass(frozen=True)
class CategorySettings:
    """A plan's changes to one category (see plan/model.py's `audience:`), as plain values."""

    id: str
    kind: Kind | None = None
    phrases: tuple[str, ...] = ()
    not_when: tuple[str, ...] = ()
    replace: bool = False  # the plan's phrases instead of the shipped ones
    label: str | None = None
    suggest: str | None = None


def build_lexicon(changes: Iterable[CategorySettings] = (), replace_defaults: bool = False) -> Lexicon:
    """The shipped categories (unless replaced) with the plan's changes and additions."""
    categories: dict[str, Category] = {} if replace_defaults else {c.id: c for c in default_categories()}
    for change in changes:
        base = categories.get(change.id)
        if base is None:
            categories[change.id] = Category(change.id, change.kind or Kind.other, change.phrases, change.not_when,
                                             change.label, change.suggest)
            continue
        phrases = change.phrases if change.replace else base.phrases + change.phrases
        not_when = change.not_when if change.replace else base.not_when + change.not_when
        categories[change.id] = Category(change.id, change.kind or base.kind, phrases, not_when,
                                         change.label or base.label, change.suggest or base.suggest)
    return Lexicon(tuple(categories.values()))


def metric_name(category_id: str, per_min: bool = True) -> str:
    return f"audience.{category_id}_per_min" if per_min else f"audience.{category_id}"


def category_of_metric(name: str) -> str | None:
    """audience.size_questions_per_min → size_questions; None for any other metric."""
    if name.startswith("audience.") and name.endswith("_per_min"):
        return name[len("audience."):-len("_per_min")]
    return None


def kinds_by_id(lexicon: Lexicon) -> Mapping[str, Kind]:
    return {category.id: category.kind for category in lexicon.categories}
