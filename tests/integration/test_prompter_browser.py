"""The browser prompter in a real headless Chromium, joined to a real link server."""

import pytest

from rhythm_console.clock import ManualClock, SystemClock
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel, load_plan
from rhythm_console.session import LiveSession
from rhythm_console.show import segment_remaining
from tests.support.browser import chromium, why_no_browser
from tests.support.plans import PLANS
from tests.support.waiting import until

pytestmark = [pytest.mark.browser, pytest.mark.skipif(why_no_browser() is not None, reason=str(why_no_browser()))]

TOKEN = "s3cret-token"
WAIT_MS = 5000  # a bound on waiting for the page, not a measure of speed
LONG_CUE = "下一款双面羊毛大衣，先讲面料再讲版型，提醒大家满三百减四十，库存只剩最后五十件了"


class Studio:
    """A console's session and link server, and a browser to open prompter pages in."""

    def __init__(self, plan, browser, clock=None) -> None:
        self.clock = clock or ManualClock()
        self.session = LiveSession(plan, self.clock, lang="zh")
        self.server = LinkServer(self.session, "127.0.0.1", 0, token=TOKEN)
        self.browser = browser
        self.errors: list[str] = []  # what the pages threw: a test fails on any

    async def open(self, query: str = "", *, token: str | None = TOKEN, size=(1280, 720), joined: bool = True):
        page = await self.browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        fragment = f"#token={token}" if token else ""
        await page.goto(f"http://127.0.0.1:{self.server.port}/{query}{fragment}")
        if joined:
            await appears(page, "body[data-link='connected'][data-state-at]")
        return page

    async def shows(self, page, seq: int) -> None:
        await appears(page, f"body[data-shown-seq='{seq}']")


@pytest.fixture
async def studio(small_plan):
    async with chromium() as browser:
        studio = Studio(small_plan, browser)
        await studio.server.start()
        yield studio
        await studio.server.stop()
        assert not studio.errors


async def appears(page, selector: str) -> None:
    """Wait for `selector` by the page's own DOM: the page's CSP forbids the eval a JS predicate needs."""
    await page.locator(selector).first.wait_for(state="attached", timeout=WAIT_MS)


async def text(page, selector: str) -> str:
    return await page.locator(selector).text_content()


async def test_the_page_joins_and_shows_the_running_segment(studio):
    studio.session.start_or_advance()
    studio.clock.advance(70)
    page = await studio.open()
    assert await text(page, "#segment-title") == "开场"
    # 5 minutes less 70 s, then counting down on the page's own clock: a loaded machine may take seconds to get here
    minutes, seconds = (await text(page, "#countdown")).split(":")
    assert 3 * 60 + 35 <= int(minutes) * 60 + int(seconds) <= 3 * 60 + 50
    assert await text(page, "#next") == "下一个：大衣  10:00"  # the full-width colon of Chinese
    assert await page.locator("#idle").is_hidden()
    assert await page.evaluate("document.body.dataset.phase") == "running"


async def test_before_the_start_the_page_says_no_show_is_running(studio):
    page = await studio.open()
    assert await page.locator("#idle").is_visible()
    assert "当前没有直播" in await text(page, "#idle")
    studio.session.start_or_advance()
    await page.locator("#idle").wait_for(state="hidden", timeout=WAIT_MS)


async def test_a_cue_appears_and_a_click_acknowledges_it_by_the_pages_name(studio):
    studio.session.start_or_advance()
    page = await studio.open("?name=studio-tv")
    studio.session.send_cue("上链接！", CueLevel.urgent)
    await studio.shows(page, 1)
    assert await text(page, "#cue-text") == "上链接！"
    assert "level-urgent" in await page.locator("#cue-area").get_attribute("class")
    await page.mouse.click(400, 300)
    await until(lambda: studio.session.state.cue(1).acked)
    assert [name for name, _ in studio.session.state.cue(1).acked] == ["studio-tv"]
    assert studio.session.state.cue(1).delivered


