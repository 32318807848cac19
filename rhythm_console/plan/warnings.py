"""Advice about a plan that loads: located like errors, printed by `check`, failing only `check --strict`.

Each feature that has advice about a plan (the team's workload, the platform's wording rules, ...)
writes one check: a function of the plan and the plan's language that yields (location, message)
pairs, and adds it to CHECKS. The loader locates each one in the YAML like an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rhythm_console.plan.model import Plan

Loc = tuple[str | int, ...]
WarningCheck = Callable[[Plan, str], Iterable[tuple[Loc, str]]]

# Every check run on a plan that loads; append yours (a module of its own, imported here).
CHECKS: list[WarningCheck] = []


def plan_warnings(plan: Plan, lang: str) -> list[tuple[Loc, str]]:
    return [found for check in CHECKS for found in check(plan, lang)]


# The checks, each registering itself in CHECKS (imported last: they need CHECKS defined).
from rhythm_console.plan import workload  # noqa: E402,F401
