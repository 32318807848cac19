"""`rhythm-console compare`: shows side by side, from journals or from the library."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.commands.kinds import included_kinds
from rhythm_console.commands.library import open_library
from rhythm_console.commands.output import check_target, deliver, refuse_special_inputs
from rhythm_console.commands.shows import positive
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts
from rhythm_console.journal import stream_journal_for_command
from rhythm_console.report.compare_csv import render_compare_csv
from rhythm_console.report.compare_html import render_compare_html
from rhythm_console.report.compare_markdown import render_compare_markdown
from rhythm_console.review import build_review
from rhythm_console.review.compare import compare
from rhythm_console.review.records import ShowRecord, show_record


def records_from_journals(paths: list[str]) -> list[ShowRecord]:
    records = []
    for path in paths:
        with stream_journal_for_command(path) as journal:
            header = journal.header
            record = show_record(build_review(header.plan, journal.events(), started_wall=header.started_wall))
            record.kind = header.kind
            records.append(record)
    return sorted(records, key=lambda record: record.started_wall)


def run_compare(args: argparse.Namespace) -> int:
    if args.journals and args.last is not None:
        raise UserError(Said("error.compare.both"))
    refuse_special_inputs(args.journals)
    if args.output:
        check_target(args.output, kind="compare", force=args.force, inputs=args.journals)
    if args.journals:
        records = records_from_journals(args.journals)
    else:
        with open_library(args) as library:
            records = library.load(library.shows(last=positive(args.last, "--last") or 5, plan=args.plan,
                                                kinds=included_kinds(args.include), complete=True))
    if not records:
        raise UserError(Said("error.compare.none"))
    comparison = compare(records)
    if args.format == "html":
        text = render_compare_html(comparison, args.lang)
    elif args.format == "csv":
        text = render_compare_csv(comparison)
    else:
        text = render_compare_markdown(comparison, args.lang)
    deliver(text, args.output, kind="compare", force=args.force, inputs=args.journals, said=Texts(args.lang)("said.comparison", format=args.format, count=len(records)),
            said_to=sys.stderr)
    return 0
