"""The 弹幕 panel: per comment category its rate a minute, its trend and the latest few comments;
a rising question topic first. Hidden until comments with text arrive."""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from rhythm_console.audience.lexicon import UNCATEGORISED, Kind, metric_name
from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.i18n import Texts
from rhythm_console.metrics.history import MetricHistory
from rhythm_console.textsafe import printable
from rhythm_console.ui.view import ShowsView, View

TREND_SECONDS = 30.0
_KIND_STYLE = {Kind.question: "cyan", Kind.rhythm_complaint: "yellow", Kind.tech_complaint: "bold red",
               Kind.buy_signal: "green", Kind.other: "dim"}


@dataclass(frozen=True)
class AudienceRow:
    category: str
    label: str
    kind: Kind
    rate: float
    trend: float  # change of the rate over TREND_SECONDS; > 0 rising
    examples: list[str]


def audience_rows(tracker: AudienceTracker, history: MetricHistory, now: float, texts: Texts) -> list[AudienceRow]:
    """Categories heard in the last minute: rising questions first, then by rate; the uncategorised last."""
    labels = {c.id: c.label for c in tracker.lexicon.categories}
    examples = tracker.latest_examples()
    rows = []
    for category, kind, rate in zip(tracker.ids, tracker.kinds, tracker.rates(now), strict=True):
        if rate <= 0:
            continue
        trend = history.change(metric_name(category), TREND_SECONDS) or 0.0
        key = f"audience.cat.{category}"
        label = labels.get(category) or (texts(key) if texts.has(key) else category)
        rows.append(AudienceRow(category, label, kind, rate, trend, list(reversed(examples.get(category, [])))))
    rows.sort(key=lambda row: (row.category == UNCATEGORISED, not (row.kind is Kind.question and row.trend > 0),
                               -row.rate))
    return rows


class AudiencePanel(ShowsView, VerticalScroll):
    can_focus = False

    def compose(self):
        yield Static(id="audience-body")

    def drawn_from(self, view: View) -> Hashable:
        """Rates per minute: drawn each second and on each sample, not on every key."""
        tracker = view.audience
        return math.floor(view.now), view.state.metrics_at, tracker.comments if tracker is not None else None

    def update_view(self, view: View) -> None:
        tracker = view.audience
        heard = tracker is not None and tracker.comments > 0
        self.set_class(heard, "heard")
        if not heard or tracker is None:
            return
        t = view.texts
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, row in enumerate(audience_rows(tracker, view.history, view.now, t)):
            if index:
                text.append("\n")
            arrow = "↑" if row.trend > 0 else "↓" if row.trend < 0 else "·"
            text.append(f"{row.label} ", style=_KIND_STYLE[row.kind])
            text.append(f"{t('audience.per_min', rate=row.rate)}{arrow} ", style="bold")
            text.append(" · ".join(printable(example) for example in row.examples[:3]), style="dim")
        if not text:  # comments were heard, none in the last minute: not "none yet"
            text.append(t("audience.none"), style="dim")
        self.query_one("#audience-body", Static).update(text)
