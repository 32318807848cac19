"""Feed ingest throughput, probe end to end against its floor, and memory over a simulated four-hour stream.

    python benchmarks/ingest.py [--messages 200000] [--probe-base 12500] [--only-probe]

Prints `name: value unit` lines. The probe is measured at 1x, 4x and 16x `--probe-base` messages
(16x is the issue's 200,000), each beside its floor in the same run: a bare Python process that
does nothing but `orjson.loads` every line of the same file. Best of three, interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture import COMMENTS, douyin_messages, jsonl_records  # noqa: E402
from installed import installed_env  # noqa: E402

from rhythm_console.audience.lexicon import CategorySettings, Kind, Lexicon, build_lexicon  # noqa: E402
from rhythm_console.audience.tracker import AudienceTracker  # noqa: E402
from rhythm_console.clock import ManualClock  # noqa: E402
from rhythm_console.events import CommentExamples, MetricSample  # noqa: E402
from rhythm_console.journal import JournalWriter  # noqa: E402
from rhythm_console.metrics.room import RoomMetrics  # noqa: E402
from rhythm_console.plan import load_plan  # noqa: E402
from rhythm_console.session import LiveSession  # noqa: E402
from rhythm_console.sources.feeds import MALFORMED, decode_line, make_mapper  # noqa: E402
from rhythm_console.sources.simulated import SimulatedSource  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "demo.yaml"


def write_capture(path: Path, kind: str, count: int) -> None:
    generate = douyin_messages if kind == "douyin" else jsonl_records
    with open(path, "wb") as out:
        for message in generate(count):
            out.write(orjson.dumps(message) + b"\n")


def big_lexicon(phrases: int = 2000) -> Lexicon:
    """The shipped categories plus made-up phrases up to `phrases`, as a plan with a large `audience:` might have."""
    extra = [CategorySettings(id=f"topic_{n}_questions", kind=Kind.question,
                              phrases=tuple(f"话题{n}词{m}" for m in range(20))) for n in range(phrases // 20)]
    lexicon = build_lexicon(extra)
    assert lexicon.phrase_count >= phrases
    return lexicon


def ingest_rate(path: Path, kind: str, journal_dir: Path, classify: bool = False, attempt: int = 0) -> tuple[float, int]:
    """parse -> validate/map -> aggregate -> journal (a metric sample per 1,000 messages, as a busy room's second)."""
    plan = load_plan(PLAN)
    clock = ManualClock()
    audience = AudienceTracker(big_lexicon()) if classify else None
    room = RoomMetrics(provides_commerce=kind == "jsonl", audience=audience)
    mapper = make_mapper(kind, room)
    feed = mapper.feed
    messages = 0
    name = f"ingest-{kind}{'-classified' if classify else ''}-{attempt}.jsonl"
    with JournalWriter(journal_dir / name, plan, clock=clock) as journal:
        start = time.perf_counter()
        with open(path, "rb") as handle:
            second = 0.0
            loads = orjson.loads
            for line in handle:
                try:
                    feed(loads(line), second)
                except orjson.JSONDecodeError:
                    if decode_line(line) is MALFORMED:
                        mapper.malformed += 1
                messages += 1
                if not messages % 1000:
                    second += 1
                    clock.advance(1)
                    journal.append(MetricSample(at=second, values=room.figures(second)))
                    if audience is not None and (examples := audience.take_examples()):
                        journal.append(CommentExamples(at=second, examples=examples))
        elapsed = time.perf_counter() - start
    return messages / elapsed, messages


BARE_LOADS = "import orjson, sys\nfor line in open(sys.argv[1], 'rb'): orjson.loads(line)"


def _timed(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=True, env=env, cwd=cwd)
    return time.perf_counter() - start, done.stdout


def probe_against_floor(folder: Path, base: int, code: Path | None = None) -> None:
    """`probe douyin:FILE --json` end to end, and the bare parse of the same lines, at three sizes.
    `code`: a checkout's directory holding another rhythm_console to measure (a before/after)."""
    probe_command = [sys.executable, "-m", "rhythm_console", "probe"]
    # Both read bytecode, as an installed package does, made by a first run of each command that is not timed.
    env = installed_env(folder / "bytecode")
    if code is not None:  # without site, so the installed (editable) package does not shadow it
        packages = next(p for p in sys.path if p.endswith("site-packages"))
        env["PYTHONPATH"] = f"{code}{os.pathsep}{packages}"
        probe_command.insert(1, "-S")
    floor_command = [sys.executable, "-c", BARE_LOADS]
    for factor in (1, 4, 16):
        messages = base * factor
        path = folder / f"probe-{factor}x.jsonl"
        write_capture(path, "douyin", messages)
        probe_times, floor_times = [], []
        for attempt in range(4):
            # `python -m` puts the working directory first on sys.path: run in `code`, or the checkout the
            # script is run from would be measured instead of it.
            elapsed, out = _timed([*probe_command, f"douyin:{path}", "--json"], env, code)
            assert sum(json.loads(out)["items"].values()) > 0
            floor = _timed([*floor_command, str(path)], env)[0]
            if attempt:  # the first writes the bytecode
                probe_times.append(elapsed)
                floor_times.append(floor)
        probe, floor = min(probe_times), min(floor_times)
        name = f"probe_douyin_{factor}x"
        print(f"{name}: {probe:.3f} s ({messages:,} messages, {probe / messages * 1e6:.2f} us/message)")
        print(f"{name}_floor: {floor:.3f} s (bare orjson.loads per line, {floor / messages * 1e6:.2f} us/message)")
        print(f"{name}_ratio: {probe / floor:.2f}")


def four_hour_memory(journal_dir: Path) -> dict[str, float]:
    """A whole simulated four-hour stream through the live session: room, fold, history, advisor, journal."""
    plan = load_plan(PLAN)
    clock = ManualClock()
    journal = JournalWriter(journal_dir / "four-hours.jsonl", plan, clock=clock, sync=lambda fd: None)
    session = LiveSession(plan, clock, journal, lang="zh")
    room = SimulatedSource(session, seed=2, scale=2.0)
    session.start_or_advance()
    rss = {}
    items = 0
    start = time.perf_counter()
    for second in range(1, 4 * 3600 + 1):
        clock.advance(1)
        items += room.feed(session.room)
        session.second()
        running = session.state.running
        if running is not None and second % 10 == 0:
            from rhythm_console.show import segment_elapsed

            if segment_elapsed(session.state, running, session.now()) >= running.budget:
                if session.state.next_pending() is None:
                    session.extend(600)  # keep the closing going: a long final push
                else:
                    session.start_or_advance()
        if second in (3600, 4 * 3600):
            rss[second] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    session.close()
    return {"rss_1h": rss[3600], "rss_4h": rss[4 * 3600], "items": items,
            "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--probe-base", type=int, default=12_500, help="the probe's 1x size (16x: 200,000)")
    parser.add_argument("--only-probe", action="store_true", help="the probe against its floor, nothing else")
    parser.add_argument("--probe-code", type=Path, help="measure the rhythm_console package in this directory "
                                                         "instead (e.g. an exported older commit), for a before/after")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        probe_against_floor(folder, args.probe_base, args.probe_code)
        if args.only_probe:
            return
        for kind in ("jsonl", "douyin"):
            path = folder / f"{kind}.jsonl"
            write_capture(path, kind, args.messages)
            rate, _ = ingest_rate(path, kind, folder, attempt=9)
            print(f"ingest_{kind}: {rate:,.0f} events/s")
            if kind == "douyin":
                # Interleaved, best of three each: the machine is shared, and one slow run says nothing.
                rates = {False: [rate], True: []}
                for attempt in range(3):
                    for classify in (True, False) if attempt < 2 else (True,):
                        rates[classify].append(ingest_rate(path, kind, folder, classify, attempt)[0])
                rate, classified = max(rates[False]), max(rates[True])
                print(f"ingest_douyin_best_of_3: {rate:,.0f} events/s")
                print(f"ingest_douyin_classified: {classified:,.0f} events/s ({classified / rate - 1:+.1%}, 2,000 phrases)")
                lexicon = big_lexicon()
                texts = [f"{comment} {n}" for n in range(5000) for comment in COMMENTS]  # all distinct: no cache hits
                started = time.perf_counter()
                for text in texts:
                    lexicon.classify(text)
                print(f"classify_uncached: {len(texts) / (time.perf_counter() - started):,.0f} comments/s")
        memory = four_hour_memory(folder)
        print(f"four_hour_stream_items: {memory['items']:,} items")
        print(f"four_hour_stream_time: {memory['seconds']:.1f} s")
        print(f"peak_rss_after_1h: {memory['rss_1h']:.0f} MB")
        print(f"peak_rss_after_4h: {memory['rss_4h']:.0f} MB")


if __name__ == "__main__":
    main()
