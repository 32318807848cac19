"""`check`'s wording advice (合规): every text the host reads on air, against the wording lexicon
(rhythm_console/wording.py) with the plan's own `compliance:` words and allowed words."""

from __future__ import annotations

from collections.abc import Iterator

from rhythm_console.audience.lexicon import category_of_metric
from rhythm_console.i18n import Texts
from rhythm_console.plan.model import Plan
from rhythm_console.wording import Severity, WordingCategory, WordingChecker, WordingRule


def plan_checker(plan: Plan) -> WordingChecker:
    extra = [WordingRule(w.word, WordingCategory(w.category), Severity(w.severity), w.say)
             for w in plan.compliance.words]
    return WordingChecker(extra, plan.compliance.allowed)


def text_warnings(checker: WordingChecker, text: str, texts: Texts) -> list[str]:
    """What the check says about one text (a cue typed in the console's dialog), in `texts`' language."""
    return [wording_message(rule, texts) for rule in checker.check(text)]


def wording_message(rule: WordingRule, texts: Texts) -> str:
    category = texts(f"wording.cat.{rule.category.value}")
    say = rule.say_in(texts.lang)
    if say:
        return texts("wording.warning", word=rule.word, category=category, say=say)
    return texts("wording.warning_plain", word=rule.word, category=category)


def _read_on_air(plan: Plan) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for index, segment in enumerate(plan.segments):
        here: tuple[str | int, ...] = ("segments", index)
        for number, point in enumerate(segment.talking_points):
            yield here + ("talking_points", number), point
        if segment.product is not None:
            for number, point in enumerate(segment.product.selling_points):
                yield here + ("product", "selling_points", number), point
        if segment.interaction is not None and segment.interaction.prompt:
            yield here + ("interaction", "prompt"), segment.interaction.prompt
        if segment.notes:
            yield here + ("notes",), segment.notes
    for index, preset in enumerate(plan.cue_presets):
        yield ("cue_presets", index, "text"), preset.text
    for index, contingency in enumerate(plan.contingencies):
        for number, step in enumerate(contingency.steps):
            yield ("contingencies", index, "steps", number), step


def wording_warnings(plan: Plan, lang: str) -> Iterator[tuple[tuple[str | int, ...], str]]:
    checker = plan_checker(plan)
    texts = Texts(lang)
    for loc, text in _read_on_air(plan):
        for rule in checker.check(text):
            yield loc, wording_message(rule, texts)


def audience_metric_warnings(plan: Plan, lang: str) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """A rule watching a comment category the plan does not have would never fire."""
    known = plan.audience.category_ids()
    texts = Texts(lang)
    for index, rule in enumerate(plan.rules):
        category = category_of_metric(rule.metric.value)
        if category is not None and category not in known:
            yield ("rules", index, "metric"), texts("audience.unknown_metric", category=category,
                                                    known=texts.listed(sorted(known)))
