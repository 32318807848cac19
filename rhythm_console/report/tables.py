"""The review's tables as words: the same headers and cells for Markdown and HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

from rhythm_console.phrases import request_words, requester
from rhythm_console.report.text import ReportText
from rhythm_console.review import Review
from rhythm_console.review.lottery import BASELINE, LotteryReview


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns aligned as numbers
    classes: list[dict[int, str]] = field(default_factory=list)  # per row: column -> CSS class (HTML only)


def segment_label(t: ReportText, title: str, inserted: bool) -> str:
    return (f"[{t('inserted')}] " if inserted else "") + title


def timing(review: Review, t: ReportText) -> Table:
    """Planned, budget after the manager's changes, actual, and the verdict against the budget."""
    rows, classes = [], []
    for s in review.segments:
        budget = t.clock(s.budget) + (f" ({t.clock(s.extended, sign=True)})" if s.extended else "")
        rows.append([segment_label(t, s.title, s.inserted), t.word("kind", s.kind.value), t.owner(s),
                     t.clock(s.planned), budget, t.clock(s.actual), t.verdict(s)])
        classes.append({6: s.verdict.kind.value} if s.verdict else {})
    return Table([t("segment"), t("kind"), t("owner"), t("planned"), t("budget"), t("actual"), t("verdict_budget")],
                 rows, frozenset({3, 4, 5}), classes)


def figures(review: Review, t: ReportText) -> Table:
    """Each segment's figures from the feed; beside them the platform's (its per-minute export), when annotated."""
    curve = review.platform
    rows = []
    for s in review.segments:
        f = s.figures
        # Clicks and CTR only say something where there was a product to click on (docs/metrics.md): elsewhere
        # the one-minute CTR still carries the product segment before (clicks 0, CTR 0.5%).
        presents = s.product is not None
        rows.append([segment_label(t, s.title, s.inserted), t.number(f.online_average), t.number(f.online_peak),
                     t.percent(f.interaction_average), t.number(f.growth("comments")),
                     t.number(f.growth("product_clicks")) if presents else "—",
                     t.percent(f.ctr) if presents else "—", t.number(f.growth("orders")),
                     t.number(f.growth("gmv"), "¥{:,.0f}")])
        if curve is not None:
            theirs = curve.segments.get(s.id)
            rows[-1] += [t.number(theirs.online_average if theirs else None),
                         t.number(theirs.gmv if theirs else None, "¥{:,.0f}")]
    header = [t("segment"), t("online_avg"), t("online_peak"), t("interaction"), t("comments"), t("clicks"),
              t("ctr"), t("orders"), t("gmv")]
    if curve is not None:
        header += [t("platform_online"), t("platform_gmv")]
    return Table(header, rows, frozenset(range(1, len(header))))


def interventions(review: Review, t: ReportText) -> Table:
    return Table([t("when"), t("segment"), t("action")],
                 [[t.time_of(review, item.at), item.title or "—", t.intervention(item)]
                  for item in review.interventions])


def products(review: Review, t: ReportText) -> Table:
    rows = []
    for p in review.products:
        presented = bool(p.segment_ids)
        rows.append([p.name, t.money(p.price), t.number(p.stock),
                     t.number(p.orders) if presented else t("not_presented"),
                     t.percent(p.sell_through) if presented else "—",
                     t.time_of(review, p.sold_out_at) if p.sold_out_at is not None
                     else t("not_sold_out") if presented else "—",
                     t.number(p.gmv, "¥{:,.0f}") if presented else "—"])
    return Table([t("product"), t("price"), t("stock_start"), t("orders"), t("sell_through"), t("sold_out_at"),
                  t("gmv")], rows, frozenset({1, 2, 3, 4, 6}))


def _before_during(t: ReportText, lottery: LotteryReview, name: str) -> str:
    now = lottery.during.per_minute(name)
    then = lottery.before.per_minute(name) if lottery.before is not None else None
    return f"{t.number(then, '{:,.1f}')} → {t.number(now, '{:,.1f}')}"


def _lift(t: ReportText, value: float | None) -> str:
    return "—" if value is None else f"{value:+.0%}"


def lotteries(review: Review, t: ReportText) -> Table:
    rows = [[lot.title, _before_during(t, lot, "comments"), _lift(t, lot.lift("comments")),
             _before_during(t, lot, "entries"), _lift(t, lot.lift("entries")), t.percent(lot.participation)]
            for lot in review.lotteries]
    return Table([t("segment"), f"{t('comments_per_min')} ({t('before_during')})", t("lift"),
                  f"{t('entries_per_min')} ({t('before_during')})", t("lift"), t("participation")],
                 rows, frozenset({1, 2, 3, 4, 5}))


def lottery_note(t: ReportText) -> str:
    return t("lottery_note", minutes=BASELINE / 60)


def cues(review: Review, t: ReportText) -> Table:
    return Table([t("sent"), t("text"), t("level"), t("origin"), t("ack")],
                 [[t.time_of(review, c.at), c.text, t.word("level", c.level), t.origin(c, review),
                   t.acks(c)] for c in review.cues])


def alerts(review: Review, t: ReportText) -> Table:
    return Table([t("raised"), t("text"), t("suggest"), t("lasted")],
                 [[t.time_of(review, a.raised_at), t.alert(a, review), t.suggestion(a, review),
                   t.clock(a.duration(review.end))] for a in review.alerts], frozenset({3}))


def requests(review: Review, t: ReportText) -> Table:
    """The panes' requests (扁平化): who asked, when, what, the answer, and how long it waited for it
    (an unanswered one, until the show's end)."""
    rows = []
    for r in review.requests:
        answer = ("unanswered" if r.accepted is None else "undone" if r.undone_at is not None
                  else "accepted" if r.accepted else "declined")
        waited = (r.answered_at if r.answered_at is not None else max(review.end, r.at)) - r.at
        who = requester(t.texts, r.by)
        rows.append([t.time_of(review, r.at), who, request_words(t.texts, r.kind, r.text),
                     t(f"requests.{answer}"), t.clock(waited)])
    return Table([t("requests.asked"), t("requests.who"), t("requests.what"), t("requests.answer"),
                  t("requests.waited")], rows, frozenset({4}))


def action_items(review: Review, t: ReportText, blank_rows: int = 3) -> Table:
    """The meeting's own section: what a plan already suggests, then blank rows to fill in."""
    rows = [[item, "", ""] for item in review.action_items] + [["", "", ""] for _ in range(blank_rows)]
    return Table([t("item"), t("owner"), t("due")], rows)
