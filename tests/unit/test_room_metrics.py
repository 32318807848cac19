"""Rolling figures on hand-computed fixtures (formulas: docs/metrics.md)."""

import pytest

from rhythm_console.metrics.room import HISTORY_SECONDS, MAX_AMOUNT, Acts, EventKind, RoomMetrics, write_acts


def _room():
    room = RoomMetrics()
    room.snapshot(0, online=1000, cumulative_viewers=4000)
    # Within the last minute before t=100: 3 comments (users a, b, a), a like batch of 20 (user c), a share (anon).
    room.event(EventKind.comment, 50, user="a")
    room.event(EventKind.comment, 60, user="b")
    room.event(EventKind.comment, 99.5, user="a")
    room.event(EventKind.like, 70, count=20, user="c")
    room.event(EventKind.share, 80)
    # Commerce: 10 clicks, 2 orders of 199 and 299.
    for second in range(90, 100):
        room.event(EventKind.click, second, user=f"k{second}")
    room.event(EventKind.order, 95, amount=199)
    room.event(EventKind.order, 96, amount=299)
    # Old enough to fall outside the minute, but still in the totals.
    room.event(EventKind.comment, 10, user="z")
    room.event(EventKind.follow, 20)
    room.snapshot(99, online=1200)
    return room


def test_figures_by_hand():
    figures = _room().figures(100)
    assert figures["online"] == 1200 and figures["online_peak"] == 1200
    assert figures["comments_per_min"] == 3
    assert figures["likes_per_min"] == 20
    assert figures["comments"] == 4 and figures["new_followers"] == 1
    # distinct interacting users a, b, c plus one anonymous share = 4, over 1200 online
    assert figures["interaction_rate"] == pytest.approx(4 / 1200)
    assert figures["product_clicks_per_min"] == 10
    assert figures["ctr"] == pytest.approx(10 / 1200)
    assert figures["orders"] == 2 and figures["gmv"] == 498
    assert figures["conversion"] == pytest.approx(2 / 10)
    assert figures["gpm"] == pytest.approx(498 * 1000 / 4000)
    assert figures["uv_value"] == pytest.approx(498 / 4000)


def test_the_minute_window_slides():
    room = _room()
    assert room.figures(200)["comments_per_min"] == 0
    assert room.figures(200)["comments"] == 4  # totals never slide


def test_commerce_figures_are_absent_when_the_source_has_none():
    room = RoomMetrics(provides_commerce=False)
    room.snapshot(0, online=10)
    figures = room.figures(1)
    assert "orders" not in figures and "gmv" not in figures and "ctr" not in figures


def test_memory_is_bounded_by_the_history_window():
    room = RoomMetrics()
    for second in range(4 * 3600):
        room.event(EventKind.comment, second + 0.5, user=f"u{second}")
    assert len(room._buckets) <= HISTORY_SECONDS
    assert room.totals[EventKind.comment] == 4 * 3600


def test_a_user_interacting_every_second_counts_once_and_leaves_the_window():
    room = RoomMetrics()
    room.snapshot(0, online=100)
    for second in range(30):
        room.event(EventKind.comment, second, user="fan")
    room.event(EventKind.like, 40, count=3, user="other")
    assert room.figures(45)["interaction_rate"] == pytest.approx(2 / 100)
    assert room.figures(95)["interaction_rate"] == pytest.approx(1 / 100)  # "fan" last spoke at 29
    room.event(EventKind.comment, 5, user="late")  # a late item still lands in its own second
    assert room.figures(60)["interaction_rate"] == pytest.approx(3 / 100)
    room.event(EventKind.comment, -HISTORY_SECONDS, user="ancient")  # older than the history
    assert "ancient" not in room._user_bucket


def _acts(second: int) -> Acts:
    """A busy second: users come back from earlier seconds, a click turns into an order."""
    users = [f"u{(second * 7 + n) % 23}" for n in range(12)]
    return Acts(entries=second % 4, commenters=users[:3], words=["多少钱", "好看", "链接"][: 3], likers=users[3:6],
                likes=[1, 9, 4], sharers=users[6:7], followers=users[7:8], gifters=users[8:9] if second % 3 else [],
                clickers=users[9:12], buyers=[users[0]] if second % 2 else [], bought=[1] if second % 2 else [],
                price=199.5, product="coat" if second % 5 else None)


@pytest.mark.parametrize("seconds", [
    [float(s) for s in range(0, 200, 3)],  # in order, the window sliding as it goes
    [50.0, 51.0, 40.0, 52.0, 51.5, -2000.0, 53.0, 105.0],  # late seconds (one older than the history), a second twice
    [10.0, float("nan"), 11.0],  # a time that is garbage: every act refused
])
def test_a_second_of_acts_counts_what_its_acts_one_by_one_would(seconds):
    from rhythm_console.audience.tracker import AudienceTracker
    one_by_one, at_once = RoomMetrics(audience=AudienceTracker()), RoomMetrics(audience=AudienceTracker())
    for room in (one_by_one, at_once):
        room.selling = "scarf"
        room.snapshot(0.0, online=40)
    for at in seconds:
        second = int(at) if at == at else 0
        write_acts(one_by_one, at, _acts(second))
        at_once.acts(at, _acts(second))
        if at == at:
            assert at_once.figures(at) == one_by_one.figures(at)
    assert at_once.totals == one_by_one.totals and at_once.sold == one_by_one.sold
    assert (at_once.items, at_once.rejected) == (one_by_one.items, one_by_one.rejected)
    assert at_once.audience.take_examples() == one_by_one.audience.take_examples()


def test_acts_out_of_range_are_refused_as_events_are():
    one_by_one, at_once = RoomMetrics(), RoomMetrics()
    acts = Acts(entries=3, commenters=["a"], words=["hi"], clickers=["b"], buyers=["b"], bought=[0],
                price=MAX_AMOUNT * 2.0, likers=["c"], likes=[5])
    write_acts(one_by_one, 5.0, acts)
    at_once.acts(5.0, acts)
    assert at_once.rejected == one_by_one.rejected == 1  # the order
    assert at_once.figures(6.0) == one_by_one.figures(6.0)
