"""The show library: an SQLite index of the journals (service layer; the journals stay the truth)."""

from __future__ import annotations

from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import Texts, spoken
from rhythm_console.library.schema import library_beside, library_path
from rhythm_console.library.store import Library, StoredShow, rebuild
from rhythm_console.textsafe import printable

__all__ = ["Library", "StoredShow", "add_after_show", "library_beside", "library_path", "rebuild"]


def add_after_show(journal: str | Path, option: str | None = None) -> str:
    """Index a journal whose show just ended; the show is over either way, so a problem is a line to print.

    Without --library or RHYTHM_LIBRARY the library is the one beside the journal (sessions/ by default)."""
    path = library_beside(journal, option)
    try:
        with Library.open(path) as library:
            library.add_journal(journal)
    except UserError as exc:  # the journal holds the show: the library can take it later
        return Texts(spoken())("library.not_added", why=exc, command=(
            f"rhythm-console library add {printable(journal)} --library {printable(path)}"))
    return Texts(spoken())("library.added", path=path)
