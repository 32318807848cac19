"""The plan's value types: durations, rates and tolerances as authors write them, stored in seconds or fractions."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from rhythm_console.durations import DurationError, parse_duration


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

