"""A show's improvement plan from the show itself and the library's earlier shows of its plan."""

from __future__ import annotations

import sys
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.library.schema import library_beside
from rhythm_console.review import Review
from rhythm_console.review.improve import Improvement, improvements
from rhythm_console.review.records import ShowRecord, show_record

EARLIER = 4  # earlier shows read beside this one: the last five shows in all


def improvements_for(review: Review, journal: str | Path, option: str | None = None, kind: str = "live",
                     kinds: tuple[str, ...] = ("live",)) -> tuple[list[Improvement], list[ShowRecord]]:
    """The actions this show (of `kind`) and up to EARLIER earlier shows of its plan of `kinds` suggest (no
    library: this show alone), and the shows they rest on."""
    current = show_record(review)
    current.kind = kind
    earlier: list[ShowRecord] = []
    path = library_beside(journal, option)
    if path.exists():
        from rhythm_console.library.store import Library  # sqlite's side: only when there is a library to read

        try:
            with Library.open(path, create=False) as library:
                me = str(Path(journal).resolve())
                found = [s for s in library.shows(plan=review.plan.show.title, kinds=kinds, complete=True)
                         if s.journal != me and s.record.started_wall <= current.started_wall]
                earlier = library.load(found[-EARLIER:])
        except UserError as exc:
            print(Said("library.earlier_unread", why=exc), file=sys.stderr)
    shows = [*earlier, current]
    return improvements(review.plan, shows), shows
