"""The plan's value types: durations, rates and tolerances as authors write them, stored in seconds or fractions."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from rhythm_console import vocabulary
from rhythm_console.durations import DurationError, parse_duration
from rhythm_console.textsafe import has_control

# A show is shorter than a few days: no duration in a plan, nor the whole plan, may be longer.
MAX_DURATION = 72 * 3600.0
# Counts and money beyond these are typing mistakes, not plans (and keep every figure a finite float).
MAX_COUNT = 10**9
MAX_MONEY = 1e10


def _duration(value: object) -> float:
    try:
        seconds = parse_duration(value)
    except DurationError:
        raise PydanticCustomError("plan_duration", "cannot read {value} as a duration", {"value": value}) from None
    if abs(seconds) > MAX_DURATION:
        raise PydanticCustomError("plan_duration_range", "a duration in a plan is at most 72 hours, got {value}",
                                  {"value": value})
    return seconds


_DURATION_SCHEMA = {
    "anyOf": [
        {"type": "number", "description": "seconds", "minimum": -MAX_DURATION, "maximum": MAX_DURATION},
        {"type": "string", "maxLength": 40,
         "description": "8m, 90s, 1h05m, 8分钟, 90秒, 1小时5分 or 00:08:00"},
    ]
}

Duration = Annotated[float, BeforeValidator(_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _positive_duration(value: object) -> float:
    seconds = _duration(value)
    if seconds <= 0:
        raise PydanticCustomError("plan_duration_positive", "a duration must be more than zero, got {value}",
                                  {"value": value})
    return seconds


PositiveDuration = Annotated[float, BeforeValidator(_positive_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _non_negative_duration(value: object) -> float:
    seconds = _duration(value)
    if seconds < 0:
        raise PydanticCustomError("plan_duration_negative", "a duration cannot be negative, got {value}",
                                  {"value": value})
    return seconds


NonNegativeDuration = Annotated[float, BeforeValidator(_non_negative_duration), WithJsonSchema(_DURATION_SCHEMA)]


def _rate_error(value: object) -> PydanticCustomError:
    return PydanticCustomError("plan_rate", "write a rate as a percentage (8%) or a fraction (0.08), got {value}",
                               {"value": value})


def _fraction(value: object) -> float:
    """A rate: "8%" or a fraction between 0 and 1."""
    if isinstance(value, str) and value.strip().endswith("%") and len(value) < 20:
        try:
            number = float(value.strip()[:-1])
        except ValueError:
            raise _rate_error(value) from None
        if not 0 <= number <= 100:  # NaN fails this too
            raise _rate_error(value)
        return number / 100
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value)
    raise _rate_error(value)


Fraction = Annotated[
    float,
    BeforeValidator(_fraction),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                              {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}]}),
]


class Amount(BaseModel):
    """A tolerance: either fixed seconds or a fraction of the segment's planned duration."""

    model_config = ConfigDict(frozen=True, allow_inf_nan=False)
    seconds: float | None = Field(default=None, ge=0, le=MAX_DURATION)
    fraction: float | None = Field(default=None, ge=0, le=1)

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

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        """A plan's words reach the console's screen, the host's pane and the reports as they are:
        none may hold a character that controls a terminal (ESC, NUL, BEL, a bidi override)."""
        for text in _texts(value):
            if has_control(text):
                raise PydanticCustomError("plan_control_character", "{value} holds a control character",
                                          {"value": text})
        return value


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*_texts(key), *_texts(item))]
    return []


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



def worded(field: str) -> Any:
    """A value from the vocabulary's `field`: its code, or any word the team writes for it (see vocabulary.py)."""

    def to_code(value: object) -> object:
        code = vocabulary.code_for(field, value)
        if code is not None:
            return code
        raise PydanticCustomError("plan_word", "{value} is not one of the words for {field}",
                                  {"value": value, "field": field})

    return [BeforeValidator(to_code), WithJsonSchema({"enum": vocabulary.spellings(field)})]


def _price(value: object) -> float:
    """Yuan: 259, 259.00, "¥259", "￥259", "259元"."""
    number: object = value
    if isinstance(value, str) and len(value) < 30:
        text = value.strip().removeprefix("¥").removeprefix("￥").removesuffix("元").strip().replace(",", "")
        try:
            number = float(text)
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not 0 <= number <= MAX_MONEY:
        raise PydanticCustomError("plan_price", "write a price in yuan, e.g. 259, ¥259 or 259元, got {value}",
                                  {"value": value})
    return float(number)


Price = Annotated[float, BeforeValidator(_price), WithJsonSchema({"anyOf": [
    {"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^\s*[¥￥]?\s*\d+(\.\d+)?\s*元?\s*$"}],
    "description": "yuan: 259, 259.00, ¥259 or 259元"})]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Money = Annotated[float, Field(ge=0, le=MAX_MONEY)]


def _number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) <= MAX_MONEY:
        if value == value:  # not NaN
            return float(value)
    if isinstance(value, str) and len(value) < 30:
        try:
            return _number(float(value))
        except ValueError:
            pass
    raise PydanticCustomError("plan_number", "write a number, e.g. 30, got {value}", {"value": value})


Number = Annotated[float, BeforeValidator(_number), WithJsonSchema({"type": "number"})]


def _preset_key(value: object) -> object:
    # `key: 1` is how people write it; YAML reads that as a number.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


PresetKey = Annotated[str, BeforeValidator(_preset_key), Field(pattern=r"^[1-9]$")]
