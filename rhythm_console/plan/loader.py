"""Reading a plan from YAML, with every problem located as file:line:col and field."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rhythm_console.errors import PlanError, PlanProblem
from rhythm_console.plan.model import BUILTIN_CUES, Comparison, Plan, SegmentKind

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

