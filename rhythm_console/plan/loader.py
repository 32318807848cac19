"""Reading a plan from YAML, with every problem located as file:line:col and field, in the plan's language."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rhythm_console import vocabulary
from rhythm_console.errors import PlanError, PlanProblem
from rhythm_console.i18n import Said, lang_for_locale
from rhythm_console.plan.document import DocumentError, Loc, Marks, read_document
from rhythm_console.plan.messages import escaped, example, say, shown, words
from rhythm_console.plan.model import CATEGORY_ID_PATTERN, Plan
from rhythm_console.plan.references import find_references
from rhythm_console.plan.warnings import plan_warnings


def _field_name(loc: Loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + part
    return text


_SCHEMA_NAMES = {"for_": "for", "schema_": "$schema"}


def _clean_loc(loc: Iterable[Any]) -> Loc:
    cleaned: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (part.startswith("function-") or part in {"Amount", "Tolerance"}):
            continue
        cleaned.append(_SCHEMA_NAMES.get(part, part) if isinstance(part, str) else part)
    return tuple(cleaned)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through Annotated, Optional and unions."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return next((model for arg in typing.get_args(annotation) if (model := _model_of(arg))), None)
    return None


def _item_of(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated or origin in (typing.Union, types.UnionType):
        return next((item for arg in typing.get_args(annotation) if (item := _item_of(arg)) is not None), None)
    if origin is list:
        return typing.get_args(annotation)[0]
    return None


def _keys_at(loc: Loc) -> list[str]:
    """The keys a plan may have at this place (the parent of an unknown key)."""
    annotation: Any = Plan
    for part in loc:
        if isinstance(part, int):
            annotation = _item_of(annotation)
            continue
        model = _model_of(annotation)
        if model is None:
            return []
        field = next((info for name, info in model.model_fields.items() if (info.alias or name) == part), None)
        if field is None:
            return []
        annotation = field.annotation
    model = _model_of(annotation)
    return [info.alias or name for name, info in model.model_fields.items()] if model else []


def _last_name(loc: Loc) -> str:
    return next((part for part in reversed(loc) if isinstance(part, str)), "")


_PRESET_KEY = ("cue_presets", "key")


def _message(error: ErrorDetails, loc: Loc, lang: str) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    value = shown(error.get("input"))
    name = _last_name(loc)
    if kind.startswith("plan_"):
        key = kind.removeprefix("plan_")
        if key == "word":
            return say("word", lang, value=shown(context["value"]), words=words(context["field"], lang))
        return say(key, lang, value=shown(context.get("value")))
    if kind == "extra_forbidden":
        known = _keys_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        if close:
            return say("unknown_key_suggest", lang, suggestion=close[0])
        return say("unknown_key", lang, known=list(known))  # said as a list in the plan's language
    if kind == "missing":
        return say("missing", lang)
    if kind in ("list_type", "tuple_type", "set_type"):
        return say("shape.list", lang, example=example(name, "shape.list", lang))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return say("shape.mapping", lang, example=example(name, "shape.mapping", lang))
    if kind == "string_type":
        return say("shape.text", lang, example=example(name, "shape.text", lang))
    if kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
        return say("shape.whole", lang, example=example(name, "shape.whole", lang))
    if kind in ("bool_type", "bool_parsing"):
        return say("shape.yes_no", lang)
    if kind in ("float_type", "float_parsing"):
        return say("shape.number", lang, example=example(name, "shape.number", lang))
    if kind.startswith(("datetime", "date_", "timezone")):
        return say("shape.datetime", lang)
    if kind == "string_too_short":
        return say("empty_text", lang)
    if kind == "too_short":
        return say("empty_list", lang)
    if kind in ("string_too_long", "too_long"):
        return say("too_long", lang, limit=context.get("max_length", "?"))
    if kind == "string_pattern_mismatch":
        if (loc[0], name) == _PRESET_KEY:
            return say("pattern.key", lang)
        if context.get("pattern") == CATEGORY_ID_PATTERN:
            return say("pattern.category", lang)
        return say("pattern.id", lang, example=example("id", "pattern.id", lang))
    if kind in ("greater_than_equal", "greater_than"):
        return say("at_least", lang, limit=context.get("ge", context.get("gt")), value=value)
    if kind in ("less_than_equal", "less_than"):
        return say("at_most", lang, limit=context.get("le", context.get("lt")), value=value)
    if kind == "finite_number":
        return say("finite", lang, value=value)
    return say("invalid", lang, value=value)


def _plan_language(data: dict[str, Any]) -> str:
    show = data.get("show")
    locale = show.get("locale") if isinstance(show, dict) else None
    return lang_for_locale(vocabulary.code_for("locale", locale) or "zh")


_LOCALE_LINE = re.compile(r"\blocale:\s*[\"']?(en|english|英文|英语)\b", re.IGNORECASE)


def _text_language(text: str) -> str:
    """The plan's language when its YAML cannot be read: a line `locale: en` is enough."""
    return "en" if _LOCALE_LINE.search(text[:100_000]) else "zh"


