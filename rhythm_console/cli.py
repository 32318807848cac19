"""The `rhythm-console` command: argument parsing and user-facing errors.

Every user error ends here as one clear message on stderr and exit code 2;
nothing a user can type should produce a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from typing import Any, NoReturn

from rhythm_console import __version__
from rhythm_console.errors import PlanError, UserError
from rhythm_console.i18n import Said, speaking

# Commands import what they need when they run: `probe` must start fast and
# never pay for pydantic or Textual.

EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a command SIGPIPE ended
# -o refuses an existing file it did not make (docs: commands/output.py); --force replaces it (never a journal).
REPLACE_HELP = "replace an existing -o file this command did not write (never a journal)"
# argparse words its own errors in English; each one a user can make is said again from the catalog (args.*),
# in the language the command line asks for (--lang), else Chinese. The last one catches our own type checks.
# Patterns, compiled (and cached by re) when an error is first said: a command line argparse accepts pays nothing.
ARGPARSE_ERRORS = (
    (r"unrecognized arguments: (?P<args>.*)", "args.unrecognized"),
    (r"argument (?P<flag>\S+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "args.invalid_choice"),
    (r"the following arguments are required: (?P<names>.*)", "args.required"),
    (r"argument (?P<flag>\S+): expected one argument", "args.expected_one"),
    (r"argument (?P<flag>\S+): expected at least one argument", "args.expected_some"),
    (r"argument (?P<flag>\S+): invalid (?P<kind>\w+) value: (?P<value>.*)", "args.invalid_value"),
    (r"argument (?P<flag>\S+): not allowed with argument (?P<other>.*)", "args.not_with"),
    (r"one of the arguments (?P<names>.*) is required", "args.one_of"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "args.ambiguous"),
    (r"argument (?P<flag>\S+): (?P<why>.*)", "args.argument"),
)


def _role(text: str) -> str:
    """A role as the plan may write it: the code or the team's word (主播 is host)."""
    from rhythm_console.vocabulary import code_for

    code = code_for("role", text)
    if code is None:
        raise argparse.ArgumentTypeError(str(Said("args.not_role", value=text)))
    return code


def _messages_language(command: argparse.ArgumentParser) -> None:
    """--lang for a command that prints messages but shows no screen of its own."""
    command.add_argument("--lang", choices=["zh", "en"],
                         help="the language it speaks (default: the plan's or journal's, else Chinese)")


_SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def _format_option(command: argparse.ArgumentParser, formats: list[str]) -> None:
    """--format for a command that writes a document; without it, -o's suffix chooses (review.html is html)."""
    command.add_argument("--format", choices=formats,
                         help=f"default: as -o's file name ends ({', '.join('.' + f for f in formats)}), else md")
    command.set_defaults(formats=formats)


def output_format(args: argparse.Namespace) -> None:
    """The format --format names, else the one -o's suffix names, else Markdown."""
    if getattr(args, "formats", None) and args.format is None:
        named = _SUFFIX_FORMATS.get(os.path.splitext(getattr(args, "output", None) or "")[1].lower())
        args.format = named if named in args.formats else "md"


