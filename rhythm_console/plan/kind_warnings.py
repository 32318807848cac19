"""Advice about the kinds with settings of their own: a 憋单 with nothing to hold for, or one whose link would
go up after it ends; a 返场 with no product to show again."""

from __future__ import annotations

from collections.abc import Iterator

from rhythm_console.i18n import Texts
from rhythm_console.plan.document import Loc
from rhythm_console.plan.model import Plan, SegmentKind


def kind_warnings(plan: Plan, lang: str) -> Iterator[tuple[Loc, str]]:
    texts = Texts(lang)
    for index, segment in enumerate(plan.segments):
        if segment.kind is SegmentKind.hold:
            hold = plan.hold_for(segment)
            if hold is None or hold.online is None:
                yield ("segments", index, "kind"), texts("plan.warning.hold_no_target", title=segment.title)
            elif hold.longest is not None and hold.longest > segment.duration:
                yield ("segments", index, "hold", "longest"), texts("plan.warning.hold_after_end", title=segment.title)
        if segment.kind is SegmentKind.revisit and not plan.revisited(segment):
            yield ("segments", index, "kind"), texts("plan.warning.revisit_nothing", title=segment.title)
