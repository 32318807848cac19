"""The review of a journal read whole, as the tests look at it (the report streams the file instead)."""

from __future__ import annotations

from rhythm_console.journal import Journal
from rhythm_console.review import Review, build_review


def review_of(journal: Journal) -> Review:
    """`build_review` of the journal's plan and events, with the reader's warnings, as the report makes it."""
    review = build_review(journal.header.plan, journal.events, started_wall=journal.header.started_wall)
    review.warnings = list(journal.warnings)
    return review
