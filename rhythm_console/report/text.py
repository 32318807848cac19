"""Labels and cell formats the report renderers share."""

from __future__ import annotations

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.phrases import alert_words, drift_words, finding_words, verdict_words
from rhythm_console.review import AlertReview, Finding, GoalResult, Review, SegmentReview
from rhythm_console.show import RunStatus
from rhythm_console.units import wall_at

UNJUDGED = {RunStatus.skipped: "skipped", RunStatus.pending: "pending", RunStatus.running: "running"}


class ReportText:
    """The catalog's report.* labels, and how the report writes its cells."""

    def __init__(self, lang: str) -> None:
        self.texts = Texts(lang)
        self.lang = lang

    def __call__(self, key: str, /, **values: object) -> str:
        return self.texts(f"report.{key}", **values)

    def goal_name(self, goal: GoalResult) -> str:
        return self.texts(f"goal.{goal.name}")

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
            return self(UNJUDGED[segment.status]) if segment.status in UNJUDGED else ""
        return verdict_words(self.texts, segment.verdict)

    def drift(self, value: float) -> str:
        return drift_words(self.texts, value)

    def finding(self, finding: Finding) -> str:
        return finding_words(self.texts, finding)

    def alert(self, alert: AlertReview) -> str:
        return alert_words(self.texts, alert)

    def warnings(self, review: Review) -> list[str]:
        """The journal reader's warnings, then the review's own."""
        return review.warnings + ([self("unfinished")] if review.unfinished else [])

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
