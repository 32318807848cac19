"""The cue link: protocol, server and client on an ephemeral port, the HTTP API."""

import asyncio
import json

import aiohttp
import pytest
from pydantic import ValidationError

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import speaking
from rhythm_console.link.client import LinkStatus, StatusChanged
from rhythm_console.link.config import LinkConfigError, check_bind, ensure_port_free, normalise_url, parse_listen
from rhythm_console.link.protocol import CLOSE_UNAUTHORIZED, CONSOLE_FRAME, PANE_FRAME, Ack, CueFrame, Hello
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession
from tests.integration.conftest import TOKEN
from tests.support.panes import RecordingPane, served
from tests.support.waiting import until

JSON_TYPE = {"Content-Type": "application/json"}


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
    with speaking("en"), pytest.raises(LinkConfigError, match="set a token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(LinkConfigError):
        parse_listen("nonsense")
    assert normalise_url("ws://127.0.0.1:8765") == "ws://127.0.0.1:8765/ws"
    with pytest.raises(ValueError):
        normalise_url("http://x")


# ------------------------------------------------------------ server and client


async def test_a_cue_reaches_the_pane_and_delivery_and_ack_are_journaled(console, open_pane):
    session, server = console
    pane = await open_pane()
    await until(lambda: pane.states)
    session.start_or_advance()
    session.send_cue("上链接！", CueLevel.urgent)
    await until(lambda: pane.cues)
    assert pane.cues[0].text == "上链接！" and pane.cues[0].seq == 1
    await until(lambda: session.state.cue(1).delivered)
    assert await pane.client.ack(1)
    await until(lambda: session.state.cue(1).acked)
    assert session.state.cue(1).acked[0][0] == "host"
    await until(lambda: pane.states[-1].segment is not None)
    assert pane.states[-1].segment.id == "open"


async def test_an_undo_reaches_the_panes_at_once(small_plan, monkeypatch):
    """An undone hold (or skip, advance, ...) left every pane on the undone state until the next routine
    frame, 5 s later: 暂停中 on the host's pane while the show ran, 150 s of show in a ×30 replay."""
    monkeypatch.setattr("rhythm_console.link.hub.STATE_EVERY", 3600.0)  # no routine frame to wait for
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    async with served(session) as (_, open_pane):
        pane = await open_pane()
        await until(lambda: pane.states)
        session.start_or_advance()
        session.hold_or_resume()
        await until(lambda: pane.states[-1].held)
        assert session.undo() is None
        await until(lambda: not pane.states[-1].held)
        session.start_or_advance()
        await until(lambda: pane.states[-1].segment is not None and pane.states[-1].segment.id != "open")
        assert session.undo() is None
        await until(lambda: pane.states[-1].segment.id == "open")


async def test_wrong_token_is_closed_with_a_reason_and_not_retried(console, open_pane):
    session, server = console
    pane = await open_pane(token="wrong", connected=False)
    await until(lambda: pane.client.status is LinkStatus.refused)
    assert pane.statuses[-1] == StatusChanged(LinkStatus.refused, "口令错误或缺失")  # the console speaks Chinese
    assert not server.panes


@pytest.mark.parametrize(("lang", "said"), [("zh", "口令错误或缺失"), ("en", "wrong or missing token")])
async def test_a_wrong_token_is_refused_in_the_console_s_language(small_plan, lang, said):
    """A hello says no language, so a refusal is worded in the console's: its error frame and its close frame."""
    session = LiveSession(small_plan, ManualClock(), lang=lang)
    async with served(session, token=TOKEN) as (server, _), aiohttp.ClientSession() as http:
        async with http.ws_connect(server.url) as ws:
            await ws.send_str(Hello(name="host", token="wrong").model_dump_json())
            error = json.loads((await ws.receive()).data)
            closed = await ws.receive()
    assert error == {"type": "error", "reason": said}
    assert closed.type is aiohttp.WSMsgType.CLOSE and closed.extra == said and ws.close_code == CLOSE_UNAUTHORIZED


async def test_reconnect_catches_up_by_seq_and_never_shows_twice(console, open_pane):
    session, server = console
    pane = await open_pane()
    session.send_cue("一", CueLevel.info)
    await until(lambda: len(pane.cues) == 1)
    # The link drops; cues keep coming while it is down.
    for connected in list(server.panes):
        await connected.ws.close()
    await until(lambda: pane.client.status is not LinkStatus.connected)
    session.send_cue("二", CueLevel.info)
    session.send_cue("三", CueLevel.warn)
    await until(lambda: len(pane.cues) == 3)
    assert [c.text for c in pane.cues] == ["一", "二", "三"]
    assert pane.client.connections == 2


async def test_a_pane_far_behind_catches_up_in_one_connection(console, open_pane):
    from rhythm_console.link.hub import OUTBOX_LIMIT

    session, server = console
    missed = 3 * OUTBOX_LIMIT + 7
    for number in range(missed):
        assert session.send_cue(f"提词 {number + 1}", CueLevel.info) is None
    pane = await open_pane(connected=False)  # it connects and catches up at once: that is what is watched
    await until(lambda: len(pane.cues) == missed, limit=3000)
    assert [c.seq for c in pane.cues] == list(range(1, missed + 1))
    assert pane.client.connections == 1 and pane.client.status is LinkStatus.connected
    session.send_cue("之后的", CueLevel.info)  # and it stays live afterwards
    await until(lambda: len(pane.cues) == missed + 1)


async def test_a_restarted_pane_gets_every_cue_with_its_acks(console, open_pane):
    session, server = console
    first = await open_pane()
    session.send_cue("一", CueLevel.info)
    await until(lambda: session.state.cue(1).delivered)
    await first.client.ack(1)
    await until(lambda: session.state.cue(1).acked)
    await first.stop()
    session.send_cue("二", CueLevel.info)
    second = await open_pane()
    await until(lambda: len(second.cues) == 2)
    assert [(c.text, c.acked) for c in second.cues] == [("一", True), ("二", False)]


async def test_targeted_cues_reach_only_their_pane(console, open_pane):
    session, server = console
    host = await open_pane("host")
    assistant = await open_pane("assistant")
    await until(lambda: len(server.panes) == 2)
    session.send_cue("只给助播", CueLevel.info, target="assistant")
    session.send_cue("大家", CueLevel.info)
    await until(lambda: len(assistant.cues) == 2 and len(host.cues) == 1)
    assert host.cues[0].text == "大家"


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
            assert error == {"type": "error", "reason": "第一帧须为 hello"}
    assert not server.panes


async def test_a_pane_cannot_ack_a_cue_that_does_not_exist(console, open_pane):
    session, server = console
    pane = await open_pane()
    session.send_cue("一", CueLevel.info)
    await until(lambda: session.state.cue(1).delivered)
    assert await pane.client.ack(99)
    assert await pane.client.ack(1)
    # The console reads a pane's frames in order: once ack 1 has landed, ack 99 has been dealt with.
    await until(lambda: session.state.cue(1).acked)
    assert [record.cue for record in session.state.cues] == [1]


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
        for body, code, reason in [({"preset": "8"}, "no_preset", "没有按键为 8 的提词预设"),
                                   ({"text": ""}, "bad_field", "非空"), ({"text": "a\u202eb"}, "bad_field", "双向覆盖"),
                                   ({"text": "x", "level": "loud"}, "bad_field", "提示、注意、紧急"),
                                   ({"text": "x", "foo": 1}, "unknown_fields", "foo"), ([1], "not_object", "JSON 对象")]:
            async with http.post(f"{base}/api/cue", json=body, headers=auth) as response:
                answer = await response.json()
                assert response.status == 400 and answer["code"] == code and reason in answer["error"], answer
        async with http.post(f"{base}/api/cue", data="not json", headers=auth) as response:
            assert response.status == 415  # text/plain: what a cross-site form sends
        async with http.post(f"{base}/api/cue", data="not json", headers=auth | JSON_TYPE) as response:
            answer = await response.json()
            assert response.status == 400 and answer["code"] == "bad_json" and '"preset"' in answer["error"]
        for value in ('"yes"', '"no"', "0", '"false"'):  # only JSON's true or false: no guessing at a yes/no
            async with http.post(f"{base}/api/blackout", data=f'{{"on": {value}}}', headers=auth | JSON_TYPE) as response:
                answer = await response.json()
                assert response.status == 400 and answer["code"] == "bad_field" and answer["field"] == "on", answer
        for route, shape in (("advance", '{"from": SEGMENT}'), ("blackout", '{"on": true | false}')):  # each route names its own
            async with http.post(f"{base}/api/{route}", data="{bad json", headers=auth | JSON_TYPE) as response:
                answer = await response.json()
                assert response.status == 400 and answer["code"] == "bad_json", answer
                assert answer["error"].endswith(shape) and '"text"' not in answer["error"], answer
        async with http.post(f"{base}/api/advance", headers=auth) as response:
            assert response.status == 202 and (await response.json())["segment"] == "open"
        async with http.get(f"{base}/api/state", headers=auth) as response:
            state = await response.json()
            assert state["segment"]["title"] == "开场" and state["cues"] == 2
    assert [c.origin for c in session.state.cues] == ["http", "preset:1"]
    assert session.state.cues[0].text == "按钮提词"


async def test_http_requests_reach_the_manager(console):
    """POST /api/request: what a pane's keys send, behind the same token and body checks as the rest."""
    session, server = console
    session.start_or_advance()
    base = f"http://127.0.0.1:{server.port}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/request", json={"kind": "extend"}) as response:
            assert response.status == 401
        async with http.post(f"{base}/api/request", json={"kind": "sample_missing", "by": "助播"}, headers=auth) as response:
            assert response.status == 202 and (await response.json())["request"] == 1
        async with http.post(f"{base}/api/request", json={"kind": "text", "text": "补光灯坏了"}, headers=auth) as response:
            assert response.status == 202 and (await response.json())["request"] == 2
        for body, code, reason in [({"kind": "dance"}, "bad_field", "kind 须为"), ({}, "bad_field", "kind 须为"),
                                   ({"kind": "text", "text": "a\u001bb"}, "bad_field", "控制字符"),
                                   ({"kind": "next", "by": "a b"}, "bad_field", "by 须为"),
                                   ({"kind": "next", "foo": 1}, "unknown_fields", "foo"), ([1], "not_object", "JSON 对象")]:
            async with http.post(f"{base}/api/request", json=body, headers=auth) as response:
                answer = await response.json()
                assert response.status == 400 and answer["code"] == code and reason in answer["error"], answer
        async with http.post(f"{base}/api/request", data="{", headers=auth | JSON_TYPE) as response:
            answer = await response.json()
            assert response.status == 400 and answer["code"] == "bad_json" and '"kind"' in answer["error"]
        async with http.post(f"{base}/api/request", json={"kind": "text", "text": "  "}, headers=auth) as response:
            assert response.status == 400 and (await response.json())["code"] == "empty_request"
    assert [(r.kind, r.by, r.text, r.origin) for r in session.state.requests] == [
        ("sample_missing", "assistant", None, "http"), ("text", "http", "补光灯坏了", "http")]


