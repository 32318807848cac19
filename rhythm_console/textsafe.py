"""Text from outside (plans, feeds, journals, file names) made safe to print.

A plan title or a cue text may hold ESC sequences, NUL, CR, BEL or bidi overrides
that would move the cursor, retitle the terminal or reorder what a reader sees
(and lone surrogates that cannot be written at all);
a newline inside a value would split a one-line error message. `printable` shows
each such character as a visible escape (\\x1b, \\n, \\u202e) and leaves all other
text, Chinese included, as it is. Every place that prints outside text uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

_BIDI_AND_SEPARATORS = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@cache
def _escapes() -> dict[int, str]:
    """Made when first needed: its 2,000 surrogates are a share of `probe`'s start-up, which prints none."""
    escapes = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
    escapes.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
    # Lone surrogates (undecodable bytes in a file name) cannot even be written to stdout.
    escapes.update({code: f"\\u{code:04x}" for code in [*_BIDI_AND_SEPARATORS, *range(0xD800, 0xE000)]})
    return escapes


def printable(text: object) -> str:
    """`text` as one line with no character that controls a terminal or reorders text."""
    return str(text).translate(_escapes())



# What must never reach a screen as it is: C0 controls but tab and newline, DEL, C1, bidi overrides and
# line separators, lone surrogates. A newline or a tab in a cue or a talking point is text, not control.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff]")


@cache
def _keep_lines() -> dict[int, str]:
    return {code: text for code, text in _escapes().items() if code not in (ord("\n"), ord("\t"))}


def has_control(text: str) -> bool:
    """Whether `text` holds a character that would control a terminal (newlines and tabs do not count)."""
    return _CONTROL.search(text) is not None


def terminal_safe(text: str) -> str:
    """`text` with every controlling character shown as an escape, newlines and tabs kept: what a
    screen may draw as it is. Plain text comes back as the same object."""
    return text.translate(_keep_lines()) if _CONTROL.search(text) else text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            if not isinstance(item, float | int):  # a sample's many figures: nothing to look at
                yield from _strings(item)


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return terminal_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(item) for item in value)
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    return value


def terminal_safe_value(value: object) -> object:
    """`terminal_safe` applied to every string in a value of strings, lists, tuples and dicts;
    the value itself when none needs it (one search over all its text, then nothing is copied)."""
    if isinstance(value, float | int | bool) or value is None:
        return value
    if _CONTROL.search("".join(_strings(value))) is None:
        return value
    return _cleaned(value)
