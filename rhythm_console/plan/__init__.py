"""The run-of-show: value types (`values`), the model (`model`) and the YAML loader (`loader`).

Durations are stored in seconds (float); tolerances and goal rates keep the
form the author wrote (seconds or a fraction).
"""

from typing import TYPE_CHECKING, Any

from rhythm_console.errors import PlanError
from rhythm_console.plan.model import (
    BUILTIN_CUES,
    SELLING_KINDS,
    AdvisorSettings,
    ChecklistItem,
    Comparison,
    Contingency,
    CueAction,
    CueLevel,
    CuePreset,
    Defaults,
    Goals,
    HoldTarget,
    Interaction,
    Locale,
    Metric,
    Plan,
    Product,
    Role,
    Rule,
    Segment,
    SegmentCues,
    SegmentKind,
    Show,
    Team,
)
from rhythm_console.plan.values import Amount, Tolerance

if TYPE_CHECKING:
    from rhythm_console.plan.loader import load_plan, parse_plan, plan_json_schema

_LOADER = frozenset({"load_plan", "parse_plan", "plan_json_schema"})


def __getattr__(name: str) -> Any:
    """The YAML loader (and YAML) is imported when a plan file is read: a journal's plan (report, replay)
    is validated from its JSON by the model alone."""
    if name in _LOADER:
        from rhythm_console.plan import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BUILTIN_CUES", "AdvisorSettings", "Amount", "ChecklistItem", "Comparison", "Contingency", "CueAction", "CueLevel", "CuePreset",
    "Defaults", "Goals", "HoldTarget", "Interaction", "Locale", "Metric", "Plan", "PlanError", "Product", "Role", "Rule",
    "SELLING_KINDS", "Segment", "SegmentCues", "SegmentKind", "Show", "Team", "Tolerance", "load_plan", "parse_plan",
    "plan_json_schema",
]
