"""A recorded show to drill on (the autopilot's run of the quick plan), and a drill of it on a manual clock."""

from __future__ import annotations

from pathlib import Path

from rhythm_console.cli import main
from rhythm_console.clock import ManualClock
from rhythm_console.commands.drill import DrillStart, drill_start, open_drill
from rhythm_console.i18n import Texts
from rhythm_console.journal import Journal, read_journal
from rhythm_console.session import LiveSession
from rhythm_console.sources.recorded import RecordedSource
from tests.support.plans import PLANS


def recorded_show(directory: Path, seed: int = 1) -> Path:
    """`simulate plans/quick.yaml --instant` into `directory`: the trainer's recording."""
    path = directory / f"original-{seed}.jsonl"
    assert main(["simulate", str(PLANS / "quick.yaml"), "--instant", "--seed", str(seed), "-o", str(path),
                 "--library", str(directory / "library.sqlite")]) == 0
    return path


def start_drill(recording_path: Path, out: Path, *, segment: str | None = None, trainee: str | None = "小王",
                speed: float = 1.0) -> tuple[LiveSession, RecordedSource, ManualClock, Journal, DrillStart]:
    recording = read_journal(recording_path)
    clock = ManualClock()
    start = drill_start(recording, segment)
    session = open_drill(recording, str(recording_path), out, clock, "zh", start, trainee, speed)
    source = RecordedSource(recording, session, Texts("zh"), recording_path, start=start.at)
    return session, source, clock, recording, start
