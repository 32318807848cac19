"""Advice about a plan that loads: located like errors, printed by `check`, failing only `check --strict`.

Each feature that has advice about a plan (the team's workload, the platform's wording rules, ...)
writes one check: a function of the plan and the plan's language that yields (location, message)
pairs, and adds it to CHECKS. The loader locates each one in the YAML like an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rhythm_console.plan.document import Loc
from rhythm_console.plan.model import Plan

WarningCheck = Callable[[Plan, str], Iterable[tuple[Loc, str]]]

# Every check run on a plan that loads, filled in on first use: the wording lexicon is built only
# when advice is asked for (`check`), not on every plan a command loads.
CHECKS: list[WarningCheck] = []
_registered = False


def _register_checks() -> None:
    global _registered
    _registered = True
    from rhythm_console.plan.kind_warnings import kind_warnings
    from rhythm_console.plan.wording_check import audience_metric_warnings, wording_warnings
    from rhythm_console.plan.workload import workload_warnings

    CHECKS.extend([
        wording_warnings, audience_metric_warnings,  # the audience's voice and wording (合规)
        workload_warnings,  # the team's time on air (合理休息权)
        kind_warnings,  # 憋单 and 返场 with nothing to hold for or show
    ])


def plan_warnings(plan: Plan, lang: str) -> list[tuple[Loc, str]]:
    if not _registered:
        _register_checks()
    return [found for check in CHECKS for found in check(plan, lang)]
