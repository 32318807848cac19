"""`rhythm-console improve PLAN`: the next plan, with the changes the last shows suggest, each explained."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from datetime import date, datetime, tzinfo
from pathlib import Path

from rhythm_console.commands.kinds import included_kinds
from rhythm_console.commands.library import open_library
from rhythm_console.commands.output import check_target, deliver
from rhythm_console.commands.shows import positive
from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError, UserError
from rhythm_console.i18n import Said, Texts, lang_for_locale, speak
from rhythm_console.plan import load_plan
from rhythm_console.plan.loader import parse_plan
from rhythm_console.plan.rewrite import SegmentEdit, rewrite_plan, rewrite_starts_at
from rhythm_console.review.improve import Improvement, improvements
from rhythm_console.textsafe import printable


def improvement_words(texts: Texts, item: Improvement) -> str:
    return texts(f"improve.{item.code}", **item.params)


def edits_for(texts: Texts, found: list[Improvement]) -> list[SegmentEdit]:
    """Budget changes as new durations with their reason beside them; everything else as a note of its segment."""
    edits = []
    for item in found:
        if item.segment_id is None:
            continue
        if item.changes_budget:
            was = item.params["was"]  # a budget change says the duration it changes, in seconds
            params = {**item.params, "was": format_short(was) if isinstance(was, int | float) else was}
            edits.append(SegmentEdit(item.segment_id, duration=item.budget,
                                     comment=texts(f"improve.comment.{item.code}", **params)))
        else:
            edits.append(SegmentEdit(item.segment_id, note=improvement_words(texts, item)))
    return edits


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def next_start(texts: Texts, value: str, written: datetime | None) -> datetime:
    """--starts-at as the next show's start: a date keeps the plan's time of day and zone; a date and time
    keeps the plan's zone unless it names one. UserError when it is not a date, or names no time the plan has."""
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            day = date.fromisoformat(text)
            if written is None:
                raise UserError(texts("improve.starts_at_none", value=printable(text)))
            return _after_the_written_start(texts, value, datetime.combine(day, written.timetz()), written)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(texts("improve.starts_at_bad", value=printable(value))) from None
    if not _DATE.match(text):  # fromisoformat also reads 20261208: a date is written with its dashes
        raise UserError(texts("improve.starts_at_bad", value=printable(value)))
    if moment.tzinfo is None:
        zone: tzinfo | None = written.tzinfo if written is not None else None
        if zone is None:
            raise UserError(texts("improve.starts_at_none", value=printable(text[:10])))
        moment = moment.replace(tzinfo=zone)
    return _after_the_written_start(texts, value, moment, written)


def _after_the_written_start(texts: Texts, value: str, moment: datetime, written: datetime | None) -> datetime:
    """The next show comes after the one this plan was written for: an earlier start is a typo (1999 for 2026)."""
    if written is not None and moment <= written:
        raise UserError(texts("improve.starts_at_early", value=printable(value),
                              written=written.isoformat(timespec="minutes")))
    return moment


def changed_lines(old: str, new: str) -> int:
    """Lines the new text changed, added or removed: a line rewritten in place counts once."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def run_improve(args: argparse.Namespace) -> int:
    path = Path(args.plan)
    if args.output:  # before the summary, which would read as if the plan had been written
        check_target(args.output, kind="improve", force=args.force, inputs=[args.plan])
    plan = load_plan(path)
    texts = Texts(lang_for_locale(plan.show.locale.value))
    speak(texts.lang)
    starts_at = next_start(texts, args.starts_at, plan.show.starts_at) if args.starts_at is not None else None
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(Said("error.cannot_read", path=printable(path), why=exc)) from None
    with open_library(args) as library:
        shows = library.load(library.shows(last=positive(args.from_last, "--from-last"), plan=plan.show.title,
                                           kinds=included_kinds(args.include), complete=True))
    if not shows:
        raise UserError(Said("error.improve.no_shows", title=printable(plan.show.title)))
    found = improvements(plan, shows)
    edits = edits_for(texts, found)
    new_text = rewrite_plan(text, edits) if edits else text
    if starts_at is not None:
        new_text = rewrite_starts_at(new_text, starts_at)
    try:
        parse_plan(new_text, str(args.output or path))
    except PlanError as exc:  # a bug if it happens: never hand over a plan that does not load
        raise UserError(Said("error.improve.broken", why=exc)) from None
    kinds = "+".join(texts(f"shows.kind.{kind}") for kind in included_kinds(args.include))
    print(printable(texts("improve.summary", shows=len(shows), kinds=kinds, title=plan.show.title, actions=len(found))),
          file=sys.stderr)
    for item in found:
        print(printable(f"  {item.segment_id or '—'}: {improvement_words(texts, item)}"), file=sys.stderr)
    if starts_at is not None:
        was = plan.show.starts_at.isoformat(timespec="seconds") if plan.show.starts_at else "—"
        print(printable("  " + texts("improve.starts_at_moved", old=was, new=starts_at.isoformat(timespec="seconds"))),
              file=sys.stderr)
    print(texts("improve.changed", lines=changed_lines(text, new_text)), file=sys.stderr)
    if b"\r\n" in raw and os.linesep == "\n":  # a plan saved on Windows keeps its line endings (a diff shows
        # only the edits); on Windows itself the text file is written with them anyway
        new_text = new_text.replace("\n", "\r\n")
    deliver(new_text, args.output, kind="improve", force=args.force, inputs=[args.plan], said=texts("said.next_plan"), said_to=sys.stderr)
    return 0
