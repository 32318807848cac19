"""Connecting to the bus and making sure the stream and the summary bucket exist.

A refused login is the user's to fix (one clear line); an unreachable server is the
bus being down, which the console rides out and the floor and archive report.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BucketNotFoundError, NotFoundError
from nats.js.kv import KeyValue

from rhythm_console.bus.config import (
    DUPLICATE_WINDOW_SECONDS,
    EVENTS_SUBJECTS,
    STREAM,
    STREAM_MAX_AGE_DAYS,
    SUMMARY_BUCKET,
    BusConfig,
)
from rhythm_console.i18n import Said
from rhythm_console.textsafe import printable

CONNECT_TIMEOUT = 2.0
RECONNECT_WAIT = 0.5  # seconds between attempts while the bus is down


class BusRefused(Exception):
    """The server answered and refused this login."""


class BusUnreachable(Exception):
    """No server answered at the address."""


def _refusal(exc: BaseException) -> str | None:
    text = str(exc)
    for marker in ("Authorization Violation", "Authentication", "authorization", "permissions violation"):
        if marker in text:
            return text.replace("nats: ", "").strip("'")
    return None


async def connect(config: BusConfig, name: str, *, reconnect: bool = True,
                  on_disconnect: Callable[[], Awaitable[None]] | None = None,
                  on_reconnect: Callable[[], Awaitable[None]] | None = None,
                  on_error: Callable[[Exception], Awaitable[None]] | None = None,
                  inbox_prefix: str = "_INBOX") -> Client:
    """One attempt at the server; once connected, nats reconnects by itself (for ever) if `reconnect`."""
    errors: list[Exception] = []

    async def error_cb(exc: Exception) -> None:
        errors.append(exc)
        if on_error is not None:
            await on_error(exc)

    async def quiet() -> None:
        return None

    try:
        # nats applies max_reconnect_attempts to the first connection too (0 or -1: try for ever):
        # one retry here, then for ever once connected.
        async with asyncio.timeout(2 * CONNECT_TIMEOUT + 1):  # not wait_for: see bus/publisher.py
            client = await nats.connect(
                **config.connect_options(), name=name, connect_timeout=CONNECT_TIMEOUT, allow_reconnect=reconnect,
                max_reconnect_attempts=1, reconnect_time_wait=0.1, error_cb=error_cb,
                disconnected_cb=on_disconnect or quiet, reconnected_cb=on_reconnect or quiet,
                closed_cb=quiet, inbox_prefix=inbox_prefix)
    except TimeoutError:
        raise BusUnreachable(Said("bus.error.no_answer", url=config.shown_url, seconds=2 * CONNECT_TIMEOUT + 1)) from None
    except Exception as exc:  # nats raises plain Errors and OSErrors for every failure: sort them here
        for candidate in (exc, *errors):
            reason = _refusal(candidate)
            if reason is not None:
                raise BusRefused(Said("bus.error.refused", url=config.shown_url, reason=reason)) from None
        cause = errors[-1] if errors else exc
        raise BusUnreachable(Said("bus.error.unreachable", url=config.shown_url, why=_said(cause))) from None
    client.options["max_reconnect_attempts"] = -1
    client.options["reconnect_time_wait"] = RECONNECT_WAIT
    return client


def permission_refusal(exc: BaseException) -> str | None:
    """What the server refused this login (a subject it may not publish or subscribe to), from an error
    it reported on the connection; None for any other error."""
    text = str(exc).replace("nats: ", "").strip("'")
    return printable(text)[:200] if "permissions violation" in text.lower() else None


def _said(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).replace("nats: ", "") or type(exc).__name__


async def ensure_stream(js: JetStreamContext) -> None:
    """The one stream of every room's events, created the first time any console or archive connects.
    Limits retention: events stay for STREAM_MAX_AGE_DAYS whether or not anything read them."""
    try:
        await js.stream_info(STREAM)
    except NotFoundError:
        await js.add_stream(StreamConfig(
            name=STREAM, subjects=[EVENTS_SUBJECTS], retention=RetentionPolicy.LIMITS, storage=StorageType.FILE,
            discard=DiscardPolicy.OLD, max_age=STREAM_MAX_AGE_DAYS * 86400.0,
            duplicate_window=float(DUPLICATE_WINDOW_SECONDS)))


async def summary_bucket(js: JetStreamContext) -> KeyValue:
    """The bucket of room summaries: the latest one per room is all anyone needs."""
    try:
        return await js.key_value(SUMMARY_BUCKET)
    except BucketNotFoundError:
        return await js.create_key_value(bucket=SUMMARY_BUCKET, history=1)
