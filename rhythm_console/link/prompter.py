"""The browser prompter's side of the link server: its page, its words, the clock a page measures
its offset against, and the headers every response of the server carries.

The page is package data (rhythm_console/web/), read once when the server starts; a request names
one of a fixed set of files, never a path, so nothing else on the machine can be served.
"""

from __future__ import annotations

import json
import time
from importlib.resources import files

from aiohttp import web

from rhythm_console.i18n import CATALOGS
from rhythm_console.link.replies import Replies

PAGE = "prompter.html"
ASSETS = {"prompter.js": "text/javascript", "prompter.css": "text/css"}  # GET /static/NAME serves only these

# The page's own scripts, styles and WebSocket; nothing inline, nothing from elsewhere, never framed.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                           "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# The catalog's words the page shows (one catalog: the page asks for them, it holds none of its own).
WORD_PREFIXES = ("lang.", "prompter.", "host.", "phase.", "level.", "current.next", "label.", "request.")


def console_clock() -> float:
    """The console's clock as a page sees it: state frames carry it (`at`) and GET /api/clock tells it,
    so a page on another machine learns its offset from the round trip. Real seconds, whatever the show's
    clock does (a replay's runs faster)."""
    return time.monotonic()


def page_words(lang: str) -> dict[str, str]:
    table = CATALOGS.get(lang, CATALOGS["zh"])
    return {key: text for key, text in table.items() if key.startswith(WORD_PREFIXES)}


def _read(name: str) -> bytes:
    return files("rhythm_console.web").joinpath(name).read_bytes()


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for header, value in SECURITY_HEADERS.items():
        response.headers.setdefault(header, value)


class PrompterRoutes:
    """GET / (the page), GET /static/NAME (its script and styles), GET /api/words, GET /api/clock."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies
        self.page = _read(PAGE)
        self.assets = {name: _read(name) for name in ASSETS}
        self.words = {lang: json.dumps(page_words(lang), ensure_ascii=False).encode() for lang in CATALOGS}

    def add_to(self, app: web.Application) -> None:
        app.on_response_prepare.append(security_headers)
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._asset)
        app.router.add_get("/api/words", self._words)
        app.router.add_get("/api/clock", self._clock)
        app.router.add_get("/favicon.ico", self._no_icon)

    async def _page(self, request: web.Request) -> web.Response:
        return web.Response(body=self.page, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def _asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in self.assets:
            return self.replies.error(404, "no_such_file")
        return web.Response(body=self.assets[name], content_type=ASSETS[name], charset="utf-8",
                            headers={"Cache-Control": "no-cache"})

    async def _words(self, request: web.Request) -> web.Response:
        lang = request.query.get("lang", "zh")
        body = self.words.get(lang, self.words["zh"])
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    async def _no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)  # a browser asks for one; answering spares the page's console a 404

    async def _clock(self, request: web.Request) -> web.Response:
        return web.json_response({"now": console_clock()}, headers={"Cache-Control": "no-store"})
