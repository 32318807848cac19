"""`rhythm-console schema`: the plan's JSON Schema, for editors."""

from __future__ import annotations

import argparse
import json


def run_schema(args: argparse.Namespace) -> int:
    from rhythm_console.commands.output import deliver
    from rhythm_console.plan import plan_json_schema

    text = json.dumps(plan_json_schema(), ensure_ascii=False, indent=2)
    deliver(text + "\n", args.output, kind="schema", force=args.force)
    return 0
