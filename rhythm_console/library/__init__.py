"""The show library: an SQLite index of the journals (service layer; the journals stay the truth)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhythm_console.errors import UserError
from rhythm_console.i18n import Texts, spoken
from rhythm_console.library.schema import library_beside, library_path
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from rhythm_console.library.store import Library, StoredShow, rebuild

_STORE = frozenset({"Library", "StoredShow", "rebuild"})


def __getattr__(name: str) -> Any:
    """The store (and the review it indexes with) is imported when a command opens the library: a report
    without one reads only whether the file is there (library.history)."""
    if name in _STORE:
        from rhythm_console.library import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Library", "StoredShow", "add_after_show", "library_beside", "library_path", "rebuild"]


def add_after_show(journal: str | Path, option: str | None = None, kind: str = "live") -> str:
    """Index a journal whose show (a `kind` of show: live, rehearsal...) just ended; the show is over either way,
    so a problem is a line to print.

    Without --library or RHYTHM_LIBRARY the library is the one beside the journal (sessions/ by default)."""
    from rhythm_console.library.store import Library

    path = library_beside(journal, option)
    try:
        with Library.open(path) as library:
            library.add_journal(journal)
    except UserError as exc:  # the journal holds the show: the library can take it later
        return Texts(spoken())("library.not_added", why=exc, command=(
            f"rhythm-console library add {printable(journal)} --library {printable(path)}"))
    texts = Texts(spoken())
    return texts("library.added", path=path, kind=texts(f"report.kind.{kind}"))
