"""The browser prompter's address: what a tablet types or scans to join the console."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote, urlencode

# Binding these means every interface: the URL names the one other machines most likely reach.
EVERY_INTERFACE = frozenset({"0.0.0.0", "::", ""})


def reachable_host(host: str) -> str:
    """The address another machine uses for a console bound to `host`."""
    if host not in EVERY_INTERFACE:
        return host
    family, probe_at = (socket.AF_INET6, "2001:db8::1") if host == "::" else (socket.AF_INET, "192.0.2.1")
    try:
        # Connecting a UDP socket sends nothing: it only asks the kernel which interface routes outwards.
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((probe_at, 9))
            return probe.getsockname()[0]
    except OSError:
        return "::1" if family == socket.AF_INET6 else "127.0.0.1"


def prompter_url(host: str, port: int, token: str | None = None, *, name: str | None = None,
                 lang: str | None = None) -> str:
    """http://HOST:PORT/[?name=..&lang=..][#token=..]: the token goes in the fragment, which a browser
    never sends, so it reaches no server log."""
    shown = reachable_host(host)
    try:
        if ipaddress.ip_address(shown).version == 6:
            shown = f"[{shown}]"
    except ValueError:
        pass  # a host name
    query = {key: value for key, value in (("name", name), ("lang", lang)) if value}
    url = f"http://{shown}:{port}/" + (f"?{urlencode(query)}" if query else "")
    return url + (f"#token={quote(token, safe='')}" if token else "")


def qr_lines(url: str) -> str:
    """The URL as a QR code in a terminal: half-block characters, two modules a line."""
    import io

    import segno

    drawing = io.StringIO()
    segno.make(url, error="m").terminal(out=drawing, compact=True)
    return drawing.getvalue()
