"""Stock moves with orders: per-product sold figures, the remaining stock on the console and the pane,
and a sold-out alert that points at the plan's sold-out contingency."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.link.frames import state_frame
from rhythm_console.metrics.room import EventKind, RoomEvent, RoomMetrics
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession
from rhythm_console.show import fold
from rhythm_console.sources.simulated import SimulatedSource
from rhythm_console.stock import remaining_stock, sold_out_contingency
from rhythm_console.ui.manager import ManagerApp
from tests.support.console_helpers import text_of

PLAN = """
show: {title: 库存测试}
segments:
  - {id: open, kind: opening, title: 开场, duration: 2m}
  - id: coat
    kind: product
    title: 大衣
    duration: 10m
    product: {sku: C-1, name: 羊毛大衣, price: 899, stock: 3}
  - {id: scarf, kind: product, title: 围巾, duration: 5m, product: {name: 围巾, price: 99}}
contingencies:
  - {id: link-broken, title: 链接失效, trigger: 链接打不开, steps: [稳住观众]}
  - {id: restock, title: 爆款提前售罄, trigger: 库存归零, steps: [引导加粉丝团, 立刻过款]}
"""


@pytest.fixture
def plan():
    return parse_plan(PLAN, "stock.yaml")


def test_orders_count_against_the_product_they_name_or_the_one_being_sold():
    room = RoomMetrics()
    room.event(EventKind.order, 1.0, amount=899, product="C-1")
    room.selling = "围巾"
    room.add(RoomEvent(at=2.0, kind=EventKind.order, count=2, amount=198))
    room.selling = None
    room.event(EventKind.order, 3.0, amount=10)  # nothing being sold: counted in orders only
    figures = room.figures(3.0)
    assert figures["sold:C-1"] == 1 and figures["sold:围巾"] == 2 and figures["orders"] == 4
    resumed = RoomMetrics()
    resumed.restore(figures)
    resumed.event(EventKind.order, 4.0, product="C-1")
    assert resumed.figures(4.0)["sold:C-1"] == 2
    assert "sold:C-1" not in RoomMetrics(provides_commerce=False).figures(0.0)


def test_the_sold_out_contingency_is_found_by_id_then_title_then_trigger(plan):
    assert sold_out_contingency(plan).id == "restock"  # by its title
    by_id = parse_plan(PLAN.replace("id: link-broken", "id: sold-out"), "stock.yaml")
    assert sold_out_contingency(by_id).id == "sold-out"
    by_trigger = parse_plan(PLAN.replace("爆款提前售罄", "补货").replace("库存归零", "Sold Out"), "stock.yaml")
    assert sold_out_contingency(by_trigger).id == "restock"
    none = parse_plan(PLAN.replace("爆款提前售罄", "补货").replace("库存归零", "缺少主播"), "stock.yaml")
    assert sold_out_contingency(none) is None


async def test_stock_counts_down_on_the_console_and_the_pane_and_sold_out_raises_an_alert(plan, tmp_path):
    clock = ManualClock()
    path = tmp_path / "stock.jsonl"
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh")
    app = ManagerApp(session, Texts("zh"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space", "space", "y")  # the coat (early: confirmed)
        coat = plan.segments[1].product
        session.room.event(EventKind.order, session.now(), amount=899)  # the source names no product
        clock.advance(1)
        app.keep_time()
        await pilot.pause()
        assert remaining_stock(session.state, coat) == 2
        assert "库存 2/3" in text_of(app, "#current-product")
        assert "库存 2/3" in state_frame(session).segment.product and state_frame(session).segment.stock_left == 2
        assert "售罄" not in text_of(app, "#alerts-body")
        session.room.event(EventKind.order, session.now(), count=2, amount=1798)
        clock.advance(1)
        app.keep_time()
        await pilot.pause()
        assert "库存 0/3 售罄" in text_of(app, "#current-product")
        assert "羊毛大衣 已售罄 → 预案「爆款提前售罄」" in text_of(app, "#alerts-body")
        assert state_frame(session).segment.stock_left == 0
        await pilot.press("space", "y")  # on to the scarf (early: confirmed): the alert ends with its segment
        clock.advance(1)
        app.keep_time()
        await pilot.pause()
        assert "售罄" not in text_of(app, "#alerts-body")
    session.close()
    replayed = fold(plan, read_journal(path).events)  # the journal alone gives the same stock
    assert remaining_stock(replayed, coat) == 0 and replayed.metrics["sold:C-1"] == 3


def test_the_simulated_room_sells_until_the_stock_is_gone_and_no_further(plan):
    clock = ManualClock()
    session = LiveSession(plan, clock, lang="zh")
    source = SimulatedSource(session, seed=5, scale=40)
    session.start_or_advance()
    session.start_or_advance()  # the coat: 3 in stock
    for _ in range(300):
        clock.advance(1)
        source.feed(session.room)
        session.second()
    assert session.state.metrics["sold:C-1"] == 3
    assert remaining_stock(session.state, plan.segments[1].product) == 0
    assert any(alert.code == "sold_out_playbook" for alert in session.state.alerts)
