"""Reading one cell's value as a time, a duration, a price or a count, the ways teams type them.

Pure functions of a cell's value (what openpyxl or the CSV reader gives: str, int, float, datetime, time,
timedelta); each raises CellError with the words for "cannot read ... as ..." when it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rhythm_console.durations import DurationError, parse_duration
from rhythm_console.spreadsheet.columns import PLACEHOLDERS

DAY = 24 * 3600.0
_EXCEL_EPOCH = datetime(1899, 12, 30)
_LAST_SERIAL = 2_958_466  # 10000-01-01: Excel's last date


class CellError(ValueError):
    """The cell holds something, but not what its column needs; the message says what it was read as."""


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or text.casefold() in PLACEHOLDERS
    return False


def text_of(value: object) -> str:
    """A cell as text: whole numbers without '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def lines_of(value: object) -> list[str]:
    """A multi-line cell as its lines (blank lines and placeholders dropped)."""
    if is_blank(value):
        return []
    return [line.strip() for line in text_of(value).splitlines() if not is_blank(line)]


@dataclass(frozen=True)
class TimeSpec:
    """When a row's segment runs: a time of day (clock) or minutes from the show's start (offset), in seconds."""

    start: float
    end: float | None  # None: it runs until the next row's start
    clock: bool  # a time of day (may pass midnight), else an offset from the start
    day: date | None = None  # a date-time cell's date


_SEP = r"\s*(?:-|–|—|~|～|至|到|－)\s*"
_CLOCK = r"(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?"
_CLOCK_RANGE = re.compile(_CLOCK + _SEP + _CLOCK)
_CLOCK_POINT = re.compile(_CLOCK + r"\s*(?:开始|起)?")
_CHINESE_CLOCK = re.compile(r"(\d{1,2})\s*点\s*(?:(\d{1,2})\s*分?|半)?")
_OFFSET_RANGE = re.compile(r"(\d+(?:\.\d+)?)" + _SEP + r"(\d+(?:\.\d+)?)\s*(分钟|分|min|mins|m|秒|s|小时|h)?")
_OFFSET_UNITS = {None: 60.0, "分钟": 60.0, "分": 60.0, "min": 60.0, "mins": 60.0, "m": 60.0, "秒": 1.0, "s": 1.0,
                 "小时": 3600.0, "h": 3600.0}


def _clock_seconds(hours: str, minutes: str, seconds: str | None) -> float:
    h, m, s = int(hours), int(minutes), int(seconds or 0)
    if h > 24 or m > 59 or s > 59:
        raise CellError("time")
    return float(h * 3600 + m * 60 + s)


def read_time(value: object) -> TimeSpec:
    """20:00-20:10, 20:00, 0-5min, 00-08分, 20点30分, an Excel time or date-time cell."""
    if isinstance(value, datetime):
        return TimeSpec(value.hour * 3600.0 + value.minute * 60 + value.second, None, True, value.date())
    if isinstance(value, time):
        return TimeSpec(value.hour * 3600.0 + value.minute * 60 + value.second, None, True)
    if isinstance(value, float) and 0 <= value < 1:  # a time cell whose format openpyxl did not recognise
        return TimeSpec(round(value * DAY), None, True)
    if isinstance(value, float) and 1 <= value < _LAST_SERIAL and not value.is_integer():
        # a date-time whose cell has no date format: Excel's serial (days since 1899-12-30, the time the fraction)
        moment = _EXCEL_EPOCH + timedelta(seconds=round(value * DAY))
        return TimeSpec(moment.hour * 3600.0 + moment.minute * 60 + moment.second, None, True, moment.date())
    if not isinstance(value, str):
        raise CellError("time")
    text = value.strip().lower()
    if len(text) > 40:
        raise CellError("time")
    if match := _CLOCK_RANGE.fullmatch(text):
        start = _clock_seconds(*match.groups()[:3])
        end = _clock_seconds(*match.groups()[3:])
        return TimeSpec(start, end + DAY if end <= start else end, True)
    if match := _CLOCK_POINT.fullmatch(text):
        return TimeSpec(_clock_seconds(*match.groups()), None, True)
    if match := _CHINESE_CLOCK.fullmatch(text):
        minutes = "30" if text.endswith("半") else (match.group(2) or "0")
        return TimeSpec(_clock_seconds(match.group(1), minutes, None), None, True)
    if match := _OFFSET_RANGE.fullmatch(text):
        unit = _OFFSET_UNITS[match.group(3)]
        start, end = float(match.group(1)) * unit, float(match.group(2)) * unit
        if end <= start:
            raise CellError("time")
        return TimeSpec(start, end, False)
    raise CellError("time")


