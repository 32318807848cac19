"""`--include`: the kinds of show a command reads besides live ones (report, compare, improve, shows)."""

from __future__ import annotations

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.run_settings import SHOW_KINDS


def included_kinds(text: str | None) -> tuple[str, ...]:
    """`--include rehearsal,simulated`: the kinds read besides live shows (evidence is live shows by default)."""
    kinds = ["live"]
    for word in (text or "").split(","):
        word = word.strip()
        if not word:
            continue
        if word not in SHOW_KINDS:
            raise UserError(Said("error.shows.include", text=repr(text), word=repr(word)))
        if word not in kinds:
            kinds.append(word)
    return tuple(kinds)
