"""`rhythm-console replay`: a journal played back on the manager's screens."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts
from rhythm_console.journal import read_journal_for_command
from rhythm_console.link.config import LinkConfigError, listen_settings
from rhythm_console.link.server import LinkServer
from rhythm_console.replay import ReplayCursor, ReplayIndex, ReplaySession


def run_replay(args: argparse.Namespace) -> int:
    from rhythm_console.ui.replay_app import ReplayApp

    if not 0.5 <= args.speed <= 60:
        raise UserError(Said("error.speed", low=0.5, high=60))
    journal, lang = read_journal_for_command(args.journal, args.lang)
    if not journal.events:
        raise UserError(Said("error.replay.empty", journal=args.journal))
    index = ReplayIndex(journal)
    cursor = ReplayCursor(index)
    try:
        listen = listen_settings(args.listen, args.token, getattr(args, "allow_host", None))
    except LinkConfigError as exc:
        raise UserError(str(exc)) from None
    link = LinkServer(ReplaySession(cursor, lang), *listen) if listen else None
    if not sys.stdout.isatty():
        raise UserError(Said("error.replay.terminal"))
    app = ReplayApp(index, Texts(lang), speed=args.speed, name=Path(args.journal).name, link=link, cursor=cursor)
    app.run()
    return app.return_code or 0
