"""The run-of-show: pydantic models and a YAML loader whose errors say file:line:col.

A plan is data only. Every duration is stored in seconds (float); tolerances
and goal rates keep the form the author wrote (seconds or a fraction).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from rhythm_console.durations import DurationError, parse_duration
from rhythm_console.errors import PlanError, PlanProblem

# ---------------------------------------------------------------- value types


def _duration(value: object) -> float:
    try:
        return parse_duration(value)
    except DurationError as exc:
        raise ValueError(str(exc)) from None


_DURATION_SCHEMA = {
    "anyOf": [
        {"type": "number", "description": "seconds"},
        {"type": "string", "pattern": r"^\s*-?(\d+(\.\d+)?[hms]?\s*)+$|^\s*\d*:?\d+:\d\d\s*$",
         "description": "8m, 90s, 1h05m or 00:08:00"},
    ]
}

Duration = Annotated[float, BeforeValidator(_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _positive_duration(value: object) -> float:
    seconds = _duration(value)
    if seconds <= 0:
        raise ValueError(f"a duration must be more than zero, got {value!r}")
    return seconds


PositiveDuration = Annotated[float, BeforeValidator(_positive_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _non_negative_duration(value: object) -> float:
    seconds = _duration(value)
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative, got {value!r}")
    return seconds


NonNegativeDuration = Annotated[float, BeforeValidator(_non_negative_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _fraction(value: object) -> float:
    """A rate: "8%" or a fraction between 0 and 1."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            number = float(value.strip()[:-1])
        except ValueError:
            raise ValueError(f'cannot read "{value}" as a percentage') from None
        if not 0 <= number <= 100:
            raise ValueError(f"a percentage must be between 0% and 100%, got {value}")
        return number / 100
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 0 <= value <= 1:
            raise ValueError(f"write a rate as a percentage (8%) or a fraction (0.08), got {value}")
        return float(value)
    raise ValueError(f"cannot read {value!r} as a rate (write 8% or 0.08)")


Fraction = Annotated[
    float,
    BeforeValidator(_fraction),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}]}),
]


class Amount(BaseModel):
    """A tolerance: either fixed seconds or a fraction of the segment's planned duration."""

    model_config = ConfigDict(frozen=True)
    seconds: float | None = None
    fraction: float | None = None

    def resolve(self, planned: float) -> float:
        if self.fraction is not None:
            return planned * self.fraction
        return self.seconds or 0.0

    def describe(self) -> str:
        if self.fraction is not None:
            return f"{self.fraction * 100:g}%"
        return f"{self.seconds:g}s"


def _amount(value: object) -> Any:
    if isinstance(value, Amount) or isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip().endswith("%"):
        return {"fraction": _fraction(value)}
    return {"seconds": _non_negative_duration(value)}


_AMOUNT_SCHEMA = {"anyOf": [_DURATION_SCHEMA, {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}]}

