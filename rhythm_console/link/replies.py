"""The HTTP API's answers: JSON bodies, errors in the console's language with a code a script can switch on."""

from __future__ import annotations

import json

from aiohttp import web

from rhythm_console.i18n import Texts
from rhythm_console.refusals import Refusal


def answer(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False))


# Refusals about what was sent, not about the show: sending it again unchanged would never work.
BODY_REFUSALS = frozenset({"empty_request", "unknown_request_kind"})


class Replies:
    """`{"error": words, "code": code}`: the words from the catalog (link.http.*), in the console's language;
    the code stays the same in every language."""

    def __init__(self, lang: str) -> None:
        self.texts = Texts(lang)

    def error(self, status: int, code: str, /, *, key: str | None = None, extra: dict[str, str] | None = None,
              **values: object) -> web.Response:
        words = self.texts(f"link.http.{key or code}", **values)
        return answer({"error": words, "code": code, **(extra or {})}, status=status)

    def refused(self, reason: Refusal) -> web.Response:
        """A command the show refused: 409 when the show's state stands in the way, 400 when the body itself
        can never be taken (an empty request); its refusal code and the catalog's words for it."""
        status = 400 if reason.code in BODY_REFUSALS else 409
        return answer({"error": self.texts.reason(reason), "code": reason.code}, status=status)
