"""The floor in Pilot: a tile per room, sorted by attention or by name, a silent room greyed with
its age, an ended one dimmed; the room's own screen; snapshots at 80x24 (six rooms) and 120x40."""

from __future__ import annotations

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.events import AlertRaised, MetricSample
from rhythm_console.i18n import Texts
from rhythm_console.plan import CueLevel, parse_plan
from rhythm_console.session import LiveSession
from rhythm_console.summary import RoomSummary, summarize
from rhythm_console.ui.floor import FloorApp, RoomScreen, RoomTile
from tests.support.plans import SMALL_PLAN


class FloorClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def room(name: str, *, minutes: float = 1, alerts: int = 0, online: tuple[float, float] = (1000, 1000),
         ended: bool = False, manager: str = "小王") -> RoomSummary:
    plan = parse_plan(SMALL_PLAN.replace("show: {title: 小测试}", f"show: {{title: 直播间{name}, goals: {{gmv: 50000}}}}\n"
                                         f"team: {{manager: {manager}}}"))
    clock = ManualClock()
    session = LiveSession(plan, clock, lang="zh", advise=False)
    session.start_or_advance()
    session.submit(MetricSample(at=0, values={"online": online[0], "gmv": 0}))
    clock.advance(minutes * 60)
    session.submit(MetricSample(at=session.now(), values={"online": online[1], "gmv": 12345, "interaction_rate": 0.1}))
    for number in range(alerts):
        session.submit(AlertRaised(at=session.now(), alert=f"a{number}", message="在线下滑", suggest=None,
                                   level=CueLevel.warn))
    if ended:
        session.end_show()
    return summarize(session.state, session.now(), room=name, session=session.session_id, seq=5,
                     started_wall=session.started_wall, history=session.history, panes=["host"], source_age=1.0)


def floor_with(*summaries: RoomSummary) -> tuple[FloorApp, FloorClock]:
    clock = FloorClock()
    app = FloorApp(Texts("zh"), None, clock, repaint_every=3600)
    for summary in summaries:
        app.take_summary(summary, clock.now)
    return app, clock


def tiles(app: FloorApp) -> list[RoomTile]:
    return [tile for tile in app.query(RoomTile) if tile.room is not None]