async def test_space_acknowledges_the_cue_shown_and_the_rest_stay_queued(studio):
    studio.session.start_or_advance()
    page = await studio.open()
    for words in ("一", "二", "三"):
        studio.session.send_cue(words, CueLevel.info)
    await studio.shows(page, 3)
    assert await text(page, "#cue-unread") == "3 条未确认"
    await page.keyboard.press("Space")
    await until(lambda: studio.session.state.cue(3).acked)
    await studio.shows(page, 2)  # newest first: the next unread cue comes up big
    assert await text(page, "#cue-unread") == "2 条未确认"
    assert not studio.session.state.cue(2).acked and not studio.session.state.cue(1).acked
    await page.keyboard.press("Enter")
    await until(lambda: studio.session.state.cue(2).acked)
    assert not studio.session.state.cue(1).acked


async def test_a_cue_for_another_pane_does_not_appear(studio):
    studio.session.start_or_advance()
    page = await studio.open()
    studio.session.send_cue("助理：补货", CueLevel.info, target="assistant")
    studio.session.send_cue("给主播的", CueLevel.info, target="host")
    await studio.shows(page, 2)
    assert "助理" not in await page.locator("body").inner_text()


async def test_after_the_console_restarts_the_page_reconnects_and_shows_every_cue_once(studio):
    studio.session.start_or_advance()
    page = await studio.open()
    studio.session.send_cue("一", CueLevel.info)
    await studio.shows(page, 1)
    port = studio.server.port
    await studio.server.stop()
    await appears(page, "body[data-link='retrying']")
    assert "断开" in await text(page, "#link-text")
    studio.session.send_cue("二", CueLevel.info)  # sent while the link is down
    studio.server = LinkServer(studio.session, "127.0.0.1", port, token=TOKEN)
    await studio.server.start()
    studio.session.send_cue("三", CueLevel.warn)
    await studio.shows(page, 3)
    await appears(page, "#history-list li:nth-child(2):last-child")
    history = await page.locator("#history-list .text").all_text_contents()
    assert history == ["二", "一"] and await text(page, "#cue-text") == "三"


async def test_without_the_token_the_page_says_so_and_stops(studio):
    page = await studio.open(token=None, joined=False)
    await appears(page, "body[data-link='refused']")
    assert await page.locator("#refused").is_visible()
    assert "口令错误或缺少口令" in await text(page, "#refused-text")
    assert "token)" not in await text(page, "#refused-text")  # not the console's English reason after it
    assert not studio.server.panes


async def test_mirror_mode_flips_the_page(studio):
    page = await studio.open("?mirror=1&points=0")
    transform = await page.evaluate("getComputedStyle(document.getElementById('stage')).transform")
    assert transform == "matrix(-1, 0, 0, 1, 0, 0)"
    assert await page.locator("#points").is_hidden()
    await page.keyboard.press("p")
    assert await page.locator("#points").is_visible()


@pytest.mark.parametrize("size", [(375, 667), (1920, 1080)])
async def test_a_long_chinese_cue_fits_the_screen_whole(studio, size):
    assert len(LONG_CUE) == 40
    studio.session.start_or_advance()
    page = await studio.open(size=size)
    studio.session.send_cue(LONG_CUE, CueLevel.warn)
    await studio.shows(page, 1)
    fit = await page.evaluate("""() => {
        const text = document.getElementById('cue-text'), box = document.getElementById('cue-box');
        const r = text.getBoundingClientRect();
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, font: parseFloat(text.style.fontSize),
                overflowX: text.scrollWidth - box.clientWidth, overflowY: text.scrollHeight - box.clientHeight,
                width: innerWidth, height: innerHeight};
    }""")
    assert fit["left"] >= 0 and fit["top"] >= 0 and fit["right"] <= fit["width"] and fit["bottom"] <= fit["height"]
    assert fit["overflowX"] <= 0 and fit["overflowY"] <= 0
    assert fit["font"] >= (24 if size[0] < 500 else 80)  # filling the box, not shrunk to a safe small size


