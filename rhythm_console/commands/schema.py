"""`rhythm-console schema`: the plan's JSON Schema, for editors."""

from __future__ import annotations

import argparse
import json


def run_schema(args: argparse.Namespace) -> int:
    from rhythm_console.commands.output import write_output
    from rhythm_console.plan import plan_json_schema

    text = json.dumps(plan_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        write_output(args.output, text + "\n")
    else:
        print(text)
    return 0
