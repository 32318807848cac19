"""Outside text (viewers' comments, team notes) quoted in Markdown as text, never as markup.

A comment such as `[点我](javascript:…)`, `<img src=x onerror=…>`, `**全场免单**` or `|` would become a link,
raw HTML, emphasis or a new table cell wherever the report is shown as Markdown (a wiki, an editor's
preview). Each character that starts markup is escaped with a backslash (CommonMark shows it as itself),
and a URL's `://` is broken so no autolink is made. Other punctuation (`?`, `!`, Chinese) stays as it is.
"""

from __future__ import annotations

from rhythm_console.textsafe import printable

_MARKUP = str.maketrans({char: "\\" + char for char in "\\`*_[]<>&|~"})


def quoted(text: str) -> str:
    """`text` on one line, printable, every Markdown markup character shown as itself."""
    return printable(text.translate(_MARKUP).replace("://", "\\://"))
