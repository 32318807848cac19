"""`rhythm-console brief PLAN`: the team meeting's sheet, every role's part (or one role's), as Markdown or HTML."""

from __future__ import annotations

import argparse

from rhythm_console.commands.output import check_target, deliver
from rhythm_console.i18n import Texts


def run_brief(args: argparse.Namespace) -> int:
    from rhythm_console.briefing import ROLES, parts, plan_lang
    from rhythm_console.briefing.html import render_html
    from rhythm_console.briefing.markdown import render_markdown
    from rhythm_console.plan import load_plan

    if args.output:
        check_target(args.output, kind="brief", force=args.force, inputs=[args.plan])
    plan = load_plan(args.plan)
    role_parts = parts(plan, (args.role,) if args.role else ROLES)
    text = render_html(plan, role_parts) if args.format == "html" else render_markdown(plan, role_parts)
    deliver(text, args.output, kind="brief", force=args.force, inputs=[args.plan], said=Texts(plan_lang(plan))("said.brief", format=args.format, plan=args.plan))
    return 0
