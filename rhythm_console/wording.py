"""The wording check (合规): words a live room must not say, by category, with a severity and what to say instead.

Facts behind the categories (the lexicon itself was written for this project):
- 广告法 Article 9(3) bans 国家级, 最高级, 最佳 and the like (绝对化用语);
- Article 4 and 28 ban false or exaggerated claims (虚假/夸大);
- Articles 16-17 keep medical claims to medicines and devices (医疗功效);
- fake scarcity and countdowns mislead buyers (诱导/虚假限时), and the platform's rules forbid taking
  trade off the platform (站外交易/私下联系) and vulgar talk (低俗).

Severity: high can get a stream cut or fined, medium warned, low is worth rewording.
A plan adds words (`compliance: words:`) and allows words (a brand's registered name that contains 最).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from rhythm_console.matching import EVERY_GROUP, Phrase, PhraseMatcher


class WordingCategory(str, Enum):
    absolute = "absolute"  # 绝对化用语
    exaggerated = "exaggerated"  # 虚假/夸大
    medical = "medical"  # 医疗功效
    pressure = "pressure"  # 诱导/虚假限时
    off_platform = "off_platform"  # 站外交易/私下联系
    vulgar = "vulgar"  # 低俗


class Severity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


@dataclass(frozen=True)
class WordingRule:
    word: str
    category: WordingCategory
    severity: Severity
    say: str | None = None  # what to say instead; shipped rules may give "中文|English"

    def say_in(self, lang: str) -> str | None:
        if self.say is None or "|" not in self.say:
            return self.say
        chinese, english = self.say.split("|", 1)
        return english if lang == "en" else chinese
    not_when: tuple[str, ...] = ()  # look-alikes: 最近 is not a claim


_A, _X, _M, _P, _O, _V = (WordingCategory.absolute, WordingCategory.exaggerated, WordingCategory.medical,
                          WordingCategory.pressure, WordingCategory.off_platform, WordingCategory.vulgar)
_H, _MED, _L = Severity.high, Severity.medium, Severity.low

# (word, category, severity, what to say instead (中文|English where an English plan may say it),
# look-alikes separated by |)
_DEFAULTS: tuple[tuple[str, WordingCategory, Severity, str, str], ...] = (
    ("全网最低价", _A, _H, "价格很有优势|a great price", ""),
    ("最低价", _A, _H, "价格很实在", ""),
    ("最便宜", _A, _H, "很划算", ""),
    ("最好", _A, _MED, "很好|really good", "最好是|最好先|最好选|最好还是"),
    ("最佳", _A, _H, "很合适", ""),
    ("最高级", _A, _H, "高品质", ""),
    ("最强", _A, _MED, "很能打", ""),
    ("最优", _A, _MED, "优选", ""),
    ("最火", _A, _MED, "很受欢迎", ""),
    ("最受欢迎", _A, _MED, "很受欢迎", ""),
    ("第一", _A, _MED, "领先|leading", "第一次|第一个|第一款|第一件|第一步|第一天|第一眼|第一批|第一时间|第一排|第一单"),
    ("销量第一", _A, _H, "卖得很好", ""),
    ("国家级", _A, _H, "专业级", ""),
    ("世界级", _A, _H, "国际水准", ""),
    ("顶级", _A, _MED, "高端", ""),
    ("极品", _A, _MED, "精品", ""),
    ("独一无二", _A, _MED, "很有特色", ""),
    ("史无前例", _A, _MED, "难得一见", ""),
    ("绝无仅有", _A, _MED, "很少见", ""),
    ("万能", _A, _MED, "用途很多", ""),
    ("100%", _X, _MED, "绝大多数情况下|in most cases", "100%羊|100%山羊|100%棉|100%纯棉|100%绒|100%丝|100%真丝|100%涤|100%聚|100%麻|100% wool|100% cotton|100% silk|100% cashmere|100% linen"),
    ("百分之百", _X, _MED, "绝大多数情况下", ""),
    ("纯天然", _X, _MED, "天然成分为主", ""),
    ("零添加", _X, _MED, "少添加", ""),
    ("永不", _X, _MED, "不易", ""),
    ("永久", _X, _MED, "持久", "永久免费退换"),
    ("假一赔十", _X, _MED, "正品保障", ""),
    ("秒杀全网", _X, _H, "很有竞争力", ""),
    ("无副作用", _M, _H, "温和", ""),
    ("治疗", _M, _H, "（不说功效）", ""),
    ("治愈", _M, _H, "（不说功效）", ""),
    ("根治", _M, _H, "（不说功效）", ""),
    ("药到病除", _M, _H, "（不说功效）", ""),
    ("消炎", _M, _H, "舒缓", ""),
    ("祛斑", _M, _MED, "提亮肤色", ""),
    ("减肥", _M, _MED, "显瘦", "减肥餐"),
    ("瘦身", _M, _MED, "显瘦", ""),
    ("抗癌", _M, _H, "（不说功效）", ""),
    ("增高", _M, _MED, "显高", "增高鞋垫"),
    ("最后一天", _P, _MED, "活动时间有限", ""),
    ("最后一次", _P, _MED, "这次机会难得", ""),
    ("仅此一次", _P, _MED, "这次机会难得", ""),
    ("马上涨价", _P, _MED, "现在下单更划算", ""),
    ("明天就涨价", _P, _MED, "现在下单更划算", ""),
    ("错过再等一年", _P, _MED, "这次机会难得", ""),
    ("不买后悔", _P, _MED, "值得考虑", ""),
    ("只剩最后", _P, _L, "库存不多了（说真实数量）", ""),
    ("加微信", _O, _H, "有问题直播间留言或联系客服|ask in the comments or contact support", ""),
    ("加我微信", _O, _H, "有问题直播间留言或联系客服", ""),
    ("vx", _O, _H, "联系平台客服", ""),
    ("私聊", _O, _H, "直播间留言", ""),
    ("私信我", _O, _MED, "直播间留言", ""),
    ("加qq", _O, _H, "联系平台客服", ""),
    ("扫码", _O, _MED, "点下方小黄车", "扫码枪"),
    ("淘宝搜", _O, _H, "点下方小黄车", ""),
    ("拼多多", _O, _H, "点下方小黄车", ""),
    ("线下交易", _O, _H, "在平台下单", ""),
    ("转账", _O, _H, "在平台下单", ""),
    ("性感", _V, _L, "有魅力", ""),
    ("骚", _V, _MED, "亮眼", ""),
    ("卧槽", _V, _MED, "（换个说法）", ""),
    ("他妈", _V, _MED, "（换个说法）", "他妈妈"),
    ("absolutely the best", _A, _MED, "a great choice", ""),
    ("lowest price", _A, _H, "a great price", ""),
    ("number one", _A, _MED, "a leading", ""),
    ("cures", _M, _H, "(no health claims)", ""),
    ("dm me", _O, _H, "leave a comment in the room", ""),
    ("wechat", _O, _H, "ask platform support", ""),
)


def default_rules() -> tuple[WordingRule, ...]:
    return tuple(WordingRule(word, category, severity, say or None, tuple(filter(None, not_when.split("|"))))
                 for word, category, severity, say, not_when in _DEFAULTS)


@dataclass(frozen=True)
class WordingHit:
    rule: WordingRule


class WordingChecker:
    """The shipped rules, a plan's extra rules (replacing a shipped one of the same word), minus allowed words."""

    def __init__(self, extra: Iterable[WordingRule] = (), allowed: Iterable[str] = ()) -> None:
        rules = {rule.word: rule for rule in default_rules()}
        rules.update({rule.word: rule for rule in extra})
        self.rules = tuple(rules.values())
        phrases = [Phrase(rule.word, index) for index, rule in enumerate(self.rules)]
        phrases += [Phrase(word, index, look_alike=True) for index, rule in enumerate(self.rules)
                    for word in rule.not_when]
        phrases += [Phrase(word, EVERY_GROUP, look_alike=True) for word in allowed]
        self._matcher = PhraseMatcher(phrases)

    def check(self, text: str) -> list[WordingRule]:
        """The rules the text breaks, in order of appearance; a word inside a longer one counts once
        (全网最低价, not also 最低价)."""
        found = [self.rules[index] for index in self._matcher.groups(text)]
        return [rule for rule in found
                if not any(other is not rule and rule.word in other.word for other in found)]
