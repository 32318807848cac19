"""`rhythm-console simulate`: a whole show run headless by the autopilot into a journal."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rhythm_console.autopilot import Autopilot
from rhythm_console.clock import ManualClock
from rhythm_console.commands.output import check_journal_target, refuse_overwriting_inputs
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts, lang_for_locale, speak
from rhythm_console.journal import JournalWriter
from rhythm_console.library import add_after_show
from rhythm_console.plan import load_plan
from rhythm_console.run_settings import RunSettings
from rhythm_console.session import LiveSession
from rhythm_console.sources.runner import SourceSpecError, check_scale

INSTANT_BATCH = 64  # records --instant writes at once (about a simulated minute of samples)


def run_simulate(args: argparse.Namespace) -> int:
    try:
        check_scale(args.scale)
    except SourceSpecError as exc:
        raise UserError(Said("error.flag", flag="--scale", why=exc)) from None
    refuse_overwriting_inputs(args.output, [args.plan])
    plan = load_plan(args.plan)
    lang = lang_for_locale(plan.show.locale.value)
    speak(lang)
    if args.speed is not None and not 0.5 <= args.speed <= 10000:
        raise UserError(Said("error.speed", low=0.5, high=10000))
    # Stamped with the time it was made, not the plan's start: a simulated show must never pass
    # for one that ran on the plan's date (issue 20: real shows apart from simulations).
    made = datetime.now().astimezone().replace(microsecond=0)
    clock = ManualClock(start_wall=made.astimezone(plan.zone) if plan.zone is not None else made)
    path = Path(args.output)
    check_journal_target(path, force=args.force)
    if path.exists():
        path.unlink()  # a file check_journal_target lets go: an earlier simulation, or not a journal at all
    try:
        # --instant writes hours in seconds: fsync once at the end, not per cue, and records written a batch
        # at a time (whole lines: killed part way, the journal reads cleanly up to its last batch, and the
        # same seed makes the show again).
        journal = JournalWriter(path, plan, clock=clock, plan_source=str(args.plan), kind="simulated",
                                run=RunSettings(sources=(f"simulate:seed={args.seed},scale={args.scale:g}",), lang=lang),
                                sync=(lambda fd: None) if args.instant else os.fsync,
                                batch=INSTANT_BATCH if args.instant else 1)
    except OSError as exc:
        raise UserError(Said("error.journal.create", path=path, why=exc.strerror or exc)) from None
    session = LiveSession(plan, clock, journal, lang=lang, count_plan_start=False)
    pilot = Autopilot(session, clock, seed=args.seed, scale=args.scale)
    started = time.perf_counter()

    try:
        pilot.run(on_second=None if args.instant else SecondPacer(args.speed or 1.0, started))
    finally:
        session.close()
    state = session.state
    length = state.ended_at - state.started_at if state.ended_at is not None and state.started_at is not None else 0
    print(Texts(lang)("simulate.done", path=path, segments=len(state.runs), cues=len(state.cues),
                      length=length, seconds=time.perf_counter() - started))
    print(add_after_show(path, getattr(args, "library", None), kind="simulated"), file=sys.stderr)
    return 0


class SecondPacer:
    """Called after each simulated second: waits until `speed` simulated seconds have taken one real second
    since `started`, against the clock (a nap per second would add the second's own work, an fsync per
    record, to every one: a 120x show ran 2.3x slower at load)."""

    def __init__(self, speed: float, started: float, now: Callable[[], float] = time.perf_counter,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.pace = 1.0 / speed
        self.started = started
        self.seconds = 0
        self.now = now
        self.sleep = sleep

    def __call__(self) -> None:
        self.seconds += 1
        ahead = self.started + self.seconds * self.pace - self.now()
        if ahead > 0:
            self.sleep(ahead)