def _command(module: str, function: str, *, screen: bool = False):
    """A handler that imports its command module only when that command runs. A `screen` command's
    app resumes garbage collection after its first frame (ui/gc_tuning.py); held until then."""

    def handler(args: argparse.Namespace) -> int:
        if not screen:
            return getattr(importlib.import_module(f"rhythm_console.commands.{module}"), function)(args)
        from rhythm_console.ui.gc_tuning import hold_collector, resume_collector

        hold_collector()
        try:
            return getattr(importlib.import_module(f"rhythm_console.commands.{module}"), function)(args)
        finally:
            resume_collector()  # a command that ended before its first frame (a bad plan) too

    return handler


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # noqa: D102 - argparse's hook
        self.print_usage(sys.stderr)
        print(str(Said("args.error", prog=self.prog, message=argparse_error(message))), file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def argparse_error(message: str) -> str:
    """argparse's English error in the language the command speaks (unchanged when it is none we know)."""
    for pattern, key in ARGPARSE_ERRORS:
        if match := re.fullmatch(pattern, message):
            values = match.groupdict()
            if values.get("kind") in ("int", "float"):  # the type argparse names, in the user's words
                values["kind"] = str(Said(f"args.kind.{values['kind']}"))
            return str(Said(key, **values))
    return message


def asked_language(argv: list[str]) -> str | None:
    """--lang as the command line gives it, read before argparse does, so argparse's own errors speak it."""
    asked = None
    for index, word in enumerate(argv):  # the last one, as argparse takes it
        if word.startswith("--lang="):
            asked = word.removeprefix("--lang=")
        elif word == "--lang" and index + 1 < len(argv) and not argv[index + 1].startswith("-"):
            asked = argv[index + 1]
    return asked


class _Unbuilt:
    """A command's parser that is not built: every call on it does nothing."""

    def __getattr__(self, name: str) -> Any:
        return self._nothing

    def _nothing(self, *args: Any, **kwargs: Any) -> _Unbuilt:
        return self


class _OnlyCommand:
    """The subcommands, of which only `name` is built: a command line that names its command first
    needs no other command's parser (building them all is a tenth of `probe`'s start-up)."""

    def __init__(self, commands: Any, name: str) -> None:
        self.commands = commands
        self.name = name
        self.built = False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name != self.name:
            return _Unbuilt()
        self.built = True
        return self.commands.add_parser(name, **kwargs)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `command`, only that command's parser (the others are left out)."""
    parser = _Parser(prog="rhythm-console", description="Live-control console for livestream commerce.")
    parser.add_argument("--version", action="version", version=f"rhythm-console {__version__}")
    commands: Any = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if command is not None:
        commands = only = _OnlyCommand(commands, command)

    run = commands.add_parser("run", help="open the manager's live console on a plan")
    run.add_argument("plan", nargs="?", help="the run-of-show YAML file (with --resume: the journal holds it)")
    run.add_argument("--source", action="append", metavar="SPEC",
                     help="where metrics come from: simulate[:seed=N,scale=M] (default), jsonl:PATH[,follow=1], "
                          "douyin:PATH[,follow=1] (PATH - reads stdin), ws://HOST:PORT[/path] (a collector that "
                          "pushes), or none; give it again for more sources (a figure two give comes from the first)")
    run.add_argument("--journal", help="journal file (default sessions/<date>-<time>-<plan>.jsonl)")
    run.add_argument("--resume", metavar="JOURNAL",
                     help="carry on the show recorded in this journal (after a crash): its sources, --listen, "
                          "--bus and --room come back from the journal; flags given here override them")
    run.add_argument("--rehearsal", action="store_true",
                     help="a rehearsal, not a live show: the journal says so, and reviews across shows leave it out")
    run.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    run.add_argument("--listen", nargs="?", const="127.0.0.1:8765", metavar="HOST:PORT",
                     help="serve host panes and the HTTP API (default 127.0.0.1:8765)")
    run.add_argument("--token", help="token panes and HTTP callers must present (or RHYTHM_TOKEN); needed beyond loopback")
    run.add_argument("--allow-host", action="append", metavar="NAME",
                     help="a host name (or address) besides the one listened on that browsers may use to reach "
                          "the console, e.g. studio.local; again for more")
    # The bus (issue 15): publish this room to a NATS JetStream server.
    run.add_argument("--bus", metavar="URL", help="publish this room to a NATS bus: nats://HOST:PORT or tls://HOST:PORT "
                                                  "(user:password@ in the URL; or RHYTHM_BUS)")
    run.add_argument("--room", help="this room's name on the bus (default: the plan's file name)")
    run.add_argument("--bus-token", help="the bus's token")
    run.add_argument("--bus-creds", metavar="FILE", help="a NATS credentials file")
    run.add_argument("--no-comment-text", action="store_true",
                     help="journal comment counts per category only, no example comments")
    run.set_defaults(handler=_command("run", "run_console", screen=True))

    host = commands.add_parser("host", help="the host's pane: cues and the countdown, from a running console")
    host.add_argument("--connect", default="ws://127.0.0.1:8765", metavar="URL",
                      help="the console's address (default ws://127.0.0.1:8765)")
    host.add_argument("--token", help="the console's token (or RHYTHM_TOKEN)")
    host.add_argument("--name", default="host", help="this pane's name: cues may target it (default host)")
    host.add_argument("--lang", choices=["zh", "en"], default="zh")
    host.set_defaults(handler=_command("host", "run_host", screen=True))

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
    replay.add_argument("--allow-host", action="append", metavar="NAME",
                        help="a host name (or address) besides the one listened on that browsers may use; again for more")
    replay.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    replay.set_defaults(handler=_command("replay", "run_replay", screen=True))

    drill = commands.add_parser("drill", help="training: run the console over a recorded show's room")
    drill.add_argument("journal", help="the recorded show (any journal: live, simulated)")
    drill.add_argument("--speed", type=float, default=1.0, help="0.5 to 60 times real time (default 1)")
    drill.add_argument("--from", dest="from_segment", metavar="SEGMENT",
                       help="start at this segment (id or title): the recording's state just before it")
    drill.add_argument("--journal", dest="journal_out", metavar="OUT",
                       help="the drill's journal (default sessions/<date>-<time>-drill-<recording>.jsonl)")
    drill.add_argument("--person", metavar="NAME", help="who runs the drill (shows --person NAME --drills lists them)")
    drill.add_argument("--listen", nargs="?", const="127.0.0.1:8765", metavar="HOST:PORT",
                       help="serve the trainee host's panes (default 127.0.0.1:8765)")
    drill.add_argument("--token", help="token for panes (or RHYTHM_TOKEN); needed beyond loopback")
    drill.add_argument("--lang", choices=["zh", "en"], help="UI language (default: the plan's locale)")
    drill.set_defaults(handler=_command("drill", "run_drill", screen=True))

    report = commands.add_parser("report", help="the post-stream review (复盘) of a journal")
    report.add_argument("journal")
    _format_option(report, ["md", "html", "csv"])
    report.add_argument("--against", metavar="JOURNAL",
                        help="a drill's original show: adds the debrief comparing the two (see drill)")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    report.add_argument("--force", action="store_true", help=REPLACE_HELP)
    report.add_argument("--lang", choices=["zh", "en"], help="report language (default: the plan's locale)")
    report.add_argument("--library", metavar="PATH", help="the show library with the plan's earlier shows "
                        "(default: beside the journal, or RHYTHM_LIBRARY)")
    report.add_argument("--include", metavar="KINDS", help="the improvement plan reads earlier live shows; also "
                        "read these kinds: rehearsal,simulated,drill")
    report.set_defaults(handler=_command("report", "run_report"))

    probe = commands.add_parser("probe", help="read a metrics feed and show what the console would see")
    probe.add_argument("source", help="jsonl:PATH or douyin:PATH (- for stdin), optionally ,follow=1")
    probe.add_argument("--json", action="store_true", help="print one JSON object")
    _messages_language(probe)
    probe.set_defaults(handler=_command("probe", "run_probe"))

    check = commands.add_parser("check", help="validate plans and print a summary of each")
    check.add_argument("plans", nargs="+", metavar="PLAN")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 2)")
    _messages_language(check)
    check.set_defaults(handler=_command("check", "run_check"))

    schema = commands.add_parser("schema", help="print the plan's JSON Schema (for editors)")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.add_argument("--force", action="store_true", help=REPLACE_HELP)
    _messages_language(schema)
    schema.set_defaults(handler=_command("schema", "run_schema"))

    # --- across shows: the library, shows, compare, annotate, improve (issue 13)
    library_help = "the show library (default sessions/library.sqlite, or RHYTHM_LIBRARY)"
    library = commands.add_parser("library", help="keep the show library: add journals, rebuild it from them")
    library_actions = library.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    library_add = library_actions.add_parser("add", help="add journals (again: updated if they grew)")
    library_add.add_argument("journals", nargs="+", metavar="JOURNAL")
    library_rebuild = library_actions.add_parser("rebuild", help="recreate the library from the journals it knows")
    for action in (library_add, library_rebuild):
        action.add_argument("--library", metavar="PATH", help=library_help)
        _messages_language(action)
    library.set_defaults(handler=_command("library", "run_library"))

    shows = commands.add_parser("shows", help="the shows in the library")
    shows.add_argument("--last", type=int, metavar="N", help="only the newest N")
    shows.add_argument("--plan", metavar="TITLE", help="only shows of the plan with this title")
    shows.add_argument("--person", metavar="NAME", help="only shows with this person in the team")
    shows.add_argument("--since", metavar="DATE", help="only shows on or after this date (2026-11-28)")
    shows.add_argument("--hardest", type=int, metavar="N",
                       help="drill material: the N shows with the most over-runs, alerts and unacknowledged urgent cues")
    shows.add_argument("--drills", action="store_true", help="with --person NAME: the drills NAME ran, against their originals")
    shows.add_argument("--library", metavar="PATH", help=library_help)
    shows.add_argument("--lang", choices=["zh", "en"], default="zh")
    shows.set_defaults(handler=_command("shows", "run_shows"))

    compare = commands.add_parser("compare", help="shows side by side: journals, or the newest in the library")
    compare.add_argument("journals", nargs="*", metavar="JOURNAL")
    compare.add_argument("--last", type=int, metavar="N", help="the newest N shows in the library (default 5)")
    compare.add_argument("--plan", metavar="TITLE", help="with --last: only shows of this plan")
    _format_option(compare, ["md", "html", "csv"])
    compare.add_argument("-o", "--output", help="write to this file instead of stdout")
    compare.add_argument("--force", action="store_true", help=REPLACE_HELP)
    compare.add_argument("--library", metavar="PATH", help=library_help)
    compare.add_argument("--lang", choices=["zh", "en"], default="zh")
    compare.add_argument("--include", metavar="KINDS", help="besides live shows, also read these kinds: rehearsal,simulated,drill (evidence is live shows only by default)")
    compare.set_defaults(handler=_command("compare", "run_compare"))

    annotate = commands.add_parser("annotate", help="after the show: the platform's figures (totals, a per-minute export), or a team note")
    annotate.add_argument("journal")
    annotate.add_argument("--viewers-uv", metavar="N", help="distinct viewers (UV), from the platform's dashboard")
    annotate.add_argument("--viewers-pv", metavar="N", help="views (PV), from the platform's dashboard")
    annotate.add_argument("--new-fans-club", metavar="N", help="new fans-club members")
    annotate.add_argument("--gmv", metavar="X", help="the platform's GMV")
    annotate.add_argument("--buyers", metavar="N", help="buyers (成交人数), from 罗盘/百应")
    annotate.add_argument("--refunds", metavar="X", help="refunds (退款金额), in yuan")
    annotate.add_argument("--ad-spend", metavar="X", help="ad spend (千川消耗), in yuan: the review gives ROI = GMV ÷ spend")
    annotate.add_argument("--avg-stay", metavar="TIME", help="average stay (平均停留): 80, 80s, 1分20秒 or 1:20")
    annotate.add_argument("--exposure", metavar="N", help="exposure (曝光人数): the review gives 曝光-进入率 = UV ÷ exposure")
    annotate.add_argument("--platform-file", metavar="FILE",
                          help="the platform's per-minute export (.csv or .xlsx: time, 在线人数, 进入人数, 成交金额), "
                               "joined to the journal's clock")
    annotate.add_argument("--note", metavar="TEXT", help="a team member's note (建议权)")
    annotate.add_argument("--by", metavar="ROLE_OR_NAME", help="who wrote the note")
    annotate.add_argument("--segment", metavar="ID", help="the segment the note is about")
    annotate.add_argument("--library", metavar="PATH", help=library_help)
    _messages_language(annotate)
    annotate.set_defaults(handler=_command("annotate", "run_annotate"))

    improve = commands.add_parser("improve", help="write the next plan with the changes the last shows suggest")
    improve.add_argument("plan")
    improve.add_argument("--from-last", type=int, metavar="N", help="read the newest N shows of the plan (default all)")
    improve.add_argument("--starts-at", metavar="DATE",
                         help="the next show's date (2026-12-08: the plan's time and zone kept) or date and time "
                              "(2026-12-08 20:00, in the plan's zone unless one is given)")
    improve.add_argument("-o", "--output", metavar="NEW_PLAN", help="write the plan here instead of stdout")
    improve.add_argument("--force", action="store_true", help=REPLACE_HELP)
    improve.add_argument("--library", metavar="PATH", help=library_help)
    improve.add_argument("--include", metavar="KINDS", help="besides live shows, also read these kinds: rehearsal,simulated,drill (evidence is live shows only by default)")
    improve.set_defaults(handler=_command("improve", "run_improve"))
    for finished in (run, simulate, drill):  # a show that ends is added to the library
        finished.add_argument("--library", metavar="PATH", help=library_help.replace("default", "default: beside the journal;"))

    link_url = commands.add_parser("link-url", help="the browser prompter's address, with a QR code to scan")
    link_url.add_argument("--listen", default="127.0.0.1:8765", metavar="HOST:PORT",
                          help="the console's --listen (default 127.0.0.1:8765)")
    link_url.add_argument("--token", help="the console's token (or RHYTHM_TOKEN): it goes in the URL's #fragment")
    link_url.add_argument("--name", help="the pane's name in the URL (default host)")
    link_url.add_argument("--lang", choices=["zh", "en"], help="the page's language")
    link_url.add_argument("--no-qr", action="store_true", help="print the URL only")
    link_url.set_defaults(handler=_command("link_url", "run_link_url"))

    # The bus (issue 15): the supervisor's floor and the central archive.
    floor = commands.add_parser("floor", help="the supervisor's view of every room on the bus; cues to any room")
    floor.add_argument("--bus", metavar="URL", help="the NATS bus: nats://HOST:PORT or tls://HOST:PORT (or RHYTHM_BUS)")
    floor.add_argument("--bus-token", help="the bus's token")
    floor.add_argument("--bus-creds", metavar="FILE", help="a NATS credentials file")
    floor.add_argument("--name", help="who sends the floor's cues (default: your login name)")
    floor.add_argument("--lang", choices=["zh", "en"], default="zh")
    floor.set_defaults(handler=_command("floor", "run_floor"))

    archive = commands.add_parser("archive", help="keep a journal of every room and session on the bus in a directory")
    archive.add_argument("--bus", metavar="URL", help="the NATS bus: nats://HOST:PORT or tls://HOST:PORT (or RHYTHM_BUS)")
    archive.add_argument("--bus-token", help="the bus's token")
    archive.add_argument("--bus-creds", metavar="FILE", help="a NATS credentials file")
    archive.add_argument("--dir", required=True, help="where the journals go (DIR/<room>/<session>.jsonl)")
    archive.add_argument("--durable", default="rhythm-archive",
                         help="the consumer's name on the bus: where this archive resumes (default rhythm-archive)")
    _messages_language(archive)
    archive.set_defaults(handler=_command("archive", "run_archive"))

    # Before the show (issue 11): the team's spreadsheet in and out, and the briefing sheet.
    script_in = commands.add_parser("import", help="read a 直播脚本 spreadsheet (.xlsx, .csv) into a plan")
    script_in.add_argument("script", help="the .xlsx or .csv script")
    script_in.add_argument("--sheet", help="the sheet to read (default: the one with a recognisable header)")
    script_in.add_argument("-o", "--output", help="the plan YAML to write (default stdout)")
    script_in.add_argument("--force", action="store_true", help=REPLACE_HELP)
    script_in.add_argument("--lenient", action="store_true", help="skip cells it cannot read, with a warning")
    _messages_language(script_in)
    script_in.set_defaults(handler=_command("import_", "run_import"))

    script_out = commands.add_parser("export", help="write a plan as a 直播脚本 spreadsheet (.xlsx or .csv)")
    script_out.add_argument("plan", help="the run-of-show YAML file")
    script_out.add_argument("-o", "--output", required=True, help="the .xlsx or .csv to write")
    script_out.add_argument("--force", action="store_true", help=REPLACE_HELP)
    script_out.set_defaults(handler=_command("export", "run_export"))

    brief = commands.add_parser("brief", help="the team meeting's sheet: each role's part of a plan")
    brief.add_argument("plan", help="the run-of-show YAML file")
    brief.add_argument("--role", type=_role, metavar="ROLE",
                       help="one role (default everyone): manager, host, assistant, ops or the team's word (场控, 主播, 助播, 运营)")
    _format_option(brief, ["md", "html"])
    brief.add_argument("-o", "--output", help="write to this file instead of stdout")
    brief.add_argument("--force", action="store_true", help=REPLACE_HELP)
    brief.set_defaults(handler=_command("brief", "run_brief"))
    if command is not None and not only.built:
        return build_parser()  # not a command: the whole parser says so, and lists the commands
    return parser


