"""The show library at scale: adding a four-hour journal, and a library of 1,000 shows.

    python benchmarks/library.py

Simulates a four-hour journal and a few two-hour demo shows with the autopilot,
then fills a library with 1,000 shows (the demo shows' records stored under
1,000 identities and dates: the faster path, instead of 1,000 simulations) and
prints `name: value unit` lines: time to add the four-hour journal, `shows`
and `compare --last 30` (as a user runs them, in a separate process, and the
work alone), and the database size per show. Then `shows` over libraries of 250, 1,000 and 4,000
shows: the query per show beside a bare sqlite3 SELECT of the same columns (floor and ratio), and the
command as a user runs it.
"""

from __future__ import annotations

import copy
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review import four_hour_plan  # noqa: E402  (the four-hour plan the review benchmark plays)

from rhythm_console.autopilot import Autopilot  # noqa: E402
from rhythm_console.clock import ManualClock  # noqa: E402
from rhythm_console.journal import JournalWriter, read_journal  # noqa: E402
from rhythm_console.library import Library  # noqa: E402
from rhythm_console.library.store import LINE_COLUMNS  # noqa: E402
from rhythm_console.plan import load_plan  # noqa: E402
from rhythm_console.review import build_review  # noqa: E402
from rhythm_console.review.compare import compare  # noqa: E402
from rhythm_console.review.records import show_record  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHOWS = 1000
GROWTH = (250, 1000, 4000)
SEEDS = 4


def simulate(path: Path, plan, seed: int) -> None:
    clock = ManualClock()
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock, sync=lambda fd: None), lang="zh")
    Autopilot(session, clock, seed=seed).run()
    session.close()


def timed_command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rhythm_console", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        long = folder / "four-hours.jsonl"
        simulate(long, four_hour_plan(), seed=4)
        started = time.perf_counter()
        with Library.open(folder / "one.sqlite") as library:
            library.add_journal(long)
        print(f"library_add_four_hour_journal: {time.perf_counter() - started:.3f} s")

        demo = load_plan(ROOT / "plans" / "demo.yaml")
        records = []
        for seed in range(SEEDS):
            path = folder / f"demo-{seed}.jsonl"
            simulate(path, demo, seed)
            journal = read_journal(path)
            records.append(show_record(build_review(journal.header.plan, journal.events, started_wall=journal.header.started_wall)))
        path = folder / "library.sqlite"
        base = datetime.fromisoformat(records[0].started_wall)
        started = time.perf_counter()
        with Library.open(path) as library:
            for number in range(SHOWS):
                record = copy.copy(records[number % SEEDS])
                record.started_wall = (base + timedelta(days=number)).isoformat()
                library.store(record, key=f"bench-{number}", prefix="-", journal=f"bench-{number}.jsonl",
                              size=0, last_seq=0)
        print(f"library_store_per_show: {(time.perf_counter() - started) / SHOWS * 1000:.2f} ms")
        for companion in ("-wal", "-shm"):
            Path(str(path) + companion).unlink(missing_ok=True)
        print(f"library_size_per_show: {path.stat().st_size / SHOWS / 1024:.1f} KiB")

        with Library.open(path) as library:
            started = time.perf_counter()
            library.shows()
            print(f"shows_query_1000: {(time.perf_counter() - started) * 1000:.1f} ms")
            started = time.perf_counter()
            compare(library.load(library.shows(last=30)))
            print(f"compare_last_30_work: {(time.perf_counter() - started) * 1000:.1f} ms")
        print(f"shows_command_1000: {timed_command('shows', '--library', str(path)):.3f} s")
        out = folder / "compare.html"
        print(f"compare_last_30_command_html: "
              f"{timed_command('compare', '--last', '30', '--library', str(path), '--format', 'html', '-o', str(out)):.3f} s")
        growth(folder, records, base)


def best_ms(action, times: int = 7) -> float:
    """The quickest of a few runs: on a shared machine, the run nothing else got in the way of."""
    results = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        results.append(time.perf_counter() - started)
    return min(results) * 1000


def growth(folder: Path, records: list, base: datetime) -> None:
    """`shows` at 1x, 4x and 16x libraries: what it reads per show should stay flat (linear), near a bare
    sqlite3 SELECT of the same columns in the same order (the floor)."""
    largest = folder / f"growth-{GROWTH[-1]}.sqlite"
    with Library.open(largest) as library:
        for number in range(GROWTH[-1]):
            record = copy.copy(records[number % SEEDS])
            record.started_wall = (base + timedelta(hours=number)).isoformat()
            library.store(record, key=f"growth-{number}", prefix="-", journal=f"growth-{number}.jsonl",
                          size=0, last_seq=0)
        library.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for shows in GROWTH:
        path = folder / f"growth-{shows}.sqlite"
        if path != largest:  # the same shows, fewer of them
            shutil.copy(largest, path)
            with sqlite3.connect(path) as connection:
                connection.execute("PRAGMA foreign_keys=ON")
                connection.execute("DELETE FROM shows WHERE id > ?", (shows,))
            with sqlite3.connect(path) as connection:
                connection.execute("VACUUM")
        with Library.open(path, create=False) as library:
            query = best_ms(library.listing)
        bare = sqlite3.connect(path)
        floor = best_ms(lambda: bare.execute(  # noqa: B023 (called here, inside its iteration)
            f"SELECT {', '.join(LINE_COLUMNS)} FROM shows ORDER BY started_wall DESC, id DESC").fetchall())
        bare.close()
        command = timed_command("shows", "--library", str(path)) * 1000
        print(f"shows_query_{shows}: {query:.2f} ms")
        print(f"shows_query_{shows}_per_show: {query / shows * 1000:.2f} us")
        print(f"shows_query_{shows}_floor: {floor:.2f} ms")
        print(f"shows_query_{shows}_ratio: {query / floor:.2f} x")
        print(f"shows_command_{shows}: {command:.0f} ms")
        print(f"shows_command_{shows}_per_show: {command / shows * 1000:.0f} us")


if __name__ == "__main__":
    main()
