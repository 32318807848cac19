"""The skip guards over the link, through aiohttp's test client: POST /api/advance's `from` and its repeat window,
a pane's request pressed twice, a request's segment, and an undone request told to the pane that asked."""

import json

import pytest
from aiohttp.test_utils import TestClient, TestServer

from rhythm_console.clock import ManualClock
from rhythm_console.link.protocol import CONSOLE_FRAME, RequestStatus
from rhythm_console.link.server import LinkServer
from rhythm_console.session import ADVANCE_REPEAT, LiveSession

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
async def link(small_plan):
    """A live session (on a manual clock), its link's routes under aiohttp's test client."""
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0, token=TOKEN)
    async with TestClient(TestServer(server.make_app())) as client:
        yield session, clock, client


async def _advance(client, body=None):
    kwargs = {"json": body} if body is not None else {}
    async with client.post("/api/advance", headers=AUTH, **kwargs) as response:
        return response.status, await response.json()


def _running(session):
    return session.state.running.id if session.state.running is not None else None


async def test_a_bounced_button_does_not_skip_a_segment(link):
    session, clock, client = link
    assert await _advance(client) == (202, {"accepted": True, "segment": "open"})  # the start
    assert await _advance(client) == (202, {"accepted": True, "segment": "coat"})  # a start is no advance
    status, answer = await _advance(client)  # the bounce, on the same instant
    assert status == 409 and answer["code"] == "advance_repeated" and "秒内的第二次切换" in answer["error"]
    clock.advance(ADVANCE_REPEAT - 0.1)
    assert (await _advance(client, {}))[1]["code"] == "advance_repeated"  # {} is no body, as before
    assert _running(session) == "coat"
    assert [e for e in session.state.runs if e.status.value == "skipped"] == []
    clock.advance(0.1)
    assert await _advance(client) == (202, {"accepted": True, "segment": "bag"})


async def test_from_moves_on_only_from_the_running_segment(link):
    session, clock, client = link
    await _advance(client)
    clock.advance(30)
    assert await _advance(client, {"from": "open"}) == (202, {"accepted": True, "segment": "coat"})
    status, answer = await _advance(client, {"from": "open"})  # a retried script, a second button
    assert (status, answer) == (409, {"code": "moved_on", "error": "没有切换：要切走的“open”已经不在进行了（现在：大衣）"})
    assert _running(session) == "coat"
    assert await _advance(client, {"from": "coat"}) == (202, {"accepted": True, "segment": "bag"})  # no window


@pytest.mark.parametrize("body", [{"from": ""}, {"from": "a b"}, {"from": 7}, {"from": "x" * 61}])
async def test_a_from_that_names_no_segment_is_a_bad_body(link, body):
    session, _, client = link
    status, answer = await _advance(client, body)
    assert status == 400 and answer["code"] == "bad_field" and answer["field"] == "from", answer
    assert "from 须为一个环节的 id" in answer["error"]
    assert session.state.status.value == "ready"


async def _pane(client, name):
    ws = await client.ws_connect("/ws")
    await ws.send_str(json.dumps({"type": "hello", "name": name, "token": TOKEN}))
    return ws


async def _ask(ws, kind, segment) -> RequestStatus:
    """A pane's request frame, and what the console says of it."""
    await ws.send_str(json.dumps({"type": "request", "kind": kind, "segment": segment}))
    return await _status(ws)


async def _status(ws) -> RequestStatus:
    """The next request_status frame to this pane (the welcome, states and cues before it skipped)."""
    while True:
        frame = CONSOLE_FRAME.validate_json(await ws.receive_str(timeout=5))
        if isinstance(frame, RequestStatus):
            return frame


async def test_a_pane_s_request_pressed_twice_is_one_request(link):
    session, _, client = link
    session.start_or_advance()
    ws = await _pane(client, "anna")
    assert (await _ask(ws, "extend", "open")).status == "open"
    refused = await _ask(ws, "extend", "open")
    assert (refused.status, refused.code, refused.request) == ("refused", "request_pending", None)
    assert refused.reason == "+1 分钟的请求（第 1 条）还在等场控回复，没有再发一次"
    assert [(r.by, r.kind, r.segment) for r in session.state.requests] == [("anna", "extend", "open")]
    await ws.close()


async def test_a_stale_request_cannot_be_accepted_and_an_undone_one_is_told(link):
    session, clock, client = link
    session.start_or_advance()
    ws = await _pane(client, "anna")
    assert (await _ask(ws, "next", "open")).status == "open"
    clock.advance(200)
    session.start_or_advance()  # the manager moved on by hand first
    assert session.answer_request(1, accepted=True).code == "request_segment_ended"
    assert _running(session) == "coat"  # accepting would have skipped the coat
    assert session.answer_request(1, accepted=False) is None
    assert (await _status(ws)).status == "declined"

    assert (await _ask(ws, "extend", "coat")).status == "open"
    clock.advance(3)
    assert session.answer_request(2, accepted=True) is None
    assert (await _status(ws)).status == "accepted"
    clock.advance(3)
    assert session.undo() is None  # the manager takes the minute back
    undone = await _status(ws)
    assert (undone.status, undone.request, undone.kind) == ("undone", 2, "extend")
    await ws.close()


async def test_an_http_request_names_its_segment(link):
    session, _, client = link
    session.start_or_advance()
    async with client.post("/api/request", headers=AUTH, json={"kind": "next", "segment": "open"}) as response:
        assert response.status == 202
    async with client.post("/api/request", headers=AUTH, json={"kind": "next", "segment": "open"}) as response:
        answer = await response.json()
        assert response.status == 409 and answer["code"] == "request_pending", answer
    async with client.post("/api/request", headers=AUTH, json={"kind": "next", "segment": "a b"}) as response:
        answer = await response.json()
        assert response.status == 400 and answer["field"] == "segment", answer
    assert [r.segment for r in session.state.requests] == ["open"]
