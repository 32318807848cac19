"""`simulate --instant` of a four-hour show: how long the autopilot takes to play it.

    python benchmarks/simulate.py [--hours-of-four N]

Plays the four-hour plan the review benchmark uses (the demo plan's segments
twice over) with the autopilot into a journal, as `simulate --instant` does,
and prints `name: value unit` lines: the time (wall and CPU, best of --repeat),
and the cost per simulated second. Every simulated second the session samples
the room, the advisor reads its windows and the journal takes a sample.
The floor, measured in the same run: the journal the simulation wrote, its
records (read beforehand) written again by orjson into a file, a line each;
the ratio to it survives a noisy machine.
To compare with another version of the code, run this script with that
version first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
from report import long_plan  # noqa: E402  (the review benchmark's plan, repeated)

from rhythm_console.autopilot import Autopilot  # noqa: E402
from rhythm_console.clock import ManualClock  # noqa: E402
from rhythm_console.commands.simulate import INSTANT_BATCH  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402


def play(path: Path, size: int) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and simulated seconds of one instant simulation."""
    plan = long_plan(size)
    clock = ManualClock()
    journal = JournalWriter(path, plan, clock=clock, sync=lambda fd: None, batch=INSTANT_BATCH)
    session = LiveSession(plan, clock, journal, lang="zh")
    wall, cpu = time.perf_counter(), time.process_time()
    Autopilot(session, clock, seed=4, scale=1.5).run()
    session.close()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    state = session.state
    return wall, cpu, state.ended_at - state.started_at


def floor(journal: Path, copy: Path, repeat: int = 5) -> float:
    """CPU seconds to write `journal`'s records again, each dumped by orjson onto a line of its own
    (best of `repeat`: a twentieth of a second is easily disturbed)."""
    records = [orjson.loads(line) for line in journal.read_bytes().splitlines()]
    times = []
    for _ in range(repeat):
        cpu = time.process_time()
        with open(copy, "wb") as out:
            for record in records:
                out.write(orjson.dumps(record) + b"\n")
        times.append(time.process_time() - cpu)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hours-of-four", type=int, default=1, help="multiples of the four-hour show")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    runs, floors = [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.repeat):
            journal = Path(folder) / f"simulated-{run}.jsonl"
            runs.append(play(journal, args.hours_of_four))
            floors.append(floor(journal, journal.with_suffix(".copy")))
    wall, cpu, show = min(runs, key=lambda run: run[1])
    bare = min(floors)
    hours = 4 * args.hours_of_four
    print(f"simulate_{hours}h_time: {wall:.2f} s")
    print(f"simulate_{hours}h_cpu: {cpu:.2f} s")
    print(f"simulate_show_length: {show / 3600:.2f} h")
    print(f"simulate_per_show_second: {cpu / show * 1e6:.0f} us")
    print(f"simulate_{hours}h_floor: {bare:.3f} s (its journal's records written again by orjson)")
    print(f"simulate_{hours}h_ratio: {cpu / bare:.1f} x")


if __name__ == "__main__":
    main()
