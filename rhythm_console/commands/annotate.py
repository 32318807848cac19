"""`rhythm-console annotate JOURNAL`: the platform's figures and team notes, appended after the show.

Appending never touches a record already written; the annotation's `at`
repeats the last record's, so the show's timing is exactly as it was. The
platform's per-minute export (--platform-file) is placed on the journal's
clock here, once, and journaled with the annotation: the review reads it
from there like everything else.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Literal

from rhythm_console.durations import DurationError, format_short, parse_duration
from rhythm_console.errors import UserError
from rhythm_console.events import Annotation, PlatformMinute
from rhythm_console.i18n import Said, Texts
from rhythm_console.journal import JournalInUse, JournalWriter, read_journal_for_command
from rhythm_console.library import add_after_show
from rhythm_console.review.platform import place_minutes, platform_curve
from rhythm_console.show import ShowState, ShowStatus, fold
from rhythm_console.textsafe import printable
from rhythm_console.units import wall_at

Kind = Literal["count", "money", "stay"]
LARGEST_COUNT = 10**10  # more views or impressions than this is a typo
# More viewers, fans or buyers in one show than Douyin has users (~1 billion a month) is a typo.
LARGEST_PEOPLE = 2 * 10**9
PEOPLE = frozenset({"viewers_uv", "new_fans_club", "buyers"})
LARGEST_MONEY = 1e12
LONGEST_STAY = 24 * 3600.0  # an average stay longer than a day is a typo
THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
MONEY_SIGNS = re.compile(r"^[¥￥]\s*|\s*元$")
# figure -> (flag, kind): what each flag takes.
FLAGS: dict[str, tuple[str, Kind]] = {
    "viewers_uv": ("--viewers-uv", "count"), "viewers_pv": ("--viewers-pv", "count"),
    "new_fans_club": ("--new-fans-club", "count"), "gmv": ("--gmv", "money"), "buyers": ("--buyers", "count"),
    "refunds": ("--refunds", "money"), "ad_spend": ("--ad-spend", "money"), "avg_stay": ("--avg-stay", "stay"),
    "exposure": ("--exposure", "count"),
}


def _refused(texts: Texts, name: str, text: str, why: str) -> UserError:
    flag, kind = FLAGS[name]
    return UserError(texts(f"annotate.{why}", flag=flag, value=printable(text),
                           accepted=texts(f"annotate.accepts.{kind}")))


def _stay(texts: Texts, name: str, text: str) -> float:
    """Seconds from 80, 80s, 1分20秒 or 1:20."""
    try:
        seconds = parse_duration(text.strip())
    except DurationError:
        raise _refused(texts, name, text, "not_stay") from None
    if seconds <= 0:
        raise _refused(texts, name, text, "not_positive")
    if seconds > LONGEST_STAY:
        raise _refused(texts, name, text, "too_large")
    return seconds


def figure(texts: Texts, name: str, text: str | None) -> float | None:
    """One flag's value, checked: a count, an amount of money or a length of stay."""
    if text is None:
        return None
    kind = FLAGS[name][1]
    if kind == "stay":
        return _stay(texts, name, text)
    number = MONEY_SIGNS.sub("", text.strip()) if kind == "money" else text.strip()
    if "," in number and not THOUSANDS.fullmatch(number):  # 52,000 is a number; 1,2,3 is three
        raise _refused(texts, name, text, "commas")
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        raise _refused(texts, name, text, "not_number") from None
    if not math.isfinite(value):
        raise _refused(texts, name, text, "not_number")
    if value < 0:
        raise _refused(texts, name, text, "negative")
    if kind == "count" and value != int(value):
        raise _refused(texts, name, text, "whole")
    largest = LARGEST_MONEY if kind == "money" else LARGEST_PEOPLE if name in PEOPLE else LARGEST_COUNT
    if value > largest:
        raise _refused(texts, name, text, "too_large")
    return value


# Entries count visits, not people, so a few per person is possible; more than this many visits for each
# person the room was shown to is not: the exposure was mistyped (10 for 10万).
VISITS_PER_EXPOSED = 3


