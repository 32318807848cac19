"""Where the bus is and how to log in: checked before any screen opens. No nats import here.

One stream holds every room's events (subjects rhythm.<room>.events); one key-value bucket
holds each room's latest summary under the room's name; cues to a room are requests on
rhythm.<room>.cue.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rhythm_console.i18n import Said

STREAM = "RHYTHM"
EVENTS_SUBJECTS = "rhythm.*.events"
SUMMARY_BUCKET = "rhythm-rooms"
CLAIMS_BUCKET = "rhythm-claims"  # which session runs each room: one console per room
# How long the stream keeps events: long enough for an archive that was down over a weekend to catch up.
STREAM_MAX_AGE_DAYS = 30
# Within this window the server drops a repeated message id by itself; the publisher also asks
# where the stream stands before it resends, so a longer outage cannot store anything twice.
DUPLICATE_WINDOW_SECONDS = 300

_ROOM = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SCHEMES = ("nats", "tls")


class BusConfigError(ValueError):
    """A --bus/--room/--bus-creds combination that cannot be used."""


def events_subject(room: str) -> str:
    return f"rhythm.{room}.events"


def cue_subject(room: str) -> str:
    return f"rhythm.{room}.cue"


def claims_subject(room: str) -> str:
    return f"$KV.{CLAIMS_BUCKET}.{room}"


# Each role gets replies on its own inbox, so an authorization config can let a room's user read
# its own replies (acks from the stream, answers from the server) and nobody else's.
def room_inbox(room: str) -> str:
    return f"_INBOX.room.{room}"


def floor_inbox() -> str:
    return "_INBOX.floor"


def archive_inbox() -> str:
    return "_INBOX.archive"


def message_id(room: str, session: str, seq: int) -> str:
    """One id per room, session and journal seq: the server stores each record once."""
    return f"{room}/{session}/{seq}"


@dataclass(frozen=True)
class BusConfig:
    url: str
    token: str | None = None
    creds: str | None = None

    @property
    def shown_url(self) -> str:
        """The URL without its password, for screens and messages."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return f"{parts.scheme}://{host}"

    def connect_options(self) -> dict[str, object]:
        options: dict[str, object] = {"servers": [self.url]}
        if self.token:
            options["token"] = self.token
        if self.creds:
            options["user_credentials"] = self.creds
        return options


def bus_config(url: str | None, token: str | None = None, creds: str | None = None) -> BusConfig | None:
    """--bus (else RHYTHM_BUS), checked; None when neither is given."""
    url = url or os.environ.get("RHYTHM_BUS") or None
    if url is None:
        if token or creds:
            raise BusConfigError(Said("bus.config.needs_bus"))
        return None
    parts = urlsplit(url if "://" in url else f"nats://{url}")
    if parts.scheme not in _SCHEMES:
        raise BusConfigError(Said("bus.config.scheme", url=url))
    try:
        port = parts.port
    except ValueError:
        raise BusConfigError(Said("bus.config.port", url=url)) from None
    if not parts.hostname:
        raise BusConfigError(Said("bus.config.host", url=url))
    if creds is not None:
        path = Path(creds)
        if not path.is_file():
            raise BusConfigError(Said("error.no_such_file", path=f"--bus-creds {creds}"))
    url = parts._replace(netloc=parts.netloc if port else f"{parts.netloc}:4222").geturl()
    return BusConfig(url=url, token=token or None, creds=creds)


def room_name(room: str | None, plan_path: str | Path) -> str:
    """--room, else the plan's file name; letters, digits, - and _ (a subject token and a key)."""
    name = room if room is not None else Path(plan_path).stem
    if not _ROOM.match(name):
        if room is not None:
            raise BusConfigError(Said("bus.config.room", room=repr(room)))
        raise BusConfigError(Said("bus.config.room_from_plan", name=repr(name)))
    return name
