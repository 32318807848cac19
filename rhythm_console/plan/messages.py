"""What the plan loader says about a problem, in the plan's language (zh or en).

Every message a plan author can see is written here, so none of pydantic's or PyYAML's own wording
reaches them. Values quoted back are cut short and escaped: a plan is text from outside.
"""

from __future__ import annotations

from rhythm_console import vocabulary

SHOWN_LENGTH = 40

MESSAGES: dict[str, tuple[str, str]] = {
    # YAML: where the broken construct began is the location; where the parser stopped is in the text.
    "yaml.quoted": ("这里开始的引号字符串没有闭合（到 {stop} 仍未结束）",
                    "a quoted string that starts here is never closed (still open at {stop})"),
    "yaml.flow_list": ("这里开始的列表 [ 没有闭合：{stop} 处应为“,”或“]”",
                       "the list [ that starts here is not closed: ',' or ']' was expected at {stop}"),
    "yaml.flow_map": ("这里开始的 { 没有闭合：{stop} 处应为“,”或“}}”",
                      "the mapping {{ that starts here is not closed: ',' or '}}' was expected at {stop}"),
    "yaml.block": ("从这里开始的一段里，{stop} 的缩进不对，或不是“键: 值”的写法",
                   "in the block that starts here, {stop} is indented wrongly or is not written as key: value"),
    "yaml.key": ("这里开始的键后面缺少“:”（到 {stop} 为止）", "the key that starts here has no ':' after it (by {stop})"),
    "yaml.tab": ("这里有制表符（Tab）：缩进请用空格", "a tab character here: indent with spaces"),
    "yaml.alias": ("别名 {problem} 前面没有定义（先在值前写 &名字）",
                   "the alias {problem} is not defined above (write &name before a value first)"),
    "yaml.documents": ("一个计划文件只能有一个文档，{stop} 又开始了一个（去掉“---”）",
                       "a plan file holds one document; another one starts at {stop} (remove the '---')"),
    "yaml.colon": ("这里不能出现“: ”：含有“: ”的文字请加引号", "': ' is not allowed here: put text containing ': ' in quotes"),
    "yaml.tag": ("计划里不能用标签 {problem}", "the tag {problem} cannot be used in a plan"),
    "yaml.depth": ("嵌套超过 {limit} 层，计划不会这么深", "nested more than {limit} levels deep; no plan is that deep"),
    "yaml.too_big": ("这里的别名展开后超过 {limit} 个值", "the aliases here expand to more than {limit} values"),
    "yaml.alias_loop": ("别名引用了包含它自己的值", "an alias here refers to a value that contains it"),
    "yaml.value": ("读不出这个值 {value}", "cannot read the value {value}"),
    "yaml.date": ("没有这个日期 {value}", "there is no such date as {value}"),
    "yaml.other_here": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "plan.not_mapping": ("计划是一个映射，至少要有 show 和 segments", "a plan is a mapping with at least 'show' and 'segments'"),
    "plan.more": ("…… 还有 {count} 个问题没有列出（先改上面的）", "… and {count} more problems (fix those above first)"),
    # Fields.
    "missing": ("必填，但没有写", "required, but missing"),
    "unknown_key_suggest": ("未知的键——是不是想写 {suggestion}？", "unknown key — did you mean {suggestion}?"),
    "unknown_key": ("未知的键，这里可以写：{known}", "unknown key; the keys here are: {known}"),
    "duplicate_key": ("重复的键（后面的会悄悄覆盖前面的）", "duplicate key (the later one would silently win)"),
    "word": ("{value} 不是可用的写法，可以写：{words}", "{value} is not one of the accepted words: {words}"),
    "duration": ("读不懂时长 {value}（可以写 8m、90s、8分钟、90秒、1小时5分 或 00:08:00）",
                 "cannot read {value} as a duration (write 8m, 90s, 1h05m, 8分钟, 90秒 or 00:08:00)"),
    "duration_range": ("时长最多 72 小时，这里是 {value}", "a duration in a plan is at most 72 hours, got {value}"),
    "duration_positive": ("时长必须大于零，这里是 {value}", "a duration must be more than zero, got {value}"),
    "duration_negative": ("时长不能是负数，这里是 {value}", "a duration cannot be negative, got {value}"),
    "total_range": ("整场计划 {total} 超过 72 小时", "the whole plan runs {total}, more than 72 hours"),
    "rate": ("比率写成百分比（8%）或小数（0.08），这里是 {value}",
             "write a rate as a percentage (8%) or a fraction (0.08), got {value}"),
    "price": ("价格以元为单位，例如 259、¥259 或 259元，这里是 {value}",
              "write a price in yuan, e.g. 259, ¥259 or 259元, got {value}"),
    "number": ("写一个数字，例如 30，这里是 {value}", "write a number, e.g. 30, got {value}"),
    "starts_at_zone": ("starts_at 要带时区，例如 2026-11-28T20:00:00+08:00",
                       "starts_at needs a time zone, e.g. 2026-11-28T20:00:00+08:00"),
    "extend_needs_by": ("action 为延长（extend）时要写 by，例如 by: 2分钟", "action extend needs 'by', e.g. by: 2m"),
    "by_without_extend": ("by 只和 action: 延长（extend）一起用", "'by' only goes with action: extend"),
    "shape.list": ("写成列表，例如 {example}", "write a list, e.g. {example}"),
    "shape.mapping": ("写成“键: 值”的映射，例如 {example}", "write a mapping of keys, e.g. {example}"),
    "shape.text": ("写成文字，例如 {example}", "write text, e.g. {example}"),
    "shape.whole": ("写一个整数，例如 {example}", "write a whole number, e.g. {example}"),
    "shape.number": ("写一个数字，例如 {example}", "write a number, e.g. {example}"),
    "shape.datetime": ("写成带时区的日期时间，例如 2026-11-28T20:00:00+08:00",
                       "write a date and time with its zone, e.g. 2026-11-28T20:00:00+08:00"),
    "empty_text": ("不能为空", "cannot be empty"),
    "empty_list": ("至少要有一项", "needs at least one item"),
    "too_long": ("太长了，最多 {limit} 个字", "too long: at most {limit} characters"),
    "pattern.id": ("只能用字母、数字、_、- 或汉字，不能有空格，例如 {example}",
                   "use letters, digits, _, - or Chinese characters, no spaces, e.g. {example}"),
    "pattern.key": ("写 1 到 9 中的一个数字（控制台上发送它的按键）", "write one digit 1-9 (the console key that sends it)"),
    "at_least": ("至少是 {limit}，这里是 {value}", "must be at least {limit}, got {value}"),
    "at_most": ("最多是 {limit}，这里是 {value}", "must be at most {limit}, got {value}"),
    "finite": ("写一个有限的数字，这里是 {value}", "write a finite number, got {value}"),
    "invalid": ("这里不能写 {value}", "{value} cannot be used here"),
    # Across the plan.
    "duplicate_segment": ("重复的环节 id “{id}”（segments[{first}] 已经用过）",
                          'duplicate segment id "{id}" (first used by segments[{first}])'),
    "product_needs_product": ("讲品环节需要写 product（名称和价格）", "a product segment needs a product (name and price)"),
    "duplicate_preset": ("按键 “{key}” 已经被 cue_presets[{first}] 用了", 'key "{key}" is already used by cue_presets[{first}]'),
    "unknown_cue": ("未知的提词 “{name}”，可以写：{words}", 'unknown cue "{name}"; the cues are: {words}'),
    "duplicate_contingency": ("重复的预案 id “{id}”", 'duplicate contingency id "{id}"'),
    "duplicate_rule": ("重复的规则 id “{id}”", 'duplicate rule id "{id}"'),
    "threshold_percent": ("下降/上升（falls_by/rises_by）的阈值是 0 到 100 之间的百分比",
                          "for falls_by/rises_by the threshold is a percentage between 0 and 100"),
}