def platform_values(args: argparse.Namespace, state: ShowState, texts: Texts) -> dict[str, float]:
    """The figures typed in, checked against each other, against the ones annotated before and against the
    show itself (its length, the entries its feed counted)."""
    given = {name: value for name in FLAGS if (value := figure(texts, name, getattr(args, name, None))) is not None}
    merged = {**state.platform, **given}
    for smaller, larger, why in (("viewers_uv", "viewers_pv", "uv_over_pv"), ("new_fans_club", "viewers_uv", "fans_over_uv"),
                                 ("buyers", "viewers_uv", "buyers_over_uv"), ("viewers_uv", "exposure", "uv_over_exposure")):
        low, high = merged.get(smaller), merged.get(larger)
        if low is not None and high is not None and low > high:
            raise UserError(texts(f"annotate.{why}", low=f"{low:,.0f}", high=f"{high:,.0f}"))
    entries, exposure = state.metrics.get("entries"), merged.get("exposure")
    if entries and exposure is not None and exposure * VISITS_PER_EXPOSED < entries:
        raise UserError(texts("annotate.exposure_under_entries", exposure=f"{exposure:,.0f}", entries=f"{entries:,.0f}",
                              times=VISITS_PER_EXPOSED))
    stay, length = merged.get("avg_stay"), _show_length(state)
    if stay is not None and length is not None and stay > length:
        typed = printable(args.avg_stay.strip()) if "avg_stay" in given else format_short(stay)
        raise UserError(texts("annotate.stay_over_show", stay=typed, length=format_short(length)))
    return given


def _show_length(state: ShowState) -> float | None:
    """How long the show was on air (so far, for a show not ended): nobody stayed longer on average."""
    if state.started_at is None:
        return None
    return (state.ended_at if state.ended_at is not None else state.last_at) - state.started_at


def platform_minutes(path: str, state: ShowState, started_wall: datetime, texts: Texts) -> list[PlatformMinute]:
    """The per-minute export's rows on the journal's clock, aligned by the show's start."""
    from rhythm_console.spreadsheet.platform_file import read_platform_file  # openpyxl only when a file is given

    if state.started_at is None:
        raise UserError(texts("annotate.never_started", file=printable(path)))
    rows = read_platform_file(path, texts)
    show_start = wall_at(started_wall, state.started_at, state.plan.zone)
    return place_minutes(rows, show_start, state.started_at)


def run_annotate(args: argparse.Namespace) -> int:
    if args.note is None and (args.by or args.segment):
        raise UserError(Said("error.annotate.note_flags"))
    if args.note is not None and not args.note.strip():
        raise UserError(Said("error.annotate.note_empty"))
    if args.note is not None and not (args.by and args.by.strip()):
        raise UserError(Said("error.annotate.note_by"))
    journal, lang = read_journal_for_command(args.journal, args.lang)
    plan = journal.header.plan
    texts = Texts(lang)
    state = fold(plan, journal.events)
    if args.segment is not None and state.index_of(args.segment) is None:
        raise UserError(texts("annotate.no_segment", segment=printable(args.segment), journal=printable(args.journal),
                              ids=texts.listed(printable(run.id) for run in state.runs)))
    given = platform_values(args, state, texts)
    minutes = (platform_minutes(args.platform_file, state, journal.header.started_wall, texts)
               if args.platform_file else None)
    if not given and minutes is None and args.note is None:
        raise UserError(texts("annotate.nothing", flags=texts.listed(flag for flag, _ in FLAGS.values())))
    event = Annotation(at=state.last_at, platform=given, note=args.note.strip() if args.note else None,
                       by=args.by.strip() if args.by else None, segment_id=args.segment,
                       platform_minutes=minutes,
                       platform_file=printable(Path(args.platform_file).name) if args.platform_file else None)
    try:
        with JournalWriter(args.journal, plan, resume_from=journal) as writer:
            writer.append(event)
    except JournalInUse as exc:
        raise UserError(Said("error.annotate.in_use", journal=printable(args.journal), why=exc.strerror)) from None
    except OSError as exc:
        raise UserError(Said("error.annotate.append", journal=printable(args.journal),
                             why=exc.strerror or exc)) from None
    # each figure echoed as typed (5分钟, 52,000), so the user sees what they wrote was the one taken
    what = [f"{FLAGS[name][0]} {printable(getattr(args, name).strip())}" for name in given]
    curve = platform_curve(minutes or [], None, state.started_at,
                           state.ended_at if state.ended_at is not None else state.last_at, [])
    if minutes is not None and curve is not None:
        what.append(texts("annotate.minutes", count=len(minutes), inside=curve.rows - curve.outside))
    if args.note:
        what.append(texts("annotate.note_by", by=args.by.strip()))
    print(printable(texts("annotate.done", journal=args.journal, what=texts.listed(what))))
    if state.status is not ShowStatus.ended:  # the after-show figures of a show that may still be carried on
        print(printable(texts("annotate.not_ended", journal=args.journal)), file=sys.stderr)
    if curve is not None and curve.outside:  # said now: the export's date or zone is not the show's
        print(printable(texts("annotate.outside", outside=texts("report.platform_outside", outside=curve.outside,
                                                                before=curve.before, after=curve.after))),
              file=sys.stderr)
    print(printable(add_after_show(args.journal, args.library)))
    return 0
