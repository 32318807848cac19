"""`rhythm-console run`: load the plan, open the journal and the source, run the console.

Start-up is the first frame's time: the link (aiohttp), the bus, the library, resume and the feed
mappers are imported only when the flags ask for them (a test holds it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rhythm_console.clock import Clock, SystemClock
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.journal import JournalWriter, default_journal_path
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowStatus
from rhythm_console.sources.runner import Source, SourceSpec, SourceSpecError, parse_source_spec
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from textual.app import App

    from rhythm_console.plan import Plan

# A terminal closing (SIGHUP), a service manager or `kill` (SIGTERM) and Ctrl-C outside the
# app's keys (SIGINT) end the console the way quitting does: terminal restored, journal closed.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def build_source(spec: SourceSpec, session: LiveSession, stdin: IO[bytes] | None = None) -> Source | None:
    if spec.kind == "none":
        return None
    if spec.kind in ("jsonl", "douyin"):
        from rhythm_console.sources.feeds import FeedSource

        return FeedSource(spec.kind, spec.target, follow=spec.options.get("follow") == "1", now=session.now,
                          stdin=stdin)
    from rhythm_console.sources.simulated import SimulatedSource

    # Started from the session's figures: a resumed show's room carries on counting.
    return SimulatedSource(session, seed=int(spec.options["seed"]), scale=float(spec.options["scale"]))


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
    listen = None
    if args.listen or args.token or getattr(args, "allow_host", None):
        from rhythm_console.link.config import LinkConfigError, listen_settings

        try:
            listen = listen_settings(args.listen, args.token, getattr(args, "allow_host", None))
        except LinkConfigError as exc:
            raise UserError(str(exc)) from None
    try:
        spec = parse_source_spec(args.source)
        stdin_feed = take_stdin_feed() if spec.target == "-" else None
    except SourceSpecError as exc:
        raise UserError(f"--source: {exc}") from None
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError("run needs an interactive terminal (use `check` to validate a plan)")
    on_bus = bus_settings(args)  # before the journal: a bad --bus makes no file
    clock = clock or SystemClock()
    lang = args.lang or lang_for_locale(plan.show.locale.value)
    if args.resume:
        if args.journal and Path(args.journal) != Path(args.resume):
            raise UserError("--resume continues its own journal; leave out --journal")
        from rhythm_console.resume import resume_session

        path = Path(args.resume)
        session = resume_session(path, clock, lang)
        session.room.audience.keep_text = not args.no_comment_text
        if session.plan != plan:
            print(f"warning: {args.plan} differs from the plan recorded in {path}; the recorded plan is used",
                  file=sys.stderr)
    else:
        path = Path(args.journal) if args.journal else default_journal_path(args.plan, clock.wall())
        journal = open_new_journal(path, plan, clock, str(args.plan))
        session = LiveSession(plan, clock, journal, lang=lang, keep_comment_text=not args.no_comment_text)
    source = build_source(spec, session, stdin_feed)
    link = None
    if listen:
        from rhythm_console.link.server import LinkServer

        link = LinkServer(session, *listen)
    bus = None
    if on_bus is not None:
        from rhythm_console.commands.bus import room_publisher

        bus = room_publisher(session, *on_bus, link=link)
    app = ManagerApp(session, Texts(lang), source, link=link, bus=bus)
    try:
        with ended_by_signals(app):
            app.run()
    finally:
        session.close()
    ended = session.state.status is ShowStatus.ended
    tell_where_the_journal_is(path, args.plan, ended=ended)
    if ended:
        from rhythm_console.library import add_after_show

        print(add_after_show(path, getattr(args, "library", None)), file=sys.stderr)
    return app.return_code or 0


def bus_settings(args: argparse.Namespace) -> tuple[object, str] | None:
    """--bus and its company, checked (and the login tried) before any screen opens; None without --bus.
    Only here, with a bus asked for, is anything of the bus imported."""
    if not (getattr(args, "bus", None) or os.environ.get("RHYTHM_BUS")):
        if getattr(args, "room", None) or getattr(args, "bus_token", None) or getattr(args, "bus_creds", None):
            from rhythm_console.errors import UserError

            raise UserError("--room, --bus-token and --bus-creds need --bus URL (or RHYTHM_BUS)")
        return None
    from rhythm_console.commands.bus import room_settings

    return room_settings(args)


def open_new_journal(path: Path, plan: "Plan", clock: Clock, plan_source: str) -> JournalWriter:
    from rhythm_console.errors import UserError

    try:
        return JournalWriter(path, plan, clock=clock, plan_source=plan_source)
    except FileExistsError:
        if path.is_dir():
            raise UserError(f"{path}: is a directory; --journal names the journal file to create") from None
        if not path.is_file():
            raise UserError(f"{path}: is a device or special file, not a place for a journal; "
                            "--journal names a new file") from None
        raise UserError(f"{path}: a journal already exists there; choose another --journal, "
                        f"or --resume {path} to carry on its show") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot create the journal ({exc.strerror or exc})") from None


@contextmanager
def ended_by_signals(app: "App") -> Iterator[None]:
    """While the app runs, an ending signal asks it to exit (with 128 + the signal's number)."""

    def ask_to_exit(signum: int, frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # before or after the app's loop: nothing on screen to restore
            raise KeyboardInterrupt from None
        # From the loop's own thread, but between its steps: wake it rather than call into it.
        loop.call_soon_threadsafe(lambda: app.exit(return_code=128 + signum))

    previous = {number: signal.signal(number, ask_to_exit) for number in ENDING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def tell_where_the_journal_is(path: Path, plan_path: str, *, ended: bool) -> None:
    """What next, on leaving: where the record is, how to review it, and how to carry on a show not over."""
    journal = shlex.quote(str(path))
    lines = [f"journal: {printable(path)}",
             f"review it: {printable(f'rhythm-console report {journal}')}"
             f"  (a page: {printable(f'rhythm-console report {journal} --format html -o review.html')})"]
    if not ended:
        command = f"rhythm-console run {shlex.quote(str(plan_path))} --resume {journal}"
        lines.append(f"the show is not over; to carry it on: {printable(command)}")
    try:
        print("\n".join(lines), flush=True)
    except OSError:  # the terminal is gone (SIGHUP): the journal is closed and complete all the same
        sys.stdout = open(os.devnull, "w")
