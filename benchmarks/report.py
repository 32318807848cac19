"""The report of a long journal against the bare read of the same file, at 1x, 4x and 16x a four-hour show.

    python benchmarks/report.py [--sizes 1,4,16] [--journals DIR]

Simulates journals of the four-hour plan the review benchmark plays, repeated
(1x: four hours, ~15,000 events; the autopilot ends a show at 24 hours, so 16x
holds ~88,000 events), keeping them in --journals to reuse them (a before/after
comparison reads the same files). For each size it prints, as `name: value unit`
lines:

- `report_<n>x_time`, `_cpu` and `_peak_memory`: `rhythm-console report
  --format html` in its own process, as a user runs it (wall, CPU, maximum resident set);
- `bare_read_<n>x_time`, `_cpu` and `_peak_memory`: the floor, `orjson`
  parsing every line of the same file in its own process, in the same run;
- `report_<n>x_ratio`: the report's CPU time over the floor's (CPU: a shared
  machine's load does not move it much);
- `report_<n>x_per_event` and `bare_read_<n>x_per_event`: time per event, so the
  growth shows (flat per-event cost: linear; flat memory: the journal is streamed).
- `report_<n>x_work`: the report's own work in this process (read, review, render;
  CPU time), without starting Python and importing; `report_<n>x_work_ratio` over
  the in-process bare read.
- `read_<n>x_work`: the journal reader alone in this process (every record checked
  and made an event, nothing folded); `read_<n>x_work_ratio` over the bare read: the
  part of the report's work that is reading.

And once, before the sizes: `report_startup_cpu`, the CPU time of a report of a
journal with one record (starting Python, importing, rendering an empty review),
beside `bare_startup_cpu` (starting Python and importing orjson): the fixed cost
every size pays.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson  # noqa: E402
import yaml  # noqa: E402
from installed import installed_env  # noqa: E402
from review import ROOT  # noqa: E402  (the review benchmark's plan and autopilot settings)

from rhythm_console.autopilot import Autopilot  # noqa: E402
from rhythm_console.clock import ManualClock  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.plan import Plan, parse_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402

# Runs a command and prints its CPU seconds and peak resident memory (KB) on the last line of stderr.
_MEASURED = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_utime + used.ru_stime, used.ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""
_BARE_READ = "import orjson, sys\nfor line in open(sys.argv[1], 'rb'):\n    orjson.loads(line)\n"


def long_plan(hours_of_four: int) -> Plan:
    """The demo plan's segments repeated: twice over is the four-hour show, 2n times n of them."""
    data = yaml.safe_load((ROOT / "plans" / "demo.yaml").read_text(encoding="utf-8"))
    segments = data["segments"]
    data["segments"] = [dict(segment, id=segment["id"] if round_ == 0 else f"{segment['id']}-{round_ + 1}")
                        for round_ in range(2 * hours_of_four) for segment in segments]
    return parse_plan(yaml.safe_dump(data, allow_unicode=True), f"{4 * hours_of_four}-hours.yaml")


def journal_of(size: int, folder: Path) -> Path:
    """A simulated journal of `size` four-hour shows, made once and kept in `folder`."""
    path = folder / f"report-{size}x.jsonl"
    if not path.exists():
        plan = long_plan(size)
        clock = ManualClock()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        session = LiveSession(plan, clock, JournalWriter(partial, plan, clock=clock, sync=lambda fd: None), lang="zh")
        Autopilot(session, clock, seed=4, scale=1.5).run()
        session.close()
        partial.rename(path)
    return path


def measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak megabytes of `command` in a process of its own."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *command], stderr=subprocess.PIPE, text=True, check=True,
                          env=env)
    elapsed = time.perf_counter() - started
    cpu, peak = done.stderr.strip().splitlines()[-1].split()
    return float(cpu), elapsed, int(peak) / 1024


