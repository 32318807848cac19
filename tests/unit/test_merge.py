"""Several sources at once: figures merged by kind, each read from one source, never counted twice (issue 20.2)."""

from hypothesis import given
from hypothesis import strategies as st

from rhythm_console.metrics.room import EventKind, RoomMetrics
from rhythm_console.sources.merge import DOUYIN_FIGURES, EVERY_FIGURE, FIGURE_OF_KIND, MergedRoom, source_numbers

KINDS = list(EventKind)
# One delivery: (source 0 or 1, an event kind or a snapshot, a count)
deliveries = st.lists(st.tuples(st.integers(0, 1), st.sampled_from([*KINDS, "snapshot"]), st.integers(1, 20)),
                      max_size=60)
capabilities = st.sampled_from([None, DOUYIN_FIGURES, EVERY_FIGURE])


def _feed(sink, kind, count, at):
    if kind == "snapshot":
        sink.snapshot(at, online=count * 100, likes_total=count * 1000)
    else:
        sink.event(kind, at, count, float(count), user=f"u{count}")


def _alone(stream):
    room = RoomMetrics()
    for at, (kind, count) in enumerate(stream):
        _feed(room, kind, count, float(at))
    return room


@given(deliveries, capabilities, capabilities)
def test_merging_two_sources_never_double_counts_a_figure(stream, first, second):
    """Whatever the two sources send, each figure's total is one source's own total, never their sum."""
    merged = MergedRoom(RoomMetrics(), [first, second])
    for at, (index, kind, count) in enumerate(stream):
        _feed(merged.sinks[index], kind, count, float(at))
    apart = [_alone([(kind, count) for index, kind, count in stream if index == source]) for source in (0, 1)]
    for kind in KINDS:
        owner = merged.owners.owner(FIGURE_OF_KIND[kind])
        expected = 0 if owner is None else apart[owner].totals[kind]
        assert merged.room.totals[kind] == expected
    owner = merged.owners.owner("orders")
    assert merged.room.gmv == (0 if owner is None else apart[owner].gmv)


@given(st.lists(st.tuples(st.sampled_from([*KINDS, "snapshot"]), st.integers(1, 20)), max_size=40),
       st.lists(st.booleans(), min_size=40, max_size=40), capabilities, capabilities)
def test_two_collectors_on_one_room_count_it_once(stream, second_first, first, second):
    """Two sources delivering the same messages, in either order: the figures of one source alone."""
    merged = MergedRoom(RoomMetrics(), [first, second])
    for at, ((kind, count), swap) in enumerate(zip(stream, second_first, strict=False)):
        for index in ((1, 0) if swap else (0, 1)):
            _feed(merged.sinks[index], kind, count, float(at))
    alone = _alone(stream)
    assert merged.room.totals == alone.totals
    assert merged.room.gmv == alone.gmv
    assert merged.room.online == alone.online and merged.room.likes_total_reported == alone.likes_total_reported


def test_a_douyin_feed_and_a_shop_feed_are_merged_by_kind():
    """douyin first: online, comments and follows from it, even what the shop's jsonl says of them;
    clicks and orders, which Douyin does not carry, from the jsonl."""
    merged = MergedRoom(RoomMetrics(), [DOUYIN_FIGURES, None])
    douyin, shop = merged.sinks
    shop.snapshot(0.0, online=99)  # arrives first, but online is the douyin feed's
    shop.event(EventKind.comment, 0.0, user="x")
    douyin.snapshot(1.0, online=1840)
    douyin.event(EventKind.comment, 1.0, user="a")
    douyin.event(EventKind.follow, 1.0, user="a")
    shop.event(EventKind.click, 1.0, user="b")
    shop.event(EventKind.order, 1.0, amount=899.0, user="b")
    room = merged.room
    assert room.online == 1840 and room.totals[EventKind.comment] == 1
    assert room.totals[EventKind.click] == 1 and room.gmv == 899.0
    assert shop.shadowed == 2 and douyin.shadowed == 0
    assert merged.figure_sources()["online"] == 0 and merged.figure_sources()["orders"] == 1
    assert (shop.items, douyin.items) == (4, 3)  # each source's own sign of life, kept or not


def test_one_source_writes_into_the_room_itself():
    room = RoomMetrics()
    assert MergedRoom(room, [None]).sinks == [room]


def test_sources_of_one_kind_are_numbered():
    assert source_numbers(["douyin", "jsonl", "jsonl"]) == [None, 1, 2]
    assert source_numbers(["douyin"]) == [None]
