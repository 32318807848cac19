"""Where the link listens and connects, and with which token: checked before any screen opens.

Used by `run` and `replay` (--listen, --token) and by `host` (--connect, --token).
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from urllib.parse import urlsplit


class LinkConfigError(ValueError):
    """A --listen/--connect/--token combination that cannot be used."""


def token_from(flag: str | None) -> str | None:
    """--token, else the RHYTHM_TOKEN environment variable; an empty one means none."""
    return flag or os.environ.get("RHYTHM_TOKEN") or None


def check_bind(host: str, token: str | None) -> None:
    """Anything wider than loopback needs a token."""
    if token:
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise LinkConfigError(f"listening on {host} reaches other machines: set a token (--token or RHYTHM_TOKEN)")


def parse_listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        raise LinkConfigError(f'--listen "{text}" is not HOST:PORT') from None
    if not 0 <= number <= 65535:
        raise LinkConfigError(f"port {number} is out of range")
    return host, number


def ensure_port_free(host: str, port: int) -> None:
    """Fail before any screen opens (and before a journal is made) when the address is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise LinkConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "another console (or program) is using it" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise LinkConfigError(f"cannot listen on {host}:{port}: {reason}") from None


def listen_settings(listen: str | None, token_flag: str | None) -> tuple[str, int, str | None] | None:
    """--listen and --token checked before any screen opens: (host, port, token), or None without --listen."""
    if not listen:
        if token_flag:
            raise LinkConfigError("--token needs --listen")
        return None
    token = token_from(token_flag)
    host, port = parse_listen(listen)
    check_bind(host, token)
    ensure_port_free(host, port)
    return host, port, token


def normalise_url(url: str) -> str:
    """ws://host:port → ws://host:port/ws (the path is optional on the command line); a port that is
    not a number is refused here, not retried for ever."""
    if not url.startswith(("ws://", "wss://")):
        raise LinkConfigError(f'"{url}" is not a ws:// address (e.g. ws://127.0.0.1:8765)')
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        raise LinkConfigError(f'"{url}" is not HOST:PORT with a port from 0 to 65535') from None
    if not parts.hostname:
        raise LinkConfigError(f'"{url}" has no host')
    return f"{parts.scheme}://{parts.netloc}{parts.path if parts.path not in ('', '/') else '/ws'}"
