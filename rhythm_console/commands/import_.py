"""`rhythm-console import SCRIPT`: a team's 直播脚本 (.xlsx or .csv) as a plan that passes `check`."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.commands.output import check_target, deliver
from rhythm_console.errors import PlanError, UserError
from rhythm_console.i18n import Said, Texts, speak
from rhythm_console.textsafe import printable


def _say(line: str) -> None:
    print(printable(line), file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    from rhythm_console.plan.loader import parse_plan_with_warnings
    from rhythm_console.spreadsheet.importer import import_script

    if args.output:
        check_target(args.output, kind="import", force=args.force, inputs=[args.script])
    result = import_script(args.script, args.sheet, args.lang)
    speak(result.lang)  # the plan's language is the sheet's (or --lang's)
    texts = Texts(result.lang)
    for header in result.unmapped:
        _say(texts("import.unmapped", header=header))
    for note in result.notes:
        _say(texts("import.note", note=note))
    for problem in result.problems:
        _say(texts("import.skipped", problem=problem) if args.lenient else problem)
    if result.problems and not args.lenient:
        raise UserError(Said("error.import.cells", script=args.script, count=len(result.problems)))
    # Nothing is written unless the plan loads: its problems name the plan made from the sheet, not an
    # output file that does not exist (or an older one that holds something else).
    name = texts("import.plan_name", script=args.script)
    try:
        _, advice = parse_plan_with_warnings(result.yaml, name)
    except PlanError as exc:  # the sheet's own values (an ID column, say) may still break a plan rule
        print(exc, file=sys.stderr)
        raise UserError(Said("error.import.plan_to" if args.output else "error.import.plan", script=args.script,
                             output=args.output)) from None
    for warning in advice:
        _say(str(warning))
    deliver(result.yaml, args.output, kind="import", force=args.force, inputs=[args.script])
    _say(result.summary(texts) + (f" -> {args.output}" if args.output else ""))
    return 0
