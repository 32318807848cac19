"""Words the briefing's renderers share: prices, preset actions, a role with its people."""

from __future__ import annotations

from rhythm_console.briefing import RolePart
from rhythm_console.durations import format_short
from rhythm_console.i18n import Texts
from rhythm_console.plan import CuePreset, Product
from rhythm_console.units import price


def role_title(part: RolePart, texts: Texts) -> str:
    return texts("brief.part", role=texts.who(part.role, part.people))


def preset_meaning(preset: CuePreset, texts: Texts) -> str:
    if preset.action is None:
        return ""
    said = texts(f"brief.action.{preset.action.value}", by=format_short(preset.by or 0))
    return texts("brief.preset_action", action=said)


def product_facts(product: Product, texts: Texts) -> list[tuple[str, str]]:
    facts = [(texts("brief.price"), price(product.price))]
    if product.list_price is not None:
        facts.append((texts("brief.list_price"), price(product.list_price)))
    if product.stock is not None:
        facts.append((texts("brief.stock"), str(product.stock)))
    if product.offer:
        facts.append((texts("brief.offer"), product.offer))
    if product.gift:
        facts.append((texts("brief.gift"), product.gift))
    return facts
