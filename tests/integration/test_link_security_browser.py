"""Cross-site control of the cue link in a real Chromium: a page from another site, a DNS-rebound name, and
the prompter page itself joining from another machine on the LAN by its #token= link."""

import ipaddress

import pytest
from aiohttp import web

from rhythm_console.clock import ManualClock
from rhythm_console.link.address import reachable_host
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from rhythm_console.session import LiveSession
from tests.support.browser import chromium, why_no_browser
from tests.support.waiting import until

pytestmark = [pytest.mark.browser, pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser()))]

TOKEN = "s3cret-token"
WAIT_MS = 5000  # a bound on waiting for the page, not a measure of speed

# What a hostile page runs: the red team's three requests, each reporting how it ended.
ATTACK = """async (port) => {
    const results = {};
    try {
        await fetch(`http://127.0.0.1:${port}/api/cue`, {method: "POST", mode: "no-cors",
            headers: {"Content-Type": "text/plain"}, body: '{"text": "hacked", "level": "urgent"}'});
        results.post = "sent";
    } catch (error) { results.post = "failed"; }
    try {
        await fetch(`http://127.0.0.1:${port}/api/advance`, {method: "POST", mode: "no-cors"});
        results.advance = "sent";
    } catch (error) { results.advance = "failed"; }
    results.ws = await new Promise((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
        ws.onopen = () => {
            ws.send(JSON.stringify({type: "hello", name: "host"}));
            ws.send(JSON.stringify({type: "ack", seq: 1}));
            resolve("joined");
        };
        ws.onerror = () => resolve("refused");
    });
    return results;
}"""


async def evil_site() -> tuple[web.AppRunner, int]:
    """Another site on this machine (another origin: localhost and another port) serving a harmless page."""
    app = web.Application()

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<title>prize</title><p>you won", content_type="text/html")

    app.router.add_get("/", page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


async def test_a_page_from_another_site_cannot_cue_advance_or_join(small_plan):
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0)  # loopback, no token: the red team's setting
    await server.start()
    session.send_cue("上链接", CueLevel.urgent)
    runner, evil_port = await evil_site()
    try:
        async with chromium() as browser:
            page = await browser.new_page()
            await page.goto(f"http://localhost:{evil_port}/")
            results = await page.evaluate(ATTACK, server.port)
    finally:
        await runner.cleanup()
        await server.stop()
    assert results["ws"] == "refused"
    assert [cue.text for cue in session.state.cues] == ["上链接"] and session.state.running is None
    assert session.state.cue(1).acked == () and session.state.cue(1).delivered == ()


async def test_a_name_re_pointed_at_the_console_gets_421(small_plan):
    """DNS rebinding: the browser believes attacker.example is 127.0.0.1, so the page is same-origin with its
    own requests; only the Host it sends gives it away."""
    session = LiveSession(small_plan, ManualClock(), lang="en")
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    try:
        async with chromium("--host-resolver-rules=MAP attacker.example 127.0.0.1") as browser:
            page = await browser.new_page()
            response = await page.goto(f"http://attacker.example:{server.port}/api/state")
            assert response.status == 421
            assert "attacker.example" in await page.locator("body").text_content()
            response = await page.goto(f"http://attacker.example:{server.port}/")
            assert response.status == 421
    finally:
        await server.stop()


def lan_address() -> str | None:
    address = reachable_host("0.0.0.0")
    return None if ipaddress.ip_address(address).is_loopback else address


@pytest.mark.skipif(lan_address() is None, reason="this machine has no address besides loopback")
@pytest.mark.parametrize("bound", ["0.0.0.0", "lan"])
@pytest.mark.parametrize("screen, size", [("tv", (1920, 1080)), ("tablet", (1024, 768)), ("phone", (390, 844))])
async def test_the_prompter_joins_from_the_lan_by_its_token_link(small_plan, bound, screen, size):
    """A TV, a tablet and a phone open the URL the console shows: the page loads, joins /ws (its Origin is
    the console's LAN address), shows a cue and acknowledges it."""
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, lan_address() if bound == "lan" else bound, 0, token=TOKEN)
    await server.start()
    errors: list[str] = []
    try:
        async with chromium() as browser:
            page = await browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.on("pageerror", lambda error: errors.append(str(error)))
            url = server.prompter_url().replace("/#", f"/?name={screen}#")
            assert url.startswith(f"http://{lan_address()}:{server.port}/")
            await page.goto(url)
            await page.locator("body[data-link='connected'][data-state-at]").wait_for(state="attached",
                                                                                      timeout=WAIT_MS)
            session.start_or_advance()
            session.send_cue("上链接！", CueLevel.urgent)
            await page.locator("body[data-shown-seq='1']").wait_for(state="attached", timeout=WAIT_MS)
            await page.keyboard.press("Space")
            await until(lambda: session.state.cue(1).acked)
    finally:
        await server.stop()
    assert [name for name, _ in session.state.cue(1).acked] == [screen] and not errors
