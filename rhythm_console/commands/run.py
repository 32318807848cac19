"""`rhythm-console run`: load the plan, open the journal and the source, run the console."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO

from rhythm_console.clock import Clock, SystemClock
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.journal import JournalWriter, default_journal_path
from rhythm_console.link.config import LinkConfigError, listen_settings
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import load_plan
from rhythm_console.resume import resume_session
from rhythm_console.session import LiveSession
from rhythm_console.sources.feeds import FeedSource
from rhythm_console.sources.runner import SimulatedSource, Source, SourceSpec, SourceSpecError, parse_source_spec


def build_source(spec: SourceSpec, session: LiveSession, stdin: IO[bytes] | None = None) -> Source | None:
    if spec.kind == "none":
        return None
    if spec.kind in ("jsonl", "douyin"):
        return FeedSource(spec.kind, spec.target, follow=spec.options.get("follow") == "1", now=session.now,
                          stdin=stdin)
    return SimulatedSource(session.room_context, seed=int(spec.options["seed"]), scale=float(spec.options["scale"]))


def take_stdin_feed() -> IO[bytes]:
    """Keep piped stdin for the source and give the app the terminal for keys."""
    if sys.stdin.isatty():
        raise SourceSpecError("- reads the feed from stdin: pipe a capture in (cat capture.jsonl | rhythm-console run ...)")
    feed = os.fdopen(os.dup(0), "rb")
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise SourceSpecError("stdin is the feed, but there is no terminal (/dev/tty) left for the keys") from None
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = open(0, "r", closefd=False)
    return feed


def run_console(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from rhythm_console.errors import UserError
    from rhythm_console.ui.manager import ManagerApp

    plan = load_plan(args.plan)  # a PlanError is reported by the CLI before any screen opens
    try:
        listen = listen_settings(args.listen, args.token)
    except LinkConfigError as exc:
        raise UserError(str(exc)) from None
    try:
        spec = parse_source_spec(args.source)
        stdin_feed = take_stdin_feed() if spec.target == "-" else None
    except SourceSpecError as exc:
        raise UserError(f"--source: {exc}") from None
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError("run needs an interactive terminal (use `check` to validate a plan)")
    clock = clock or SystemClock()
    lang = args.lang or lang_for_locale(plan.show.locale.value)
    if args.resume:
        if args.journal and Path(args.journal) != Path(args.resume):
            raise UserError("--resume continues its own journal; leave out --journal")
        path = Path(args.resume)
        session, warnings = resume_session(path, clock, lang)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if session.plan != plan:
            print(f"warning: {args.plan} differs from the plan recorded in {path}; the recorded plan is used",
                  file=sys.stderr)
    else:
        path = Path(args.journal) if args.journal else default_journal_path(args.plan, clock.wall())
        try:
            journal = JournalWriter(path, plan, clock=clock, plan_source=str(args.plan))
        except FileExistsError:
            raise UserError(f"{path}: a journal already exists there; choose another --journal, "
                            f"or --resume {path} to carry on its show") from None
        except OSError as exc:
            raise UserError(f"{path}: cannot create the journal ({exc.strerror})") from None
        session = LiveSession(plan, clock, journal, lang=lang)
    source = build_source(spec, session, stdin_feed)
    link = LinkServer(session, *listen) if listen else None
    app = ManagerApp(session, Texts(lang), source, link=link)
    try:
        app.run()
    finally:
        session.close()
    if app.return_code:
        return app.return_code
    print(f"journal: {path}")
    return 0
