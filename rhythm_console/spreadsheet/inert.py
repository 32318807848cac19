"""Cells a spreadsheet program never runs: OWASP's rule against CSV (formula) injection, and its undoing on import.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, WPS and LibreOffice
as a formula (`=HYPERLINK(...)`, `-2+3`, `@SUM(...)`): a comment or a title from the room must not become one.
In CSV such a cell gets a leading `'` (the programs show the text without it); in .xlsx it is stored as text
with the quote-prefix style. A plain number (`-12.5`, a delta) stays a number: it runs nothing, and a
spreadsheet must still add it up.
"""

from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def needs_quote(value: str) -> bool:
    """Whether a spreadsheet program would read this text as a formula."""
    return value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value)


def csv_cell(value: object) -> object:
    """The value as a CSV cell no program runs (`'` before a formula's first character)."""
    if isinstance(value, str) and needs_quote(value):
        return QUOTE + value
    return value


def csv_row(values: list[object]) -> list[object]:
    return [csv_cell(value) for value in values]


def from_csv(text: str) -> str:
    """The text as the team wrote it: the `'` that `csv_cell` (or the team's own spreadsheet) put before a
    formula's first character taken off."""
    if text.startswith(QUOTE) and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text
