"""How a show was run and what it was: the part of a journal's header that `run --resume` restores.

Written into the header as

    "kind": "live" | "rehearsal" | "simulated" | "drill",
    "run": {"sources": [spec, ...], "listen": "HOST:PORT" | null, "allow_hosts": [...],
            "bus": URL | null, "room": name | null, "lang": "zh" | "en"}

Never a secret: the bus URL is kept without its user, password or token, and the link's token
is not kept at all (a resumed console asks for it again, or reads RHYTHM_TOKEN).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args
from urllib.parse import urlsplit, urlunsplit

ShowKind = Literal["live", "rehearsal", "simulated", "drill"]
SHOW_KINDS: tuple[str, ...] = get_args(ShowKind)
LANGS = ("zh", "en")


class RunSettingsError(ValueError):
    """A header's run that cannot be read: which field, and what it should be (a code the journal reader words:
    object, sources, hosts, text, lang)."""

    def __init__(self, field: str, expected: str) -> None:
        super().__init__(f"{field} is not {expected}")
        self.field = field
        self.expected = expected


@dataclass(frozen=True)
class RunSettings:
    sources: tuple[str, ...] = ()
    listen: str | None = None
    allow_hosts: tuple[str, ...] = field(default_factory=tuple)
    bus: str | None = None
    room: str | None = None
    lang: str = "zh"

    def __post_init__(self) -> None:
        if self.bus is not None:
            object.__setattr__(self, "bus", without_secrets(self.bus))

    def to_json(self) -> dict[str, Any]:
        return {"sources": list(self.sources), "listen": self.listen, "allow_hosts": list(self.allow_hosts),
                "bus": self.bus, "room": self.room, "lang": self.lang}

    @classmethod
    def from_json(cls, data: Any) -> RunSettings:
        """The header's `run` object, checked field by field (RunSettingsError names the field)."""
        if type(data) is not dict:
            raise RunSettingsError("run", "object")
        sources = data.get("sources", [])
        if type(sources) is not list or not all(type(spec) is str for spec in sources):
            raise RunSettingsError("run.sources", "sources")
        allow_hosts = data.get("allow_hosts", [])
        if type(allow_hosts) is not list or not all(type(host) is str for host in allow_hosts):
            raise RunSettingsError("run.allow_hosts", "hosts")
        for key in ("listen", "bus", "room"):
            if data.get(key) is not None and type(data[key]) is not str:
                raise RunSettingsError(f"run.{key}", "text")
        lang = data.get("lang", "zh")
        if lang not in LANGS:
            raise RunSettingsError("run.lang", "lang")
        return cls(sources=tuple(sources), listen=data.get("listen"), allow_hosts=tuple(allow_hosts),
                   bus=data.get("bus"), room=data.get("room"), lang=lang)


def without_secrets(url: str) -> str:
    """The URL with no user, password or token (user:password@, token@, ?token=...): safe to keep and show."""
    try:
        parts = urlsplit(url if "://" in url else f"nats://{url}")
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return ""  # unreadable: keep nothing rather than something that may hold a password
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
