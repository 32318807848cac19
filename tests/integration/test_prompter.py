"""The browser prompter without a browser: the files served, the headers, no traversal, the clock,
the blackout, the URL and its QR code."""

import json
import re

import aiohttp
import pytest

from rhythm_console.cli import main
from rhythm_console.link.address import prompter_url, reachable_host
from rhythm_console.link.prompter import console_clock
from rhythm_console.link.protocol import CONSOLE_FRAME, Blackout, StateFrame
from rhythm_console.link.server import LinkServer
from tests.integration.conftest import TOKEN


@pytest.fixture
async def console(console):
    """The link's console (tests/integration/conftest.py) with an HTTP client on its port."""
    session, server = console
    async with aiohttp.ClientSession(f"http://127.0.0.1:{server.port}") as http:
        yield session, server, http


# ------------------------------------------------------------ the files


async def test_the_page_and_its_files_are_served_from_the_package(console):
    session, server, http = console
    async with http.get("/") as page:
        assert page.status == 200 and page.content_type == "text/html"
        html = await page.text()
    assert '<script src="/static/prompter.js"' in html and 'href="/static/prompter.css"' in html
    async with http.get("/static/prompter.js") as script:
        assert script.status == 200 and script.content_type == "text/javascript"
        assert "hello" in await script.text()
    async with http.get("/static/prompter.css") as styles:
        assert styles.status == 200 and styles.content_type == "text/css"


