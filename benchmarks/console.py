"""The manager console headless under load: first frame and key-to-screen latency.

    python benchmarks/console.py [--rate 2000] [--presses 200]

A synthetic source delivers room events at --rate per second while keys are
pressed; each latency runs from the key event entering the app (as the
terminal driver would post it) to the first repaint written out after the
key's command changed the show. Prints `name: value unit` lines.
"""

from __future__ import annotations

import time

PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paint import record_paints  # noqa: E402
from textual import events  # noqa: E402

from rhythm_console.clock import SystemClock  # noqa: E402
from rhythm_console.i18n import Texts  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.metrics.room import EventKind  # noqa: E402
from rhythm_console.plan import load_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402
from rhythm_console.ui.manager import ManagerApp  # noqa: E402

PLAN = Path(__file__).resolve().parent.parent / "plans" / "demo.yaml"


class FloodSource:
    """Room events at a fixed rate: every ~10 ms, whatever has fallen due since the start."""

    name = "flood"
    provides_commerce = True
    malformed = 0

    def __init__(self, session: LiveSession, rate: int) -> None:
        self.session = session
        self.rate = rate
        self.delivered = 0

    async def run(self, sink):
        kinds = [EventKind.comment, EventKind.like, EventKind.enter, EventKind.click]
        user = 0
        started = time.perf_counter()
        while True:
            at = self.session.now()
            due = int((time.perf_counter() - started) * self.rate)
            while user < due:
                user += 1
                self.delivered += 1
                sink.event(kinds[user % 4], at, 1, 0.0, f"u{user % 5000}")
            sink.snapshot(at, online=1500 + user % 300)
            await asyncio.sleep(0.01)


async def measure(rate: int, presses: int) -> dict[str, float]:
    plan = load_plan(PLAN)
    clock = SystemClock()
    with tempfile.TemporaryDirectory() as directory:
        journal = JournalWriter(Path(directory) / "bench.jsonl", plan, clock=clock)
        session = LiveSession(plan, clock, journal, lang="zh")
        source = FloodSource(session, rate)
        app = ManagerApp(session, Texts("zh"), source)
        construct = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            first_frame = time.perf_counter()
            await pilot.press("space")
            await asyncio.sleep(1.0)  # let the flood reach full rate
            delivered_before = source.delivered
            load_start = time.perf_counter()
            painted = record_paints(app)
            latencies = []
            keys = ["e", "E"]
            for index in range(presses):
                budget_before = session.state.running.budget
                key = keys[index % 2]
                start = time.perf_counter()
                app._driver.send_message(events.Key(key, key))
                while session.state.running.budget == budget_before:
                    await asyncio.sleep(0.0005)
                handled = time.perf_counter()
                while not painted or painted[-1] < handled:
                    await asyncio.sleep(0.0005)
                latencies.append((painted[-1] - start) * 1000)
                await asyncio.sleep(0.02)  # a manager does not press 50 keys a second
            elapsed = time.perf_counter() - load_start
            achieved = (source.delivered - delivered_before) / elapsed
            await pilot.press("q", "y")
    latencies.sort()
    return {
        "import_to_first_frame": (first_frame - PROCESS_START) * 1000,
        "app_start_to_first_frame": (first_frame - construct) * 1000,
        "source_rate_achieved": achieved,
        "key_to_screen_p50": statistics.median(latencies),
        "key_to_screen_p95": latencies[int(len(latencies) * 0.95) - 1],
        "key_to_screen_max": latencies[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=2000, help="room events per second from the source")
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.rate, args.presses))
    print(f"import_to_first_frame: {figures['import_to_first_frame']:.0f} ms")
    print(f"app_start_to_first_frame: {figures['app_start_to_first_frame']:.0f} ms")
    print(f"source_rate_achieved: {figures['source_rate_achieved']:.0f} events/s")
    print(f"key_to_screen_p50: {figures['key_to_screen_p50']:.1f} ms")
    print(f"key_to_screen_p95: {figures['key_to_screen_p95']:.1f} ms")
    print(f"key_to_screen_max: {figures['key_to_screen_max']:.1f} ms")


if __name__ == "__main__":
    main()
