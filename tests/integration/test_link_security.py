"""Cross-site control of the cue link (issue 21, point 1): what a web page the manager opens can do to a
console listening on loopback with no token. Real aiohttp clients set Origin and Host against a real server,
as a browser would send them; the prompter page and the buttons keep working."""

import asyncio
import json
import socket

import aiohttp
import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import speaking
from rhythm_console.link.access import HostNames, canonical_host, same_origin, split_host
from rhythm_console.link.address import reachable_host
from rhythm_console.link.client import LinkStatus
from rhythm_console.link.config import LinkConfigError, allowed_host_names, listen_settings
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession
from tests.support.panes import RecordingPane
from tests.support.plans import PLANS
from tests.support.waiting import until

EVIL = "https://evil.example"


@pytest.fixture
async def console(small_plan):
    """The red team's setting: `run --listen 127.0.0.1:PORT` with no token."""
    session = LiveSession(small_plan, ManualClock(), lang="en")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as http:
        yield session, server, http
    await server.stop()


def own_origin(server) -> str:
    return f"http://127.0.0.1:{server.port}"


# ------------------------------------------------------------ the red team's findings


@pytest.mark.parametrize("path, body", [("/api/cue", '{"text": "hacked", "level": "urgent"}'),
                                        ("/api/advance", "{}"), ("/api/blackout", '{"on": true}'),
                                        ("/api/request", '{"kind": "next"}')])
async def test_a_text_plain_post_from_another_site_is_refused(console, path, body):
    """Finding: a page's `fetch(..., {method: "POST", headers: {"Content-Type": "text/plain"}})` needs no
    preflight; it started the show, cued the host and blacked out the prompters (202)."""
    session, server, http = console
    headers = {"Origin": EVIL, "Content-Type": "text/plain"}
    async with http.post(path, data=body.encode(), headers=headers) as response:
        assert response.status == 403
        answer = await response.json()
    assert answer["code"] == "foreign_origin" and "evil.example" in answer["error"]
    assert session.state.cues == () and session.state.running is None and not server.blackout
    assert session.state.requests == ()


async def test_json_from_another_site_is_refused_too(console):
    session, server, http = console
    async with http.post("/api/cue", json={"text": "hacked"}, headers={"Origin": EVIL}) as response:
        assert response.status == 403
    async with http.post("/api/cue", json={"text": "hacked"}, headers={"Origin": "null"}) as response:
        assert response.status == 403  # a sandboxed frame or a file:// page
    async with http.post("/api/request", json={"kind": "extend"}, headers={"Origin": EVIL}) as response:
        assert response.status == 403
    assert session.state.cues == () and session.state.requests == ()


async def test_a_websocket_from_another_site_is_refused_before_it_joins(console):
    """Finding: a page joined /ws as `host` and its acks were journaled."""
    session, server, http = console
    session.send_cue("上链接", CueLevel.urgent)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with http.ws_connect("/ws", origin=EVIL) as ws:
            await ws.send_str(json.dumps({"type": "hello", "name": "host"}))
            await ws.send_str(json.dumps({"type": "ack", "seq": 1}))
            await ws.receive()
    assert refused.value.status == 403
    assert not server.panes and session.state.cue(1).acked == () and session.state.cue(1).delivered == ()


@pytest.mark.parametrize("path", ["/api/state", "/", "/api/words", "/static/prompter.js"])
async def test_a_dns_rebinding_host_is_refused(console, path):
    """Finding: attacker.example, re-pointed at 127.0.0.1, read /api/state (200)."""
    session, server, http = console
    async with http.get(path, headers={"Host": f"attacker.example:{server.port}"}) as response:
        assert response.status == 421
        assert "attacker.example" in (await response.json())["error"]


async def test_a_rebound_page_s_websocket_is_refused(console):
    session, server, http = console
    rebound = f"http://attacker.example:{server.port}"  # its Origin matches its Host: only the Host gives it away
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with http.ws_connect("/ws", origin=rebound, headers={"Host": f"attacker.example:{server.port}"}):
            pass
    assert refused.value.status == 421 and not server.panes


# ------------------------------------------------------------ what keeps working


