"""What ops (运营/中控) does when, per segment at its planned times: links up and down, 福袋 launched and drawn,
coupons issued, a 憋单's link released. Codes and values only; `briefing/text.py` says them."""

from __future__ import annotations

from dataclasses import dataclass

from rhythm_console.plan import SELLING_KINDS, Plan, Product, Segment, SegmentKind


@dataclass(frozen=True)
class OpsStep:
    at: float  # planned seconds from the show's start
    segment: Segment
    action: str  # link_up, link_down, hold_start, hold_release, lucky_bag_launch, lucky_bag_draw, coupon
    product: Product | None = None
    online: int | None = None  # hold_release: the online target that releases the link earlier


def _lottery(segment: Segment) -> bool:
    interaction = segment.interaction
    return segment.kind is SegmentKind.lottery or (interaction is not None and interaction.type == "lottery")


def _segment_steps(plan: Plan, segment: Segment, start: float) -> list[OpsStep]:
    end = start + segment.duration
    steps: list[OpsStep] = []
    product = segment.product
    hold = plan.hold_for(segment)
    if hold is not None:
        release = start + min(hold.longest, segment.duration) if hold.longest else end
        steps += [OpsStep(start, segment, "hold_start", product),
                  OpsStep(release, segment, "hold_release", product, hold.online)]
        if product is not None:
            steps.append(OpsStep(end, segment, "link_down", product))
    elif product is not None and segment.kind in SELLING_KINDS:
        steps += [OpsStep(start, segment, "link_up", product), OpsStep(end, segment, "link_down", product)]
    for again in plan.revisited(segment):
        steps += [OpsStep(start, segment, "link_up", again), OpsStep(end, segment, "link_down", again)]
    if _lottery(segment):
        steps += [OpsStep(start, segment, "lucky_bag_launch"), OpsStep(end, segment, "lucky_bag_draw")]
    if segment.interaction is not None and segment.interaction.coupon:
        steps.append(OpsStep(start, segment, "coupon"))
    return steps


def ops_timeline(plan: Plan) -> list[OpsStep]:
    """Every step in planned order (a segment's end steps before the next one's start steps)."""
    steps: list[OpsStep] = []
    at = 0.0
    for segment in plan.segments:
        steps += _segment_steps(plan, segment, at)
        at += segment.duration
    ends = ("link_down", "lucky_bag_draw")
    return sorted(steps, key=lambda step: (step.at, step.action not in ends))
