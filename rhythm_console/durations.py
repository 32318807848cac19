"""Reading and writing durations the way run-of-show authors write them."""

from __future__ import annotations

import math
import re

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_UNITS_RE = re.compile(r"^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)s)?$")
_CLOCK_RE = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")


class DurationError(ValueError):
    pass


def parse_duration(value: object) -> float:
    """Seconds from "8m", "90s", "1h05m", "00:08:00", "8:00" or a plain number of seconds."""
    if isinstance(value, bool):
        raise DurationError(f"cannot read {value!r} as a duration")
    if isinstance(value, (int, float)):
        seconds = float(value)
        if not math.isfinite(seconds):
            raise DurationError(f"cannot read {value!r} as a duration")
        return seconds
    if not isinstance(value, str):
        raise DurationError(f"cannot read {value!r} as a duration")
    text = value.strip().lower()
    negative = text.startswith("-")
    if negative:
        text = text[1:].strip()
    seconds: float | None = None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text)
    elif match := _CLOCK_RE.match(text):
        hours, minutes, secs = match.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    elif text and (match := _UNITS_RE.match(text)) and any(match.groups()):
        hours, minutes, secs = (float(g) if g else 0.0 for g in match.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if seconds is None:
        raise DurationError(f'cannot read "{value}" as a duration (write 8m, 90s, 1h05m or 00:08:00)')
    return -seconds if negative else seconds


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
