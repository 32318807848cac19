"""`rhythm-console improve PLAN`: the next plan, with the changes the last shows suggest, each explained."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from rhythm_console.commands.library import open_library
from rhythm_console.commands.output import check_target, deliver
from rhythm_console.commands.shows import included_kinds, positive
from rhythm_console.durations import format_short
from rhythm_console.errors import PlanError, UserError
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.plan import load_plan
from rhythm_console.plan.loader import parse_plan
from rhythm_console.plan.rewrite import SegmentEdit, rewrite_plan
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


def run_improve(args: argparse.Namespace) -> int:
    path = Path(args.plan)
    if args.output:  # before the summary, which would read as if the plan had been written
        check_target(args.output, kind="improve", force=args.force, inputs=[args.plan])
    plan = load_plan(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{printable(path)}: cannot be read ({exc})") from None
    with open_library(args) as library:
        shows = library.load(library.shows(last=positive(args.from_last, "--from-last"), plan=plan.show.title,
                                           kinds=included_kinds(args.include), complete=True))
    if not shows:
        raise UserError(f"no shows of “{printable(plan.show.title)}” in the library: run it, or `library add JOURNAL`")
    texts = Texts(lang_for_locale(plan.show.locale.value))
    found = improvements(plan, shows)
    edits = edits_for(texts, found)
    new_text = rewrite_plan(text, edits) if edits else text
    try:
        parse_plan(new_text, str(args.output or path))
    except PlanError as exc:  # a bug if it happens: never hand over a plan that does not load
        raise UserError(f"the improved plan does not load ({exc}); nothing was written") from None
    kinds = "+".join(included_kinds(args.include))
    print(printable(f"{len(shows)} {kinds} show(s) of “{plan.show.title}”, {len(found)} action(s):"), file=sys.stderr)
    for item in found:
        print(printable(f"  {item.segment_id or '—'}: {improvement_words(texts, item)}"), file=sys.stderr)
    changed = sum(1 for line in difflib.unified_diff(text.splitlines(), new_text.splitlines(), n=0)
                  if line.startswith(("+", "-")) and not line.startswith(("+++", "---")))
    print(f"  {changed} line(s) changed", file=sys.stderr)
    if b"\r\n" in raw and os.linesep == "\n":  # a plan saved on Windows keeps its line endings (a diff shows
        # only the edits); on Windows itself the text file is written with them anyway
        new_text = new_text.replace("\n", "\r\n")
    deliver(new_text, args.output, kind="improve", force=args.force, inputs=[args.plan], said="the next plan", said_to=sys.stderr)
    return 0
