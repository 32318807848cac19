"""`rhythm-console check PLAN...`: validate plans, one summary line each or located errors."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError

if TYPE_CHECKING:
    from rhythm_console.plan import Plan

EXIT_USAGE = 2


def plan_summary(path: str, plan: "Plan") -> str:
    from rhythm_console.plan.messages import escaped

    parts = [f"{path}: ok", f"{len(plan.segments)} segments", f"{format_short(plan.planned_total)} planned"]
    if plan.show.starts_at is not None:
        start = plan.show.starts_at
        end = start + timedelta(seconds=plan.planned_total)
        parts.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({start:%z})")
    parts.append(f"“{escaped(plan.show.title, 80)}”")  # a title is text from outside: no terminal controls
    return ", ".join(parts)


def run_check(args: argparse.Namespace) -> int:
    from rhythm_console.plan import load_plan

    failed = False
    for path in args.plans:
        try:
            plan = load_plan(path)
        except PlanError as exc:
            failed = True
            print(exc, file=sys.stderr)
            continue
        print(plan_summary(path, plan))
    return EXIT_USAGE if failed else 0
