"""`rhythm-console import SCRIPT`: a team's 直播脚本 (.xlsx or .csv) as a plan that passes `check`."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.commands.output import check_target, deliver
from rhythm_console.errors import PlanError, UserError
from rhythm_console.textsafe import printable


def _say(line: str) -> None:
    print(printable(line), file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    from rhythm_console.plan.loader import parse_plan_with_warnings
    from rhythm_console.spreadsheet.importer import import_script

    if args.output:
        check_target(args.output, kind="import", force=args.force, inputs=[args.script])
    result = import_script(args.script, args.sheet)
    for header in result.unmapped:
        _say(f"not mapped: column {header}")
    for note in result.notes:
        _say(f"note: {note}")
    for problem in result.problems:
        _say(f"warning: {problem} (skipped)" if args.lenient else problem)
    if result.problems and not args.lenient:
        raise UserError(f"{args.script}: {len(result.problems)} cell(s) could not be read: fix them in the sheet, "
                        "or import with --lenient to skip them")
    # Nothing is written unless the plan loads: its problems name the plan made from the sheet, not an
    # output file that does not exist (or an older one that holds something else).
    name = f"<plan from {args.script}>"
    try:
        _, advice = parse_plan_with_warnings(result.yaml, name)
    except PlanError as exc:  # the sheet's own values (an ID column, say) may still break a plan rule
        print(exc, file=sys.stderr)
        raise UserError(f"{args.script}: the plan made from this sheet does not load (above); "
                        + (f"nothing was written to {args.output}" if args.output else "nothing was written")) from None
    for warning in advice:
        _say(str(warning))
    deliver(result.yaml, args.output, kind="import", force=args.force, inputs=[args.script])
    _say(result.summary() + (f" -> {args.output}" if args.output else ""))
    return 0
