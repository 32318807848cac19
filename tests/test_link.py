"""The cue link: protocol, server and client on an ephemeral port, the HTTP API."""

import asyncio
import json

import aiohttp
import pytest
from pydantic import ValidationError

from rhythm_console.clock import ManualClock
from rhythm_console.link.client import LinkClient, LinkStatus, normalise_url
from rhythm_console.link.protocol import CONSOLE_FRAME, PANE_FRAME, Ack, CueFrame, Hello
from rhythm_console.link.server import LinkConfigError, LinkServer, check_bind, parse_listen
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession

from .waiting import until

TOKEN = "s3cret-token"


# ------------------------------------------------------------ protocol


def test_pane_frames_validate_strictly():
    assert isinstance(PANE_FRAME.validate_json('{"type": "hello", "name": "host", "last_seq": 3}'), Hello)
    assert PANE_FRAME.validate_json('{"type": "ack", "seq": 2}') == Ack(seq=2)
    for bad in ['{"type": "ack", "seq": 0}', '{"type": "cue", "seq": 1}', '{"type": "hello", "name": "a b"}',
                '{"type": "hello", "admin": true}', "[]"]:
        with pytest.raises(ValidationError):
            PANE_FRAME.validate_json(bad)


def test_console_frames_round_trip():
    frame = CueFrame(seq=1, text="上链接", level=CueLevel.urgent, sent_wall="2026-11-28T20:00:00+08:00")
    assert CONSOLE_FRAME.validate_json(frame.model_dump_json()) == frame


def test_bind_rules():
    assert parse_listen("127.0.0.1:8765") == ("127.0.0.1", 8765)
    assert parse_listen("[::1]:9000") == ("::1", 9000)
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("0.0.0.0", "tok")
    with pytest.raises(LinkConfigError, match="set a token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(LinkConfigError):
        parse_listen("nonsense")
    assert normalise_url("ws://127.0.0.1:8765") == "ws://127.0.0.1:8765/ws"
    with pytest.raises(ValueError):
        normalise_url("http://x")


# ------------------------------------------------------------ server and client


@pytest.fixture
async def console(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0, token=TOKEN)
    await server.start()
    yield session, server
    await server.stop()


def _client(server, name="host", token=TOKEN):
    cues, states, statuses = [], [], []
    client = LinkClient(server.url, name=name, token=token, on_cue=cues.append, on_state=states.append,
                        on_status=lambda status, reason: statuses.append((status, reason)), backoff=(0.02, 0.1))
    return client, cues, states, statuses


async def test_a_cue_reaches_the_pane_and_delivery_and_ack_are_journaled(console):
    session, server = console
    client, cues, states, _ = _client(server)
    client.start()
    await until(lambda: client.status is LinkStatus.connected and states)
    session.start_or_advance()
    session.send_cue("上链接！", CueLevel.urgent)
    await until(lambda: cues)
    assert cues[0].text == "上链接！" and cues[0].seq == 1
    await until(lambda: session.state.cue(1).delivered)
    assert await client.ack(1)
    await until(lambda: session.state.cue(1).acked)
    assert session.state.cue(1).acked[0][0] == "host"
    await until(lambda: states[-1].segment is not None)
    assert states[-1].segment.id == "open"
    await client.stop()


async def test_wrong_token_is_closed_with_a_reason_and_not_retried(console):
    session, server = console
    client, cues, _, statuses = _client(server, token="wrong")
    client.start()
    await until(lambda: client.status is LinkStatus.refused)
    assert statuses[-1] == (LinkStatus.refused, "wrong or missing token")
    assert not server.panes
    await client.stop()


async def test_reconnect_catches_up_by_seq_and_never_shows_twice(console):
    session, server = console
    client, cues, _, _ = _client(server)
    client.start()
    await until(lambda: client.status is LinkStatus.connected)
    session.send_cue("一", CueLevel.info)
    await until(lambda: len(cues) == 1)
    # The link drops; cues keep coming while it is down.
    for pane in list(server.panes):
        await pane.ws.close()
    await until(lambda: client.status is not LinkStatus.connected)
    session.send_cue("二", CueLevel.info)
    session.send_cue("三", CueLevel.warn)
    await until(lambda: len(cues) == 3)
    assert [c.text for c in cues] == ["一", "二", "三"]
    assert client.connections == 2
    await client.stop()


async def test_a_restarted_pane_gets_every_cue_with_its_acks(console):
    session, server = console
    first, _, _, _ = _client(server)
    first.start()
    await until(lambda: first.status is LinkStatus.connected)
    session.send_cue("一", CueLevel.info)
    await until(lambda: session.state.cue(1).delivered)
    await first.ack(1)
    await until(lambda: session.state.cue(1).acked)
    await first.stop()
    session.send_cue("二", CueLevel.info)
    second, cues, _, _ = _client(server)
    second.start()
    await until(lambda: len(cues) == 2)
    assert [(c.text, c.acked) for c in cues] == [("一", True), ("二", False)]
    await second.stop()


async def test_targeted_cues_reach_only_their_pane(console):
    session, server = console
    host, host_cues, _, _ = _client(server, name="host")
    assistant, assistant_cues, _, _ = _client(server, name="assistant")
    host.start()
    assistant.start()
    await until(lambda: len(server.panes) == 2)
    session.send_cue("只给助播", CueLevel.info, target="assistant")
    session.send_cue("大家", CueLevel.info)
    await until(lambda: len(assistant_cues) == 2 and len(host_cues) == 1)
    assert host_cues[0].text == "大家"
    await host.stop()
    await assistant.stop()


async def test_oversize_and_garbage_frames_are_refused(console):
    session, server = console
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(server.url) as ws:
            await ws.send_str("x" * (70 * 1024))
            message = await ws.receive()
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING)
        async with http.ws_connect(server.url) as ws:
            await ws.send_str('{"type": "ack", "seq": 1}')  # not a hello
            error = json.loads((await ws.receive()).data)
            assert error["type"] == "error" and "hello" in error["reason"]
    assert not server.panes


