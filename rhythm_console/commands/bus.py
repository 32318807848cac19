"""What `run --bus`, `floor` and `archive` share: the bus flags turned into a checked config,
and the login tried once up front so a wrong one is one clear line, not a console that never
connects. Imported only when a bus is asked for."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from rhythm_console.bus.config import BusConfig, BusConfigError, bus_config, room_name
from rhythm_console.errors import UserError

if TYPE_CHECKING:
    from rhythm_console.bus.publisher import RoomPublisher
    from rhythm_console.link.server import LinkServer
    from rhythm_console.session import LiveSession

NEEDS_NATS = "the bus needs the nats-py package: pip install 'rhythm-console[bus]'"


def config_from(args: argparse.Namespace) -> BusConfig:
    try:
        config = bus_config(args.bus, args.bus_token, args.bus_creds)
    except BusConfigError as exc:
        raise UserError(str(exc)) from None
    if config is None:
        raise UserError("--bus URL (or RHYTHM_BUS) is needed, e.g. --bus nats://127.0.0.1:4222")
    return config


def check_login(config: BusConfig, *, must_reach: bool) -> None:
    """A refused login stops here; an unreachable bus too when `must_reach`, else the console rides it out."""
    try:
        from rhythm_console.bus.connection import BusRefused, BusUnreachable, connect
    except ImportError:
        raise UserError(NEEDS_NATS) from None

    async def attempt() -> None:
        client = await connect(config, "rhythm-console check", reconnect=False)
        await client.close()

    try:
        asyncio.run(attempt())
    except BusRefused as exc:
        raise UserError(str(exc)) from None
    except BusUnreachable as exc:
        if must_reach:
            raise UserError(f"{exc}; start one with: nats-server -js") from None


def room_settings(args: argparse.Namespace) -> tuple[BusConfig, str]:
    config = config_from(args)
    try:
        room = room_name(args.room, args.plan)
    except BusConfigError as exc:
        raise UserError(str(exc)) from None
    check_login(config, must_reach=False)
    return config, room


def room_publisher(session: LiveSession, config: BusConfig, room: str, *, link: LinkServer | None) -> RoomPublisher:
    from rhythm_console.bus.publisher import RoomPublisher

    def panes() -> list[str]:
        return [pane.name for pane in link.panes] if link is not None else []

    def source_age() -> float | None:
        last = session.room.last_item_at
        return None if last is None else session.now() - last

    return RoomPublisher(session, config, room, panes=panes, source_age=source_age)