def read_duration(value: object, unit: float | None) -> float:
    """10分钟, 10min, 0:10:00, 1h05m, an Excel time or duration cell, or a bare number in the header's unit
    (minutes when the header gives none: nobody plans a show in seconds)."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, time):
        seconds = value.hour * 3600.0 + value.minute * 60 + value.second
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) * (unit or 60.0)
    elif isinstance(value, str):
        text = value.strip().lower().replace("分鐘", "分钟")
        try:
            number = float(text)
        except ValueError:
            try:
                seconds = parse_duration(text)
            except DurationError:
                raise CellError("duration") from None
        else:
            seconds = number * (unit or 60.0)
    else:
        raise CellError("duration")
    if not 0 < seconds <= DAY:
        raise CellError("duration")
    return seconds


_MONEY = re.compile(r"[¥￥]?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(?:元|块)?")


def read_price(value: object) -> float:
    """¥99, 99元, 99.00, 1,299."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str) and (match := _MONEY.fullmatch(value.strip())):
        return float(match.group(1).replace(",", ""))
    raise CellError("price")


_ARABIC_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|w|千|k)?")
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                   "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"万": 10_000, "w": 10_000, "千": 1000, "k": 1000}
# Words around a count that do not change it: 约五十件 is fifty, 剩20件 is twenty.
_COUNT_BEFORE = ("大约", "大概", "剩余", "库存", "约", "剩", "余", "共", "备货", "现货")
_COUNT_AFTER = ("左右", "件", "个", "份", "单", "套", "双", "条", "只", "盒", "瓶", "pcs", "left")


def _chinese_below_10000(text: str) -> int:
    """五十 50, 两百 200, 一千零五 1005, 一千二 1200 (a last digit right after a unit counts in the next unit down)."""
    total, digit, last_unit, zero = 0, None, None, False
    for char in text:
        if char in ("零", "〇") and last_unit is not None and digit is None:
            zero = True  # 一千零五: what follows is in ones
        elif char in _CHINESE_DIGITS:
            if digit is not None:  # 五五: two digits in a row say no number
                raise CellError("stock")
            digit = _CHINESE_DIGITS[char]
        elif char in _CHINESE_UNITS:
            unit = _CHINESE_UNITS[char]
            if last_unit is not None and unit >= last_unit:
                raise CellError("stock")
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        else:
            raise CellError("stock")
    if digit is not None:
        total += digit * (last_unit // 10 if last_unit and last_unit > 10 and not zero else 1)
    return total


def _chinese_count(text: str) -> int:
    if not text:
        raise CellError("stock")
    if "万" in text:
        high, _, low = text.partition("万")
        if len(low) == 1 and low in _CHINESE_DIGITS:  # 两万五: 25,000
            return _chinese_below_10000(high or "一") * 10_000 + _CHINESE_DIGITS[low] * 1000
        return _chinese_below_10000(high or "一") * 10_000 + (_chinese_below_10000(low.removeprefix("零")) if low else 0)
    return _chinese_below_10000(text)


def read_count(value: object) -> int:
    """20, 剩20件, 库存 300, 约五十件, 两百件, 1.2万. A count that is not one number (若干, 看情况, 50-100, 五十多)
    is refused: the console would plan on a figure nobody wrote."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if not isinstance(value, str) or len(value) > 20:
        raise CellError("stock")
    text = value.strip().lower().replace(",", "").replace(" ", "")
    for prefix in _COUNT_BEFORE:
        text = text.removeprefix(prefix)
    changed = True
    while changed:
        changed = False
        for suffix in _COUNT_AFTER:
            if text.endswith(suffix):
                text, changed = text.removesuffix(suffix), True
    if match := _ARABIC_COUNT.fullmatch(text):
        count = float(match.group(1)) * _SCALES.get(match.group(2) or "", 1)
        if count.is_integer():
            return int(count)
        raise CellError("stock")
    return _chinese_count(text)


_LINK_NO = re.compile(r"(?:链接|#|no\.?|link)?\s*(\d{1,4})\s*(?:号)?\s*(?:链接|link)?")


def read_link_no(value: object) -> int:
    """3, 3号, 3号链接, #3, 链接3."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str) and (match := _LINK_NO.fullmatch(value.strip().lower())):
        return int(match.group(1))
    raise CellError("link")


_HOLD_SPLIT = re.compile(r"\s*(?:或者|或|/|,|，|；|;|\bor\b)\s*")
_ONLINE_WORDS = ("在线", "人数", "人", "online", "viewers")


def read_hold(value: object) -> tuple[int | None, float | None]:
    """A 憋单's target as (online, longest): 在线500, 500人, 5分钟, 在线500或5分钟, 500 online or 5m."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return read_count(value), None
    if not isinstance(value, str) or len(value) > 40:
        raise CellError("hold")
    online, longest = None, None
    for part in _HOLD_SPLIT.split(value.strip().lower()):
        if not part:
            continue
        words = part
        for word in _ONLINE_WORDS:
            words = words.replace(word, "")
        words = words.replace("到", "").replace("达", "").strip()
        if words != part.strip():
            online = read_count(words)
        else:
            longest = read_duration(part, 60.0)
    if online is None and longest is None:
        raise CellError("hold")
    return online, longest


_DATE = re.compile(r"(\d{4})\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)")


def find_date(value: object) -> date | datetime | None:
    """A show's date in a title or date row (2026年11月28日, 2026-11-28, a date cell); a full start with a zone
    (what `export` writes) comes back as that datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    if match := _ISO_START.search(value):
        try:
            return datetime.fromisoformat(match.group(0).replace("Z", "+00:00"))
        except ValueError:
            return None
    if match := _DATE.search(value):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None