async def test_the_api_takes_the_words_plans_take(console, open_pane):
    """`"level": "紧急"` as a plan writes it (issue 20); a role in the team's words reaches that role's panes."""
    session, server = console
    assistant, deputy, host = [await open_pane(name) for name in ("assistant", "副播", "主播")]
    await until(lambda: len(server.panes) == 3)
    base = f"http://127.0.0.1:{server.port}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with aiohttp.ClientSession() as http:
        for level, code in [("紧急", "urgent"), ("警告", "warn"), ("注意", "warn"), ("提示", "info"),
                            ("URGENT", "urgent"), ("Ｗａｒｎｉｎｇ", "warn")]:
            async with http.post(f"{base}/api/cue", json={"text": level, "level": level}, headers=auth) as response:
                assert response.status == 202
            assert session.state.cues[-1].level.value == code
        async with http.post(f"{base}/api/cue", json={"text": "只给助播", "target": "助播"}, headers=auth) as response:
            assert response.status == 202
        async with http.post(f"{base}/api/cue", json={"text": "x", "level": "大声"}, headers=auth) as response:
            answer = await response.json()
            assert response.status == 400 and answer["field"] == "level" and "紧急" in answer["error"]
    assert session.state.cues[-1].target == "assistant"
    await until(lambda: len(assistant.cues) == 7 and len(deputy.cues) == 7 and len(host.cues) == 6)
    assert "只给助播" not in [cue.text for cue in host.cues]


