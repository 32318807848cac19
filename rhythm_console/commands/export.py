"""`rhythm-console export PLAN -o SCRIPT.xlsx|.csv`: the plan as the team's 直播脚本."""

from __future__ import annotations

import argparse

from rhythm_console.commands.output import check_target, write_file
from rhythm_console.i18n import Texts, lang_for_locale
from rhythm_console.textsafe import printable


def run_export(args: argparse.Namespace) -> int:
    from rhythm_console.plan import load_plan
    from rhythm_console.spreadsheet.exporter import script_format, script_writer

    form = script_format(args.output)
    check_target(args.output, kind="export", force=args.force, inputs=[args.plan])
    plan = load_plan(args.plan)
    texts = Texts(lang_for_locale(plan.show.locale.value))
    write_file(args.output, script_writer(plan, form), kind="export", force=args.force, inputs=[args.plan])
    print(printable(texts("export.done", output=args.output, count=len(plan.segments), plan=args.plan)))
    return 0
