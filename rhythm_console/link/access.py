"""Who may talk to the link server: one aiohttp middleware in front of every route.

Loopback is not a wall: any web page the manager opens can send requests to 127.0.0.1. So, in order:

1. Host (421): the request must name this console: the address it is bound to (and the loopback names when
   bound to loopback; any of this machine's own addresses and its host name when bound to every interface)
   or a name allowed with --allow-host. A page at attacker.example that DNS re-points at 127.0.0.1 sends
   `Host: attacker.example` and is refused, on every route, the page and /ws included.
2. Origin (403): when a browser says where the request comes from, it must be the console's own page
   (the scheme, host and port it was served from, i.e. the Host the request names). Buttons and scripts
   (curl, Bitfocus Companion, the terminal pane) send no Origin and are judged by the token alone.
3. Token (401): the protected routes need `Authorization: Bearer TOKEN` when the console has one.
4. Body (415, 413) of a state-changing request: JSON with `Content-Type: application/json` in UTF-8, or no
   body at all (a bare button press) under any type but a form's. A page can send text/plain or a form
   across sites without asking first; it cannot send application/json that way.

The body, once read, is left on the request (`request[BODY]`) for the handler.
"""

from __future__ import annotations

import codecs
import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler, Middleware

from rhythm_console.link.address import EVERY_INTERFACE
from rhythm_console.link.config import is_loopback, token_matches
from rhythm_console.link.protocol import MAX_FRAME_BYTES
from rhythm_console.link.replies import Replies

BODY = web.RequestKey("body", bytes)  # the request's body, read and checked, for the handler
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PORTS = {"http": 80, "https": 443}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a cross-site form (or a script's request that needs no preflight) may send as its body's type.
FORM_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
SHOWN = 100  # characters of a refused Host or Origin said back


def canonical_host(name: str) -> str:
    """One spelling per host: lower case, no trailing dot, an IP address in its short form."""
    name = name.lower().removesuffix(".")
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


@lru_cache(maxsize=256)  # the same few Host headers arrive again and again; parsing one is most of the check
def split_host(header: str) -> tuple[str, int | None] | None:
    """A Host header's name and port ("[::1]:8765" -> ("::1", 8765)), or None when it is not one."""
    try:
        parts = urlsplit(f"//{header}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.path or parts.query or parts.fragment:
        return None
    return canonical_host(parts.hostname), port


def is_own_address(name: str) -> bool:
    """Whether `name` is an IP address of this machine: the kernel lets a socket bind only to its own."""
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if address.is_loopback:
        return True
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


class HostNames:
    """The names a request's Host may give for a console bound to `bound`."""

    def __init__(self, bound: str, allowed: Iterable[str] = ()) -> None:
        self.every_interface = bound in EVERY_INTERFACE
        names = {canonical_host(name) for name in allowed}
        if not self.every_interface:
            names.add(canonical_host(bound))
        if self.every_interface or is_loopback(bound):
            names |= LOOPBACK_NAMES
        if self.every_interface:
            names.add(canonical_host(socket.gethostname()))
        self.names = frozenset(names)

    def allows(self, name: str) -> bool:
        return name in self.names or (self.every_interface and is_own_address(name))


def same_origin(origin: str, host: tuple[str, int | None]) -> bool:
    """Whether a browser's Origin is the page the request's Host serves (scheme's default port filled in)."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return False
    default = DEFAULT_PORTS.get(parts.scheme)
    if default is None or not parts.hostname or parts.path or parts.username is not None:
        return False  # "null" (a sandboxed frame, a file), another scheme, or not an origin at all
    name, host_port = host
    return canonical_host(parts.hostname) == name and (port or default) == (host_port or default)


class Access:
    """The middleware and the routes it guards with the token (`protect`)."""

    def __init__(self, hosts: HostNames, token: str | None, replies: Replies) -> None:
        self.hosts = hosts
        self.token = token
        self.replies = replies
        self._protected: set[web.AbstractResource] = set()

    def protect(self, route: web.AbstractRoute) -> None:
        """Calls to this route need the token (the page, its files and /ws do not: /ws asks for it in the hello)."""
        if route.resource is not None:
            self._protected.add(route.resource)

    def middleware(self) -> Middleware:
        @web.middleware
        async def access(request: web.Request, handler: Handler) -> web.StreamResponse:
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
            if request.method not in SAFE_METHODS and request.match_info.http_exception is None:
                body = await self._body(request)
                if isinstance(body, web.Response):
                    return body
                request[BODY] = body
            return await handler(request)

        return access

    def _refusal(self, request: web.Request) -> web.Response | None:
        header = request.headers.get(hdrs.HOST)
        host = split_host(header) if header is not None else None
        if header is not None and (host is None or not self.hosts.allows(host[0])):
            return self.replies.error(421, "unknown_host", host=header[:SHOWN])
        origin = request.headers.get(hdrs.ORIGIN)
        if origin is not None and (host is None or not same_origin(origin, host)):
            return self.replies.error(403, "foreign_origin", origin=origin[:SHOWN])
        if request.match_info.route.resource in self._protected and not self._bearer_ok(request):
            return self.replies.error(401, "unauthorized")
        return None

    def _bearer_ok(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        scheme, _, offered = request.headers.get(hdrs.AUTHORIZATION, "").partition(" ")
        return scheme.lower() == "bearer" and token_matches(self.token, offered.strip())

    async def _body(self, request: web.Request) -> bytes | web.Response:
        """The body as UTF-8 bytes for pydantic, or the 4xx that says why not."""
        has_body = request.body_exists and request.content_length != 0
        if not has_body and request.content_type not in FORM_TYPES:
            return b""  # a bare button press (curl -X POST; a library's octet-stream): no form sends that
        if request.content_type != "application/json":
            return self.replies.error(415, "not_json")
        if request.charset is not None:
            try:
                charset = codecs.lookup(request.charset).name
            except LookupError:
                charset = request.charset
            if charset not in ("utf-8", "ascii"):
                return self.replies.error(415, "charset")
        try:
            return await request.read()
        except web.HTTPRequestEntityTooLarge:
            return self.replies.error(413, "too_large", limit=MAX_FRAME_BYTES)
