"""`rhythm-console run`: load the plan, open the journal and the sources, run the console.

Start-up is the first frame's time: the link's server (aiohttp), the bus, the library, resume and each
source's module are imported only when the flags ask for them (tests/integration/test_startup.py).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import shlex
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rhythm_console.clock import Clock, SystemClock
from rhythm_console.commands.run_resume import choose_run, resume_command
from rhythm_console.i18n import Said, Texts, lang_for_locale, speak, spoken
from rhythm_console.journal import Journal, JournalWriter, default_journal_path, read_journal_for_command
from rhythm_console.link.config import LinkConfigError, check_bind, listen_settings, parse_listen, token_from
from rhythm_console.plan import load_plan
from rhythm_console.run_settings import RunSettings, without_secrets
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowStatus
from rhythm_console.sources.runner import Source, SourceSpec, SourceSpecError
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from textual.app import App

    from rhythm_console.bus.config import BusConfig
    from rhythm_console.plan import Plan

# A terminal closing (SIGHUP), a service manager or `kill` (SIGTERM) and Ctrl-C outside the
# app's keys (SIGINT) end the console the way quitting does: terminal restored, journal closed.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def build_source(spec: SourceSpec, session: LiveSession, stdin: IO[bytes] | None = None, *,
                 resumed: bool = False) -> Source | None:
    if spec.kind == "none":
        return None
    # Each source's module is imported only when a --source names it: the first frame pays for none else.
    if spec.kind in ("jsonl", "douyin"):
        from rhythm_console.sources.feeds import FeedSource

        # Resumed, a file is read from where it ends now: what is in it was counted before, and the
        # journal's figures carry those totals on.
        return FeedSource(spec.kind, spec.target or "", follow=spec.options.get("follow") == "1", now=session.now,
                          stdin=stdin, from_end=resumed and spec.target != "-")
    if spec.kind == "ws":
        from rhythm_console.sources.websocket import WebSocketSource

        return WebSocketSource(spec.target or "", now=session.now)
    from rhythm_console.sources.simulated import SimulatedSource

    # Started from the session's figures: a resumed show's room carries on counting.
    return SimulatedSource(session, seed=int(spec.options["seed"]), scale=float(spec.options["scale"]))


def take_stdin_feed() -> IO[bytes]:
    """Keep piped stdin for the source and give the app the terminal for keys."""
    if sys.stdin.isatty():
        raise SourceSpecError(Said("source.spec.stdin_is_terminal"))
    feed = os.fdopen(os.dup(0), "rb")
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise SourceSpecError(Said("source.spec.no_terminal")) from None
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = open(0, "r", closefd=False)
    return feed


def run_console(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from rhythm_console.errors import UserError
    from rhythm_console.ui.manager import ManagerApp

    recorded: Journal | None = None
    if args.resume:
        if args.journal and Path(args.journal) != Path(args.resume):
            raise UserError(Said("error.run.resume_journal"))
        from rhythm_console.resume import resumable_state, resume_session

        recorded, _ = read_journal_for_command(args.resume, args.lang)
        resumed_state = resumable_state(args.resume, recorded)  # an ended show stops here, before anything opens
        if args.rehearsal and recorded.header.kind != "rehearsal":  # the kind is the show's, set when it began
            raise UserError(Said("error.run.rehearsal_kind", journal=args.resume,
                                 kind=(f"shows.kind.{recorded.header.kind}",)))
        plan = recorded.header.plan
        if args.plan and load_plan(args.plan) != plan:
            print(Texts(spoken())("run.plan_differs", plan=args.plan, journal=args.resume), file=sys.stderr)
    elif not args.plan:
        raise UserError(Said("error.run.needs_plan"))
    else:
        plan = load_plan(args.plan)  # a PlanError is reported by the CLI before any screen opens
    header = recorded.header if recorded is not None else None
    kind = header.kind if header is not None else "rehearsal" if args.rehearsal else "live"  # what the show is
    choice = choose_run(args, lang_for_locale(plan.show.locale.value),
                        resumed=Path(args.resume) if args.resume else None,
                        recorded=header.run if header is not None else None)
    settings = choice.settings
    lang = settings.lang
    speak(lang)
    for line in choice.lines:
        print(line, file=sys.stderr)
    try:
        token = token_for(settings.listen, args.token, Texts(lang), asking=header is not None)
        listen = listen_settings(settings.listen, token, settings.allow_hosts)
    except LinkConfigError as exc:
        raise UserError(str(exc)) from None
    try:
        stdin_spec = next((spec for spec in choice.specs if spec.target == "-"), None)
        if stdin_spec is not None and header is not None and not args.source and sys.stdin.isatty():
            raise UserError(Said("resume.stdin_gone", spec=stdin_spec.text))
        stdin_feed = take_stdin_feed() if stdin_spec is not None else None
    except SourceSpecError as exc:
        raise UserError(Said("error.source", why=exc)) from None
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError(Said("error.run.terminal"))
    on_bus = bus_settings(bus_args(args, settings, header.plan_source if header is not None else None))
    if on_bus is not None:  # what the header keeps of the bus: its address without a password, and the room
        settings = replace(settings, bus=on_bus[0].shown_url, room=on_bus[1])
    if listen is not None:
        settings = replace(settings, listen=shown_listen(listen[0], listen[1]))
    clock = clock or SystemClock()
    if recorded is not None:
        path = Path(args.resume)
        session = resume_session(path, clock, lang, journal=recorded, state=resumed_state)
        audience = session.room.audience
        if audience is not None:  # a session's room always reads the comments
            audience.keep_text = not args.no_comment_text
    else:
        path = Path(args.journal) if args.journal else default_journal_path(args.plan, clock.wall())
        journal = open_new_journal(path, plan, clock, str(args.plan), kind=kind, run=settings)
        session = LiveSession(plan, clock, journal, lang=lang, keep_comment_text=not args.no_comment_text,
                              count_plan_start=not args.rehearsal)
    sources = [source for spec in choice.specs
               if (source := build_source(spec, session, stdin_feed, resumed=recorded is not None)) is not None]
    link = None
    if listen:
        from rhythm_console.link.server import LinkServer  # aiohttp: only when serving panes

        link = LinkServer(session, *listen)
    bus = None
    if on_bus is not None:
        from rhythm_console.commands.bus import room_publisher

        bus = room_publisher(session, *on_bus, link=link)
    app = ManagerApp(session, Texts(lang), sources, link=link, bus=bus)
    try:
        with ended_by_signals(app):
            app.run()
    finally:
        session.close()
    ended = session.state.status is ShowStatus.ended
    carry_on = resume_command(path, header.run if header is not None else settings, settings)
    tell_where_the_journal_is(path, Texts(lang), ended=ended, carry_on=carry_on)
    if ended:
        from rhythm_console.library import add_after_show

        print(add_after_show(path, getattr(args, "library", None), kind=kind), file=sys.stderr)
    return app.return_code or 0


def token_for(listen: str | None, flag: str | None, texts: Texts, *, asking: bool) -> str | None:
    """--token, else RHYTHM_TOKEN; a resumed show listening beyond this machine asks for it again
    (the journal never keeps it), and without one says so in one line."""
    token = token_from(flag)
    if token or listen is None or not asking:
        return token
    host, _ = parse_listen(listen)
    try:
        check_bind(host, None)
        return None  # loopback: no token needed
    except LinkConfigError:
        pass
    if sys.stdin.isatty():
        try:
            token = getpass.getpass(texts("resume.token_prompt", listen=listen)).strip() or None
        except (EOFError, KeyboardInterrupt):
            token = None
    if not token:
        raise LinkConfigError(texts("resume.token_needed", listen=listen))
    return token


def shown_listen(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def bus_args(args: argparse.Namespace, settings: RunSettings, plan_source: str | None) -> argparse.Namespace:
    """The bus flags with the journal's bus and room filled in. The journal keeps the bus's address
    without its password: RHYTHM_BUS gives it back when it names the same bus."""
    bus = args.bus
    if bus is None and settings.bus is not None:
        from_env = os.environ.get("RHYTHM_BUS")
        bus = None if from_env and without_secrets(from_env) == settings.bus else settings.bus
    return argparse.Namespace(**{**vars(args), "bus": bus, "room": settings.room,
                                 "plan": args.plan or plan_source or "show"})


def bus_settings(args: argparse.Namespace) -> tuple[BusConfig, str] | None:
    """--bus and its company, checked (and the login tried) before any screen opens; None without --bus.
    Only here, with a bus asked for, is anything of the bus imported."""
    if not (getattr(args, "bus", None) or os.environ.get("RHYTHM_BUS")):
        if getattr(args, "room", None) or getattr(args, "bus_token", None) or getattr(args, "bus_creds", None):
            from rhythm_console.errors import UserError

            raise UserError(Said("error.run.bus_flags"))
        return None
    from rhythm_console.commands.bus import room_settings

    return room_settings(args)


def open_new_journal(path: Path, plan: "Plan", clock: Clock, plan_source: str, *, kind: str = "live",
                     run: RunSettings | None = None) -> JournalWriter:
    from rhythm_console.errors import UserError

    try:
        return JournalWriter(path, plan, clock=clock, plan_source=plan_source, kind=kind, run=run)
    except FileExistsError:
        if path.is_dir():
            raise UserError(Said("error.journal.directory", path=path)) from None
        if not path.is_file():
            raise UserError(Said("error.journal.special", path=path)) from None
        raise UserError(Said("error.journal.exists", path=path)) from None
    except OSError as exc:
        raise UserError(Said("error.journal.create", path=path, why=exc.strerror or exc)) from None


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


def tell_where_the_journal_is(path: Path, texts: Texts, *, ended: bool, carry_on: str | None = None) -> None:
    """What next, on leaving: where the record is, how to review it, and how to carry on a show not over."""
    journal = shlex.quote(str(path))
    lines = [texts("run.exit.journal", path=printable(path)),
             texts("run.exit.review", command=printable(f"rhythm-console report {journal}"),
                   page=printable(f"rhythm-console report {journal} --format html -o review.html"))]
    if not ended:
        command = carry_on or f"rhythm-console run --resume {journal}"
        lines.append(texts("run.exit.carry_on", command=printable(command)))
    try:
        print("\n".join(lines), flush=True)
    except OSError:  # the terminal is gone (SIGHUP): the journal is closed and complete all the same
        sys.stdout = open(os.devnull, "w")
