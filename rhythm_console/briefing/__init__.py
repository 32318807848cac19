"""The sheet for the team meeting before the stream (团队沟通): each role's part of a plan.

`parts(plan)` works out what each role leads, supports and says: the host's selling points as talking points,
ops' timeline (`ops.py`), the assistant's props and samples; `markdown` and `html` lay it out in the plan's
language. Pure: a plan in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from rhythm_console import vocabulary
from rhythm_console.briefing.ops import OpsStep, ops_timeline
from rhythm_console.durations import format_clock
from rhythm_console.i18n import lang_for_locale
from rhythm_console.plan import ChecklistItem, Contingency, CuePreset, Plan, Product, Segment
from rhythm_console.units import price

ROLES = ("manager", "host", "assistant", "ops")


@dataclass(frozen=True)
class SegmentPart:
    segment: Segment
    starts: str  # a time of day when the plan has a start, else the offset from it
    leads: bool
    lines: tuple[str, ...]  # what this role says or does in it


@dataclass
class RolePart:
    role: str
    people: list[str]
    segments: list[SegmentPart] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    presets: list[CuePreset] = field(default_factory=list)
    contingencies: list[tuple[Contingency, list[tuple[str, bool]]]] = field(default_factory=list)  # step, mine
    checklist: list[ChecklistItem] = field(default_factory=list)
    timeline: list[tuple[str, OpsStep]] = field(default_factory=list)  # ops: each step at its planned time
    kit: list[tuple[str, Segment]] = field(default_factory=list)  # the assistant: segments with props or samples


def plan_lang(plan: Plan) -> str:
    return lang_for_locale(plan.show.locale.value)


def _mentions(text: str, role: str, people: list[str]) -> bool:
    word = next(word for word in vocabulary.VOCABULARY["role"] if word.code == role)
    names = (*word.zh, *word.en, *people)
    folded = text.casefold()
    return any(name.casefold() in folded for name in names if name)


def planned_at(plan: Plan, at: float) -> str:
    """A planned moment: the time of day when the plan has a start (seconds only when it falls between
    minutes), else the offset from the start."""
    if plan.show.starts_at is None:
        return format_clock(at)
    moment = plan.show.starts_at + timedelta(seconds=at)
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def _selling_points(segment: Segment, said: tuple[str, ...]) -> tuple[str, ...]:
    """The product's selling points the host has not already got as talking points."""
    if segment.product is None:
        return ()
    return tuple(point for point in segment.product.selling_points if point not in said)


def parts(plan: Plan, roles: tuple[str, ...] = ROLES) -> list[RolePart]:
    result = []
    for role in roles:
        part = RolePart(role=role, people=plan.team.people(role))
        at = 0.0
        for segment in plan.segments:
            starts = planned_at(plan, at)
            at += segment.duration
            leads = segment.owner == role
            # The talking points are the lines of whoever leads the segment (the host unless it says otherwise);
            # the host talks the product's selling points too.
            lines = (tuple(segment.talking_points) if leads else ()) + tuple(segment.lines.get(role, ()))
            if role == "host" and (leads or lines):
                lines += _selling_points(segment, lines)
                lines += tuple(f"{product.name} {price(product.price)}" for product in plan.revisited(segment))
            if leads and segment.interaction is not None:  # what the room is asked to do, and what it can win
                bits = (segment.interaction.prompt, segment.interaction.prize, segment.interaction.coupon)
                lines += tuple(bit for bit in bits if bit)
            if leads or lines or role == "manager":  # the manager runs every segment
                part.segments.append(SegmentPart(segment, starts, leads, lines))
        in_mine = {id(item.segment) for item in part.segments}
        part.products = [segment.product for segment in plan.segments if segment.product is not None
                         and (role in ("manager", "ops") or id(segment) in in_mine)]
        part.presets = list(plan.cue_presets) if role in ("manager", "host", "assistant") else []
        part.contingencies = [(c, [(step, _mentions(step, role, part.people)) for step in c.steps])
                              for c in plan.contingencies]
        part.checklist = [item for item in plan.checklist if item.owner == role]
        if role == "ops":
            part.timeline = [(planned_at(plan, step.at), step) for step in ops_timeline(plan)]
        if role == "assistant":
            at = 0.0
            for segment in plan.segments:
                if segment.props or segment.samples:
                    part.kit.append((planned_at(plan, at), segment))
                at += segment.duration
        result.append(part)
    return result
