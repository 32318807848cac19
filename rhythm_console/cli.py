"""The `rhythm-console` command: argument parsing and user-facing errors.

Every user error ends here as one clear message on stderr and exit code 2;
nothing a user can type should produce a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING

from rhythm_console import __version__
from rhythm_console.errors import PlanError, UserError

if TYPE_CHECKING:
    pass

# Commands import what they need when they run: `probe` must start fast and
# never pay for pydantic or Textual.

EXIT_USAGE = 2








def _command(module: str, function: str):
    """A handler that imports its command module only when that command runs."""

    def handler(args: argparse.Namespace) -> int:
        return getattr(importlib.import_module(f"rhythm_console.commands.{module}"), function)(args)

    return handler


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
    run.set_defaults(handler=_command("run", "run_console"))

    host = commands.add_parser("host", help="the host's pane: cues and the countdown, from a running console")
    host.add_argument("--connect", default="ws://127.0.0.1:8765", metavar="URL",
                      help="the console's address (default ws://127.0.0.1:8765)")
    host.add_argument("--token", help="the console's token (or RHYTHM_TOKEN)")
    host.add_argument("--name", default="host", help="this pane's name: cues may target it (default host)")
    host.add_argument("--lang", choices=["zh", "en"], default="zh")
    host.set_defaults(handler=_command("host", "run_host"))

    simulate = commands.add_parser("simulate", help="run a whole show headless with the autopilot into a journal")
    simulate.add_argument("plan", help="the run-of-show YAML file")
    pace = simulate.add_mutually_exclusive_group()
    pace.add_argument("--speed", type=float, help="play at this many times real time")
    pace.add_argument("--instant", action="store_true", help="as fast as possible")
    simulate.add_argument("--seed", type=int, default=1)
    simulate.add_argument("--scale", type=float, default=1.0, help="room size multiplier")
    simulate.add_argument("-o", "--output", required=True, help="the journal to write")
    simulate.add_argument("--force", action="store_true", help="overwrite an existing journal")
    simulate.set_defaults(handler=_command("simulate", "run_simulate"))

    replay = commands.add_parser("replay", help="play a journal back on the manager's screens (read-only)")
    replay.add_argument("journal")
    replay.add_argument("--speed", type=float, default=1.0, help="0.5 to 60 times the recorded pace (default 1)")
    replay.add_argument("--listen", nargs="?", const="127.0.0.1:8765", metavar="HOST:PORT",
                        help="let host panes connect and see the cues as they were sent")
    replay.add_argument("--token", help="token for panes (or RHYTHM_TOKEN); needed beyond loopback")
    replay.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    replay.set_defaults(handler=_command("replay", "run_replay"))

    report = commands.add_parser("report", help="the post-stream review (复盘) of a journal")
    report.add_argument("journal")
    report.add_argument("--format", choices=["md", "html", "csv"], default="md")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    report.add_argument("--lang", choices=["zh", "en"], help="report language (default: the plan's locale)")
    report.set_defaults(handler=_command("report", "run_report"))

    probe = commands.add_parser("probe", help="read a metrics feed and show what the console would see")
    probe.add_argument("source", help="jsonl:PATH or douyin:PATH (- for stdin), optionally ,follow=1")
    probe.add_argument("--json", action="store_true", help="print one JSON object")
    probe.set_defaults(handler=_command("probe", "run_probe"))

    check = commands.add_parser("check", help="validate plans and print a summary of each")
    check.add_argument("plans", nargs="+", metavar="PLAN")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 2)")
    check.set_defaults(handler=_command("check", "run_check"))

    schema = commands.add_parser("schema", help="print the plan's JSON Schema (for editors)")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.set_defaults(handler=_command("schema", "run_schema"))

    # Before the show (issue 11): the team's spreadsheet in and out, and the briefing sheet.
    script_in = commands.add_parser("import", help="read a 直播脚本 spreadsheet (.xlsx, .csv) into a plan")
    script_in.add_argument("script", help="the .xlsx or .csv script")
    script_in.add_argument("--sheet", help="the sheet to read (default: the one with a recognisable header)")
    script_in.add_argument("-o", "--output", help="the plan YAML to write (default stdout)")
    script_in.add_argument("--lenient", action="store_true", help="skip cells it cannot read, with a warning")
    script_in.set_defaults(handler=_command("import_", "run_import"))

    script_out = commands.add_parser("export", help="write a plan as a 直播脚本 spreadsheet (.xlsx or .csv)")
    script_out.add_argument("plan", help="the run-of-show YAML file")
    script_out.add_argument("-o", "--output", required=True, help="the .xlsx or .csv to write")
    script_out.set_defaults(handler=_command("export", "run_export"))

    brief = commands.add_parser("brief", help="the team meeting's sheet: each role's part of a plan")
    brief.add_argument("plan", help="the run-of-show YAML file")
    brief.add_argument("--role", choices=["manager", "host", "assistant", "ops"], help="one role (default everyone)")
    brief.add_argument("--format", choices=["md", "html"], default="md")
    brief.add_argument("-o", "--output", help="write to this file instead of stdout")
    brief.set_defaults(handler=_command("brief", "run_brief"))
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
