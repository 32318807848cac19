"""`rhythm-console report`: the review of a journal as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.journal import read_journal_for_command
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review


def run_report(args: argparse.Namespace) -> int:
    journal, lang = read_journal_for_command(args.journal, args.lang)
    review = build_review(journal, lang)
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
