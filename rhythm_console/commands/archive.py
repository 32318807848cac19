"""`rhythm-console archive --bus URL --dir DIR`: a journal per room and session, from the bus."""

from __future__ import annotations

import argparse
import asyncio

from rhythm_console.commands.bus import NEEDS_NATS, check_login, config_from
from rhythm_console.errors import UserError


def run_archive(args: argparse.Namespace) -> int:
    config = config_from(args)
    check_login(config, must_reach=True)
    try:
        from rhythm_console.bus.archive import Archive
        from rhythm_console.bus.connection import BusRefused, BusUnreachable
    except ImportError:
        raise UserError(NEEDS_NATS) from None
    archive = Archive(config, args.dir, args.durable)
    print(f"archiving {config.shown_url} into {args.dir} (consumer {args.durable}); Ctrl-C stops", flush=True)
    try:
        asyncio.run(archive.run())
    except (BusRefused, BusUnreachable) as exc:
        raise UserError(str(exc)) from None
    except KeyboardInterrupt:
        print(f"stopped: {archive.written} records written", flush=True)
        return 0
    return 0
