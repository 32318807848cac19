"""`rhythm-console host`: the host's pane, connected to a running console."""

from __future__ import annotations

import argparse
import sys

from rhythm_console.errors import UserError


def run_host(args: argparse.Namespace) -> int:
    import re

    from rhythm_console.i18n import Texts
    from rhythm_console.link.client import LinkClient
    from rhythm_console.link.config import LinkConfigError, token_from
    from rhythm_console.ui.host import HostApp

    if not re.fullmatch(r"[\w\-\u4e00-\u9fff]{1,40}", args.name):
        raise UserError(f'--name "{args.name}": use letters, digits, - or _ (at most 40)')
    try:
        client = LinkClient(args.connect, name=args.name, token=token_from(args.token))
    except LinkConfigError as exc:
        raise UserError(f"--connect: {exc}") from None
    if not sys.stdout.isatty():
        raise UserError("host needs an interactive terminal")
    HostApp(client, Texts(args.lang), name=args.name).run()
    return 0
