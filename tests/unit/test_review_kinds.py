"""The review's rules for 憋单 and 返场 (issue 25.1): a hold's online target met (and when) or missed; a revisit's
products and what it sold; both said in the report's findings."""

from __future__ import annotations

from rhythm_console.clock import ManualClock
from rhythm_console.events import Advance, MetricSample, ShowEnded, ShowStarted
from rhythm_console.i18n import Texts
from rhythm_console.phrases import finding_words
from rhythm_console.plan import parse_plan
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review

PLAN = """\
show: {title: 憋单测试}
defaults: {hold: {online: 300}}
segments:
  - {id: knit, kind: 讲品, title: 开衫, duration: 5m, product: {name: 开衫, price: 99}}
  - {id: scarf, kind: 秒杀, title: 围巾秒杀, duration: 5m, product: {name: 围巾, price: 9}}
  - {id: hold-1, kind: 憋单, title: 憋单一, duration: 5m, hold: {online: 500, longest: 3m}}
  - {id: hold-2, kind: 憋单, title: 憋单二, duration: 5m}
  - {id: again, kind: 返场, title: 返场, duration: 5m, revisit: [围巾, 开衫]}
"""


def sample(at, online, orders=0, gmv=0):
    return MetricSample(at=at, values={"online": online, "orders": orders, "gmv": gmv})


def review_of(events):
    return build_review(parse_plan(PLAN, "p.yaml"), events, started_wall=ManualClock().wall())


EVENTS = [ShowStarted(at=0), Advance(at=300), Advance(at=600),
          sample(620, 200), sample(700, 450), sample(730, 520), sample(800, 700),  # hold-1: 500 reached 130 s in
          Advance(at=900), sample(950, 250), sample(1100, 280),  # hold-2: the default 300 never reached
          Advance(at=1200), sample(1210, 300, 10, 1000), sample(1490, 320, 25, 2500), ShowEnded(at=1500)]


def test_a_holds_target_met_and_when_or_missed():
    review = review_of(EVENTS)
    first, second = review.hold_targets
    assert (first.target, first.longest, first.reached_after, first.peak, first.met) == (500, 180, 130, 700, True)
    assert (second.target, second.peak, second.met) == (300, 280, False)  # the plan's defaults.hold


def test_reached_only_after_its_longest_wait_is_missed():
    events = [ShowStarted(at=0), Advance(at=300), Advance(at=600), sample(620, 100), sample(850, 600), ShowEnded(at=900)]
    hold = review_of(events).hold_targets[0]
    assert hold.reached_after == 250 and hold.met is False  # put up at 3:00 at the latest


def test_a_hold_without_online_figures_is_not_judged():
    hold = review_of([ShowStarted(at=0), Advance(at=300), Advance(at=600), ShowEnded(at=700)]).hold_targets[0]
    assert hold.peak is None and hold.met is None


def test_a_revisit_lists_its_products_and_what_it_sold():
    (revisit,) = review_of(EVENTS).revisits
    assert revisit.products == ["围巾", "开衫"] and (revisit.orders, revisit.gmv) == (15, 1500)


def test_the_findings_say_them_in_the_report():
    review = review_of(EVENTS)
    said = [finding_words(Texts("zh"), finding) for finding in review.findings]
    assert "憋单“憋单一”达到目标：开始 2:10 后在线到 500 人。" in said
    assert "憋单“憋单二”没有达到目标 300 人（在线最高 280）。" in said
    assert "返场“返场”讲了 2 款：围巾、开衫，期间成交 15 单、¥1,500。" in said
    text = render_markdown(review, "zh")
    assert "憋单“憋单一”达到目标" in text and "返场“返场”讲了 2 款" in text
    english = [finding_words(Texts("en"), finding) for finding in review.findings]
    assert "The hold “憋单一” met its target: 500 online 2:10 in." in english
