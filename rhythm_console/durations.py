"""Reading and writing durations the way run-of-show authors write them (8m, 90s, 1h05m, 8分钟, 1小时5分, 00:08:00)."""

from __future__ import annotations

import math
import re

# Longer text is no duration anyone writes; refusing it first keeps every input cheap to read.
MAX_TEXT = 40
_UNIT_SECONDS = {"h": 3600, "小时": 3600, "个小时": 3600, "时": 3600,
                 "m": 60, "min": 60, "分钟": 60, "分": 60, "s": 1, "秒": 1, "秒钟": 1}
# One part: a number and its unit, then optional space. Matched part by part from a known position, so the
# time is linear in the text's length whatever it holds (a single regex with nested \s* was quadratic).
_PART_RE = re.compile(r"(\d+(?:\.\d+)?) ?(个小时|小时|时|分钟|分|秒钟|秒|min|h|m|s)\s*")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_CLOCK_RE = re.compile(r"(?:(\d+):)?([0-5]?\d):([0-5]\d)")
# Seconds beyond this are not a duration of anything (and would overflow a float from a long integer).
_LARGEST = 1e12


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> float:
    """Seconds from "8m", "90s", "1h05m", "8分钟", "1小时5分", "00:08:00", "8:00" or a plain number of seconds.

    Always finite: DurationError for anything else, including numbers too large to be a duration.
    """
    if isinstance(value, bool):
        raise DurationError(f"cannot read {value!r} as a duration")
    if isinstance(value, int):
        if abs(value) > _LARGEST:
            raise DurationError("too large for a duration")
        return float(value)
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > _LARGEST:
            raise DurationError(f"cannot read {value!r} as a duration")
        return value
    if not isinstance(value, str):
        raise DurationError(f"cannot read a {type(value).__name__} as a duration")
    text = value.strip().lower()
    if len(text) > MAX_TEXT:
        raise DurationError("too long to be a duration")
    negative = text.startswith("-")
    if negative:
        text = text[1:].strip()
    seconds = _seconds(text)
    if seconds is None:
        raise DurationError(f"cannot read {value.strip()!r} as a duration (write 8m, 90s, 1h05m, 8分钟 or 00:08:00)")
    return -seconds if negative else seconds


def _seconds(text: str) -> float | None:
    if _NUMBER_RE.fullmatch(text):
        return float(text)
    if match := _CLOCK_RE.fullmatch(text):
        hours, minutes, secs = match.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    total, position, last_unit = 0.0, 0, math.inf
    while position < len(text):
        match = _PART_RE.match(text, position)
        if match is None:
            return None
        unit = _UNIT_SECONDS[match.group(2)]
        if unit >= last_unit:  # hours, then minutes, then seconds: each once
            return None
        amount = float(match.group(1))
        if last_unit != math.inf and amount >= 60:  # 1分99秒 or 1h75m is a slip, as 1:99 is on a clock
            return None
        total += amount * unit
        last_unit, position = unit, match.end()
    return total if position else None


def format_clock(seconds: float, *, sign: bool = False) -> str:
    """M:SS or H:MM:SS, truncated to whole seconds; with sign, always +/−."""
    negative = seconds < 0
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    body = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if sign:
        return ("−" if negative and whole else "+") + body
    return ("−" if negative and whole else "") + body


def format_short(seconds: float) -> str:
    """A compact human duration for summaries: 2h05m, 8m, 90s -> 1m30s."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes or (hours and secs):
        parts.append(f"{minutes:02d}m" if hours else f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return "".join(parts)
