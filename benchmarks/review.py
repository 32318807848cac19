"""The review and replay on a simulated four-hour show.

    python benchmarks/review.py

Simulates a four-hour journal (the demo plan's segments twice over) with the
autopilot, then prints `name: value unit` lines: report time and peak memory
(a separate process, as a user runs it), replay open-to-first-frame, seek times.
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from rhythm_console.autopilot import Autopilot
from rhythm_console.clock import ManualClock
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import parse_plan
from rhythm_console.replay import ReplayCursor, ReplayIndex
from rhythm_console.session import LiveSession

ROOT = Path(__file__).resolve().parent.parent


def four_hour_plan():
    data = yaml.safe_load((ROOT / "plans" / "demo.yaml").read_text(encoding="utf-8"))
    second = [dict(segment, id=f"{segment['id']}-2") for segment in data["segments"]]
    data["segments"] = data["segments"] + second
    return parse_plan(yaml.safe_dump(data, allow_unicode=True), "four-hours.yaml")


def simulate(path: Path) -> float:
    plan = four_hour_plan()
    clock = ManualClock()
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh")
    start = time.perf_counter()
    Autopilot(session, clock, seed=4, scale=1.5).run()
    session.close()
    return time.perf_counter() - start


def report(path: Path, out: Path) -> tuple[float, float]:
    command = [str(Path(sys.executable).with_name("rhythm-console")), "report", str(path), "--format", "html", "-o", str(out)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


async def replay_first_frame(path: Path) -> float:
    from rhythm_console.ui.replay_app import ReplayApp

    start = time.perf_counter()
    journal = read_journal(path)
    app = ReplayApp(ReplayIndex(journal), Texts("zh"), name=path.name)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
        await pilot.press("q")
    return elapsed


def seek_times(path: Path) -> list[float]:
    index = ReplayIndex(read_journal(path))
    cursor = ReplayCursor(index)
    rng = random.Random(1)
    times = []
    for _ in range(100):
        target = rng.uniform(index.start, index.end)
        start = time.perf_counter()
        cursor.seek(target)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "four-hours.jsonl"
        simulate_seconds = simulate(path)
        journal = read_journal(path)
        show = journal.events[-1].at - journal.events[0].at
        print(f"journal_events: {len(journal.events):,} events")
        print(f"journal_show_length: {show / 3600:.2f} h")
        print(f"journal_size: {path.stat().st_size / 1e6:.1f} MB")
        print(f"simulate_instant: {simulate_seconds:.1f} s")
        elapsed, peak = report(path, Path(directory) / "r.html")
        print(f"report_html_time: {elapsed:.2f} s")
        print(f"report_peak_memory: {peak:.0f} MB")
        print(f"replay_open_to_first_frame: {asyncio.run(replay_first_frame(path)) * 1000:.0f} ms")
        seeks = seek_times(path)
        print(f"replay_seek_p50: {statistics.median(seeks):.1f} ms")
        print(f"replay_seek_max: {max(seeks):.1f} ms")


if __name__ == "__main__":
    main()
