"""Where the link listens and connects, and with which token: checked before any screen opens.

Used by `run` and `replay` (--listen, --token) and by `host` (--connect, --token).
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import os
import re
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from rhythm_console.i18n import Said

HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


class LinkConfigError(ValueError):
    """A --listen/--connect/--token combination that cannot be used."""


def token_from(flag: str | None) -> str | None:
    """--token, else the RHYTHM_TOKEN environment variable; an empty one means none."""
    return flag or os.environ.get("RHYTHM_TOKEN") or None


def token_matches(expected: str | None, offered: str | None) -> bool:
    """No token set lets anyone in; else the offered one must be it, compared in constant time."""
    if expected is None:
        return True
    # surrogatepass: a header's undecodable bytes arrive as surrogates; they must compare, not raise.
    return offered is not None and hmac.compare_digest(offered.encode("utf-8", "surrogatepass"),
                                                       expected.encode("utf-8", "surrogatepass"))


def is_loopback(host: str) -> bool:
    """An address (or the name localhost) only this machine reaches."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def usable_host(host: str) -> bool:
    """An address a browser can open: an IP literal or a host name (a tablet cannot scan "bad host")."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        labels = host.removesuffix(".").split(".")
        return len(host) <= 253 and all(HOST_LABEL.fullmatch(label) for label in labels)


def allowed_host_names(names: Iterable[str]) -> tuple[str, ...]:
    """--allow-host NAME, once per name: what a request's Host may name besides the address bound (a name
    the studio's DNS or a reverse proxy gives the console). Names only: no scheme, no port, no wildcard."""
    allowed = []
    for name in names:
        bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name  # [::1] as a URL writes it
        if not bare or not usable_host(bare):
            raise LinkConfigError(Said("link.config.allow_host", name=name))
        allowed.append(bare)
    return tuple(allowed)


def check_bind(host: str, token: str | None) -> None:
    """Anything wider than loopback needs a token."""
    if not token and not is_loopback(host):
        raise LinkConfigError(Said("link.config.needs_token", host=host))


def parse_listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        raise LinkConfigError(Said("link.config.listen", text=text)) from None
    if not 0 <= number <= 65535:
        raise LinkConfigError(Said("link.config.port", port=number))
    return host, number


def ensure_port_free(host: str, port: int) -> None:
    """Fail before any screen opens (and before a journal is made) when the address is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise LinkConfigError(Said("link.config.cannot_listen", host=host, port=port, why=exc.strerror)) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise cannot_listen(host, port, exc) from None


def cannot_listen(host: str, port: int, exc: OSError) -> LinkConfigError:
    """Why the link cannot listen there, in the command's language (a port in use said so)."""
    reason = Said("link.config.in_use") if exc.errno == errno.EADDRINUSE else exc.strerror or str(exc)
    return LinkConfigError(Said("link.config.cannot_listen", host=host, port=port, why=reason))


def listen_settings(listen: str | None, token_flag: str | None, allow_hosts: Iterable[str] | None = None,
                    ) -> tuple[str, int, str | None, tuple[str, ...]] | None:
    """--listen, --token and --allow-host checked before any screen opens: (host, port, token, allowed host
    names), or None without --listen."""
    if not listen:
        if token_flag:
            raise LinkConfigError(Said("link.config.needs_listen", flag="--token"))
        if allow_hosts:
            raise LinkConfigError(Said("link.config.needs_listen", flag="--allow-host"))
        return None
    token = token_from(token_flag)
    host, port = parse_listen(listen)
    allowed = allowed_host_names(allow_hosts or ())
    check_bind(host, token)
    ensure_port_free(host, port)
    return host, port, token, allowed


def normalise_url(url: str) -> str:
    """ws://host:port → ws://host:port/ws (the path is optional on the command line); a port that is
    not a number is refused here, not retried for ever."""
    if not url.startswith(("ws://", "wss://")):
        raise LinkConfigError(Said("link.config.not_ws", url=url))
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        raise LinkConfigError(Said("link.config.url_port", url=url)) from None
    if not parts.hostname:
        raise LinkConfigError(Said("link.config.url_host", url=url))
    return f"{parts.scheme}://{parts.netloc}{parts.path if parts.path not in ('', '/') else '/ws'}"
