"""Fold and journal throughput on a realistic mix: mostly metric samples.

    python benchmarks/fold.py [--events N]

Prints one figure a line: `name: value unit`.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from rhythm_console.clock import ManualClock
from rhythm_console.events import Advance, CueAcked, CueSent, Extend, MetricSample, Note, ShowStarted
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.plan import load_plan
from rhythm_console.show import fold

PLAN = Path(__file__).resolve().parent.parent / "plans" / "demo.yaml"


def realistic_events(count: int, seed: int = 7) -> list:
    """About 95% metric samples, the rest cues, acks, notes, extends and advances."""
    rng = random.Random(seed)
    events = [ShowStarted(at=0.0)]
    at, cue, online = 0.0, 0, 1500.0
    while len(events) < count:
        at += 0.2
        roll = rng.random()
        if roll < 0.95:
            online = max(0.0, online + rng.gauss(0, 20))
            events.append(MetricSample(at=at, values={"online": online, "comments_per_min": rng.uniform(10, 90),
                                                      "likes_per_min": rng.uniform(100, 900), "interaction_rate": rng.uniform(0.02, 0.1)}))
        elif roll < 0.975:
            cue += 1
            events.append(CueSent(at=at, cue=cue, text="上链接", level="urgent"))
            events.append(CueAcked(at=at + 0.1, cue=cue, by="host"))
            at += 0.1
        elif roll < 0.985:
            events.append(Note(at=at, text="评论区问尺码"))
        elif roll < 0.993:
            events.append(Extend(at=at, seconds=60))
        else:
            events.append(Advance(at=at))
    return events[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    plan = load_plan(PLAN)
    events = realistic_events(args.events)

    start = time.perf_counter()
    fold(plan, events)
    fold_seconds = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.jsonl"
        clock = ManualClock()
        start = time.perf_counter()
        # fsync as in production (every 200 ms of the clock and on cues); the
        # manual clock does not move, so this measures the cue-driven syncs.
        with JournalWriter(path, plan, clock=clock) as writer:
            for event in events:
                writer.append(event)
        write_seconds = time.perf_counter() - start
        start = time.perf_counter()
        journal = read_journal(path)
        read_seconds = time.perf_counter() - start
        assert len(journal.events) == len(events)
        size = path.stat().st_size

    print(f"events: {len(events)} count")
    print(f"fold_rate: {len(events) / fold_seconds:,.0f} events/s")
    print(f"journal_write_rate: {len(events) / write_seconds:,.0f} events/s")
    print(f"journal_read_rate: {len(events) / read_seconds:,.0f} events/s")
    print(f"journal_bytes_per_event: {size / len(events):.0f} bytes")


if __name__ == "__main__":
    main()
