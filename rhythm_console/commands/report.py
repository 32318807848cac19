"""`rhythm-console report`: the review of a journal as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import lang_for_locale
from rhythm_console.journal import JournalError, read_journal
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review


def run_report(args: argparse.Namespace) -> int:
    try:
        journal = read_journal(args.journal)
    except JournalError as exc:
        raise UserError(str(exc)) from None
    for warning in journal.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    lang = args.lang or lang_for_locale(journal.header.plan.show.locale.value)
    review = build_review(journal)
    if args.format == "html":
        text = render_html(review, lang)
    elif args.format == "csv":
        text = render_csv(review)
    else:
        text = render_markdown(review, lang)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{args.output}: cannot write ({exc.strerror})") from None
        print(f"{args.output}: {args.format} report of {args.journal}")
    else:
        sys.stdout.write(text)
    return 0