async def test_a_pane_cannot_ack_a_cue_that_does_not_exist(console):
    session, server = console
    client, _, _, _ = _client(server)
    client.start()
    await until(lambda: client.status is LinkStatus.connected)
    await client.ack(99)
    await asyncio.sleep(0.05)
    assert session.state.cues == ()
    await client.stop()


# ------------------------------------------------------------ HTTP


async def test_http_endpoints(console, small_plan):
    session, server = console
    base = f"http://127.0.0.1:{server.port}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/cue", json={"text": "x"}) as response:
            assert response.status == 401
        async with http.post(f"{base}/api/cue", json={"text": "x"}, headers={"Authorization": "Bearer nope"}) as response:
            assert response.status == 401
        async with http.post(f"{base}/api/cue", json={"text": "按钮提词", "level": "urgent"}, headers=auth) as response:
            assert response.status == 202 and (await response.json())["cue"] == 1
        async with http.post(f"{base}/api/cue", json={"preset": "1"}, headers=auth) as response:
            assert response.status == 202
        for body, reason in [({"preset": "8"}, "no cue preset"), ({"text": ""}, "non-empty"),
                             ({"text": "x", "level": "loud"}, "level must be"), ({"text": "x", "foo": 1}, "unknown field"),
                             ([1], "JSON object")]:
            async with http.post(f"{base}/api/cue", json=body, headers=auth) as response:
                assert response.status == 400 and reason in (await response.json())["error"]
        async with http.post(f"{base}/api/cue", data="not json", headers=auth) as response:
            assert response.status == 400
        async with http.post(f"{base}/api/advance", headers=auth) as response:
            assert response.status == 202 and (await response.json())["segment"] == "open"
        async with http.get(f"{base}/api/state", headers=auth) as response:
            state = await response.json()
            assert state["segment"]["title"] == "开场" and state["cues"] == 2
    assert [c.origin for c in session.state.cues] == ["http", "preset:1"]
    assert session.state.cues[0].text == "按钮提词"


async def test_a_console_with_no_pane_works_as_before(console):
    session, server = console
    assert session.start_or_advance() is None
    assert session.send_cue("没人听", CueLevel.info) is None
    assert session.state.cue(1).delivered == ()


async def test_a_pane_left_open_into_another_show_starts_afresh(small_plan):
    from datetime import timedelta

    first_clock = ManualClock()
    first = LiveSession(small_plan, first_clock, lang="zh")
    server = LinkServer(first, "127.0.0.1", 0)
    await server.start()
    port = server.port
    new_shows = []
    client, cues, _, _ = _client(server, token=None)
    client.on_new_show = lambda: new_shows.append(True)
    client.start()
    await until(lambda: client.status is LinkStatus.connected)
    first.send_cue("第一场的提词", CueLevel.info)
    await until(lambda: len(cues) == 1)
    await server.stop()
    # Another show on the same port: its cue 1 is new, not a duplicate.
    second = LiveSession(small_plan, ManualClock(start_wall=first_clock.wall() + timedelta(hours=3)), lang="zh")
    second.send_cue("第二场的提词", CueLevel.info)
    server = LinkServer(second, "127.0.0.1", port)
    await server.start()
    await until(lambda: len(cues) == 2)
    assert [c.text for c in cues] == ["第一场的提词", "第二场的提词"] and new_shows == [True]
    await client.stop()
    await server.stop()


def test_a_taken_port_is_reported_before_anything_starts():
    import socket

    from rhythm_console.link.server import ensure_port_free

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LinkConfigError, match="another console"):
            ensure_port_free("127.0.0.1", port)
    ensure_port_free("127.0.0.1", port)


async def test_a_pane_that_stops_reading_is_dropped_not_buffered_forever(console):
    from rhythm_console.link import server as server_module

    session, server = console
    client, cues, _, _ = _client(server)
    client.start()
    await until(lambda: client.status is LinkStatus.connected)
    pane = server.panes[0]
    # A stalled pane: the queue fills with no await in between, so its writer never drains it.
    for _ in range(server_module.OUTBOX_LIMIT):
        pane.outbox.put_nowait("x")
    session.send_cue("one too many", CueLevel.info)
    assert pane.dropped
    await until(lambda: pane not in server.panes)
    await client.stop()


async def test_a_refused_button_gets_the_code_and_english_words_and_state_has_the_phase(console):
    session, server = console
    base = f"http://127.0.0.1:{server.port}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    session.start_or_advance()
    session.end_show()
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/advance", headers=auth) as response:
            assert response.status == 409
            assert await response.json() == {"error": "the show has ended", "code": "ended"}
        async with http.get(f"{base}/api/state", headers=auth) as response:
            assert (await response.json())["phase"] == "ended"
