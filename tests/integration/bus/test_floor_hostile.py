"""The floor against whatever the summary bucket holds, on a real nats-server, in Pilot: a value
that is not a room's summary (not JSON, non-finite or absurd figures, wrong types, missing keys,
a summary naming another room than its key) shows that room as unreadable; the floor neither
crashes nor draws numbers nobody sent. A room that publishes a good summary again is shown again."""

from __future__ import annotations

import json

import nats

from rhythm_console.bus.config import SUMMARY_BUCKET, bus_config
from rhythm_console.bus.floor import FloorClient
from rhythm_console.i18n import Texts
from rhythm_console.summary import RoomSummary
from rhythm_console.ui.floor import FloorApp, RoomScreen, RoomTile
from tests.app.test_floor_app import FloorClock, room
from tests.support.waiting import until


def good(name: str, **changes: object) -> dict:
    summary = json.loads(room(name).model_dump_json())
    summary.update(changes)
    return summary


def text(value: object) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def with_segment(name: str, **changes: object) -> dict:
    summary = good(name)
    summary["current"] = {**summary["current"], **changes}
    return summary


HOSTILE = {
    "notjson": b"{not json",
    "binary": b"\xff\xfe\x00",
    "nan": b'{"room": "nan", "drift": NaN}' ,
    "infinite": text(good("infinite")).replace(b'"online":1000.0', b'"online":1e999'),
    "nanfield": text(good("nanfield")).replace(b'"gmv":12345.0', b'"gmv":NaN'),
    "huge": text(good("huge", gmv=1e300)),
    "hugeclock": text(with_segment("hugeclock", remaining=1e300)),
    "hugeseq": text(good("hugeseq", seq=10**30)),
    "wrongtype": text(good("wrongtype", online="很多")),
    "stringnumber": text(good("stringnumber", drift="12")),
    "listsummary": text([good("listsummary")]),
    "missing": text({key: value for key, value in good("missing").items() if key != "status"}),
    "badphase": text(good("badphase", phase="exploded")),
    "badend": text(good("badend", projected_end="tomorrow-ish")),
    "liar": text(good("someoneelse")),  # put under another room's key
    "manyparams": text(good("manyparams", alerts=[{"alert": "a", "message": "m",
                                                   "params": {str(n): n for n in range(1000)}}])),
}
READABLE = {
    "good": text(good("good")),
    "markup": text(good("markup", title="[/] [bold]上链接[/bold] [link=x]", manager="[red]")),
    "edges": text(with_segment("edges", remaining=-29 * 86400.0, planned=29 * 86400.0)),
}


UNREADABLE = Texts("en")("floor.unreadable")


async def put_all(url: str, values: dict[str, bytes]) -> None:
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        try:
            kv = await js.key_value(SUMMARY_BUCKET)
        except nats.js.errors.BucketNotFoundError:
            kv = await js.create_key_value(bucket=SUMMARY_BUCKET, history=1)
        for key, value in values.items():
            await kv.put(key, value)
    finally:
        await client.close()


async def test_any_value_in_the_summary_bucket_shows_its_room_as_unreadable(nats_server):
    await put_all(nats_server.url, {**HOSTILE, **READABLE})
    clock = FloorClock()
    app = FloorApp(Texts("en"), None, clock, repaint_every=3600)
    app.client = FloorClient(bus_config(nats_server.url), "test", app.summary_arrived,  # as Messages, as `floor` runs
                             on_unreadable=app.unreadable_arrived, monotonic=clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await until(lambda: len(app.rooms) + len(app.unreadable) == len(HOSTILE) + len(READABLE), limit=1000)
        app.repaint()
        await pilot.pause()
        assert set(app.unreadable) == set(HOSTILE)
        assert set(app.rooms) == set(READABLE)
        by_room = {tile.room: tile for tile in app.query(RoomTile) if tile.room is not None}
        for name in HOSTILE:
            assert by_room[name].has_class("unreadable")
            assert str(by_room[name].content) == UNREADABLE
        assert "上链接" in str(by_room["markup"].border_title)
        assert "someoneelse" not in app.rooms  # the liar's summary is not drawn as another room
        # Unreadable rooms come first: they need someone to look.
        assert set([tile.room for tile in app.query(RoomTile)][:len(HOSTILE)]) == set(HOSTILE)
        app.open_room("nan")
        await pilot.pause()
        assert not isinstance(app.screen, RoomScreen)  # nothing to open

        # The room's console publishes a good summary again: the room is back.
        await put_all(nats_server.url, {"nan": text(good("nan"))})
        await until(lambda: "nan" in app.rooms, limit=1000)
        app.repaint()
        await pilot.pause()
        assert "nan" not in app.unreadable
        assert app.client.malformed == len(HOSTILE)
        # And a room that goes bad while its screen is open says so there too.
        app.open_room("good")
        await pilot.pause()
        await put_all(nats_server.url, {"good": b"null"})
        await until(lambda: "good" in app.unreadable, limit=1000)
        app.repaint()
        await pilot.pause()
        assert UNREADABLE in str(app.screen.query_one("#floor-header").content)
    assert app.return_code in (None, 0)


def test_every_summary_the_console_publishes_is_readable():
    # The floor's checks are strict (types, finite and bounded figures): what summarize makes passes them.
    for summary in (room("A"), room("B", minutes=6, alerts=3), room("C", ended=True)):
        assert RoomSummary.model_validate_json(summary.model_dump_json()) == summary
