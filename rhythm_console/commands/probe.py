"""`rhythm-console probe SOURCE`: read a feed and show what the console would see.

Kept free of Textual and pydantic imports so a big capture is read in moments.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rhythm_console.i18n import Said, Texts, spoken
from rhythm_console.sources.probe import probe, summary
from rhythm_console.textsafe import printable

NOTHING_READ = 1  # the capture was read to its end but nothing in it is something the console would see
CUT_SHORT = 2  # the collector's connection broke off (as a user error does): what was read is printed first


def render_text(spec: str, result: dict[str, Any], unknown_methods: dict[str, int], interrupted: bool,
                texts: Texts) -> str:
    lines = [texts("probe.source", spec=printable(spec)) + (texts("probe.interrupted") if interrupted else "")]
    items = result["items"]
    lines.append(texts("probe.items", items=texts.listed(f"{name} {count:,}" for name, count in items.items())
                       or texts("resume.none")))
    unknown = f"{result['unknown']:,}"
    if unknown_methods:
        top = sorted(unknown_methods.items(), key=lambda kv: -kv[1])[:5]
        unknown = texts("probe.unknown_methods", count=unknown,
                        methods=texts.listed(f"{printable(name)} {count:,}" for name, count in top))
    lines.append(texts("probe.counts", malformed=f"{result['malformed']:,}", unknown=unknown,
                       duplicates=f"{result['duplicates']:,}"))
    m = result["metrics"]
    online = "—" if m["online"] is None else f"{m['online']:,}"
    lines.append(texts("probe.room", online=online, **{key: f"{m[key]:,}" for key in (
        "online_peak", "comments", "likes", "entries", "follows", "shares", "gifts")}))
    if m["product_clicks"] is None:
        lines.append(texts("probe.no_commerce"))
    else:
        lines.append(texts("probe.commerce", clicks=f"{m['product_clicks']:,}", orders=f"{m['orders']:,}",
                           gmv=f"{m['gmv']:,.2f}"))
    return "\n".join(lines)


def _probe_pushed(url: str) -> tuple[Any, Any, bool, int | None]:
    """A collector's WebSocket, read until it closes the connection or Ctrl-C; one line if it cannot be reached."""
    from rhythm_console.errors import UserError
    from rhythm_console.sources.probe import probe_pushed

    try:
        return probe_pushed(url)
    except Exception as exc:  # aiohttp's connection errors, refused, reset, a bad handshake: all one line
        raise UserError(Said("error.probe.unreachable", url=printable(url), why=_why_not_connected(exc))) from None


def _why_not_connected(exc: Exception) -> Said | str:
    """In the user's words, not aiohttp's ("ssl:default", "Invalid response status")."""
    from rhythm_console.link.unreachable import why_not_connected

    said = why_not_connected(exc)
    if said is not None:
        code, values = said
        return Said(f"error.probe.{code}", **values)
    return printable(str(exc) or type(exc).__name__)


def run_probe(args: argparse.Namespace) -> int:
    spec_text, as_json = args.source, args.json
    from rhythm_console.errors import UserError
    from rhythm_console.sources.runner import SourceSpecError, parse_source_spec

    try:
        spec = parse_source_spec(spec_text)
    except SourceSpecError as exc:
        raise UserError(Said("error.probe.spec", why=exc)) from None
    if spec.kind not in ("jsonl", "douyin", "ws"):
        raise UserError(Said("error.probe.kind"))
    follow = spec.options.get("follow") == "1"
    too_large = None  # a collector's frame over the limit ended the read there
    if spec.kind == "ws":
        mapper, room, interrupted, too_large = _probe_pushed(spec.target or "")
    elif spec.target == "-":
        mapper, room, interrupted = probe(spec.kind, sys.stdin.buffer, follow=False)
    else:
        try:
            handle = open(spec.target or "", "rb")
        except OSError as exc:
            raise UserError(Said("error.cannot_read", path=spec.target, why=exc.strerror or exc)) from None
        with handle:
            mapper, room, interrupted = probe(spec.kind, handle, follow=follow)
    result = summary(mapper, room)
    if as_json:
        # Valid JSON only: a figure that is not finite would be a bug, and fails loudly here.
        print(json.dumps(result, ensure_ascii=False, allow_nan=False))
    else:
        print(render_text(spec_text, result, mapper.unknown_methods, interrupted, Texts(spoken())))
    if too_large is not None:
        sys.stdout.flush()  # the figures read, then why they stop there
        print(printable(str(Said("error.probe.frame_too_large", url=spec_text, mb=too_large // (1024 * 1024)))),
              file=sys.stderr)
        return CUT_SHORT
    if not any(result["items"].values()):  # a script checking a capture before the show must not read "fine"
        seen = result["malformed"] + result["unknown"]
        print(printable(str(Said("error.probe.nothing_read" if seen else "error.probe.empty", spec=spec_text,
                                 malformed=f"{result['malformed']:,}", unknown=f"{result['unknown']:,}"))),
              file=sys.stderr)
        return NOTHING_READ
    return 0
