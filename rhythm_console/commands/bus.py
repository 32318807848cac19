"""What `run --bus`, `floor` and `archive` share: the bus flags turned into a checked config,
and the login tried once up front so a wrong one is one clear line, not a console that never
connects. Imported only when a bus is asked for."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING, TypeVar

from rhythm_console.bus.config import BusConfig, BusConfigError, bus_config, room_name
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said

if TYPE_CHECKING:
    from rhythm_console.bus.publisher import RoomPublisher
    from rhythm_console.link.server import LinkServer
    from rhythm_console.session import LiveSession

T = TypeVar("T")

NEEDS_NATS = Said("error.bus.needs_nats")


def config_from(args: argparse.Namespace) -> BusConfig:
    try:
        config = bus_config(args.bus, args.bus_token, args.bus_creds)
    except BusConfigError as exc:
        raise UserError(str(exc)) from None
    if config is None:
        raise UserError(Said("error.bus.needed"))
    return config


def check_login(config: BusConfig, *, must_reach: bool, room: str | None = None, session: str | None = None) -> None:
    """A refused login stops here; an unreachable bus too when `must_reach`, else the console rides it out.
    With a `room`, a room another session's console holds stops here too (`session`: the one resumed)."""
    try:
        from rhythm_console.bus.claim import RoomTaken, holder_of
        from rhythm_console.bus.config import room_inbox
        from rhythm_console.bus.connection import BusRefused, BusUnreachable, connect, permission_refusal
    except ImportError:
        raise UserError(NEEDS_NATS) from None

    refusals: list[str] = []

    async def noted(exc: Exception) -> None:
        refusal = permission_refusal(exc)
        if refusal is not None:
            refusals.append(refusal)

    async def attempt() -> None:
        client = await connect(config, "rhythm-console check", reconnect=False, on_error=noted,
                               inbox_prefix=room_inbox(room) if room is not None else "_INBOX")
        try:
            if room is not None:
                holder = await _quietly(holder_of(client.jetstream(), room))
                if refusals:
                    raise BusRefused(Said("bus.error.room_refused", url=config.shown_url, room=room,
                                          refusal=refusals[0]))
                if holder is not None and holder.session != session:
                    raise RoomTaken(room, holder)
        finally:
            await client.close()

    try:
        asyncio.run(attempt())
    except (BusRefused, RoomTaken) as exc:
        raise UserError(exc.args[0]) from None  # a Said: worded when printed
    except BusUnreachable as exc:
        if must_reach:
            raise UserError(Said("error.bus.unreachable", why=exc)) from None


async def _quietly(lookup: Awaitable[T]) -> T | None:
    """A question the bus may not answer now (JetStream starting, a slow server): the console asks again
    when it connects, so no answer is no refusal."""
    try:
        async with asyncio.timeout(2.0):
            return await lookup
    except Exception:  # nats has no common base for "not now"
        return None


def resumed_session(path: str | None) -> str | None:
    """The session a --resume continues (its header's start), so the room's claim it left is its own."""
    if not path:
        return None
    from rhythm_console.journal import JournalError, read_header

    try:
        with open(path, "rb") as handle:
            first = handle.readline().removeprefix(b"\xef\xbb\xbf").rstrip(b"\n")
        return read_header(first, str(path)).started_wall.isoformat()
    except (OSError, JournalError):
        return None  # resume says what is wrong with the journal itself


def room_settings(args: argparse.Namespace) -> tuple[BusConfig, str]:
    config = config_from(args)
    try:
        room = room_name(args.room, args.plan)
    except BusConfigError as exc:
        raise UserError(str(exc)) from None
    check_login(config, must_reach=False, room=room, session=resumed_session(getattr(args, "resume", None)))
    return config, room


def room_publisher(session: LiveSession, config: BusConfig, room: str, *, link: LinkServer | None) -> RoomPublisher:
    from rhythm_console.bus.publisher import RoomPublisher

    def panes() -> list[str]:
        return [pane.name for pane in link.panes] if link is not None else []

    def source_age() -> float | None:
        last = session.room.last_item_at
        return None if last is None else session.now() - last

    return RoomPublisher(session, config, room, panes=panes, source_age=source_age)
