import pytest

from rhythm_console.durations import DurationError, format_clock, format_short, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("8m", 480), ("90s", 90), ("1h05m", 3900), ("00:08:00", 480), ("8:00", 480), ("1:02:03", 3723),
     (45, 45), (2.5, 2.5), ("120", 120), ("1h", 3600), ("1m30s", 90), ("10min", 600), ("-2m", -120), (" 3M ", 180),
     ("8分钟", 480), ("8分", 480), ("90秒", 90), ("1小时5分", 3900), ("1小时5分钟30秒", 3930), ("1.5小时", 5400),
     ("1h 5m", 3900), ("90m", 5400), ("1h59m59s", 7199)],
)
def test_parse_duration_accepts_the_forms_authors_write(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["8 minutes", "", "m", "1:75", "abc", None, True, [1], "1h-5m", float("nan"),
                                  float("inf"), "9" * 400, 10**400, " " * 20000, "1" + " " * 20000 + "x", "5m1h",
                                  "1m1m", "分钟", "1" * 30 + "h" + "1" * 30 + "m", "1分99秒", "1h75m", "99分60秒"])
def test_parse_duration_refuses_the_rest(text):
    with pytest.raises(DurationError):
        parse_duration(text)


def test_format_clock():
    assert format_clock(0) == "0:00"
    assert format_clock(59.9) == "0:59"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(-80) == "−1:20"
    assert format_clock(80, sign=True) == "+1:20"
    assert format_clock(-45, sign=True) == "−0:45"


def test_format_short():
    assert format_short(7200) == "2h"
    assert format_short(90) == "1m30s"
    assert format_short(3900) == "1h05m"
    assert format_short(0) == "0s"
