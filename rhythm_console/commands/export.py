"""`rhythm-console export PLAN -o SCRIPT.xlsx|.csv`: the plan as the team's 直播脚本."""

from __future__ import annotations

import argparse

from rhythm_console.commands.output import refuse_overwriting_inputs
from rhythm_console.textsafe import printable


def run_export(args: argparse.Namespace) -> int:
    from rhythm_console.plan import load_plan
    from rhythm_console.spreadsheet.exporter import export_script

    refuse_overwriting_inputs(args.output, [args.plan])
    plan = load_plan(args.plan)
    export_script(plan, args.output)
    print(printable(f"{args.output}: {len(plan.segments)} segments of {args.plan}"))
    return 0