async def test_buttons_without_an_origin_still_work(console):
    """curl and Bitfocus Companion send no Origin: JSON bodies, and a bare POST with no body at all."""
    session, server, http = console
    async with http.post("/api/advance") as response:
        assert response.status == 202
    async with http.post("/api/cue", json={"text": "按钮提词", "level": "urgent"}) as response:
        assert response.status == 202
    async with http.post("/api/blackout", data=b'{"on": true}',
                         headers={"Content-Type": "application/json; charset=utf-8"}) as response:
        assert response.status == 202
    async with http.get("/api/state") as response:
        assert response.status == 200
    assert [cue.text for cue in session.state.cues] == ["按钮提词"] and server.blackout


async def test_the_console_s_own_page_may_post(console):
    session, server, http = console
    async with http.post("/api/cue", json={"text": "同源"}, headers={"Origin": own_origin(server)}) as response:
        assert response.status == 202
    localhost = f"localhost:{server.port}"
    async with http.post("/api/cue", json={"text": "本机名"},
                         headers={"Origin": f"http://{localhost}", "Host": localhost}) as response:
        assert response.status == 202
    assert len(session.state.cues) == 2


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
async def test_a_body_that_is_not_json_is_refused_even_without_an_origin(console, content_type):
    """A form posts these without a preflight; `curl -d` sends the second one by default."""
    session, server, http = console
    async with http.post("/api/cue", data=b'{"text": "x"}', headers={"Content-Type": content_type}) as response:
        assert response.status == 415
        answer = await response.json()
    assert answer["code"] == "not_json" and "application/json" in answer["error"]
    assert session.state.cues == ()


async def test_a_websocket_from_the_console_s_own_page_joins(console):
    session, server, http = console
    async with http.ws_connect("/ws", origin=own_origin(server)) as ws:
        await ws.send_str(json.dumps({"type": "hello", "name": "host"}))
        assert json.loads((await ws.receive()).data)["type"] == "welcome"
        await until(lambda: server.panes)


async def test_raw_requests_are_judged_the_same(console):
    """Headers as sent on the wire, without a client's help."""
    session, server, http = console

    async def status(*headers: str, body: bytes = b'{"text": "x"}') -> int:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        head = ["POST /api/cue HTTP/1.1", *headers, "Connection: close", f"Content-Length: {len(body)}"]
        writer.write("\r\n".join(head).encode() + b"\r\n\r\n" + body)
        await writer.drain()
        line = await reader.readline()
        writer.close()
        await writer.wait_closed()
        return int(line.split()[1])

    json_type = "Content-Type: application/json"
    assert await status(f"Host: attacker.example:{server.port}", json_type) == 421
    assert await status("Host: 127.0.0.1", json_type, f"Origin: {EVIL}") == 403
    assert await status(f"Host: 127.0.0.1:{server.port}", json_type, f"Origin: http://127.0.0.1:{server.port + 1}") == 403
    assert await status("Host: 127.0.0.1", "Content-Type: text/plain") == 415
    assert session.state.cues == ()
    assert await status(f"Host: [::1]:{server.port}", json_type, f"Origin: http://[::1]:{server.port}") == 202


# ------------------------------------------------------------ which names, which origins


def test_the_names_a_console_answers_to_follow_its_bind():
    loopback = HostNames("127.0.0.1")
    assert all(loopback.allows(name) for name in ("127.0.0.1", "localhost", "::1"))
    assert not any(loopback.allows(name) for name in ("attacker.example", "127.1", "198.51.100.77"))
    lan = reachable_host("0.0.0.0")
    everywhere = HostNames("0.0.0.0")
    assert everywhere.allows(lan) and everywhere.allows("localhost") and everywhere.allows(socket.gethostname().lower())
    assert not everywhere.allows("198.51.100.77") and not everywhere.allows("attacker.example")
    one = HostNames("198.51.100.77")
    assert one.allows("198.51.100.77") and not one.allows("localhost") and not one.allows(lan)
    named = HostNames("127.0.0.1", allowed_host_names(["Studio.Local.", "[::1]"]))
    assert named.allows(canonical_host("STUDIO.local")) and named.allows(canonical_host("0:0:0:0:0:0:0:1"))


