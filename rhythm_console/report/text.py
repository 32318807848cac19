"""Labels and cell formats the report renderers share."""

from __future__ import annotations

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.review import GOAL_LABELS, GoalResult, Review, SegmentReview
from rhythm_console.show import RunStatus, VerdictKind
from rhythm_console.units import wall_at


class ReportText(Texts):
    """The catalog's report.* labels, and how the report writes its cells."""

    def __call__(self, key: str, **values: object) -> str:
        return super().__call__(f"report.{key}", **values)

    def goal_name(self, goal: GoalResult) -> str:
        return GOAL_LABELS[goal.name][0 if self.lang == "zh" else 1]

    def goal_value(self, name: str, value: float | None) -> str:
        if value is None:
            return self("no_data")
        if name in ("interaction_rate", "conversion_rate"):
            return f"{value:.1%}"
        if name == "gmv":
            return f"¥{value:,.0f}"
        return f"{value:,.0f}"

    def verdict(self, segment: SegmentReview) -> str:
        if segment.verdict is None:
            return self(segment.status.value) if segment.status is not RunStatus.done else ""
        kind = segment.verdict.kind
        if kind is VerdictKind.on_time:
            return self("on_time")
        return f"{self(kind.value)} {format_clock(segment.verdict.delta, sign=True)}"

    def drift(self, value: float) -> str:
        if abs(value) < 1:
            return "0:00"
        return f"{self('behind') if value > 0 else self('ahead')} {format_clock(abs(value))}"

    @staticmethod
    def clock(seconds: float | None) -> str:
        return "" if seconds is None else format_clock(seconds)

    @staticmethod
    def time_of(review: Review, at: float) -> str:
        return f"{wall_at(review.started_wall, at):%H:%M:%S}"

    @staticmethod
    def number(value: float | None, pattern: str = "{:,.0f}") -> str:
        return "—" if value is None else pattern.format(value)

    @staticmethod
    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:.1%}"
