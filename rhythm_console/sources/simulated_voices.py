"""What the simulated audience says: comment texts by topic, and how often each topic comes up.

The texts are written for the simulation (each one is read by the comment classifier as its topic says;
a test checks that), in Chinese and English. The mix per segment kind follows what commerce rooms show:
product segments draw questions about size, price and material and, once the link is up, buying
signals; a lucky bag (福袋) fills the room with its comment prompt; a product segment that drags on draws
complaints about the pace. Technical complaints are rare noise.
"""

from __future__ import annotations

from collections.abc import Mapping

# Topic -> texts, per language. "chat" is what no category should claim (greetings, reactions).
VOICES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "zh": {
        "price_questions": ("这件多少钱", "到手价是多少", "现在什么价", "大衣怎么卖的"),
        "size_questions": ("160 100斤穿什么码", "偏大还是偏小", "尺码表发一下", "胯宽选哪个码"),
        "material_questions": ("羊毛含量多少", "会起球吗", "里面什么面料", "厚不厚啊"),
        "shipping_questions": ("什么时候发货", "包邮吗", "发什么快递", "新疆能到吗 运费多少"),
        "discount_questions": ("有券吗", "还有别的福利吗", "能不能便宜点", "送什么赠品"),
        "buy_signals": ("已拍", "拍了两件", "几号链接", "想要黑色", "蹲一个", "怎么下单"),
        "rhythm_complaints": ("能快点吗", "讲重点吧", "太慢了", "等半天了"),
        "tech_complaints": ("画面卡了", "没声音了", "好糊"),
        "chat": ("主播好美", "来了来了", "晚上好", "好看", "这个颜色绝了", "支持", "哈哈哈", "第一次来"),
        "lottery_prompt": ("福袋福袋", "我要福袋", "冲冲冲"),
    },
    "en": {
        "price_questions": ("how much is this", "what price today", "the price?", "how much is the grey one"),
        "size_questions": ("what size for 5'4", "true to size?", "which size for broad shoulders", "size chart?"),
        "material_questions": ("what fabric is it", "is it real wool", "any pilling after washing"),
        "shipping_questions": ("when will it arrive", "free shipping?", "do you ship to Texas"),
        "discount_questions": ("any coupon today", "any deal for two", "promo code?"),
        "buy_signals": ("ordered!", "bought the black one", "drop the link", "i want one", "added to cart"),
        "rhythm_complaints": ("too slow", "get to the point", "next one please"),
        "tech_complaints": ("laggy", "no sound", "black screen"),
        "chat": ("love it", "hi from Ohio", "so pretty", "first time here", "wow", "that colour!"),
        "lottery_prompt": ("lucky bag!", "me me me", "in it to win it"),
    },
}

# Topic -> weight, per segment kind; kinds not named use DEFAULT_MIX. Weights are relative.
_PRODUCT_MIX = {"price_questions": 8, "size_questions": 10, "material_questions": 5, "shipping_questions": 4,
                "discount_questions": 5, "buy_signals": 8, "rhythm_complaints": 1, "tech_complaints": 0.3,
                "chat": 58}
DEFAULT_MIX: Mapping[str, float] = {"discount_questions": 3, "shipping_questions": 1, "buy_signals": 1,
                                    "tech_complaints": 0.3, "chat": 95}
MIX_BY_KIND: Mapping[str, Mapping[str, float]] = {
    "product": _PRODUCT_MIX,
    "opening": {"discount_questions": 6, "price_questions": 2, "tech_complaints": 0.3, "chat": 92},
    "lottery": {"lottery_prompt": 60, "discount_questions": 4, "tech_complaints": 0.3, "chat": 36},
    "qa": {"size_questions": 14, "price_questions": 8, "material_questions": 8, "shipping_questions": 8,
           "discount_questions": 6, "buy_signals": 3, "tech_complaints": 0.3, "chat": 52},
    "interaction": {"discount_questions": 5, "buy_signals": 2, "tech_complaints": 0.3, "chat": 93},
}
