"""`rhythm-console report`: the review of a journal as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse

from rhythm_console.commands.output import deliver, refuse_overwriting_inputs
from rhythm_console.journal import read_journal_for_command
from rhythm_console.library.history import improvements_for
from rhythm_console.report.audience import voice_html, voice_markdown
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review
from rhythm_console.review.audience import audience_review


def _with_checklist(text: str, journal, fmt: str, lang: str) -> str:
    """The readiness checklist's section (issue 11), added after the review's own sections."""
    from rhythm_console.report.checklist import checklist_html, checklist_markdown
    from rhythm_console.review.checklist import review_checklist

    plan = journal.header.plan
    if fmt == "csv" or not plan.checklist:
        return text
    checklist = review_checklist(plan, journal.events)
    if fmt == "html":
        return text.replace("</body>", checklist_html(checklist, journal.header.started_wall, plan.zone, lang) + "</body>", 1)
    return text.rstrip("\n") + "\n\n" + checklist_markdown(checklist, journal.header.started_wall, plan.zone, lang)


def run_report(args: argparse.Namespace) -> int:
    if args.output:
        refuse_overwriting_inputs(args.output, [args.journal])  # before the work, and before any damage
    journal, lang = read_journal_for_command(args.journal, args.lang)
    review = build_review(journal)
    review.improvements = improvements_for(review, args.journal, getattr(args, "library", None))
    voice = audience_review(review.plan, journal.events)  # the customer voice: a section of its own
    if args.format == "html":
        text = render_html(review, lang)
        text = text.replace("</body>", voice_html(voice, lang, review.started_wall) + "</body>", 1)
    elif args.format == "csv":
        text = render_csv(review, lang)
    else:
        text = render_markdown(review, lang)
        section = voice_markdown(voice, lang, review.started_wall)
        text = text + ("\n" + section if section else "")
    text = _with_checklist(text, journal, args.format, lang)
    deliver(text, args.output, inputs=[args.journal], said=f"{args.format} report of {args.journal}")
    return 0
