"""`rhythm-console report`: the review of a journal as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse

from rhythm_console.commands.output import check_target, deliver
from rhythm_console.i18n import lang_for_locale
from rhythm_console.journal import stream_journal_for_command
from rhythm_console.library.history import improvements_for
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review


def run_report(args: argparse.Namespace) -> int:
    if args.output:
        check_target(args.output, kind="report", force=args.force, inputs=[args.journal])  # before the work
    with stream_journal_for_command(args.journal) as journal:
        header = journal.header
        review = build_review(header.plan, journal.events(), started_wall=header.started_wall)
    review.warnings = journal.warnings
    lang = args.lang or lang_for_locale(review.plan.show.locale.value)
    review.improvements = improvements_for(review, args.journal, getattr(args, "library", None))
    if args.format == "html":
        text = render_html(review, lang)
    elif args.format == "csv":
        text = render_csv(review, lang)
    else:
        text = render_markdown(review, lang)
    deliver(text, args.output, kind="report", force=args.force, inputs=[args.journal], said=f"{args.format} report of {args.journal}")
    return 0
