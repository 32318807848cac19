"""`rhythm-console check PLAN...`: validate plans, one summary line each or located errors."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from rhythm_console.plan import Plan

EXIT_USAGE = 2


def plan_summary(path: str, plan: "Plan", texts: Texts, warnings: int = 0, *, failed: bool = False) -> str:
    """One line: the plan loads, how many segments and minutes, when, its title (and how many warnings);
    `failed` when --strict turns its warnings into a failure, so the line does not say it passed."""
    parts = [texts("check.segments", count=len(plan.segments)),
             texts("check.planned", length=format_short(plan.planned_total))]
    if plan.show.starts_at is not None:
        start = plan.show.starts_at
        end = start + timedelta(seconds=plan.planned_total)
        parts.append(f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({start:%z})")
    parts.append(f"“{printable(plan.show.title)}”")
    if warnings:
        parts.append(texts("check.warnings", count=warnings))
    return texts("check.failed_strict" if failed else "check.ok", path=printable(path), summary=texts.listed(parts))


def run_check(args: argparse.Namespace) -> int:
    from rhythm_console.plan.loader import load_plan_with_warnings

    failed = False
    for path in args.plans:
        try:
            plan, advice = load_plan_with_warnings(path, lang=args.lang)
        except PlanError as exc:
            failed = True
            print(exc, file=sys.stderr)
            continue
        for warning in advice:
            print(warning, file=sys.stderr)
        refused = args.strict and bool(advice)
        failed = failed or refused
        texts = Texts(args.lang or lang_for_locale(plan.show.locale.value))
        print(plan_summary(path, plan, texts, len(advice), failed=refused))
    return EXIT_USAGE if failed else 0
