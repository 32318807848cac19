"""`rhythm-console report`: the review of a journal as Markdown, HTML or CSV."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from rhythm_console.commands.kinds import included_kinds
from rhythm_console.commands.output import check_target, deliver, refuse_special_inputs
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts, lang_for_locale, speak
from rhythm_console.journal import Journal, read_journal_for_command, stream_journal_for_command
from rhythm_console.library.history import improvements_for
from rhythm_console.review import build_review
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from rhythm_console.review.drill import DrillComparison


def run_report(args: argparse.Namespace) -> int:
    inputs = [args.journal, *([args.against] if args.against else [])]
    refuse_special_inputs(inputs)
    if args.output:
        check_target(args.output, kind="report", force=args.force, inputs=inputs)  # before the work
    if args.against:  # the debrief reads both journals whole: which decisions answered which alert
        journal, lang = read_journal_for_command(args.journal, args.lang)
        header = journal.header
        review = build_review(header.plan, journal.events, started_wall=header.started_wall)
        review.warnings = list(journal.warnings)
        review.drill = against(journal, args.journal, args.against, lang)
    else:
        with stream_journal_for_command(args.journal) as stream:
            header = stream.header
            lang = args.lang or lang_for_locale(header.plan.show.locale.value)
            speak(lang)  # a record refused further on, and the reader's warnings, are said in it
            review = build_review(header.plan, stream.events(), started_wall=header.started_wall)
        review.warnings = stream.warnings
    review.kind = header.kind
    if header.kind != "drill":  # a drill is practice, not evidence for the next plan
        review.improvements, read = improvements_for(review, args.journal, getattr(args, "library", None), header.kind,
                                                     included_kinds(getattr(args, "include", None)))
        review.improvement_kinds = [show.kind for show in read]
    # Only the renderer asked for is imported (and the debrief's comparison only with --against).
    if args.format == "html":
        from rhythm_console.report.html import render_html
        text = render_html(review, lang)
    elif args.format == "csv":
        from rhythm_console.report.csv_report import render_csv
        text = render_csv(review, lang)
    else:
        from rhythm_console.report.markdown import render_markdown
        text = render_markdown(review, lang)
    deliver(text, args.output, kind="report", force=args.force, inputs=inputs, said=Texts(lang)("said.report", format=args.format, journal=args.journal))
    return 0


def against(drill: Journal, drill_path: str, original_path: str, lang: str) -> DrillComparison:
    """The drill's comparison with the show it drilled (any journal of the same plan's segments compares)."""
    from rhythm_console.review.drill import compare_journals

    original, _ = read_journal_for_command(original_path, lang)  # first: a missing file says so
    if os.path.samefile(drill_path, original_path):  # a journal against itself shows no difference, only confusion
        raise UserError(Said("error.against.itself", journal=printable(original_path)))
    header = drill.header
    if header.kind != "drill":
        print(Texts(lang)("against.not_a_drill", journal=printable(drill_path), kind=(f"shows.kind.{header.kind}",)),
              file=sys.stderr)
    if header.drill_of is not None and header.drill_of != original.header.session_id:
        print(Texts(lang)("against.not_its_original", journal=printable(original_path),
                          session=printable(header.drill_of)), file=sys.stderr)
    comparison = compare_journals(drill, original)
    if not {s.id for s in comparison.original.segments} & {s.id for s in comparison.trainee.segments}:
        raise UserError(Said("error.against.unrelated", journal=printable(original_path),
                             title=printable(header.plan.show.title)))
    return comparison
