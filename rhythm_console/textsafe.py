"""Text from outside (plans, feeds, journals, file names) made safe to print.

A plan title or a cue text may hold ESC sequences, NUL, CR, BEL or bidi overrides
that would move the cursor, retitle the terminal or reorder what a reader sees
(and lone surrogates that cannot be written at all);
a newline inside a value would split a one-line error message. `printable` shows
each such character as a visible escape (\\x1b, \\n, \\u202e) and leaves all other
text, Chinese included, as it is. Every place that prints outside text uses it.
"""

from __future__ import annotations

_BIDI_AND_SEPARATORS = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
# Lone surrogates (undecodable bytes in a file name) cannot even be written to stdout.
_ESCAPES.update({code: f"\\u{code:04x}" for code in [*_BIDI_AND_SEPARATORS, *range(0xD800, 0xE000)]})


def printable(text: object) -> str:
    """`text` as one line with no character that controls a terminal or reorders text."""
    return str(text).translate(_ESCAPES)

