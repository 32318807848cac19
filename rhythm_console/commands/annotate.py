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
from rhythm_console.i18n import Said, Texts, spoken
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
        raise UserError(Said("error.annotate.commas", flag=flag, text=repr(printable(text))))
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise UserError(Said("error.annotate.not_number", flag=flag, text=repr(printable(text)))) from None
    if not math.isfinite(value):
        raise UserError(Said("error.annotate.not_number", flag=flag, text=repr(printable(text))))
    if value < 0:
        raise UserError(Said("error.annotate.negative", flag=flag, text=printable(text)))
    if name != "gmv" and value != int(value):
        raise UserError(Said("error.annotate.whole", flag=flag, text=printable(text)))
    if value > (LARGEST_GMV if name == "gmv" else LARGEST_COUNT):
        raise UserError(Said("error.annotate.too_large", flag=flag, text=printable(text)))
    return value


def platform_values(args: argparse.Namespace, known: dict[str, float]) -> dict[str, float]:
    """The totals typed in, checked against each other and against the ones annotated before."""
    given = {name: value for name in FLAGS if (value := _figure(name, getattr(args, name))) is not None}
    merged = {**known, **given}
    uv, pv, fans = merged.get("viewers_uv"), merged.get("viewers_pv"), merged.get("new_fans_club")
    if uv is not None and pv is not None and uv > pv:
        raise UserError(Said("error.annotate.uv_over_pv", uv=uv, pv=pv))
    if fans is not None and uv is not None and fans > uv:
        raise UserError(Said("error.annotate.fans_over_uv", fans=fans, uv=uv))
    return given


def run_annotate(args: argparse.Namespace) -> int:
    if args.note is None and (args.by or args.segment):
        raise UserError(Said("error.annotate.note_flags"))
    if args.note is not None and not args.note.strip():
        raise UserError(Said("error.annotate.note_empty"))
    if args.note is not None and not (args.by and args.by.strip()):
        raise UserError(Said("error.annotate.note_by"))
    journal, _ = read_journal_for_command(args.journal, args.lang)
    plan = journal.header.plan
    state = fold(plan, journal.events)
    given = platform_values(args, state.platform)
    if not given and args.note is None:
        raise UserError(Said("error.annotate.nothing"))
    if args.segment is not None and state.index_of(args.segment) is None:
        raise UserError(Said("error.annotate.segment", segment=repr(printable(args.segment)),
                             journal=printable(args.journal)))
    event = Annotation(at=state.last_at, platform=given, note=args.note.strip() if args.note else None,
                       by=args.by.strip() if args.by else None, segment_id=args.segment)
    try:
        with JournalWriter(args.journal, plan, resume_from=journal) as writer:
            writer.append(event)
    except JournalInUse as exc:
        raise UserError(Said("error.annotate.in_use", journal=printable(args.journal), why=exc.strerror)) from None
    except OSError as exc:
        raise UserError(Said("error.annotate.append", journal=printable(args.journal),
                             why=exc.strerror or exc)) from None
    texts = Texts(spoken())
    what = [f"{FLAGS[name]} {value:g}" for name, value in given.items()]
    if args.note:
        what.append(texts("annotate.note_by", by=args.by.strip()))
    print(printable(texts("annotate.done", journal=args.journal, what=texts.listed(what))))
    print(printable(add_after_show(args.journal, args.library)))
    return 0
