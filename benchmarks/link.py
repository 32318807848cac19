"""Cue link latency on loopback: console send to pane receive, and to the host app's screen; a button's
POST /api/cue through the access checks, against the floor of a bare aiohttp handler reading the same body.

    python benchmarks/link.py [--cues 1000] [--screen-cues 200] [--requests 1000]

Prints `name: value unit` lines; the host screen's floor, a message posted to a bare Textual
app until its repaint, is measured in the same run, with the ratio to it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from contextlib import aclosing
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bare import bare_message_to_screen  # noqa: E402
from paint import first_paint_after, record_paints, until  # noqa: E402

from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.link.client import LinkClient, LinkStatus
from rhythm_console.link.protocol import CueFrame
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel, load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.host import HostApp

PLAN = Path(__file__).resolve().parent.parent / "plans" / "demo.yaml"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def wait_for(predicate, limit: float = 5.0) -> None:
    await until(predicate, "the link", limit, poll=0)


class ArrivalTimes(list):
    """The host pane's cue list, noting when each cue was added: a latency runs to the first frame after it."""

    def __init__(self) -> None:
        super().__init__()
        self.added_at = 0.0

    def append(self, item) -> None:
        super().append(item)
        self.added_at = time.perf_counter()


async def send_to_receive(panes: int, cues: int) -> list[float]:
    session = LiveSession(load_plan(PLAN), ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    received: dict[int, list[float]] = {}

    async def follow(client: LinkClient) -> None:  # as the host pane's worker does
        async with aclosing(client.updates()) as updates:
            async for update in updates:
                if isinstance(update, CueFrame):
                    received.setdefault(update.seq, []).append(time.perf_counter())

    clients = [LinkClient(server.url, name=f"pane{index}") for index in range(panes)]
    followers = [asyncio.get_running_loop().create_task(follow(client)) for client in clients]
    await wait_for(lambda: len(server.panes) == panes and all(c.status is LinkStatus.connected for c in clients))
    latencies = []
    for number in range(1, cues + 1):
        sent = time.perf_counter()
        session.send_cue(f"提词 {number}", CueLevel.info)
        await wait_for(lambda: len(received.get(number, ())) == panes)
        latencies.extend((at - sent) * 1000 for at in received[number])
        await asyncio.sleep(0.001)
    for follower in followers:
        follower.cancel()
    await asyncio.gather(*followers, return_exceptions=True)
    await server.stop()
    return latencies


async def send_to_screen(cues: int) -> list[float]:
    session = LiveSession(load_plan(PLAN), ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()
    client = LinkClient(server.url, name="host")
    app = HostApp(client, Texts("zh"))
    app.cues = ArrivalTimes()
    latencies = []
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(lambda: client.status is LinkStatus.connected)
        painted = record_paints(app)
        for number in range(1, cues + 1):
            sent = time.perf_counter()
            session.send_cue(f"提词 {number}", CueLevel.urgent if number % 5 == 0 else CueLevel.info)
            await wait_for(lambda: app.cues and app.cues[-1].seq == number)
            latencies.append((await first_paint_after(painted, app.cues.added_at) - sent) * 1000)
            await asyncio.sleep(0.01)
        await pilot.press("q")
    await server.stop()
    return latencies


async def button_round_trips(requests: int) -> tuple[list[float], list[float]]:
    """POST /api/cue to the console and to a bare handler, taking turns on one keep-alive connection each:
    the difference is the access middleware, the validation and the session's command."""
    session = LiveSession(load_plan(PLAN), ManualClock(), lang="zh", advise=False)
    server = LinkServer(session, "127.0.0.1", 0)
    await server.start()

    async def bare(request: web.Request) -> web.Response:
        json.loads(await request.read())
        return web.json_response({"accepted": True}, status=202)

    floor_app = web.Application()
    floor_app.router.add_post("/api/cue", bare)
    runner = web.AppRunner(floor_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    floor_url = f"http://127.0.0.1:{runner.addresses[0][1]}/api/cue"
    console_url = f"http://127.0.0.1:{server.port}/api/cue"
    timings: dict[str, list[float]] = {console_url: [], floor_url: []}
    async with aiohttp.ClientSession() as http:
        for number in range(requests):
            for url, times in timings.items():
                sent = time.perf_counter()
                async with http.post(url, json={"text": f"按钮 {number}", "level": "紧急"}) as response:
                    await response.read()
                    assert response.status == 202
                times.append((time.perf_counter() - sent) * 1000)
    await runner.cleanup()
    await server.stop()
    return timings[console_url], timings[floor_url]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cues", type=int, default=1000)
    parser.add_argument("--screen-cues", type=int, default=200)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    for panes in (1, 10):
        latencies = asyncio.run(send_to_receive(panes, args.cues))
        print(f"cue_latency_{panes}_pane{'s' if panes > 1 else ''}_p50: {statistics.median(latencies):.2f} ms")
        print(f"cue_latency_{panes}_pane{'s' if panes > 1 else ''}_p99: {percentile(latencies, 0.99):.2f} ms")
    latencies = asyncio.run(send_to_screen(args.screen_cues))
    print(f"cue_to_host_screen_p50: {statistics.median(latencies):.1f} ms")
    print(f"cue_to_host_screen_p99: {percentile(latencies, 0.99):.1f} ms")
    bare = asyncio.run(bare_message_to_screen(args.screen_cues))
    print(f"bare_app_message_to_screen_p50: {statistics.median(bare):.1f} ms")
    print(f"bare_app_message_to_screen_p99: {percentile(bare, 0.99):.1f} ms")
    print(f"cue_to_host_screen_p99_ratio: {percentile(latencies, 0.99) / percentile(bare, 0.99):.2f} x")
    console, floor = asyncio.run(button_round_trips(args.requests))
    print(f"button_post_p50: {statistics.median(console):.2f} ms")
    print(f"button_post_floor_p50: {statistics.median(floor):.2f} ms")
    print(f"button_post_ratio: {statistics.median(console) / statistics.median(floor):.2f} x")


if __name__ == "__main__":
    main()