def _problems(data: dict[str, Any], marks: Marks, path: str, lang: str) -> tuple[list[PlanProblem], Plan | None]:
    def problem(loc: Loc, message: str, *, key: bool = False) -> PlanProblem:
        where = marks.locate(loc, key=key)
        return PlanProblem(path=path, line=where[0] if where else None, column=where[1] if where else None,
                           field=_field_name(loc), message=message)

    problems = [problem(loc, say("duplicate_key", lang), key=True) for loc in marks.duplicates]
    plan = None
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            problems.append(problem(loc, _message(error, loc, lang), key=error["type"] == "extra_forbidden"))
    for loc, key, context in find_references(data, lang):
        quoted = {name: value if name == "words" else escaped(str(value)) for name, value in context.items()}
        problems.append(problem(loc, say(key, lang, **quoted)))
    return problems, plan


def parse_plan(text: str, path: str = "<plan>") -> Plan:
    """Validate plan text; raise PlanError listing every located problem."""
    return parse_plan_with_warnings(text, path, advise=False)[0]


def parse_plan_with_warnings(text: str, path: str = "<plan>", *, advise: bool = True,
                             lang: str | None = None) -> tuple[Plan, list[PlanProblem]]:
    """The plan and the advice about it (plan/warnings.py), each located; PlanError as parse_plan.
    `advise=False` leaves the advice out (the console's start does not print it: `check` does).
    The problems are said in the plan's language, or in `lang` when the user asked for one (--lang)."""
    try:
        document = read_document(text)
    except DocumentError as exc:
        lang = lang or _text_language(text)
        line, column = exc.mark if exc.mark else (None, None)
        context = {name: shown(value) if name == "value" else escaped(str(value), 120)
                   for name, value in exc.context.items()}
        raise PlanError([PlanProblem(path=path, line=line, column=column, field="",
                                     message=say(exc.key, lang, **context))],
                        more=say("plan.more", lang, count="{count}")) from None
    data = document.data
    if not isinstance(data, dict):
        lang = lang or _text_language(text)
        line, column = document.root_mark if document.root_mark else (None, None)
        raise PlanError([PlanProblem(path=path, line=line, column=column, field="",
                                     message=say("plan.not_mapping", lang))])
    lang = lang or _plan_language(data)
    problems, plan = _problems(data, document.marks, path, lang)
    if problems or plan is None:
        raise PlanError(_unique(problems), more=say("plan.more", lang, count="{count}"))
    advice = []
    for loc, message in plan_warnings(plan, lang) if advise else ():
        where = document.marks.locate(loc)
        advice.append(PlanProblem(path=path, line=where[0] if where else None, column=where[1] if where else None,
                                  field=_field_name(loc), message=message, warning=say("plan.warning", lang)))
    return plan, _unique(advice)


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
    return load_plan_with_warnings(path, advise=False)[0]


def load_plan_with_warnings(path: str | Path, *, advise: bool = True,
                            lang: str | None = None) -> tuple[Plan, list[PlanProblem]]:
    """A plan file and the advice about it (see plan/warnings.py), said as parse_plan_with_warnings says."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _unreadable(name, "plan.file.missing") from None
    except IsADirectoryError:
        raise _unreadable(name, "plan.file.directory") from None
    except UnicodeDecodeError as exc:
        # Where, not the decoder's English reason: a file saved as GBK is wrong from its first Chinese character.
        raise _unreadable(name, "plan.file.not_utf8", line=exc.object.count(b"\n", 0, exc.start) + 1,
                          byte=exc.start - exc.object.rfind(b"\n", 0, exc.start)) from None  # within its line
    except OSError as exc:
        raise _unreadable(name, "plan.file.unreadable", why=exc.strerror or exc) from None
    return parse_plan_with_warnings(text, name, advise=advise, lang=lang)


def _unreadable(name: str, key: str, **values: object) -> PlanError:
    """A plan file that cannot be read, said in the language the command speaks so far (its plan's is unknown)."""
    return PlanError([PlanProblem(path=name, line=None, column=None, field="", message=str(Said(key, **values)))])


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Rhythm Console run-of-show"
    return schema
