"""Labels and cell formats the report renderers share."""

from __future__ import annotations

from rhythm_console.durations import format_clock
from rhythm_console.review import GOAL_LABELS, GoalResult, Review, SegmentReview
from rhythm_console.units import wall_at

LABELS: dict[str, tuple[str, str]] = {
    "title": ("直播复盘", "Stream review"),
    "when": ("时间", "When"),
    "planned_vs_actual": ("计划 / 实际", "Planned / actual"),
    "drift_end": ("结束时偏差", "Drift at the end"),
    "drift_last": ("最后记录时偏差", "Drift at the last record"),
    "goals": ("目标达成", "Goals"),
    "goal": ("目标", "Goal"),
    "metric": ("指标", "Metric"),
    "actual": ("实际", "Actual"),
    "met": ("达成", "Met"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "no_data": ("无数据", "no data"),
    "findings": ("复盘要点", "Findings"),
    "segments": ("分环节", "Segment by segment"),
    "segment": ("环节", "Segment"),
    "planned": ("计划", "Planned"),
    "verdict": ("判定", "Verdict"),
    "online": ("在线人数", "Online viewers"),
    "online_avg": ("平均在线", "Avg online"),
    "online_peak": ("在线峰值", "Peak online"),
    "interaction": ("互动率", "Interaction"),
    "clicks": ("点击", "Clicks"),
    "ctr": ("点击率", "CTR"),
    "orders": ("订单", "Orders"),
    "gmv": ("成交额", "GMV"),
    "drift": ("节奏偏差", "Drift over time"),
    "drift_note": ("正值 = 落后于计划", "positive = behind plan"),
    "viewers_chart": ("在线人数与互动率", "Online viewers and interaction rate"),
    "cues": ("提词记录", "Cues"),
    "sent": ("发送", "Sent"),
    "text": ("内容", "Text"),
    "level": ("级别", "Level"),
    "origin": ("来源", "From"),
    "ack": ("确认", "Acknowledged"),
    "alerts": ("提醒", "Alerts"),
    "raised": ("出现", "Raised"),
    "lasted": ("持续", "Lasted"),
    "holds": ("暂停与应急", "Holds and contingencies"),
    "hold": ("暂停", "Hold"),
    "contingency": ("应急预案", "Contingency"),
    "notes": ("备注", "Notes"),
    "none": ("无", "none"),
    "warning": ("注意", "Warning"),
    "on_time": ("准时", "on time"),
    "over": ("超时", "over"),
    "under": ("提前", "under"),
    "skipped": ("已跳过", "skipped"),
    "pending": ("未进行", "not run"),
    "running": ("进行中", "running"),
    "inserted": ("插入", "inserted"),
    "ahead": ("提前", "ahead"),
    "behind": ("落后", "behind"),
}


class ReportText:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.index = 0 if lang == "zh" else 1

    def __call__(self, key: str) -> str:
        return LABELS[key][self.index]

    def goal_name(self, goal: GoalResult) -> str:
        return GOAL_LABELS[goal.name][self.index]

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
            return self(segment.status.value) if segment.status.value in ("skipped", "pending", "running") else ""
        kind = segment.verdict.kind.value
        if kind == "on_time":
            return self("on_time")
        return f"{self(kind)} {format_clock(segment.verdict.delta, sign=True)}"

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
