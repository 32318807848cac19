"""The browser prompter in headless Chromium: a cue sent in the console's session to its text in the
page's DOM, and a page load to the first state shown.

    python benchmarks/prompter.py [--cues 300] [--loads 20]

Prints `name: value unit` lines. Needs Chromium at /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from rhythm_console.clock import ManualClock  # noqa: E402
from rhythm_console.link.server import LinkServer  # noqa: E402
from rhythm_console.plan import CueLevel, load_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402
from tests.support.browser import chromium, why_no_browser  # noqa: E402

PLAN = ROOT / "plans" / "demo.yaml"

# When the cue's text changed in the DOM, on the epoch clock Python reads too (one machine).
WATCH_CUES = """() => {
    window.benchShown = {};
    const text = document.getElementById('cue-text');
    new MutationObserver(() => {
        const seq = document.body.dataset.shownSeq;
        if (seq && !(seq in window.benchShown)) window.benchShown[seq] = performance.timeOrigin + performance.now();
    }).observe(text, {childList: true, characterData: true, subtree: true});
}"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def cue_to_dom(browser, cues: int) -> list[float]:
    session = LiveSession(load_plan(PLAN), ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    session.start_or_advance()
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.goto(f"http://127.0.0.1:{server.port}/")
    await page.locator("body[data-link='connected'][data-state-at]").wait_for()
    await page.evaluate(WATCH_CUES)
    latencies = []
    for number in range(1, cues + 1):
        sent = time.time() * 1000
        session.send_cue(f"提词 {number}：看评论区回答尺码", CueLevel.urgent if number % 5 == 0 else CueLevel.info)
        await page.locator(f"body[data-shown-seq='{number}']").wait_for(state="attached")
        shown = await page.evaluate(f"window.benchShown['{number}']")
        latencies.append(shown - sent)
    await page.close()
    await server.stop()
    return latencies


async def load_to_state(browser, loads: int) -> list[float]:
    session = LiveSession(load_plan(PLAN), ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    session.start_or_advance()
    times = []
    for _ in range(loads):
        page = await browser.new_page(viewport={"width": 1920, "height": 1080})
        await page.goto(f"http://127.0.0.1:{server.port}/")
        await page.locator("body[data-state-at]").wait_for(state="attached")
        # data-state-at: performance.now() when the first state was drawn, i.e. ms since navigation began.
        times.append(float(await page.evaluate("document.body.dataset.stateAt")))
        await page.close()
    await server.stop()
    return times


async def run(cues: int, loads: int) -> None:
    async with chromium() as browser:
        latencies = await cue_to_dom(browser, cues)
        print(f"prompter_cue_to_dom_p50: {statistics.median(latencies):.1f} ms")
        print(f"prompter_cue_to_dom_p99: {percentile(latencies, 0.99):.1f} ms")
        times = await load_to_state(browser, loads)
        print(f"prompter_load_to_first_state_p50: {statistics.median(times):.0f} ms")
        print(f"prompter_load_to_first_state_max: {max(times):.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=300)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()
    reason = why_no_browser()
    if reason:
        raise SystemExit(f"benchmarks/prompter.py: {reason}")
    asyncio.run(run(args.cues, args.loads))


if __name__ == "__main__":
    main()
