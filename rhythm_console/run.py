"""`rhythm-console run`: load the plan, open the journal and the source, run the console."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rhythm_console.clock import Clock, SystemClock
from rhythm_console.journal import JournalWriter, default_journal_path
from rhythm_console.metrics.sources import SimulatedSource, Source, SourceSpecError, parse_source_spec
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.ui.i18n import Texts, lang_for_locale


def build_source(spec_text: str, session: LiveSession) -> Source | None:
    spec = parse_source_spec(spec_text)
    if spec.kind == "none":
        return None
    return SimulatedSource(session.room_context, seed=int(spec.options["seed"]), scale=float(spec.options["scale"]))


def run_console(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from rhythm_console.cli import UserError
    from rhythm_console.ui.manager import ManagerApp

    plan = load_plan(args.plan)  # a PlanError is reported by the CLI before any screen opens
    try:
        parse_source_spec(args.source)
    except SourceSpecError as exc:
        raise UserError(f"--source: {exc}") from None
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError("run needs an interactive terminal (use `check` to validate a plan)")
    clock = clock or SystemClock()
    path = Path(args.journal) if args.journal else default_journal_path(args.plan, clock.wall())
    try:
        journal = JournalWriter(path, plan, clock=clock, plan_source=str(args.plan))
    except FileExistsError:
        raise UserError(f"{path}: a journal already exists there; choose another --journal") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot create the journal ({exc.strerror})") from None
    lang = args.lang or lang_for_locale(plan.show.locale.value)
    session = LiveSession(plan, clock, journal, lang=lang)
    source = build_source(args.source, session)
    app = ManagerApp(session, Texts(lang), source)
    try:
        app.run()
    finally:
        session.close()
    print(f"journal: {path}")
    return 0