def test_the_page_has_no_inline_script_style_or_handler():
    from importlib.resources import files

    html = files("rhythm_console.web").joinpath("prompter.html").read_text()
    assert not re.search(r"\son[a-z]+\s*=", html, re.I), "inline event handler"
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline script"
    assert "<style" not in html and "style=" not in html
    assert "http://" not in html and "https://" not in html  # nothing from a CDN
    script = files("rhythm_console.web").joinpath("prompter.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script  # cue text only ever as text


@pytest.mark.parametrize("path", ["/static/../link/server.py", "/static/..%2Flink%2Fserver.py",
                                  "/static/%2E%2E/__init__.py", "/static/prompter.html", "/static/",
                                  "/static/__init__.py", "/etc/passwd", "/static/prompter.js/..%2F..%2Fcli.py"])
async def test_no_other_file_can_be_reached(console, path):
    session, server, http = console
    async with http.get(path) as response:
        assert response.status == 404
        assert "import" not in await response.text()


async def test_every_response_carries_the_security_headers(console):
    session, server, http = console
    for path in ("/", "/static/prompter.js", "/api/words", "/missing"):
        async with http.get(path) as response:
            policy = response.headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "style-src 'self'" in policy and "connect-src 'self'" in policy
            assert "default-src 'none'" in policy and "unsafe-inline" not in policy
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_the_page_gets_its_words_from_the_catalog(console):
    session, server, http = console
    async with http.get("/api/words?lang=en") as response:
        words = await response.json()
    assert words["prompter.unread"] == "{count} not acknowledged" and words["phase.over"]
    async with http.get("/api/words?lang=xx") as response:  # an unknown language: Chinese, the default
        assert (await response.json())["prompter.no_show"] == "当前没有直播"


# ------------------------------------------------------------ the clock


async def test_state_frames_carry_the_instant_the_clock_route_tells(console):
    session, server, http = console
    async with http.get("/api/clock") as response:
        assert response.headers["Cache-Control"] == "no-store"
        before = (await response.json())["now"]
    session.start_or_advance()
    async with http.ws_connect("/ws") as ws:
        await ws.send_str(json.dumps({"type": "hello", "token": TOKEN}))
        frames = [CONSOLE_FRAME.validate_json((await ws.receive()).data) for _ in range(2)]
    state = frames[1]
    assert isinstance(state, StateFrame) and state.segment is not None
    assert before <= state.at <= console_clock()


# ------------------------------------------------------------ blackout


async def test_blackout_needs_the_token_and_reaches_panes_now_and_later(console):
    session, server, http = console
    async with http.post("/api/blackout", json={"on": True}) as response:
        assert response.status == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with http.ws_connect("/ws") as ws:
        await ws.send_str(json.dumps({"type": "hello", "token": TOKEN}))
        for _ in range(2):
            await ws.receive()  # welcome, state
        async with http.post("/api/blackout", json={"on": True}, headers=auth) as response:
            assert response.status == 202 and (await response.json())["blackout"] is True
        assert CONSOLE_FRAME.validate_json((await ws.receive()).data) == Blackout(on=True)
    async with http.ws_connect("/ws") as late:  # a pane joining during the blackout is blanked too
        await late.send_str(json.dumps({"type": "hello", "token": TOKEN}))
        frames = [CONSOLE_FRAME.validate_json((await late.receive()).data) for _ in range(3)]
        assert frames[2] == Blackout(on=True)
    async with http.post("/api/blackout", headers=auth) as response:  # no body: toggle
        assert (await response.json())["blackout"] is False and server.blackout is False
    async with http.post("/api/blackout", json={"on": "maybe"}, headers=auth) as response:
        assert response.status == 400 and (await response.json())["error"] == "on 须为 true 或 false"


async def test_key_b_blacks_out_the_browser_prompters(tmp_path):
    from tests.support.console_helpers import make_console

    app, session, clock = make_console(tmp_path / "s.jsonl")
    app.link = LinkServer(session, "127.0.0.1", 0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert app.link.blackout is True
        await pilot.press("b")
        assert app.link.blackout is False


async def test_key_l_shows_the_prompter_address_as_a_qr_code_and_any_key_closes_it(tmp_path):
    from rhythm_console.ui.widgets.dialogs import JoinPrompter
    from tests.support.console_helpers import make_console

    app, session, clock = make_console(tmp_path / "s.jsonl")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("l")  # not listening: it says so, and nothing opens
        assert not isinstance(app.screen, JoinPrompter)
    app, session, clock = make_console(tmp_path / "t.jsonl")
    app.link = LinkServer(session, "127.0.0.1", 0)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, JoinPrompter)
        assert app.screen.url == app.link.prompter_url() and "▀" in app.screen.qr or "█" in app.screen.qr
        await pilot.press("x")
        assert not isinstance(app.screen, JoinPrompter)


# ------------------------------------------------------------ the URL


def test_the_token_goes_in_the_fragment_never_the_query():
    url = prompter_url("127.0.0.1", 8765, "a b/c+d", name="小鹿", lang="en")
    assert url == "http://127.0.0.1:8765/?name=%E5%B0%8F%E9%B9%BF&lang=en#token=a%20b%2Fc%2Bd"
    assert prompter_url("::1", 9000) == "http://[::1]:9000/"


def test_a_console_on_every_interface_is_named_by_an_address_others_reach():
    host = reachable_host("0.0.0.0")
    assert host != "0.0.0.0" and re.fullmatch(r"[\d.]+", host)
    assert reachable_host("192.168.1.20") == "192.168.1.20"


def test_link_url_prints_the_url_and_a_qr_code(capsys):
    assert main(["link-url", "--listen", "0.0.0.0:8765", "--token", "T"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"http://[\d.]+:8765/#token=T", out[-1])
    qr = out[:-1]
    assert len(qr) >= 10 and all(set(line) <= set("█▀▄ ") for line in qr)
    assert len({len(line) for line in qr}) == 1  # a square of equal lines


def test_link_url_refuses_a_wide_bind_without_a_token(capsys, monkeypatch):
    monkeypatch.delenv("RHYTHM_TOKEN", raising=False)
    assert main(["link-url", "--listen", "0.0.0.0:8765", "--no-qr", "--lang", "en"]) == 2
    assert "set a token" in capsys.readouterr().err
    assert main(["link-url", "--listen", "0.0.0.0:8765", "--no-qr", "--lang", "zh"]) == 2
    assert "请设口令" in capsys.readouterr().err
    assert main(["link-url", "--no-qr"]) == 0
    assert capsys.readouterr().out == "http://127.0.0.1:8765/\n"
    assert main(["link-url", "--name", "a b"]) == 2


def test_the_blackout_frame_is_one_a_terminal_pane_can_read():
    assert CONSOLE_FRAME.validate_json('{"type": "blackout", "on": true}') == Blackout(on=True)


@pytest.mark.parametrize("listen", ["bad host:8765", "a/b:8765", "x-:8765", "例子:8765"])
def test_link_url_refuses_an_address_no_browser_can_open(capsys, listen):
    # It printed http://bad host:8765/ and a QR code of it.
    assert main(["link-url", "--listen", listen, "--token", "T", "--no-qr", "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert "not an IP address or a host name" in captured.err and captured.out == ""
    assert main(["link-url", "--listen", "studio.local:8765", "--token", "T", "--no-qr"]) == 0
    assert capsys.readouterr().out == "http://studio.local:8765/#token=T\n"
