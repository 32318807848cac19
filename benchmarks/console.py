"""The manager console: first frame in a terminal, and key-to-screen latency under load.

    python benchmarks/console.py [--rate 2000] [--presses 200] [--starts 5]

First frame: `rhythm-console run plans/demo.yaml` started in a pseudo-terminal until its
header is written, beside an empty Textual app started the same way (alternating, --starts
each, medians). Key to screen: a synthetic source delivers room events at --rate per second
while keys are pressed; each latency runs from the key event entering the app (as the terminal
driver would post it) to the first repaint written out after the key's command changed the
show, beside a bare app's key to its repaint. Prints `name: value unit` lines, each floor
measured in the same run and the ratio to it.
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
from bare import EMPTY_APP_MARKER, bare_key_to_screen, empty_app_argv  # noqa: E402
from installed import installed_env  # noqa: E402
from paint import first_paint_after, record_paints, until  # noqa: E402
from pty_frame import first_frame  # noqa: E402
from textual import events  # noqa: E402

from rhythm_console.clock import SystemClock  # noqa: E402
from rhythm_console.events import Extend  # noqa: E402
from rhythm_console.i18n import Texts  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.metrics.room import EventKind  # noqa: E402
from rhythm_console.plan import load_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402
from rhythm_console.ui.manager import ManagerApp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "demo.yaml"
HEADER_MARKER = "暖冬上新专场"  # the demo show's title, in the console's header


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
            if session.state.running is None:  # the demo's checklist has blocking items open: start anyway
                await pilot.press("y")
            if session.state.running is None:
                raise SystemExit("console.py: Space did not start the demo show; its start keys changed?")
            await asyncio.sleep(1.0)  # let the flood reach full rate
            extended: list[float] = []  # when each e/E was applied: a latency runs to the first frame after it
            session.listeners.subscribe(
                lambda event, state: extended.append(time.perf_counter()) if isinstance(event, Extend) else None)
            delivered_before = source.delivered
            load_start = time.perf_counter()
            painted = record_paints(app)
            latencies = []
            keys = ["e", "E"]
            for index in range(presses):
                key = keys[index % 2]
                start = time.perf_counter()
                app._driver.send_message(events.Key(key, key))
                await until(lambda: len(extended) > index, f"key {key} to extend the running segment")
                latencies.append((await first_paint_after(painted, extended[index]) - start) * 1000)
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
        "key_to_screen_p95": p95(latencies),
        "key_to_screen_max": latencies[-1],
    }


def first_frames(starts: int) -> dict[str, float]:
    """Median milliseconds to the first frame in a pty, wall and the process's CPU: the console on the
    demo plan, an empty app."""
    times: dict[str, list[float]] = {"console": [], "console_cpu": [], "empty": [], "empty_cpu": []}
    with tempfile.TemporaryDirectory() as directory:
        env = installed_env(Path(directory) / "bytecode")
        for number in range(starts + 1):  # alternating, so a busy moment of the machine hits both
            empty = first_frame(empty_app_argv(), EMPTY_APP_MARKER, env=env)
            console = first_frame(
                [sys.executable, "-m", "rhythm_console", "run", str(PLAN), "--journal", f"{directory}/run{number}.jsonl"],
                HEADER_MARKER, cwd=str(ROOT), env=env)
            if number == 0:  # the first start of each writes its bytecode
                continue
            times["empty"].append(empty[0])
            times["empty_cpu"].append(empty[1])
            times["console"].append(console[0])
            times["console_cpu"].append(console[1])
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def p95(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[int(len(ordered) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=2000, help="room events per second from the source")
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5, help="pty starts of each app for the first frame")
    args = parser.parse_args()
    frames = first_frames(args.starts)
    print(f"first_frame_pty: {frames['console']:.0f} ms")
    print(f"empty_app_first_frame_pty: {frames['empty']:.0f} ms")
    print(f"first_frame_pty_ratio: {frames['console'] / frames['empty']:.2f} x")
    # CPU time by the first frame: what a loaded machine moves least (to the kernel's 10 ms tick).
    print(f"first_frame_pty_cpu: {frames['console_cpu']:.0f} ms")
    print(f"empty_app_first_frame_pty_cpu: {frames['empty_cpu']:.0f} ms")
    print(f"first_frame_pty_cpu_ratio: {frames['console_cpu'] / frames['empty_cpu']:.2f} x")
    bare = asyncio.run(bare_key_to_screen(args.presses))
    figures = asyncio.run(measure(args.rate, args.presses))
    print(f"import_to_first_frame: {figures['import_to_first_frame']:.0f} ms")
    print(f"app_start_to_first_frame: {figures['app_start_to_first_frame']:.0f} ms")
    print(f"source_rate_achieved: {figures['source_rate_achieved']:.0f} events/s")
    print(f"key_to_screen_p50: {figures['key_to_screen_p50']:.1f} ms")
    print(f"key_to_screen_p95: {figures['key_to_screen_p95']:.1f} ms")
    print(f"key_to_screen_max: {figures['key_to_screen_max']:.1f} ms")
    print(f"bare_app_key_to_screen_p95: {p95(bare):.1f} ms")
    print(f"key_to_screen_p95_ratio: {figures['key_to_screen_p95'] / p95(bare):.2f} x")


if __name__ == "__main__":
    main()