def _leading_languages(words: list[str]) -> int:
    """How many words the --lang options before the command take (`--lang en`, `--lang=en`, several)."""
    taken = 0
    while taken < len(words):
        if words[taken].startswith("--lang="):
            taken += 1
        elif words[taken] == "--lang" and taken + 1 < len(words) and not _not_a_language(words[taken + 1]):
            taken += 2
        else:
            break
    return taken


def _not_a_language(word: str) -> bool:
    """The word after --lang is an option or a command: the user left the language out."""
    if word.startswith("-"):
        return True
    if word in ("zh", "en"):
        return False
    commands = next(action for action in build_parser()._actions if isinstance(action, argparse._SubParsersAction))
    return word in commands.choices


def language_first(words: list[str]) -> list[str]:
    """`--lang en check plan.yaml` as `check plan.yaml --lang en`: --lang belongs to the command, but a user
    who sets the language first means the same thing."""
    taken = _leading_languages(words)
    if not taken:
        return words
    lang, rest = words[:taken], words[taken:]
    if rest and rest[0] in ("-h", "--help", "--version"):
        return rest  # the help and version texts are English whatever the language
    if not rest or rest[0].startswith("-"):
        return words  # no command after it: main says what is missing
    return [rest[0], *rest[1:], *lang]


def _takes_language(parser: argparse.ArgumentParser) -> bool:
    """Whether this parser, or any action under it (library add...), has --lang."""
    for action in parser._actions:
        if "--lang" in action.option_strings:
            return True
        if isinstance(action, argparse._SubParsersAction):
            return any(_takes_language(sub) for sub in action.choices.values())
    return False


