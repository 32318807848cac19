"""Why a WebSocket could not be opened, as a catalog code and its values, never aiohttp's own English ("Cannot
connect to host 127.0.0.1:18765 ssl:default [Connect call failed ...]"): the host pane and `probe` each say it in
their own words (`link.pane.<code>`, `error.probe.<code>`)."""

from __future__ import annotations

import aiohttp


def why_not_connected(exc: BaseException) -> tuple[str, dict[str, object]] | None:
    """("not_websocket" | "refused" | "cannot_connect", values), or None for another error."""
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return "not_websocket", {"status": exc.status}
    if isinstance(exc, aiohttp.ClientConnectorError):
        where: dict[str, object] = {"host": exc.host, "port": exc.port}
        if isinstance(exc.os_error, ConnectionRefusedError):
            return "refused", where
        return "cannot_connect", {**where, "why": exc.os_error.strerror or str(exc.os_error)}
    return None
