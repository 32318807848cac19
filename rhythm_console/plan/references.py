"""Problems no single field shows: ids used twice, cues named but not defined, a plan longer than a show.

Read from the document's data as written, not from a validated plan, so these come in the same run as
every field's own errors (a broken preset does not hide a rule that names a cue nobody defined).
"""

from __future__ import annotations

from typing import Any

from rhythm_console import vocabulary
from rhythm_console.durations import DurationError, format_short, parse_duration
from rhythm_console.i18n import Texts
from rhythm_console.plan.values import MAX_DURATION

_PRESET_KEYS = set("123456789")

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str, dict[str, object]]


def _items(data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(name)
    if not isinstance(items, list):
        return []
    return [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]


def _text(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _duplicates(items: list[tuple[int, dict[str, Any]]], section: str, field: str, key: str) -> list[Finding]:
    found: list[Finding] = []
    first: dict[str, int] = {}
    for index, item in items:
        value = _text(item.get(field))
        if value is None:
            continue
        if value in first:
            found.append(((section, index, field), key, {"id": value, "key": value, "first": first[value]}))
        else:
            first[value] = index
    return found


def _planned_total(segments: list[tuple[int, dict[str, Any]]]) -> float | None:
    total = 0.0
    for _, segment in segments:
        try:
            total += parse_duration(segment.get("duration"))
        except DurationError:
            return None  # that duration's own error says what to fix
    return total


def find_references(data: dict[str, Any], lang: str) -> list[Finding]:
    segments = _items(data, "segments")
    presets = _items(data, "cue_presets")
    found = _duplicates(segments, "segments", "id", "duplicate_segment")
    products: set[str] = set()
    for index, segment in segments:
        kind = vocabulary.code_for("kind", segment.get("kind"))
        if kind in ("product", "flash_sale") and segment.get("product") is None:
            found.append((("segments", index, "product"), "product_needs_product", {}))
        product = segment.get("product")
        if isinstance(product, dict) and (name := _text(product.get("name"))) is not None:
            products.add(name)
    for index, segment in segments:  # a 返场 shows again products the plan sells, by name
        revisit = segment.get("revisit")
        for position, name in enumerate(revisit if isinstance(revisit, list) else []):
            if _text(name) is not None and _text(name) not in products:
                found.append((("segments", index, "revisit", position), "revisit_unknown_product",
                              {"name": name, "names": Texts(lang).listed(sorted(products))}))
    found += _duplicates(presets, "cue_presets", "key", "duplicate_preset")
    found += _duplicates(_items(data, "contingencies"), "contingencies", "id", "duplicate_contingency")
    found += _duplicates(_items(data, "rules"), "rules", "id", "duplicate_rule")

    preset_keys = {key for _, preset in presets if (key := _text(preset.get("key"))) in _PRESET_KEYS}
    names = [*vocabulary.accepted("cue", lang), *sorted(preset_keys)]
    listed = Texts(lang).listed(names)

    def check_cue(loc: Loc, value: object) -> None:
        name = _text(value)
        if name is None or vocabulary.code_for("cue", name) is not None or name in preset_keys:
            return  # a value of the wrong type gets its own message from the model
        found.append((loc, "unknown_cue", {"name": name, "words": listed}))

    for index, segment in segments:
        cues = segment.get("cues")
        if isinstance(cues, dict):
            for when in ("on_warning", "on_over"):
                check_cue(("segments", index, "cues", when), cues.get(when))
    for index, rule in _items(data, "rules"):
        check_cue(("rules", index, "suggest"), rule.get("suggest"))
        threshold = rule.get("threshold")
        if (vocabulary.code_for("comparison", rule.get("comparison")) in ("falls_by", "rises_by")
                and isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
                and not 0 < threshold <= 100):
            found.append((("rules", index, "threshold"), "threshold_percent", {}))

    total = _planned_total(segments)
    if total is not None and total > MAX_DURATION:
        found.append((("segments",), "total_range", {"total": format_short(total)}))
    return found