def _refuse_misplaced_language(parser: argparse.ArgumentParser, words: list[str]) -> None:
    """--lang where argparse would only say "unrecognized" or "COMMAND cannot be 'en'": say what was meant."""
    if words[:1] == ["--lang"] and (len(words) == 1 or _not_a_language(words[1])):
        parser.error(str(Said("args.lang_without_value")))
    if words and words[0].startswith("--lang"):  # language_first left it first: no command follows it
        parser.error(str(Said("args.lang_without_command", lang=asked_language(words) or "")))
    if not any(word == "--lang" or word.startswith("--lang=") for word in words[1:]):
        return
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and (command := action.choices.get(words[0])):
            if not _takes_language(command):
                parser.error(str(Said("args.lang_not_for", command=words[0])))


def main(argv: list[str] | None = None) -> int:
    words = language_first(sys.argv[1:] if argv is None else argv)
    argv = words
    # The command named first: only its parser is built (an option first, such as -h: all of them).
    parser = build_parser(words[0] if words and not words[0].startswith("-") else None)
    with speaking(asked_language(words)):
        _refuse_misplaced_language(parser, words)
        args = parser.parse_args(argv)
    output_format(args)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    with speaking(getattr(args, "lang", None)):
        try:
            code = args.handler(args)
            sys.stdout.flush()  # here, where a reader that went away is handled, not at exit
            return code
        except UserError as exc:
            print(f"rhythm-console: {exc}", file=sys.stderr)  # said in --lang, or the plan's once read
            return EXIT_USAGE
        except PlanError as exc:
            print(exc, file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:  # the reader went away (`| head`): what it did not want is not an error to show
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor retried when Python exits
            return EXIT_BROKEN_PIPE
