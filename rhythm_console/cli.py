"""The `rhythm-console` command: argument parsing and user-facing errors.

Every user error ends here as one clear message on stderr and exit code 2;
nothing a user can type should produce a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rhythm_console import __version__
from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError, UserError

if TYPE_CHECKING:
    from rhythm_console.plan import Plan

# Commands import what they need when they run: `probe` must start fast and
# never pay for pydantic or Textual.

EXIT_USAGE = 2


def _plan_summary(path: str, plan: "Plan") -> str:
    parts = [f"{path}: ok", f"{len(plan.segments)} segments", f"{format_short(plan.planned_total)} planned"]
    if plan.show.starts_at is not None:
        start = plan.show.starts_at
        end = start + timedelta(seconds=plan.planned_total)
        parts.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({start:%z})")
    parts.append(f"“{plan.show.title}”")
    return ", ".join(parts)


def cmd_check(args: argparse.Namespace) -> int:
    from rhythm_console.plan import load_plan

    failed = False
    for path in args.plans:
        try:
            plan = load_plan(path)
        except PlanError as exc:
            failed = True
            print(exc, file=sys.stderr)
            continue
        print(_plan_summary(path, plan))
    return EXIT_USAGE if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from rhythm_console.plan import plan_json_schema

    text = json.dumps(plan_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from rhythm_console.simulate_cmd import run_simulate

    return run_simulate(args)


def cmd_replay(args: argparse.Namespace) -> int:
    from rhythm_console.replay_cmd import run_replay

    return run_replay(args)


def cmd_report(args: argparse.Namespace) -> int:
    from rhythm_console.report_cmd import run_report

    return run_report(args)


def cmd_probe(args: argparse.Namespace) -> int:
    from rhythm_console.probe import run_probe

    return run_probe(args.source, args.json)


def cmd_host(args: argparse.Namespace) -> int:
    import re

    from rhythm_console.i18n import Texts
    from rhythm_console.link.client import LinkClient
    from rhythm_console.link.server import token_from
    from rhythm_console.ui.host import HostApp

    if not re.fullmatch(r"[\w\-\u4e00-\u9fff]{1,40}", args.name):
        raise UserError(f'--name "{args.name}": use letters, digits, - or _ (at most 40)')
    try:
        client = LinkClient(args.connect, name=args.name, token=token_from(args.token))
    except ValueError as exc:
        raise UserError(f"--connect: {exc}") from None
    if not sys.stdout.isatty():
        raise UserError("host needs an interactive terminal")
    HostApp(client, Texts(args.lang), name=args.name).run()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from rhythm_console.run import run_console

    return run_console(args)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rhythm-console", description="Live-control console for livestream commerce.")
    parser.add_argument("--version", action="version", version=f"rhythm-console {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="open the manager's live console on a plan")
    run.add_argument("plan", help="the run-of-show YAML file")
    run.add_argument("--source", default="simulate",
                     help="where metrics come from: simulate[:seed=N,scale=M] (default), jsonl:PATH[,follow=1], "
                          "douyin:PATH[,follow=1] (PATH - reads stdin), or none")
    run.add_argument("--journal", help="journal file (default sessions/<date>-<time>-<plan>.jsonl)")
    run.add_argument("--resume", metavar="JOURNAL", help="carry on the show recorded in this journal (after a crash)")
    run.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    run.add_argument("--listen", nargs="?", const="127.0.0.1:8765", metavar="HOST:PORT",
                     help="serve host panes and the HTTP API (default 127.0.0.1:8765)")
    run.add_argument("--token", help="token panes and HTTP callers must present (or RHYTHM_TOKEN); needed beyond loopback")
    run.set_defaults(handler=cmd_run)

    host = commands.add_parser("host", help="the host's pane: cues and the countdown, from a running console")
    host.add_argument("--connect", default="ws://127.0.0.1:8765", metavar="URL",
                      help="the console's address (default ws://127.0.0.1:8765)")
    host.add_argument("--token", help="the console's token (or RHYTHM_TOKEN)")
    host.add_argument("--name", default="host", help="this pane's name: cues may target it (default host)")
    host.add_argument("--lang", choices=["zh", "en"], default="zh")
    host.set_defaults(handler=cmd_host)

    simulate = commands.add_parser("simulate", help="run a whole show headless with the autopilot into a journal")
    simulate.add_argument("plan", help="the run-of-show YAML file")
    pace = simulate.add_mutually_exclusive_group()
    pace.add_argument("--speed", type=float, help="play at this many times real time")
    pace.add_argument("--instant", action="store_true", help="as fast as possible")
    simulate.add_argument("--seed", type=int, default=1)
    simulate.add_argument("--scale", type=float, default=1.0, help="room size multiplier")
    simulate.add_argument("-o", "--output", required=True, help="the journal to write")
    simulate.add_argument("--force", action="store_true", help="overwrite an existing journal")
    simulate.set_defaults(handler=cmd_simulate)

    replay = commands.add_parser("replay", help="play a journal back on the manager's screens (read-only)")
    replay.add_argument("journal")
    replay.add_argument("--speed", type=float, default=1.0, help="0.5 to 60 times the recorded pace (default 1)")
    replay.add_argument("--listen", nargs="?", const="127.0.0.1:8765", metavar="HOST:PORT",
                        help="let host panes connect and see the cues as they were sent")
    replay.add_argument("--token", help="token for panes (or RHYTHM_TOKEN); needed beyond loopback")
    replay.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    replay.set_defaults(handler=cmd_replay)

    report = commands.add_parser("report", help="the post-stream review (复盘) of a journal")
    report.add_argument("journal")
    report.add_argument("--format", choices=["md", "html", "csv"], default="md")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    report.add_argument("--lang", choices=["zh", "en"], help="report language (default: the plan's locale)")
    report.set_defaults(handler=cmd_report)

    probe = commands.add_parser("probe", help="read a metrics feed and show what the console would see")
    probe.add_argument("source", help="jsonl:PATH or douyin:PATH (- for stdin), optionally ,follow=1")
    probe.add_argument("--json", action="store_true", help="print one JSON object")
    probe.set_defaults(handler=cmd_probe)

    check = commands.add_parser("check", help="validate plans and print a summary of each")
    check.add_argument("plans", nargs="+", metavar="PLAN")
    check.set_defaults(handler=cmd_check)

    schema = commands.add_parser("schema", help="print the plan's JSON Schema (for editors)")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.set_defaults(handler=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"rhythm-console: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except PlanError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