def test_host_headers_and_origins_are_read_strictly():
    assert split_host("[::1]:8765") == ("::1", 8765) and split_host("Studio.Local") == ("studio.local", None)
    assert split_host("x:port") is None and split_host("user@x") is None and split_host("x/y") is None
    assert same_origin("http://127.0.0.1:8765", ("127.0.0.1", 8765))
    assert same_origin("http://studio.local", ("studio.local", 80))
    assert same_origin("https://studio.local", ("studio.local", None))  # behind a TLS proxy passing Host on
    assert not same_origin("http://127.0.0.1:8766", ("127.0.0.1", 8765))
    assert not same_origin("null", ("127.0.0.1", 8765)) and not same_origin("file://", ("127.0.0.1", 8765))
    assert not same_origin("http://127.0.0.1:8765/path", ("127.0.0.1", 8765))


def test_allow_host_takes_names_only_and_needs_listen():
    assert allowed_host_names(["studio.local", "192.168.1.20", "[fe80::1]"]) == ("studio.local", "192.168.1.20",
                                                                                 "fe80::1")
    for bad in ("http://studio.local", "studio.local:8765", "*.example", "", "a b", "x/y"):
        with pytest.raises(LinkConfigError, match="--allow-host"):
            allowed_host_names([bad])
    with speaking("en"), pytest.raises(LinkConfigError, match="--allow-host needs --listen"):
        listen_settings(None, None, ["studio.local"])


def test_run_refuses_a_bad_allow_host_with_one_line(capsys):
    from rhythm_console.cli import main

    plan = str(PLANS / "demo-en.yaml")
    assert main(["run", plan, "--allow-host", "studio.local"]) == 2
    assert "--allow-host needs --listen" in capsys.readouterr().err
    assert main(["run", plan, "--listen", "127.0.0.1:0", "--allow-host", "http://studio.local"]) == 2
    err = capsys.readouterr().err
    assert "not a host name" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


async def test_a_name_the_manager_allowed_is_answered(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="en")
    server = LinkServer(session, "127.0.0.1", 0, allowed_hosts=["studio.local"])
    await server.start()
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as http:
            studio = f"studio.local:{server.port}"
            async with http.post("/api/cue", json={"text": "x"},
                                 headers={"Host": studio, "Origin": f"http://{studio}"}) as response:
                assert response.status == 202
            async with http.get("/api/state", headers={"Host": "other.local"}) as response:
                assert response.status == 421
    finally:
        await server.stop()


async def test_a_console_on_every_interface_answers_to_this_machine_s_addresses(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="en")
    server = LinkServer(session, "0.0.0.0", 0, token="T")
    await server.start()
    auth = {"Authorization": "Bearer T"}
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as http:
            for name in (reachable_host("0.0.0.0"), "127.0.0.1", "localhost"):
                async with http.get("/api/state", headers={**auth, "Host": f"{name}:{server.port}"}) as response:
                    assert response.status == 200, name
            async with http.get("/api/state", headers={**auth, "Host": f"198.51.100.77:{server.port}"}) as response:
                assert response.status == 421
    finally:
        await server.stop()


async def test_a_terminal_pane_at_an_address_the_console_refuses_stops_and_says_why(console):
    session, server, http = console
    server.access.hosts = HostNames("198.51.100.77")  # as if it listened there: 127.0.0.1 is no name of it
    for lang, said in (("zh", "控场台不接受这个地址"), ("en", "the console does not answer to this address")):
        pane = RecordingPane(server.url, lang=lang)  # the pane's own words: the console said nothing
        pane.start()
        try:
            await until(lambda: pane.client.status is LinkStatus.refused)
            assert said in pane.statuses[-1].reason and "--allow-host" in pane.statuses[-1].reason
            assert not server.panes
        finally:
            await pane.stop()


def test_allow_host_is_repeatable_on_run_and_replay():
    from rhythm_console.cli import build_parser

    parser = build_parser()
    for command in (["run", "plan.yaml"], ["replay", "show.jsonl"]):
        args = parser.parse_args([*command, "--listen", "0.0.0.0:8765", "--allow-host", "studio.local",
                                  "--allow-host", "192.168.1.20"])
        assert args.allow_host == ["studio.local", "192.168.1.20"]
        assert listen_settings("127.0.0.1:0", "T", args.allow_host)[3] == ("studio.local", "192.168.1.20")