# What a field looks like, for messages that show the right shape.
EXAMPLES: dict[str, tuple[str, str]] = {
    "show": ("{title: 暖冬上新专场}", "{title: Winter launch}"),
    "goals": ("{gmv: 150000, orders: 600}", "{gmv: 150000, orders: 600}"),
    "team": ("{host: 林安娜, assistants: [小雨]}", "{host: Anna, assistants: [Yu]}"),
    "assistants": ("[阿琪, 小雨]", "[Aqi, Xiaoyu]"),
    "ops": ("[阿杰]", "[Jie]"),
    "defaults": ("{tolerance: 45s, warning: 1分钟}", "{tolerance: 45s, warning: 1m}"),
    "segments": ("[{id: opening, kind: 开场, title: 开场暖场, duration: 5分钟}]",
                 "[{id: opening, kind: opening, title: Welcome, duration: 5m}]"),
    "talking_points": ("[上身展示, 面料特写]", "[show it on, close-up of the fabric]"),
    "selling_points": ("[90% 羊毛, 三色可选]", "[90% wool, three colours]"),
    "product": ("{name: 双面羊毛大衣, price: ¥899, stock: 300}", "{name: Wool coat, price: 899, stock: 300}"),
    "interaction": ("{type: 投票, prompt: 扣 1 或 2}", "{type: poll, prompt: type 1 or 2}"),
    "cues": ("{on_warning: 准备过款, on_over: 收尾}", "{on_warning: next_product, on_over: wrap_up}"),
    "cue_presets": ("[{key: 1, text: 上链接！, level: 紧急}]", "[{key: 1, text: Link is up!, level: urgent}]"),
    "contingencies": ("[{id: link-broken, title: 链接失效, trigger: 链接打不开, steps: [稳住观众]}]",
                      "[{id: link-broken, title: Link broken, trigger: link fails, steps: [keep talking]}]"),
    "steps": ("[主播稳住观众, 运营重新上架链接]", "[host keeps talking, ops relists the product]"),
    "insert": ("{id: filler, kind: 答疑, title: 临时问答, duration: 5分钟}",
               "{id: filler, kind: qa, title: Q&A, duration: 5m}"),
    "rules": ("[{id: clicks, metric: 商品点击, comparison: 高于, threshold: 120, suggest: 上链接}]",
              "[{id: clicks, metric: product_clicks_per_min, comparison: '>', threshold: 120, suggest: push_link}]"),
    "kinds": ("[讲品, 福袋]", "[product, lottery]"),
    "advisor": ("{disable: [超时]}", "{disable: [overrun]}"),
    "disable": ("[超时]", "[overrun]"),
    "tolerance": ("45s、10% 或 {over: 1分钟, under: 30秒}", "45s, 10% or {over: 1m, under: 30s}"),
    "title": ("暖冬上新专场", "Winter launch"),
    "id": ("lucky-bag-1", "lucky-bag-1"),
    "stock": ("300", "300"),
    "orders": ("600", "600"),
    "peak_online": ("3000", "3000"),
    "new_followers": ("800", "800"),
}

_DEFAULT_EXAMPLES: dict[str, tuple[str, str]] = {
    "shape.list": ("[甲, 乙]", "[one, two]"),
    "shape.mapping": ("{键: 值}", "{key: value}"),
    "shape.text": ("今晚专场", "some text"),
    "shape.whole": ("300", "300"),
    "shape.number": ("30", "30"),
    "pattern.id": ("lucky-bag-1", "lucky-bag-1"),
}


def say(message: str, lang: str, /, **context: object) -> str:
    zh, en = MESSAGES[message]
    return (zh if lang == "zh" else en).format(**context)


def example(field: str, shape: str, lang: str) -> str:
    zh, en = EXAMPLES.get(field) or _DEFAULT_EXAMPLES.get(shape, ("", ""))
    return zh if lang == "zh" else en


def words(field: str, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(vocabulary.accepted(field, lang))


def escaped(text: str, limit: int = SHOWN_LENGTH) -> str:
    """Text from a plan made safe for one line of a terminal: cut to `limit`, control characters as escapes."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def shown(value: object) -> str:
    """A value quoted back to its author: strings in quotes, anything else as Python writes it."""
    return f'"{escaped(value)}"' if isinstance(value, str) else escaped(repr(value))
