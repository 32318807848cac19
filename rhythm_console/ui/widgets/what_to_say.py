"""What the host says in the running segment, from the link's state frame: the product's card (name,
price, stock), its deal and selling points, the 福袋's prize and 口令 (or the coupon), then the talking
points. A pane draws only what the frame carries: an older console's frame has the card and points only."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text

from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import SegmentInfo
from rhythm_console.ui.format import bulleted


@dataclass(frozen=True)
class WhatToSay:
    """The parts of a state frame the panel draws (a routine state frame with the same ones redraws nothing)."""

    card: str = ""
    list_price: str | None = None
    offer: str | None = None
    selling_points: tuple[str, ...] = ()
    prize: str | None = None
    prompt: str | None = None
    coupon: str | None = None
    talking_points: tuple[str, ...] = ()

    @classmethod
    def of(cls, segment: SegmentInfo) -> WhatToSay:
        return cls(card=segment.product or "", list_price=segment.list_price, offer=segment.offer,
                   selling_points=tuple(segment.selling_points), prize=segment.prize, prompt=segment.prompt,
                   coupon=segment.coupon, talking_points=tuple(segment.talking_points))


def _labelled(label: str, value: str, style: str) -> Text:
    line = Text(f"{label} ", style="dim")
    line.append(value, style=style)
    return line


def render(say: WhatToSay, texts: Texts) -> RenderableType:
    head = Text(say.card, style="bold")
    if say.list_price:
        head.append(f"  {texts('host.say.list_price')} ", style="dim")
        head.append(say.list_price, style="dim strike")
    lines: list[Text] = [head] if say.card else []
    if say.offer:
        lines.append(_labelled(texts("host.say.offer"), say.offer, "bold"))
    if say.selling_points:
        lines.append(_labelled(texts("host.say.selling_points"), " · ".join(say.selling_points), ""))
    if say.prize:
        lines.append(_labelled(texts("host.say.prize"), say.prize, "bold yellow"))
    if say.prompt:
        lines.append(_labelled(texts("host.say.prompt"), say.prompt, "bold yellow"))
    if say.coupon:
        lines.append(_labelled(texts("host.say.coupon"), say.coupon, "bold"))
    head_text = Text("\n").join(lines)
    return bulleted(list(say.talking_points), head=head_text) if lines or say.talking_points else ""
