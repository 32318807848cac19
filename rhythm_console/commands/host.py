"""`rhythm-console host`: the host's pane, connected to a running console."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.errors import UserError


def run_host(args: argparse.Namespace) -> int:
    import re

    from rhythm_console.i18n import Said, Texts
    from rhythm_console.link.client import LinkClient
    from rhythm_console.link.config import LinkConfigError, token_from
    from rhythm_console.ui.host import HostApp

    if not re.fullmatch(r"[\w\-\u4e00-\u9fff]{1,40}", args.name):
        raise UserError(Said("error.pane_name", name=args.name))
    try:
        client = LinkClient(args.connect, name=args.name, token=token_from(args.token), lang=args.lang)
    except LinkConfigError as exc:
        raise UserError(Said("error.flag", flag="--connect", why=exc)) from None
    if not sys.stdout.isatty():
        raise UserError(Said("error.terminal", command="host"))
    HostApp(client, Texts(args.lang), name=args.name).run()
    return 0
