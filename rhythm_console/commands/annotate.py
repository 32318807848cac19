"""`rhythm-console annotate JOURNAL`: the platform's totals and team notes, appended after the show.

Appending never touches a record already written; the annotation's `at`
repeats the last record's, so the show's timing is exactly as it was.
"""

from __future__ import annotations

import argparse
import math
import re

from rhythm_console.errors import UserError
from rhythm_console.events import Annotation
from rhythm_console.journal import JournalInUse, JournalWriter, read_journal_for_command
from rhythm_console.library import add_after_show
from rhythm_console.show import fold
from rhythm_console.textsafe import printable

LARGEST_COUNT = 10**10  # more viewers than people on Earth is a typo
LARGEST_GMV = 1e12
THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
FLAGS = {"viewers_uv": "--viewers-uv", "viewers_pv": "--viewers-pv", "new_fans_club": "--new-fans-club",
         "gmv": "--gmv"}


def _figure(name: str, text: str | None) -> float | None:
    if text is None:
        return None
    flag = FLAGS[name]
    if "," in text and not THOUSANDS.fullmatch(text.strip()):  # 52,000 is a number; 1,2,3 is three
        raise UserError(f"{flag} {printable(text)!r}: not a number (commas only between thousands: 52,000)")
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise UserError(f"{flag} {printable(text)!r}: not a number") from None
    if not math.isfinite(value):
        raise UserError(f"{flag} {printable(text)!r}: not a number")
    if value < 0:
        raise UserError(f"{flag} {printable(text)}: cannot be negative")
    if name != "gmv" and value != int(value):
        raise UserError(f"{flag} {printable(text)}: a count of people is a whole number")
    if value > (LARGEST_GMV if name == "gmv" else LARGEST_COUNT):
        raise UserError(f"{flag} {printable(text)}: implausibly large (a typo?)")
    return value


def platform_values(args: argparse.Namespace, known: dict[str, float]) -> dict[str, float]:
    """The totals typed in, checked against each other and against the ones annotated before."""
    given = {name: value for name in FLAGS if (value := _figure(name, getattr(args, name))) is not None}
    merged = {**known, **given}
    uv, pv, fans = merged.get("viewers_uv"), merged.get("viewers_pv"), merged.get("new_fans_club")
    if uv is not None and pv is not None and uv > pv:
        raise UserError(f"--viewers-uv {uv:,.0f} is more than --viewers-pv {pv:,.0f}: every viewer (UV) "
                        "views at least once (PV)")
    if fans is not None and uv is not None and fans > uv:
        raise UserError(f"--new-fans-club {fans:,.0f} is more than --viewers-uv {uv:,.0f}: new members are viewers")
    return given


def run_annotate(args: argparse.Namespace) -> int:
    if args.note is None and (args.by or args.segment):
        raise UserError("--by and --segment go with --note")
    if args.note is not None and not args.note.strip():
        raise UserError("--note is empty")
    if args.note is not None and not (args.by and args.by.strip()):
        raise UserError("--note needs --by (who says it: a role or a name)")
    journal, _ = read_journal_for_command(args.journal)
    plan = journal.header.plan
    state = fold(plan, journal.events)
    given = platform_values(args, state.platform)
    if not given and args.note is None:
        raise UserError("nothing to annotate: give --viewers-uv/--viewers-pv/--new-fans-club/--gmv or --note")
    if args.segment is not None and state.index_of(args.segment) is None:
        raise UserError(f"--segment {printable(args.segment)!r}: no such segment in {printable(args.journal)}")
    event = Annotation(at=state.last_at, platform=given, note=args.note.strip() if args.note else None,
                       by=args.by.strip() if args.by else None, segment_id=args.segment)
    try:
        with JournalWriter(args.journal, plan, resume_from=journal) as writer:
            writer.append(event)
    except JournalInUse as exc:
        raise UserError(f"{printable(args.journal)}: {exc.strerror}") from None
    except OSError as exc:
        raise UserError(f"{printable(args.journal)}: cannot append ({exc.strerror or exc})") from None
    what = ", ".join(f"{FLAGS[name]} {value:g}" for name, value in given.items())
    if args.note:
        what = ", ".join(filter(None, [what, f"note by {args.by.strip()}"]))
    print(printable(f"{args.journal}: annotated ({what})"))
    print(printable(add_after_show(args.journal, args.library)))
    return 0