async def test_a_tile_per_room_sorted_by_attention_then_by_name():
    app, clock = floor_with(room("A"), room("B", minutes=6), room("C", alerts=2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # B over-runs its five-minute opening, C has two alerts, A is calm.
        assert [tile.room for tile in tiles(app)] == ["B", "C", "A"]
        assert "直播间B" in str(tiles(app)[0].border_title)
        assert "开场" in str(tiles(app)[0].content)
        await pilot.press("o")
        assert [tile.room for tile in tiles(app)] == ["A", "B", "C"]


async def test_summaries_from_the_bus_arrive_as_messages_and_a_room_s_newest_one_is_drawn():
    app, clock = floor_with()
    heard = []
    async with app.run_test(size=(120, 40), message_hook=heard.append) as pilot:
        for name, minutes in (("A", 1), ("B", 1), ("A", 6)):  # as the floor client calls back
            app.summary_arrived(room(name, minutes=minutes), clock.now)
        await pilot.pause()
        by_room = {tile.room: tile for tile in tiles(app)}
        assert set(by_room) == {"A", "B"}
        assert "−1:00" in str(by_room["A"].content)  # A's newer summary: a minute over its five-minute opening
        assert [tile.room for tile in tiles(app)][0] == "A"  # over-running: it needs attention first
    assert any(type(message).__name__ == "RoomHeard" for message in heard)


async def test_a_silent_room_is_greyed_with_its_age_and_an_ended_one_dimmed():
    app, clock = floor_with(room("A"), room("B"), room("C", ended=True))
    async with app.run_test(size=(120, 40)) as pilot:
        clock.now += 12
        app.take_summary(room("A"), clock.now)  # A keeps talking; B has been silent 12 s
        app.repaint()
        await pilot.pause()
        by_room = {tile.room: tile for tile in tiles(app)}
        assert by_room["B"].has_class("quiet") and "0:12" in str(by_room["B"].border_subtitle)
        assert not by_room["A"].has_class("quiet")
        assert by_room["C"].has_class("ended") and not by_room["C"].has_class("quiet")
        assert [tile.room for tile in tiles(app)][-1] == "C"  # an ended show needs nobody


async def test_enter_opens_the_room_s_rundown_and_alerts():
    app, clock = floor_with(room("A", alerts=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tiles(app)[0].focus()
        await pilot.press("enter")
        assert isinstance(app.screen, RoomScreen)
        assert "大衣" in str(app.screen.query_one("#room-rundown").content)
        assert "在线下滑" in str(app.screen.query_one("#room-alerts").content)
        await pilot.press("escape")
        assert not isinstance(app.screen, RoomScreen)


SIX = [("A", {}), ("B", {"minutes": 6}), ("C", {"alerts": 2}), ("D", {"online": (2000, 1500)}),
       ("E", {"ended": True}), ("F", {"minutes": 4.5})]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_floor_snapshot(snap_compare, size):
    app, clock = floor_with(*(room(name, **options) for name, options in SIX))

    async def settle(pilot):
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=settle)


async def test_six_rooms_fit_at_80x24():
    app, clock = floor_with(*(room(name, **options) for name, options in SIX))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        visible = [tile for tile in tiles(app) if tile.region.bottom <= 24 and tile.region.height]
        assert len(visible) == 6


class SentCues:
    """Stands in for the floor client: what the app asked to send, and the room's answer."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, CueLevel, str | None]] = []
        self.connected = True

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send_cue(self, room_name, text, level, target):
        from rhythm_console.bus.floor import CueOutcome

        self.sent.append((room_name, text, level, target))
        return CueOutcome(kind="sent", cue=1)


async def test_a_cue_from_the_room_screen_reaches_a_room_with_a_pane_connected():
    # The room's summary names its panes ("host"): the dialog lists them (it crashed on plain names).
    client = SentCues()
    clock = FloorClock()
    app = FloorApp(Texts("zh"), client, clock, repaint_every=3600)
    app.take_summary(room("B"), clock.now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tiles(app)[0].focus()
        await pilot.press("enter", "c")
        await pilot.pause()
        from textual.widgets import OptionList

        assert [str(option.prompt) for option in app.screen.query_one("#cue-target", OptionList).options][1:] == ["host"]
        for character in "注意节奏":
            await pilot.press(character)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert client.sent == [("B", "注意节奏", CueLevel.info, None)]


def test_a_show_ended_early_names_no_next_segment_and_no_drift():
    seen_room = room("A", ended=True)
    assert seen_room.next is not None and seen_room.drift is not None  # what the summary still carries
    from rhythm_console.ui.floor import RoomSeen, tile_text

    text = str(tile_text(Texts("zh"), RoomSeen(seen_room, 0.0), 0.0))
    assert "已结束" in text
    assert seen_room.next.title not in text and "偏差" not in text and "领先" not in text


async def test_the_focus_follows_its_room_when_the_order_changes():
    # The focus stayed on a place: B was selected, C raised alerts and moved up, and Enter opened C.
    app, clock = floor_with(room("A"), room("B"), room("C"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.focused.room == "A"  # the first room is selected from the start
        next(tile for tile in tiles(app) if tile.room == "B").focus()
        await pilot.pause()
        app.take_summary(room("C", alerts=2), clock.now)
        app.repaint()
        await pilot.pause()
        assert [tile.room for tile in tiles(app)][0] == "C"
        assert app.focused.room == "B"
        await pilot.press("enter")
        assert isinstance(app.screen, RoomScreen) and app.screen.room == "B"