async def _status_of(port: int, request: bytes) -> int:
    """Send raw bytes (headers aiohttp's client would refuse to send) and read the status code."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return int(status_line.split()[1])


def _post(path: str, body: bytes, *headers: bytes) -> bytes:
    head = [f"POST {path} HTTP/1.1".encode(), b"Host: 127.0.0.1", b"Connection: close",
            b"Content-Length: %d" % len(body), *headers]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


AUTH = f"Authorization: Bearer {TOKEN}".encode()
JSON = b"Content-Type: application/json"
DEEP = b'{"text": ' + b"[" * 20_000 + b"]" * 20_000 + b"}"
HOSTILE = [  # (what, path, body, extra headers, status once authorized)
    ("unhashable level", "/api/cue", b'{"text": "x", "level": []}', [JSON], 400),
    ("object level", "/api/cue", b'{"text": "x", "level": {"a": 1}}', [JSON], 400),
    ("list preset", "/api/cue", b'{"preset": [1]}', [JSON], 400),
    ("object preset", "/api/cue", b'{"preset": {"k": "1"}}', [JSON], 400),
    ("number text", "/api/cue", b'{"text": 5}', [JSON], 400),
    ("number target", "/api/cue", b'{"text": "x", "target": 7}', [JSON], 400),
    ("null text", "/api/cue", b'{"text": null}', [JSON], 400),
    ("empty target", "/api/cue", b'{"text": "x", "level": "info", "target": ""}', [JSON], 400),
    ("deep nesting", "/api/cue", DEEP, [JSON], 400),
    ("lone surrogate", "/api/cue", b'{"text": "\\ud800"}', [JSON], 400),
    ("encoded surrogate", "/api/cue", b'{"text": "\xed\xa0\x80"}', [JSON], 400),
    ("not utf-8", "/api/cue", b'{"text": "\xff\xfe"}', [JSON], 400),
    ("unknown charset", "/api/cue", b'{"text": "x"}', [b"Content-Type: application/json; charset=x-no-such"], 415),
    ("other charset", "/api/cue", b'{"text": "x"}', [b"Content-Type: application/json; charset=latin-1"], 415),
    ("over the limit", "/api/cue", b'{"text": "' + b"x" * (70 * 1024) + b'"}', [JSON], 413),
    ("empty", "/api/cue", b"", [JSON], 400),
    ("escape sequence in the text", "/api/cue", b'{"text": "a\\u001b[2J\\u0000b"}', [JSON], 400),
    ("control character as the target", "/api/cue", b'{"text": "x", "target": "\\u0007"}', [JSON], 400),
    ("escape sequence", "/api/cue", b'{"text": "\\u001b[31m\\u4e0a\\u94fe\\u63a5"}', [JSON], 400),
    ("bidi override", "/api/cue", b'{"text": "\\u202e\\u4ef7\\u683c299"}', [JSON], 400),
    ("NUL", "/api/cue", b'{"text": "a\\u0000b"}', [JSON], 400),
    ("advance: broken JSON", "/api/advance", b"[[[[", [JSON], 400),
    ("advance: unknown field", "/api/advance", b'{"segment": "x"}', [JSON], 400),
    ("advance: deep nesting", "/api/advance", DEEP, [JSON], 400),
    ("advance: unknown charset", "/api/advance", b"{}", [b"Content-Type: text/plain; charset=no-such"], 415),
    ("advance: over the limit", "/api/advance", b"x" * (70 * 1024), [JSON], 413),
    ("advance: a body that is not JSON", "/api/advance", b"x" * (70 * 1024), [], 415),
    ("advance: an empty form", "/api/advance", b"", [b"Content-Type: text/plain"], 415),
    ("cue: form-encoded", "/api/cue", b"text=x", [b"Content-Type: application/x-www-form-urlencoded"], 415),
]


@pytest.mark.parametrize("path, body, headers, status", [pytest.param(*case[1:], id=case[0]) for case in HOSTILE])
async def test_every_bad_request_gets_a_4xx_before_and_after_authentication(console, path, body, headers, status):
    session, server = console
    assert await _status_of(server.port, _post(path, body, *headers)) == 401
    assert await _status_of(server.port, _post(path, body, AUTH, *headers)) == status
    assert session.state.cues == () and session.state.running is None


@pytest.mark.parametrize("authorization", [b"Authorization: Bearer \xe4\xb8\xad\xe6\x96\x87",
                                           b"Authorization: Bearer \xff\xfe", b"Authorization: \xc3\xa9 x",
                                           b"Authorization: Bearer " + TOKEN.encode() + b"\xff"],
                         ids=["utf-8", "not utf-8", "scheme", "token and more"])
async def test_a_non_ascii_authorization_header_is_refused_not_a_crash(console, authorization):
    session, server = console
    assert await _status_of(server.port, _post("/api/cue", b'{"text": "x"}', authorization, JSON)) == 401
    assert await _status_of(server.port, _post("/api/advance", b"", authorization)) == 401


async def test_good_bodies_in_any_spelling_of_utf_8_are_accepted(console):
    session, server = console
    cue = _post("/api/cue", '{"text": "上链接"}'.encode(), AUTH, b"Content-Type: application/json; charset=UTF8")
    assert await _status_of(server.port, cue) == 202
    assert await _status_of(server.port, _post("/api/advance", b"", AUTH)) == 202
    assert await _status_of(server.port, _post("/api/advance", b"{}", AUTH, JSON)) == 202
    assert session.state.cues[0].text == "上链接" and session.state.running is not None


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
    pane = RecordingPane(server.url)
    pane.start()
    await until(lambda: pane.client.status is LinkStatus.connected)
    first.send_cue("第一场的提词", CueLevel.info)
    await until(lambda: len(pane.cues) == 1)
    await server.stop()
    # Another show on the same port: its cue 1 is new, not a duplicate.
    second = LiveSession(small_plan, ManualClock(start_wall=first_clock.wall() + timedelta(hours=3)), lang="zh")
    second.send_cue("第二场的提词", CueLevel.info)
    server = LinkServer(second, "127.0.0.1", port)
    await server.start()
    await until(lambda: len(pane.cues) == 2)
    assert [c.text for c in pane.cues] == ["第一场的提词", "第二场的提词"] and pane.new_shows == 1
    await pane.stop()
    await server.stop()


def test_a_taken_port_is_reported_before_anything_starts():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LinkConfigError, match="另一个控场台"):
            ensure_port_free("127.0.0.1", port)
    ensure_port_free("127.0.0.1", port)


async def test_a_port_taken_between_the_check_and_the_start_is_said_in_the_command_s_language(small_plan):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = LinkServer(LiveSession(small_plan, ManualClock(), lang="zh"), "127.0.0.1", port)
        with pytest.raises(LinkConfigError) as refused:
            await server.start()
        assert str(refused.value) == f"无法在 127.0.0.1:{port} 上监听：另一个控场台（或程序）正在用它"
        with speaking("en"), pytest.raises(LinkConfigError, match=f"cannot listen on 127.0.0.1:{port}"):
            await LinkServer(LiveSession(small_plan, ManualClock(), lang="en"), "127.0.0.1", port).start()


async def test_a_pane_that_stops_reading_is_dropped_not_buffered_forever(console, open_pane):
    from rhythm_console.link import hub as server_module

    session, server = console
    await open_pane()
    pane = server.panes[0]
    # A stalled pane: the queue fills with no await in between, so its writer never drains it.
    for _ in range(server_module.OUTBOX_LIMIT):
        pane.outbox.put_nowait("x")
    session.send_cue("one too many", CueLevel.info)
    assert pane.dropped
    await until(lambda: pane not in server.panes)


async def test_a_refused_button_gets_the_code_and_the_console_s_words_and_state_has_the_phase(console):
    session, server = console
    base = f"http://127.0.0.1:{server.port}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    session.start_or_advance()
    session.end_show()
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/api/advance", headers=auth) as response:
            assert response.status == 409
            assert await response.json() == {"error": "直播已结束", "code": "ended"}
        async with http.get(f"{base}/api/state", headers=auth) as response:
            assert (await response.json())["phase"] == "ended"


def test_the_live_session_and_a_replay_both_offer_what_the_link_needs(small_plan, tmp_path):
    from rhythm_console.journal import JournalWriter, read_journal
    from rhythm_console.link.session import LinkSession
    from rhythm_console.replay import ReplayCursor, ReplayIndex, ReplaySession

    clock = ManualClock()
    live = LiveSession(small_plan, clock, JournalWriter(tmp_path / "j.jsonl", small_plan, clock=clock), lang="zh")
    live.start_or_advance()
    live.close()
    replay = ReplaySession(ReplayCursor(ReplayIndex(read_journal(tmp_path / "j.jsonl"))), "zh")
    assert isinstance(live, LinkSession) and isinstance(replay, LinkSession)
    assert replay.send_cue("x").code == "read_only"  # a replay refuses, typed like any refusal


def test_a_connect_address_with_a_bad_port_is_refused_at_once():
    import argparse

    from rhythm_console.commands.host import run_host
    from rhythm_console.errors import UserError
    for url in ("ws://127.0.0.1:abc", "ws://127.0.0.1:99999", "ws://[::1"):
        with speaking("en"), pytest.raises(UserError, match="--connect: .*port"):
            run_host(argparse.Namespace(connect=url, name="host", token=None, lang="zh"))
        with pytest.raises(LinkConfigError):
            normalise_url(url)
