"""The sheet for the team meeting before the stream (团队沟通): each role's part of a plan.

`parts(plan)` works out what each role leads, supports and says; `markdown` and `html` lay it out in the
plan's language. Pure: a plan in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast

from rhythm_console import vocabulary
from rhythm_console.durations import format_clock
from rhythm_console.plan import ChecklistItem, Contingency, CuePreset, Plan, Product, Role, Segment

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


def plan_lang(plan: Plan) -> str:
    return "en" if plan.show.locale.value == "en" else "zh"


def _people(plan: Plan, role: str) -> list[str]:
    team = plan.team
    return {"manager": [team.manager] if team.manager else [], "host": [team.host] if team.host else [],
            "assistant": list(team.assistants), "ops": list(team.ops)}[role]


def _mentions(text: str, role: str, people: list[str]) -> bool:
    word = next(word for word in vocabulary.VOCABULARY["role"] if word.code == role)
    names = (*word.zh, *word.en, *people)
    folded = text.casefold()
    return any(name.casefold() in folded for name in names if name)


def parts(plan: Plan, roles: tuple[str, ...] = ROLES) -> list[RolePart]:
    result = []
    for role in roles:
        part = RolePart(role=role, people=_people(plan, role))
        at = 0.0
        for segment in plan.segments:
            starts = (f"{plan.show.starts_at + timedelta(seconds=at):%H:%M}" if plan.show.starts_at
                      else format_clock(at))
            at += segment.duration
            leads = segment.owner == role
            # The talking points are the lines of whoever leads the segment (the host unless it says otherwise).
            lines = (tuple(segment.talking_points) if leads else ()) + tuple(segment.lines.get(cast(Role, role), ()))  # briefs are by the plan's roles
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
        result.append(part)
    return result
