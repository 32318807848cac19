"""The HTTP API for hardware buttons and scripts: send a cue or a preset, start or advance, black out the
browser prompters, read the state. Access (Host, Origin, token, the body's type and size) is checked by the
middleware before a handler runs; a handler validates the body it is handed and answers 202, 400 or 409."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web
from pydantic import ValidationError

from rhythm_console.i18n import Texts
from rhythm_console.link.access import BODY, Access
from rhythm_console.link.frames import state_frame
from rhythm_console.link.hub import PaneHub
from rhythm_console.link.protocol import ADVANCE_REQUEST, BLACKOUT_REQUEST, CUE_REQUEST, REQUEST_BODY, PresetRequest
from rhythm_console.link.replies import Replies, answer
from rhythm_console.link.session import LinkSession
from rhythm_console.vocabulary import accepted

# What a body must look like, said in an error (JSON, so not in the catalog's words).
CUE_EXAMPLE = '{"text": ..., "level": ...}'
PRESET_EXAMPLE = '{"preset": KEY}'
REQUEST_EXAMPLE = '{"kind": "extend" | "sample_missing" | "tech_problem" | "next" | "text", "text": ...}'
ADVANCE_EXAMPLE = '{"from": SEGMENT}'  # or {}, or no body at all
BLACKOUT_EXAMPLE = '{"on": true | false}'  # or no body, to toggle
_FIELDS_WITH_RULES = ("text", "level", "target", "preset", "on", "kind", "by", "from", "segment")


@dataclass(frozen=True)
class Problem:
    """What is wrong with a body: the catalog key under link.http., its values, and the field when one."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    field: str | None = None


def body_problem(error: ValidationError, texts: Texts) -> Problem:
    problems = error.errors(include_url=False, include_input=False)
    first = problems[0]
    if first["type"] == "json_invalid":
        return Problem("bad_json", {"cue": CUE_EXAMPLE, "preset": PRESET_EXAMPLE})
    if first["type"] in ("model_type", "model_attributes_type"):
        return Problem("not_object")
    extra = sorted(str(problem["loc"][-1]) for problem in problems if problem["type"] == "extra_forbidden")
    if first["loc"][:1] == ("preset",) and len(first["loc"]) == 2 and extra:  # /api/cue's preset branch
        return Problem("preset_or_text", {"cue": CUE_EXAMPLE, "preset": PRESET_EXAMPLE})
    if extra:
        return Problem("unknown_fields", {"fields": extra})  # said as a list in the console's language
    name = str(first["loc"][-1])  # a location starts with the union's tag on /api/cue
    if first["type"] == "control_character":
        return Problem("control_characters", {"field": name}, name)
    if name == "level":
        return Problem("field.level", {"words": texts.listed(accepted("level", texts.lang))}, name)
    if name in _FIELDS_WITH_RULES:
        return Problem(f"field.{name}", {}, name)
    return Problem("field.other", {"field": name}, name)


class ButtonApi:
    """POST /api/cue, /api/advance, /api/blackout, /api/request and GET /api/state, all behind the token."""

    def __init__(self, session: LinkSession, hub: PaneHub, replies: Replies) -> None:
        self.session = session
        self.hub = hub
        self.replies = replies

    def add_to(self, app: web.Application, access: Access) -> None:
        for route in (app.router.add_post("/api/cue", self._cue), app.router.add_post("/api/advance", self._advance),
                      app.router.add_post("/api/blackout", self._blackout), app.router.add_post("/api/request", self._request),
                      app.router.add_get("/api/state", self._state)):
            access.protect(route)

    def _bad_body(self, error: ValidationError, example: str | None = None) -> web.Response:
        """400 for a body the route cannot take; a body that is no JSON is shown the route's own shape
        (`example`; /api/cue's two shapes when none)."""
        problem = body_problem(error, self.replies.texts)
        if problem.key == "bad_json" and example is not None:
            return self.replies.error(400, "bad_json", key="bad_json_body", example=example)
        code = "bad_field" if problem.field is not None else problem.key
        extra = {"field": problem.field} if problem.field is not None else None
        return self.replies.error(400, code, key=problem.key, extra=extra, **problem.values)

    async def _cue(self, request: web.Request) -> web.Response:
        try:
            cue = CUE_REQUEST.validate_json(request[BODY])
        except ValidationError as exc:
            return self._bad_body(exc)
        if isinstance(cue, PresetRequest):
            if self.session.plan.preset(cue.preset) is None:
                return self.replies.error(400, "no_preset", preset=cue.preset[:40])
            reason = self.session.send_preset(cue.preset)
        else:
            reason = self.session.send_cue(cue.text, cue.level, origin="http", target=cue.target)
        if reason is not None and reason.code != "action_refused":  # that one's cue itself went out
            return self.replies.refused(reason)
        return answer({"accepted": True, "cue": self.session.state.cues[-1].cue}, status=202)

    async def _advance(self, request: web.Request) -> web.Response:
        """{"from": SEGMENT} moves on only from that segment; {} or no body, only if it repeats no advance just
        made (a bounced button, a retried script would skip a segment)."""
        body: bytes = request[BODY]
        leaving = None
        if body.strip():
            try:
                leaving = ADVANCE_REQUEST.validate_json(body).leaving
            except ValidationError as exc:
                return self._bad_body(exc, ADVANCE_EXAMPLE)
        reason = self.session.press_advance(leaving)
        if reason is not None:
            return self.replies.refused(reason)
        running = self.session.state.running
        return answer({"accepted": True, "segment": running.id if running else None}, status=202)

    async def _blackout(self, request: web.Request) -> web.Response:
        """{"on": true|false}, or no body to toggle."""
        body: bytes = request[BODY]
        on = not self.hub.blackout
        if body.strip():
            try:
                wanted = BLACKOUT_REQUEST.validate_json(body).on
            except ValidationError as exc:
                return self._bad_body(exc, BLACKOUT_EXAMPLE)
            on = on if wanted is None else wanted
        self.hub.set_blackout(on)
        return answer({"accepted": True, "blackout": on}, status=202)

    async def _request(self, request: web.Request) -> web.Response:
        """A request to the manager, as a pane sends it: {"kind": ..., "text": ..., "by": ...}."""
        try:
            body = REQUEST_BODY.validate_json(request[BODY])
        except ValidationError as exc:
            return self._bad_body(exc, REQUEST_EXAMPLE)
        reason = self.session.request(body.kind, by=body.by or "http", text=body.text, origin="http",
                                      segment=body.segment)
        if reason is not None:
            return self.replies.refused(reason)
        return answer({"accepted": True, "request": self.session.state.requests[-1].request}, status=202)

    async def _state(self, request: web.Request) -> web.Response:
        frame = state_frame(self.session).model_dump(mode="json")
        frame.pop("type")
        frame["panes"] = sorted({pane.name for pane in self.hub.panes})
        frame["cues"] = len(self.session.state.cues)
        return answer(frame)
