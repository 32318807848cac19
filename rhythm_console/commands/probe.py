"""`rhythm-console probe SOURCE`: read a feed and show what the console would see.

Kept free of Textual and pydantic imports so a big capture is read in moments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rhythm_console.sources.probe import probe, summary
from rhythm_console.textsafe import printable


def render_text(spec: str, result: dict[str, Any], unknown_methods: dict[str, int], interrupted: bool) -> str:
    lines = [f"source: {printable(spec)}" + ("  (stopped by Ctrl-C)" if interrupted else "")]
    items = result["items"]
    lines.append("items: " + (", ".join(f"{name} {count:,}" for name, count in items.items()) or "none"))
    unknown = f"unknown {result['unknown']:,}"
    if unknown_methods:
        top = sorted(unknown_methods.items(), key=lambda kv: -kv[1])[:5]
        unknown += " (" + ", ".join(f"{printable(name)} {count:,}" for name, count in top) + ")"
    lines.append(f"malformed {result['malformed']:,} · {unknown} · duplicates {result['duplicates']:,}")
    m = result["metrics"]
    online = "—" if m["online"] is None else f"{m['online']:,}"
    lines.append(f"online {online} (peak {m['online_peak']:,}) · comments {m['comments']:,} · likes {m['likes']:,}"
                 f" · entries {m['entries']:,} · follows {m['follows']:,} · shares {m['shares']:,} · gifts {m['gifts']:,}")
    if m["product_clicks"] is None:
        lines.append("product clicks, orders, GMV: no data from this source")
    else:
        lines.append(f"product clicks {m['product_clicks']:,} · orders {m['orders']:,} · GMV ¥{m['gmv']:,.2f}")
    return "\n".join(lines)


def _probe_pushed(url: str) -> tuple[Any, Any, bool]:
    """A collector's WebSocket, read until it closes the connection or Ctrl-C; one line if it cannot be reached."""
    from rhythm_console.errors import UserError
    from rhythm_console.sources.probe import probe_pushed

    try:
        return probe_pushed(url)
    except Exception as exc:  # aiohttp's connection errors, refused, reset, a bad handshake: all one line
        raise UserError(f"probe: cannot read {printable(url)}: {printable(_why_not_connected(exc))}") from None


def _why_not_connected(exc: Exception) -> str:
    """In the user's words, not aiohttp's ("ssl:default", "Invalid response status")."""
    import aiohttp

    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return f"it is not a WebSocket endpoint (the server answered HTTP {exc.status}); check the path"
    if isinstance(exc, aiohttp.ClientConnectorError):
        cause = "connection refused" if isinstance(exc.os_error, ConnectionRefusedError) else (
            exc.os_error.strerror or str(exc.os_error))
        return f"cannot connect to {exc.host}:{exc.port} ({cause}); is the collector running?"
    return str(exc) or type(exc).__name__


def run_probe(args: argparse.Namespace) -> int:
    spec_text, as_json = args.source, args.json
    from rhythm_console.errors import UserError
    from rhythm_console.sources.runner import SourceSpecError, parse_source_spec

    try:
        spec = parse_source_spec(spec_text)
    except SourceSpecError as exc:
        raise UserError(f"probe: {exc}") from None
    if spec.kind not in ("jsonl", "douyin", "ws"):
        raise UserError("probe reads a feed: jsonl:PATH or douyin:PATH (- for stdin), or ws://HOST:PORT[/path]")
    follow = spec.options.get("follow") == "1"
    if spec.kind == "ws":
        mapper, room, interrupted = _probe_pushed(spec.target or "")
    elif spec.target == "-":
        mapper, room, interrupted = probe(spec.kind, sys.stdin.buffer, follow=False)
    else:
        try:
            handle = open(spec.target or "", "rb")
        except OSError as exc:
            raise UserError(f"{spec.target}: {exc.strerror}") from None
        with handle:
            mapper, room, interrupted = probe(spec.kind, handle, follow=follow)
    result = summary(mapper, room)
    if as_json:
        # Valid JSON only: a figure that is not finite would be a bug, and fails loudly here.
        print(json.dumps(result, ensure_ascii=False, allow_nan=False))
    else:
        print(render_text(spec_text, result, mapper.unknown_methods, interrupted))
    return 0
