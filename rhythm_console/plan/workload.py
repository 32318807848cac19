"""The team's workload (合理休息权): advice when a plan wears someone out or leaves a gap in who leads.

- one role on air longer than `defaults.max_on_air` without a break segment: the time counted is the
  segments that role leads (owner), and any break segment rests everyone;
- a segment with no owner written when the team has more than one host (`team.host: 小美/小林`);
- a product whose stock in the plan is zero.
"""

from __future__ import annotations

from collections.abc import Iterator

from rhythm_console.durations import format_short
from rhythm_console.i18n import Texts
from rhythm_console.plan.document import Loc
from rhythm_console.plan.model import Plan, SegmentKind


def workload_warnings(plan: Plan, lang: str) -> Iterator[tuple[Loc, str]]:
    texts = Texts(lang)
    limit = plan.defaults.max_on_air
    on_air: dict[str, float] = {}
    warned: set[str] = set()
    hosts = plan.team.people("host")
    several_hosts = len(hosts) > 1
    for index, segment in enumerate(plan.segments):
        if segment.kind is SegmentKind.break_:
            on_air.clear()
            warned.clear()
        else:
            on_air[segment.owner] = on_air.get(segment.owner, 0.0) + segment.duration
            if on_air[segment.owner] > limit and segment.owner not in warned:
                warned.add(segment.owner)  # once per stretch: the fix is one break, not one per segment
                who = texts.who(segment.owner, plan.team.people(segment.owner))
                yield ("segments", index), texts("plan.warning.on_air", who=who, length=format_short(on_air[segment.owner]),
                                                 limit=format_short(limit))
        if several_hosts and "owner" not in segment.model_fields_set:
            yield ("segments", index), texts("plan.warning.no_owner", hosts=texts.listed(hosts))
        if segment.product is not None and segment.product.stock == 0:
            yield ("segments", index, "product", "stock"), texts("plan.warning.no_stock", name=segment.product.name)