AmountValue = Annotated[Amount, BeforeValidator(_amount), WithJsonSchema(_AMOUNT_SCHEMA)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a plan must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Tolerance(Strict):
    over: AmountValue = Amount(seconds=30)
    under: AmountValue = Amount(seconds=30)


def _tolerance(value: object) -> Any:
    # A single value means the same tolerance either way.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        amount = _amount(value)  # one error for the one value written, not one per side
        return {"over": amount, "under": amount}
    return value


ToleranceValue = Annotated[
    Tolerance,
    BeforeValidator(_tolerance),
    WithJsonSchema({"anyOf": [
        _DURATION_SCHEMA,
        _AMOUNT_SCHEMA,
        {"type": "object", "additionalProperties": False,
         "properties": {"over": _AMOUNT_SCHEMA, "under": _AMOUNT_SCHEMA}},
    ], "description": "a duration (30s) or a percentage of the segment (10%); or {over: ..., under: ...}"}),
]

# ---------------------------------------------------------------- the plan


class Locale(str, Enum):
    zh_CN = "zh-CN"
    en = "en"


class Goals(Strict):
    peak_online: int | None = Field(default=None, ge=0, description="peak online viewers")
    gmv: float | None = Field(default=None, ge=0, description="gross merchandise value, yuan")
    orders: int | None = Field(default=None, ge=0)
    interaction_rate: Fraction | None = None
    new_followers: int | None = Field(default=None, ge=0)
    conversion_rate: Fraction | None = Field(default=None, description="orders per product click")


class Show(Strict):
    title: str = Field(min_length=1)
    theme: str | None = None
    starts_at: datetime | None = Field(default=None, description="with a time zone, e.g. 2026-11-28T20:00:00+08:00")
    locale: Locale = Locale.zh_CN
    audience: str | None = Field(default=None, description="target audience")
    goals: Goals = Goals()

    @field_validator("starts_at")
    @classmethod
    def _needs_zone(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("starts_at needs a time zone, e.g. 2026-11-28T20:00:00+08:00")
        return value


Role = Literal["manager", "host", "assistant", "ops"]


class Team(Strict):
    manager: str | None = None
    host: str | None = None
    assistants: list[str] = []
    ops: list[str] = []


class Defaults(Strict):
    tolerance: ToleranceValue = Tolerance()
    warning: NonNegativeDuration = Field(default=60.0, description="how long before a segment's planned end it turns to warning")


class SegmentKind(str, Enum):
    opening = "opening"
    product = "product"
    interaction = "interaction"
    lottery = "lottery"
    qa = "qa"
    break_ = "break"
    closing = "closing"
    custom = "custom"


class Product(Strict):
    sku: str | None = None
    name: str = Field(min_length=1)
    price: float = Field(ge=0, description="price in yuan")
    list_price: float | None = Field(default=None, ge=0, description="crossed-out price")
    stock: int | None = Field(default=None, ge=0)
    selling_points: list[str] = []


class Interaction(Strict):
    type: Literal["lottery", "coupon", "comment_prompt", "poll", "other"] = "other"
    description: str | None = None
    prize: str | None = None
    coupon: str | None = None
    prompt: str | None = Field(default=None, description="what viewers are asked to comment")


class SegmentCues(Strict):
    """Cues that fire by themselves, so the host is told even when the manager is busy."""

    on_warning: str | None = Field(default=None, description="a cue preset key, or a built-in cue name")
    on_over: str | None = None


SEGMENT_ID_PATTERN = r"^[A-Za-z0-9_\-\u4e00-\u9fff]+$"


class Segment(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN, max_length=40)
    kind: SegmentKind
    title: str = Field(min_length=1)
    duration: PositiveDuration
    tolerance: ToleranceValue | None = None
    owner: Role = "host"
    talking_points: list[str] = []
    product: Product | None = None
    interaction: Interaction | None = None
    cues: SegmentCues | None = None
    notes: str | None = None


class CueLevel(str, Enum):
    info = "info"
    warn = "warn"
    urgent = "urgent"


class CueAction(str, Enum):
    advance = "advance"
    extend = "extend"
    skip_next = "skip_next"


class CuePreset(Strict):
    key: str = Field(pattern=r"^[1-9]$", description="the console key that sends it, 1-9")
    text: str = Field(min_length=1)
    level: CueLevel = CueLevel.info
    action: CueAction | None = None
    by: Duration | None = Field(default=None, description="for action extend: by how much (negative shortens)")

    @model_validator(mode="after")
    def _extend_needs_amount(self) -> CuePreset:
        if self.action is CueAction.extend and not self.by:
            raise ValueError("action extend needs 'by', e.g. by: 2m")
        if self.action is not CueAction.extend and self.by is not None:
            raise ValueError("'by' only goes with action: extend")
        return self


class Contingency(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN)
    title: str = Field(min_length=1)
    trigger: str = Field(min_length=1, description="when to use it")
    steps: list[str] = Field(min_length=1)
    insert: Segment | None = Field(default=None, description="a segment to insert after the current one")


class Metric(str, Enum):
    """Metrics the advisor can watch (see docs/metrics.md for each formula)."""

    online = "online"
    interaction_rate = "interaction_rate"
    comments_per_min = "comments_per_min"
    likes_per_min = "likes_per_min"
    entries_per_min = "entries_per_min"
    follows_per_min = "follows_per_min"
    product_clicks_per_min = "product_clicks_per_min"
    ctr = "ctr"
    orders_per_min = "orders_per_min"
    gmv_per_min = "gmv_per_min"
    conversion = "conversion"


class Comparison(str, Enum):
    below = "<"
    at_most = "<="
    above = ">"
    at_least = ">="
    falls_by = "falls_by"
    rises_by = "rises_by"


class Rule(Strict):
    id: str = Field(pattern=SEGMENT_ID_PATTERN)
    metric: Metric
    comparison: Comparison
    threshold: float = Field(description="a value; for falls_by/rises_by a percentage of change over 'for'")
    for_: PositiveDuration = Field(default=60.0, alias="for", description="how long it must hold")
    kinds: list[SegmentKind] = Field(default=[], description="segment kinds it applies to; empty means all")
    suggest: str = Field(description="a cue preset key or a built-in cue name")
    message: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


BUILTIN_CUES: dict[str, tuple[str, str, CueLevel]] = {
    # name: (zh-CN text, en text, level)
    "speed_up": ("加快节奏", "Speed up", CueLevel.warn),
    "slow_down": ("放慢节奏", "Slow down", CueLevel.info),
    "add_interaction": ("增加互动", "Add interaction", CueLevel.warn),
    "push_link": ("上链接", "Push the link", CueLevel.urgent),
    "next_product": ("准备过款", "Get ready for the next product", CueLevel.info),
    "wrap_up": ("收尾", "Wrap up", CueLevel.urgent),
    "lucky_bag": ("开福袋留人", "Open a lucky bag to keep viewers", CueLevel.urgent),
    "keep_going": ("点击还在涨，可以延长讲解", "Clicks are still rising: consider extending", CueLevel.info),
}

BUILTIN_ADVICE = ("interaction-falling", "viewers-drop", "clicks-rising", "overrun")


class AdvisorSettings(Strict):
    disable: list[Literal["interaction-falling", "viewers-drop", "clicks-rising", "overrun"]] = Field(
        default=[], description="built-in advice to switch off")


class Plan(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_: str | None = Field(default=None, alias="$schema", description="ignored; lets editors find the schema")
    show: Show
    team: Team = Team()
    defaults: Defaults = Defaults()
    segments: list[Segment] = Field(min_length=1)
    cue_presets: list[CuePreset] = []
    contingencies: list[Contingency] = []
    rules: list[Rule] = []
    advisor: AdvisorSettings = AdvisorSettings()

    @property
    def planned_total(self) -> float:
        return sum(segment.duration for segment in self.segments)

    def tolerance_for(self, segment: Segment) -> Tolerance:
        return segment.tolerance or self.defaults.tolerance

    def preset(self, key: str) -> CuePreset | None:
        return next((preset for preset in self.cue_presets if preset.key == key), None)

    def cue_for(self, name: str, lang: str) -> tuple[str, CueLevel] | None:
        """Text and level of a cue named by preset key or built-in name."""
        preset = self.preset(name)
        if preset is not None:
            return preset.text, preset.level
        if name in BUILTIN_CUES:
            zh, en, level = BUILTIN_CUES[name]
            return (zh if lang == "zh" else en), level
        return None


# ---------------------------------------------------------------- loading


Loc = tuple[str | int, ...]


def _field_name(loc: Loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


class _Marks:
    """Line and column (1-based) of every key and value in the YAML document."""

    def __init__(self) -> None:
        self.values: dict[Loc, tuple[int, int]] = {}
        self.keys: dict[Loc, tuple[int, int]] = {}
        self.duplicates: list[tuple[Loc, tuple[int, int]]] = []

    def walk(self, node: yaml.Node, loc: Loc = ()) -> None:
        self.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = loc + (key,)
                mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in seen:
                    self.duplicates.append((child, mark))
                seen.add(key)
                self.keys[child] = mark
                self.walk(value_node, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.walk(item, loc + (index,))

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int] | None:
        if key and loc in self.keys:
            return self.keys[loc]
        # Pydantic adds union-branch and alias names to paths; walk up to the
        # nearest place that exists in the document.
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return None


_SCHEMA_NAMES = {"for_": "for", "schema_": "$schema"}


def _clean_loc(loc: Iterable[Any]) -> Loc:
    cleaned: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (part.startswith("function-") or part in {"Amount", "Tolerance"}):
            continue
        cleaned.append(_SCHEMA_NAMES.get(part, part) if isinstance(part, str) else part)
    return tuple(cleaned)


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    if kind == "missing":
        return "required, but missing"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind == "enum" and "ctx" in error:
        message = f"{error['input']!r} is not one of {error['ctx'].get('expected', '')}"
    return message


def _cross_references(plan: Plan) -> list[tuple[Loc, str]]:
    """Problems pydantic's per-field checks cannot see: ids and references."""
    problems: list[tuple[Loc, str]] = []
    seen: dict[str, int] = {}
    for index, segment in enumerate(plan.segments):
        if segment.id in seen:
            problems.append((("segments", index, "id"), f'duplicate segment id "{segment.id}" (first used by segments[{seen[segment.id]}])'))
        else:
            seen[segment.id] = index
        if segment.kind is SegmentKind.product and segment.product is None:
            problems.append((("segments", index, "product"), "a product segment needs a product (name and price)"))
    keys: dict[str, int] = {}
    for index, preset in enumerate(plan.cue_presets):
        if preset.key in keys:
            problems.append((("cue_presets", index, "key"), f'key "{preset.key}" is already used by cue_presets[{keys[preset.key]}]'))
        keys.setdefault(preset.key, index)
    cue_names = set(keys) | set(BUILTIN_CUES)
    known = ", ".join(sorted(cue_names))
    for index, segment in enumerate(plan.segments):
        for when in ("on_warning", "on_over"):
            name = getattr(segment.cues, when) if segment.cues else None
            if name is not None and name not in cue_names:
                problems.append((("segments", index, "cues", when), f'unknown cue "{name}" (known: {known})'))
    ids: dict[str, int] = {}
    for index, contingency in enumerate(plan.contingencies):
        if contingency.id in ids:
            problems.append((("contingencies", index, "id"), f'duplicate contingency id "{contingency.id}"'))
        ids.setdefault(contingency.id, index)
    rule_ids: set[str] = set()
    for index, rule in enumerate(plan.rules):
        if rule.id in rule_ids:
            problems.append((("rules", index, "id"), f'duplicate rule id "{rule.id}"'))
        rule_ids.add(rule.id)
        if rule.suggest not in cue_names:
            problems.append((("rules", index, "suggest"), f'unknown cue "{rule.suggest}" (known: {known})'))
        if rule.comparison in (Comparison.falls_by, Comparison.rises_by) and not 0 < rule.threshold <= 100:
            problems.append((("rules", index, "threshold"), "for falls_by/rises_by the threshold is a percentage between 0 and 100"))
    return problems


def parse_plan(text: str, path: str = "<plan>") -> Plan:
    """Validate plan text; raise PlanError listing every located problem."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "cannot parse"
        raise PlanError([PlanProblem(path=path, line=mark.line + 1 if mark else None,
                                     column=mark.column + 1 if mark else None,
                                     field="", message=f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise PlanError([PlanProblem(path=path, line=None, column=None, field="", message=f"YAML error: {exc}")]) from None
    if not isinstance(data, dict):
        start = root.start_mark if root is not None else None
        raise PlanError([PlanProblem(path=path, line=start.line + 1 if start else None, column=start.column + 1 if start else None,
                                     field="", message="a plan is a mapping with at least 'show' and 'segments'")])
    marks = _Marks()
    marks.walk(root)

    def problem(loc: Loc, message: str, *, key: bool = False) -> PlanProblem:
        where = marks.locate(loc, key=key)
        return PlanProblem(path=path, line=where[0] if where else None, column=where[1] if where else None,
                           field=_field_name(loc), message=message)

    problems = [problem(loc, "duplicate key (the later one would silently win)", key=True) for loc, _ in marks.duplicates]
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            problems.append(problem(loc, _message(error), key=error["type"] == "extra_forbidden"))
        raise PlanError(_unique(problems)) from None
    problems += [problem(loc, message) for loc, message in _cross_references(plan)]
    if problems:
        raise PlanError(_unique(problems))
    return plan


def _unique(problems: list[PlanProblem]) -> list[PlanProblem]:
    seen: set[str] = set()
    result = []
    for item in problems:
        if str(item) not in seen:
            seen.add(str(item))
            result.append(item)
    return sorted(result, key=lambda p: (p.line or 0, p.column or 0))


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; PlanError names the file for every problem, including a missing file."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError([PlanProblem(path=name, line=None, column=None, field="", message="no such file")]) from None
    except IsADirectoryError:
        raise PlanError([PlanProblem(path=name, line=None, column=None, field="", message="is a directory, not a plan file")]) from None
    except UnicodeDecodeError as exc:
        raise PlanError([PlanProblem(path=name, line=None, column=None, field="", message=f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise PlanError([PlanProblem(path=name, line=None, column=None, field="", message=exc.strerror or str(exc))]) from None
    return parse_plan(text, name)


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Rhythm Console run-of-show"
    return schema

