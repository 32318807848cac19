"""`rhythm-console link-url`: the browser prompter's address, with a QR code a tablet can scan."""

from __future__ import annotations

import argparse
import re
import sys

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.link.address import prompter_url, qr_lines
from rhythm_console.link.config import LinkConfigError, check_bind, parse_listen, token_from, usable_host

NAME = re.compile(r"[\w\-\u4e00-\u9fff]{1,40}")


def run_link_url(args: argparse.Namespace) -> int:
    if args.name and not NAME.fullmatch(args.name):
        raise UserError(Said("error.pane_name", name=args.name))
    token = token_from(args.token)
    try:
        host, port = parse_listen(args.listen)
        if not usable_host(host):
            raise LinkConfigError(Said("link.config.listen_host", listen=args.listen, host=host))
        check_bind(host, token)
    except LinkConfigError as exc:
        raise UserError(str(exc)) from None
    url = prompter_url(host, port, token, name=args.name, lang=args.lang)
    if not args.no_qr:
        sys.stdout.write(qr_lines(url))
    print(url)
    return 0