async def test_a_short_cue_is_huge(studio):
    studio.session.start_or_advance()
    page = await studio.open(size=(1920, 1080))
    studio.session.send_cue("停", CueLevel.info)
    await studio.shows(page, 1)
    assert float(await page.evaluate("parseFloat(document.getElementById('cue-text').style.fontSize)")) >= 400


async def test_a_cue_that_looks_like_html_shows_as_text(studio):
    studio.session.start_or_advance()
    page = await studio.open()
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog))
    markup = "<img src=x onerror=alert(1)><b>粗</b>"
    studio.session.send_cue(markup, CueLevel.info)
    await studio.shows(page, 1)
    assert await text(page, "#cue-text") == markup
    assert await page.locator("#cue-area img, #cue-area b").count() == 0
    assert not dialogs


async def test_the_console_blacks_out_the_page(studio):
    page = await studio.open()
    studio.server.set_blackout(True)
    await page.locator("#blackout").wait_for(state="visible", timeout=WAIT_MS)
    studio.server.set_blackout(False)
    await page.locator("#blackout").wait_for(state="hidden", timeout=WAIT_MS)


async def test_the_countdown_agrees_with_the_console_within_100_ms(small_plan):
    async with chromium() as browser:
        studio = Studio(small_plan, browser, clock=SystemClock())
        await studio.server.start()
        try:
            studio.session.start_or_advance()
            page = await studio.open()
            await appears(page, "body[data-clock-synced]")
            running = studio.session.state.running
            for _ in range(3):
                before = segment_remaining(studio.session.state, running, studio.session.now())
                on_page = await page.evaluate("window.rhythmPrompter.remaining()")
                after = segment_remaining(studio.session.state, running, studio.session.now())
                assert after - 0.1 <= on_page <= before + 0.1
        finally:
            await studio.server.stop()


async def test_a_paused_replay_s_countdown_stands_still_on_the_page(studio):
    # The page counted down at one second a second whatever the state frame's rate (a paused replay: 0).
    studio.session.clock_rate = 0.0
    studio.session.start_or_advance()
    page = await studio.open()
    await appears(page, "body[data-clock-synced]")
    assert await page.evaluate("window.rhythmPrompter.remaining()") == 300.0
    assert await text(page, "#countdown") == "5:00"


async def test_a_cue_from_the_previous_segment_leaves_the_big_area(studio):
    studio.session.start_or_advance()
    page = await studio.open()
    studio.session.send_cue("上链接！", CueLevel.urgent)
    await studio.shows(page, 1)
    studio.clock.advance(120)
    studio.session.start_or_advance()  # the next segment: the cue was for the one before
    await appears(page, "body[data-shown-seq='']")
    assert await text(page, "#cue-text") == "等待场控的提词…"
    assert await page.locator("#history-list .stale .text").all_text_contents() == ["上链接！"]
    assert "上一环节" in await text(page, "#history-list")
    reloaded = await studio.open()  # a page joining now sorts the cue the same way
    await appears(reloaded, "#history-list .stale")
    assert await text(reloaded, "#cue-text") == "等待场控的提词…"


