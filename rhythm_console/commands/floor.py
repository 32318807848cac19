"""`rhythm-console floor --bus URL`: every room on the bus, and cues to any of them."""

from __future__ import annotations

import argparse
import getpass
import sys
import time

from rhythm_console.commands.bus import NEEDS_NATS, check_login, config_from
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts


def floor_name(name: str | None) -> str:
    """Who sends the floor's cues: the console journals them as floor:<name>."""
    try:
        name = name or getpass.getuser()
    except (KeyError, OSError):
        name = "floor"
    if not name.strip() or len(name) > 64:
        raise UserError(Said("error.floor.name"))
    return name.strip()


def run_floor(args: argparse.Namespace) -> int:
    config = config_from(args)
    name = floor_name(args.name)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError(Said("error.terminal", command="floor"))
    check_login(config, must_reach=True)
    try:
        from rhythm_console.bus.floor import FloorClient
        from rhythm_console.ui.floor import FloorApp
    except ImportError:
        raise UserError(NEEDS_NATS) from None
    app = FloorApp(Texts(args.lang), None, time.monotonic)
    app.client = FloorClient(config, name, app.summary_arrived, on_unreadable=app.unreadable_arrived)
    app.run()
    return app.return_code or 0
