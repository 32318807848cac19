"""The live numbers: value, trend, a sparkline, and an honest mark when data is stale or absent."""

from __future__ import annotations

from collections.abc import Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from rhythm_console.ui.format import KeepTail, WholeOrNone
from rhythm_console.ui.redraw import Sized, show
from rhythm_console.ui.view import ShowsView, View
from rhythm_console.units import count, money

STALE_AFTER = 10.0  # seconds without any item before a panel says so

# (panel id, label key, main metric, needs commerce figures, the figure whose source the panel reads)
PANELS = (
    ("online", "metric.online", "online", False, "online"),
    ("interaction", "metric.interaction", "interaction_rate", False, "comments"),
    ("clicks", "metric.clicks", "product_clicks_per_min", True, "clicks"),
    ("orders", "metric.orders", "gmv", True, "orders"),
    ("followers", "metric.followers", "new_followers", False, "follows"),
)


def _trend(change: float | None) -> Text:
    if change is None or change == 0:
        return Text("→", style="dim")
    return Text("↑", style="green") if change > 0 else Text("↓", style="red")


class MetricPanel(Vertical):
    def __init__(self, panel_id: str, label_key: str, metric: str, commerce: bool, figure: str) -> None:
        super().__init__(id=f"metric-{panel_id}", classes="metric")
        self.label_key = label_key
        self.metric = metric
        self.commerce = commerce
        self.figure = figure

    def compose(self) -> ComposeResult:
        yield Static(classes="metric-label")
        yield Static(classes="metric-value")
        yield Sparkline([], classes="metric-spark")

    def update_view(self, view: View) -> None:
        t, history = view.texts, view.history
        source = view.source_for(self.figure)
        label = Text(t(self.label_key), style="bold", no_wrap=True, overflow="ellipsis")
        if len(view.sources) > 1 and source is not None:  # several sources: say which one this panel reads
            label.append(f" {t('source.short.' + source.kind)}{source.number or ''}", style="dim")
        marks: list[Text] = []
        value_line = Text(no_wrap=True, overflow="ellipsis")
        detail: Text | None = None
        unavailable = self.commerce and (
            not any(each.provides_commerce for each in view.sources) if len(view.sources) > 1
            else source is not None and not source.provides_commerce)
        stale = source is not None and (source.last_item_age is None or source.last_item_age > STALE_AFTER)
        if source is not None and source.status == "retrying":
            marks = [Text(t(key), style="bold red") for key in ("metric.retrying", "metric.retrying.short")]
        elif stale and not unavailable and source is not None and source.last_item_age is not None:
            marks = [Text(t(key), style="bold black on yellow") for key in ("metric.stale", "metric.stale.short")]
        latest = history.latest(self.metric)
        if unavailable:
            value_line.append(t("metric.no_data"), style="dim italic")
        elif latest is None:
            value_line.append(t("metric.waiting"), style="dim")
        else:
            # The value and its trend first: on a narrow panel the details are what gets cut.
            main, detail = self._value(view, latest)
            value_line.append_text(main)
            value_line.append(" ")
            value_line.append_text(_trend(history.change(self.metric, 60)))
        # One row each, as wide as the panel (the stylesheet): no new layout of the screen for a new figure.
        show(self.query_one(".metric-label", Static), KeepTail(label, *marks), Sized.by_stylesheet)  # on a narrow panel the mark stays
        # the detail whole or not at all, at the width the panel has when drawn
        show(self.query_one(".metric-value", Static), value_line if detail is None else WholeOrNone(value_line, detail),
             Sized.by_stylesheet)
        spark = self.query_one(Sparkline)
        spark.data = [] if unavailable else history.values(self.metric)[-120:]

    def _value(self, view: View, latest: float) -> tuple[Text, Text | None]:
        """The main figure, and a detail that may be cut on a narrow panel."""
        history, t = view.history, view.texts
        if self.metric == "online":
            peak = history.latest("online_peak")
            return Text(count(latest), style="bold"), Text(f"{t('metric.peak')} {count(peak or latest)}", style="dim")
        if self.metric == "interaction_rate":
            comments = history.latest("comments_per_min")
            detail = None if comments is None else Text(
                f"{t('metric.comments')} {comments:,.0f}{t('metric.per_min')}", style="dim")
            return Text(f"{latest * 100:.1f}%", style="bold"), detail
        if self.metric == "product_clicks_per_min":
            ctr = history.latest("ctr")
            main = Text.assemble((f"{latest:,.0f}", "bold"), (t("metric.per_min"), "dim"))
            return main, None if ctr is None else Text(f"CTR {ctr * 100:.1f}%", style="dim")
        if self.metric == "gmv":
            orders = history.latest("orders") or 0
            return Text.assemble((f"{orders:,.0f}", "bold"), " ", (money(latest), "bold yellow")), None
        return Text(count(latest), style="bold"), None


class MetricsRow(ShowsView, Horizontal):
    def compose(self) -> ComposeResult:
        for panel in PANELS:
            yield MetricPanel(*panel)

    def drawn_from(self, view: View) -> Hashable:
        """The room's latest sample and what each source says of itself (drawn anew on each sample)."""
        told = tuple((source.name, source.kind, source.number, source.status, source.provides_commerce,
                      source.malformed, source.last_item_age is None,
                      source.last_item_age is not None and source.last_item_age > STALE_AFTER)
                     for source in (view.sources or ((view.source,) if view.source is not None else ())))
        return (view.state.metrics_at, id(view.state.metrics), id(view.history), told,
                tuple(sorted(view.figure_sources.items())), view.texts.lang)

    def update_view(self, view: View) -> None:
        for panel in self.query(MetricPanel):
            panel.update_view(view)
