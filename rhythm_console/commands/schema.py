"""`rhythm-console schema`: the plan's JSON Schema, for editors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def run_schema(args: argparse.Namespace) -> int:
    from rhythm_console.plan import plan_json_schema

    text = json.dumps(plan_json_schema(), ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0
