"""Words the briefing's renderers share: prices, preset actions, a role with its people."""

from __future__ import annotations

from rhythm_console.briefing import RolePart
from rhythm_console.briefing.ops import OpsStep
from rhythm_console.durations import format_short
from rhythm_console.i18n import Texts
from rhythm_console.plan import CuePreset, Product
from rhythm_console.units import price


def role_title(part: RolePart, texts: Texts) -> str:
    return texts("brief.part", role=texts.who(part.role, part.people))


def lines_header(part: RolePart, texts: Texts) -> str:
    """The lines column: the host's are talking points (你的话术), the others' lines and actions."""
    return texts("brief.host_lines" if part.role == "host" else "brief.lines")


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


def _link(product: Product, texts: Texts) -> str:
    if product.link_no is None:
        return texts("brief.ops.link_unnumbered")
    return texts("brief.ops.link", number=product.link_no)


def ops_step_text(step: OpsStep, texts: Texts) -> str:
    """One step of ops' timeline in words: 上3号链接：羊毛开衫 · 优惠 满300减40."""
    product, interaction = step.product, step.segment.interaction
    match step.action:
        case "link_up" | "link_down":
            assert product is not None
            said = texts(f"brief.ops.{step.action}", link=_link(product, texts), product=product.name)
            if step.action == "link_up" and product.offer:
                said += f" · {texts('brief.offer')} {product.offer}"
            return said
        case "hold_start":
            return (texts("brief.ops.hold_start", product=product.name) if product is not None
                    else texts("brief.ops.hold_start_no_product"))
        case "hold_release":
            said = (texts("brief.ops.hold_release", link=_link(product, texts), product=product.name)
                    if product is not None else texts("brief.ops.hold_release_no_product"))
            return said + (texts("brief.ops.hold_online", online=step.online) if step.online is not None else "")
        case "lucky_bag_launch":
            said = texts("brief.ops.lucky_bag_launch")
            if interaction is not None and interaction.prize:
                said += f" · {texts('brief.ops.prize')} {interaction.prize}"
            if interaction is not None and interaction.prompt:
                said += f" · {texts('brief.ops.password')} {interaction.prompt}"
            return said
        case "coupon":
            return texts("brief.ops.coupon", coupon=interaction.coupon if interaction is not None else "")
    return texts(f"brief.ops.{step.action}")
