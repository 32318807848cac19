"""`rhythm-console check PLAN...`: validate plans, one summary line each or located errors."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from rhythm_console.plan import Plan

EXIT_USAGE = 2


def plan_summary(path: str, plan: "Plan") -> str:
    parts = [f"{printable(path)}: ok", f"{len(plan.segments)} segments", f"{format_short(plan.planned_total)} planned"]
    if plan.show.starts_at is not None:
        start = plan.show.starts_at
        end = start + timedelta(seconds=plan.planned_total)
        parts.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({start:%z})")
    parts.append(f"“{printable(plan.show.title)}”")
    return ", ".join(parts)


def run_check(args: argparse.Namespace) -> int:
    from rhythm_console.plan.loader import load_plan_with_warnings

    failed = False
    for path in args.plans:
        try:
            plan, advice = load_plan_with_warnings(path)
        except PlanError as exc:
            failed = True
            print(exc, file=sys.stderr)
            continue
        for warning in advice:
            print(warning, file=sys.stderr)
        failed = failed or (args.strict and bool(advice))
        print(plan_summary(path, plan) + (f", {len(advice)} warning(s)" if advice else ""))
    return EXIT_USAGE if failed else 0
