"""`rhythm-console archive --bus URL --dir DIR`: a journal per room and session, from the bus."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from pathlib import Path

from rhythm_console.commands.bus import NEEDS_NATS, check_login, config_from
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said, Texts, spoken


def usable_directory(directory: Path) -> None:
    """The archive's directory exists (made if need be) and takes files, checked before anything is fetched."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=directory, prefix=".rhythm-archive-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UserError(Said("error.archive.dir", directory=directory, why=exc.strerror or exc)) from None


def run_archive(args: argparse.Namespace) -> int:
    config = config_from(args)
    check_login(config, must_reach=True)
    try:
        from rhythm_console.bus.archive import Archive
        from rhythm_console.bus.connection import BusRefused, BusUnreachable
    except ImportError:
        raise UserError(NEEDS_NATS) from None
    usable_directory(Path(args.dir))
    archive = Archive(config, args.dir, args.durable)
    # What the archive refuses, heals or cuts back is said on stderr, one line each, as it happens.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(asctime)s %(message)s")
    texts = Texts(spoken())
    print(texts("archive.started", bus=config.shown_url, dir=args.dir, durable=args.durable), flush=True)
    try:
        asyncio.run(archive.run())
    except (BusRefused, BusUnreachable) as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:  # the disk filled or the directory went away: what was not written stays on the bus
        raise UserError(Said("error.archive.write", dir=args.dir, why=exc.strerror or exc)) from None
    except KeyboardInterrupt:
        if archive.rejected:
            print(texts("archive.stopped_refused", written=archive.written, refused=archive.rejected), flush=True)
        else:
            print(texts("archive.stopped", written=archive.written), flush=True)
        return 0
    return 0