def report_work(path: Path) -> float:
    """The report's own work, in this process: read, review, render."""
    from rhythm_console.cli import build_parser
    from rhythm_console.commands.report import run_report

    # The command's own parser: every flag it has gets its default, as when a user runs it.
    args = build_parser().parse_args(["report", str(path), "--format", "html", "--library", str(path) + ".library"])
    started = time.process_time()
    with open("/dev/null", "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            run_report(args)
        finally:
            sys.stdout = stdout
    return time.process_time() - started


def read_work(path: Path) -> float:
    """The journal reader alone, in this process."""
    from rhythm_console.journal import JournalStream

    started = time.process_time()
    with JournalStream(path) as stream:
        for _ in stream:
            pass
    return time.process_time() - started


def one_record(path: Path, folder: Path) -> Path:
    """The journal's header and first record: a report of it is mostly starting up."""
    short = folder / "report-startup.jsonl"
    with open(path, "rb") as handle:
        short.write_bytes(handle.readline() + handle.readline())
    return short


def bare_read_work(path: Path) -> float:
    started = time.process_time()
    with open(path, "rb") as handle:
        for line in handle:
            orjson.loads(line)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,4,16", help="multiples of the four-hour show")
    parser.add_argument("--journals", type=Path, help="keep the simulated journals here (and reuse them)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs per figure")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.journals or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        program = str(Path(sys.executable).with_name("rhythm-console"))
        env = installed_env(Path(scratch) / "bytecode")  # each figure is a best of runs: the first writes it
        short = one_record(journal_of(sizes[0], folder), Path(scratch))
        startup = min(measured([program, "report", str(short), "--format", "html", "-o", str(folder / "r.html"),
                                "--library", str(folder / "none.sqlite"), "--force"], env)[0] for _ in range(args.repeat))
        bare_startup = min(measured([sys.executable, "-c", "import orjson"], env)[0] for _ in range(args.repeat))
        print(f"report_startup_cpu: {startup:.2f} s")
        print(f"bare_startup_cpu: {bare_startup:.2f} s")
        for size in sizes:
            path = journal_of(size, folder)
            with open(path, "rb") as handle:
                events = sum(1 for _ in handle) - 1
            report = min(measured([program, "report", str(path), "--format", "html", "-o", str(folder / "r.html"),
                                   "--library", str(folder / "none.sqlite")], env) for _ in range(args.repeat))
            bare = min(measured([sys.executable, "-c", _BARE_READ, str(path)], env) for _ in range(args.repeat))
            work = min(report_work(path) for _ in range(args.repeat))
            bare_work = min(bare_read_work(path) for _ in range(args.repeat))
            reading = min(read_work(path) for _ in range(args.repeat))
            (folder / "r.html").unlink(missing_ok=True)
            print(f"journal_{size}x_events: {events} events")
            print(f"journal_{size}x_size: {path.stat().st_size / 1e6:.1f} MB")
            print(f"report_{size}x_time: {report[1]:.2f} s")
            print(f"bare_read_{size}x_time: {bare[1]:.2f} s")
            print(f"report_{size}x_cpu: {report[0]:.2f} s")
            print(f"bare_read_{size}x_cpu: {bare[0]:.2f} s")
            print(f"report_{size}x_ratio: {report[0] / bare[0]:.1f} x")
            print(f"report_{size}x_per_event: {report[0] / events * 1e6:.0f} us")
            print(f"bare_read_{size}x_per_event: {bare[0] / events * 1e6:.0f} us")
            print(f"report_{size}x_peak_memory: {report[2]:.0f} MB")
            print(f"bare_read_{size}x_peak_memory: {bare[2]:.0f} MB")
            print(f"report_{size}x_work: {work:.2f} s")
            print(f"bare_read_{size}x_work: {bare_work:.2f} s")
            print(f"report_{size}x_work_ratio: {work / bare_work:.1f} x")
            print(f"report_{size}x_work_per_event: {work / events * 1e6:.0f} us")
            print(f"read_{size}x_work: {reading:.2f} s")
            print(f"read_{size}x_work_ratio: {reading / bare_work:.1f} x")


if __name__ == "__main__":
    main()