async def test_after_the_end_the_page_says_so_even_with_a_cue_unread(studio):
    # The unread cue stayed big (and the idle screen hidden) after the show ended; the terminal pane moves it aside.
    studio.session.start_or_advance()
    page = await studio.open()
    studio.session.send_cue("上链接！", CueLevel.urgent)
    await studio.shows(page, 1)
    studio.clock.advance(60)
    studio.session.end_show()
    await page.locator("#idle").wait_for(state="visible", timeout=WAIT_MS)
    assert "已结束" in await text(page, "#idle-title")
    assert await page.locator("#history-list .stale .text").all_text_contents() == ["上链接！"]


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768), (375, 667)], ids=["tv", "tablet", "phone"])
async def test_the_page_shows_what_to_say_below_the_cue(size):
    """The product's price, deal and selling points, then a 福袋's prize and 口令: all of it shown, and
    the cue still the largest text on the page."""
    async with chromium() as browser:
        studio = Studio(load_plan(PLANS / "demo.yaml"), browser)
        await studio.server.start()
        try:
            for _ in range(2):
                studio.session.start_or_advance()  # 主推① the coat
            page = await studio.open(size=size)
            studio.session.send_cue("上链接！", CueLevel.urgent)
            await studio.shows(page, 1)
            assert "¥899" in await text(page, "#product")
            assert await text(page, ".say-selling_points") == "卖点90% 澳洲美利奴羊毛 · 双面呢手工缝制 · 落肩廓形显瘦 · 驼色/黑色/燕麦三色"
            assert await text(page, ".say-list_price .say-text") == "¥1,699"
            for _ in range(2):
                studio.session.start_or_advance()  # 福袋① 整点福袋
            await appears(page, ".say-prize")
            assert await text(page, ".say-prize .say-text") == "羊绒围巾 ×5"
            assert await text(page, ".say-prompt .say-text") == "评论区扣“暖冬”参与"
            assert await page.locator(".say-selling_points").count() == 0
            sizes = await page.evaluate("""() => {
                const px = (id) => parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
                const panel = document.getElementById('points');
                return {cue: px('cue-text'), points: px('points'), countdown: px('countdown'),
                        clipped: panel.scrollHeight - panel.clientHeight};
            }""")
            assert sizes["cue"] > sizes["points"] and sizes["cue"] > sizes["countdown"]
            assert sizes["clipped"] <= 1  # the whole panel shows (its text shrinks to fit)
            assert not studio.errors
        finally:
            await studio.server.stop()


async def test_the_page_asks_the_manager_and_hears_the_answer(studio):
    studio.session.start_or_advance()
    page = await studio.open("?name=ops")
    studio.session.send_cue("上链接！", CueLevel.urgent)
    await studio.shows(page, 1)
    budget = studio.session.state.running.budget
    await page.locator("#asks .ask[data-kind='extend']").click()
    await appears(page, "#request-status[data-status='open']")
    assert await text(page, "#request-status") == "已发给场控：+1 分钟"
    record = studio.session.state.request(1)
    assert (record.kind, record.by, record.origin) == ("extend", "ops", "pane")
    assert studio.session.answer_request(1, accepted=True) is None
    await appears(page, "#request-status[data-status='accepted']")
    assert await text(page, "#request-status") == "场控已同意：+1 分钟"
    assert studio.session.state.running.budget == budget + 60

    await page.locator("#asks .ask[data-kind='text']").click()
    await page.locator("#message-input").fill("话筒没电了")
    await page.keyboard.press("Enter")
    await until(lambda: len(studio.session.state.requests) == 2)
    assert studio.session.state.request(2).text == "话筒没电了"
    studio.session.answer_request(2, accepted=False)
    await appears(page, "#request-status[data-status='declined']")
    assert await text(page, "#request-status") == "场控没有同意：留言：话筒没电了"
    assert studio.session.state.cue(1).acked == ()  # a button or typing is not a tap acknowledging the cue


async def test_the_page_ties_a_request_to_its_segment_and_hears_it_undone_or_still_waiting(studio):
    studio.session.start_or_advance()
    page = await studio.open("?name=ops")
    await page.locator("#asks .ask[data-kind='extend']").click()
    await appears(page, "#request-status[data-status='open']")
    assert studio.session.state.request(1).segment == "open"  # the segment the page shows
    studio.clock.advance(2)
    assert studio.session.answer_request(1, accepted=True) is None
    await appears(page, "#request-status[data-status='accepted']")
    studio.clock.advance(2)
    assert studio.session.undo() is None  # the manager takes the minute back
    await appears(page, "#request-status[data-status='undone']")
    assert await text(page, "#request-status") == "场控撤销了刚才同意的：+1 分钟"

    await page.locator("#asks .ask[data-kind='next']").click()
    await appears(page, "#request-status[data-status='open']")
    await page.locator("#asks .ask[data-kind='next']").click()  # a second tap while the first still waits
    await appears(page, "#request-status[data-status='pending']")
    assert await text(page, "#request-status") == "还在等场控回复，没有再发：下一个"
    assert [r.kind for r in studio.session.state.requests] == ["extend", "next"]
    assert not studio.errors
