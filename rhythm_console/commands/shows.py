"""`rhythm-console shows`: the library's shows as a table, newest last."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from rhythm_console.commands.library import open_library
from rhythm_console.commands.output import write_stdout
from rhythm_console.errors import UserError
from rhythm_console.report.compare_text import CompareText
from rhythm_console.report.markdown import _table
from rhythm_console.textsafe import printable


def journal_shown(journal: str, here: str | None = None) -> str:
    """The journal as `report` and `compare` take it: relative to here when it is below here. The library
    holds resolved paths, so this is string work (`here` resolved once by the caller), not a lookup per show."""
    here = here if here is not None else _here()
    return printable(journal[len(here):] if here and journal.startswith(here) else journal)


def _here() -> str:
    try:
        return str(Path.cwd().resolve()).rstrip(os.sep) + os.sep
    except OSError:
        return ""


def since_date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserError(f"--since {text!r}: not a date (write it as 2026-11-28)") from None


def positive(value: int | None, flag: str) -> int | None:
    if value is not None and value < 1:
        raise UserError(f"{flag} must be 1 or more")
    return value


def run_shows(args: argparse.Namespace) -> int:
    t = CompareText(args.lang)
    with open_library(args) as library:
        found = library.listing(last=positive(args.last, "--last"), plan=args.plan, person=args.person,
                                since=since_date(args.since))
    if not found:
        write_stdout(t("shows.none") + "\n")
        return 0
    here = _here()
    rows = [[t.show_label(show), show.title, t.value(show.length, "clock"), t.value(show.final_drift, "drift"),
             f"{show.overran}/{show.segments_done}", t.value(show.online_peak, "number"), t.value(show.gmv, "money"),
             f"{show.goals_met}/{show.goals_judged}", journal_shown(show.journal, here)] for show in found]
    # The journal last: what `report` and `compare A.jsonl B.jsonl` take (shows of one minute look alike otherwise).
    header = [t(f"shows.{key}") for key in ("date", "title", "length", "drift", "overran", "peak", "gmv", "goals",
                                            "journal")]
    write_stdout("\n".join(_table(header, rows)) + "\n")
    return 0
