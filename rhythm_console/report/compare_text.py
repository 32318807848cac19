"""How the comparison's cells are written: by each figure's unit, with the catalog's names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.review.compare import FIGURES, Comparison, Figure, Unit
from rhythm_console.review.people import PersonRow
from rhythm_console.review.records import FORMULAS, ShowLine, ShowRecord
from rhythm_console.textsafe import printable


class CompareText:
    def __init__(self, lang: str) -> None:
        self.texts = Texts(lang)

    def __call__(self, key: str, /, **values: object) -> str:
        return self.texts(key, **values)

    def name(self, figure: Figure | str) -> str:
        return self.texts(f"figure.{figure if isinstance(figure, str) else figure.name}")

    def formula(self, figure: Figure | str) -> str:
        """What the figure is computed from, in the report's language."""
        name = figure if isinstance(figure, str) else figure.name
        return self.texts(f"formula.{name}") if name in FORMULAS else ""

    def value(self, value: float | None, unit: Unit) -> str:
        if value is None:
            return "—"
        if unit == "clock":
            return format_clock(value)
        if unit == "drift":
            return format_clock(value, sign=True)
        if unit == "percent":
            return f"{value:.1%}"
        if unit == "money":
            return f"¥{value:,.0f}" if abs(value) >= 100 or value == 0 else f"¥{value:,.2f}"
        if unit == "seconds":
            return self.texts("compare.seconds", s=value)
        if unit == "ratio":
            return f"{value:,.2f}"
        return f"{value:,.0f}"

    @staticmethod
    def show_label(show: ShowRecord | ShowLine) -> str:
        return printable(f"{show.started_wall[:16].replace('T', ' ')}")

    def show_labels(self, shows: list[ShowRecord]) -> list[str]:
        """A column per show: shows that started the same minute (a plan simulated or replayed several
        times) are told apart by their place in the comparison, #1, #2, ...; a show that was not a live
        one says what it was (彩排, 模拟, 演练), so no column passes for a real show."""
        labels = [self.show_label(show) for show in shows]
        labels = [f"{label} #{index}" if labels.count(label) > 1 else label
                  for index, label in enumerate(labels, start=1)]
        return [label if show.kind == "live" else f"{label} · {self.texts(f'shows.kind.{show.kind}')}"
                for label, show in zip(labels, shows, strict=True)]

    def rests_on(self, kinds: Sequence[str]) -> str:
        """How many shows a figure rests on and what they were: 依据 3 场（2 场直播、1 场彩排）."""
        counts = Counter(kinds)
        order = sorted(counts, key=lambda kind: (kind != "live", kind))
        listed = self.texts.listed(
            self.texts("compare.kind_count", count=counts[kind], kind=self.texts(f"shows.kind.{kind}"))
            for kind in order)
        return self.texts("compare.rests_on", count=len(kinds), kinds=listed)


Table = tuple[list[str], list[list[str]]]


def section_table(t: CompareText, comparison: Comparison, section: str) -> Table | None:
    """One section's figures, a column per show and the formula last; None for a section with no figure at all."""
    figures = [f for f in FIGURES if f.section == section]
    values = [comparison.values(f) for f in figures]
    if section == "platform" and all(v is None for row in values for v in row):
        return None
    header = [t("report.metric"), *t.show_labels(comparison.shows), t("compare.formula")]
    return header, [[t.name(f), *(t.value(v, f.unit) for v in row), t.formula(f)] for f, row in zip(figures, values, strict=True)]


def kind_table(t: CompareText, comparison: Comparison) -> Table:
    return (
        [t("compare.kind"), t("compare.segments"), t("compare.shows"), t.name("overrun_rate"),
         t.name("mean_abs_drift"), t.name("online_lift"), t.name("lift_seconds"), t.name("interaction"),
         t.name("gmv_per_minute")],
        [[t(f"kind.{k.kind}"), str(k.segments), str(k.shows), t.value(k.overrun_rate, "percent"),
          t.value(k.mean_abs_drift, "clock"), t.value(k.online_lift, "percent"), t.value(k.lift_seconds, "clock"),
          t.value(k.interaction, "percent"), t.value(k.gmv_per_minute, "money")] for k in comparison.kinds])


def kind_formulas(t: CompareText) -> list[str]:
    return [f"{t.name(name)}: {t.formula(name)}" for name in ("online_lift", "lift_seconds", "mean_abs_drift")]


def product_table(t: CompareText, comparison: Comparison) -> Table:
    return (
        [t("compare.product"), "SKU", t("compare.shows"), t("compare.minutes"), t.name("clicks"), t.name("ctr"),
         t.name("orders"), t.name("gmv"), t.name("gmv_per_minute")],
        [[p.name, p.sku, str(p.shows), f"{p.minutes:.0f}", t.value(p.clicks, "number"), t.value(p.ctr, "percent"),
          t.value(p.orders, "number"), t.value(p.gmv, "money"), t.value(p.gmv_per_minute, "money")]
         for p in comparison.products])


def people_table(t: CompareText, rows: list[PersonRow], *, roles: bool) -> Table:
    """A row per person (with their roles) or, with `roles`, per role (the role is the row's name, said once)."""
    header = [t("compare.role" if roles else "compare.person"), *([] if roles else [t("compare.role")]),
              t("compare.shows"), t.name("on_air_minutes"), t.name("segments_led"), t.name("overrun_rate"),
              t.name("interaction"), t.name("ctr"), t.name("gmv_per_minute"), t.name("ack_median")]
    return (header,
            [[t(f"role.{p.name}") if roles else p.name,
              *([] if roles else [t.texts.listed(t(f"role.{r}") for r in p.roles)]), str(p.shows),
              f"{p.on_air_minutes:.0f}", str(p.segments), t.value(p.overrun_rate, "percent"),
              t.value(p.interaction, "percent"), t.value(p.ctr, "percent"), t.value(p.gmv_per_minute, "money"),
              t.value(p.ack_median, "seconds")] for p in rows])
