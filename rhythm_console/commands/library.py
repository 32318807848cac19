"""`rhythm-console library add JOURNAL…` and `library rebuild`: keeping the show library's index."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.errors import UserError
from rhythm_console.i18n import Texts, spoken
from rhythm_console.library import Library, library_path, rebuild
from rhythm_console.textsafe import printable


def open_library(args: argparse.Namespace, *, create: bool = False) -> Library:
    """The library a command names with --library (or RHYTHM_LIBRARY, or the default)."""
    return Library.open(library_path(getattr(args, "library", None)), create=create)


def run_library(args: argparse.Namespace) -> int:
    path = library_path(getattr(args, "library", None))
    texts = Texts(spoken())
    if args.action == "rebuild":
        count, problems = rebuild(path)
        for problem in problems:
            print(texts("library.left_out", problem=printable(problem)), file=sys.stderr)
        print(printable(texts("library.rebuilt", path=path, count=count)))
        return 0
    failed = 0
    with Library.open(path) as library:
        for journal in args.journals:
            try:
                outcome = library.add_journal(journal)
            except UserError as exc:
                failed += 1
                print(f"rhythm-console: {exc}", file=sys.stderr)
                continue
            print(printable(texts("library.outcome", journal=journal, outcome=(f"library.outcome.{outcome}",))))
    return 2 if failed else 0
