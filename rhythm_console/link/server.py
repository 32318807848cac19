"""The link server inside the manager's console: host panes over WebSocket,
hardware buttons (Stream Deck via Bitfocus Companion) over plain HTTP.

It trusts nothing a client sends beyond its name and its acks. With a token
set, a pane must present it in its hello and HTTP callers as a bearer token;
tokens are compared in constant time. Binding anything but loopback needs a
token.
"""

from __future__ import annotations

import asyncio
import codecs
import hmac
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain

from aiohttp import WSMsgType, web
from pydantic import ValidationError

from rhythm_console.events import (
    Advance,
    CueAcked,
    CueDelivered,
    CueSent,
    Event,
    Extend,
    Hold,
    InsertSegment,
    MetricSample,
    Reorder,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
    Undo,
)
from rhythm_console.i18n import Texts
from rhythm_console.link.address import prompter_url
from rhythm_console.link.config import LinkConfigError, check_bind
from rhythm_console.link.prompter import PrompterRoutes, console_clock
from rhythm_console.link.protocol import (
    ADVANCE_REQUEST,
    BLACKOUT_REQUEST,
    CLOSE_BAD_FRAME,
    CLOSE_UNAUTHORIZED,
    CUE_REQUEST,
    MAX_FRAME_BYTES,
    PANE_FRAME,
    Ack,
    Blackout,
    CueFrame,
    ErrorFrame,
    Hello,
    NextInfo,
    PresetRequest,
    Received,
    SegmentInfo,
    StateFrame,
    Welcome,
    request_problem,
)
from rhythm_console.link.session import LinkSession
from rhythm_console.refusals import Refusal
from rhythm_console.show import (
    CueRecord,
    ShowState,
    ShowStatus,
    display_phase,
    over_tolerance,
    segment_remaining,
    warning_lead,
)
from rhythm_console.stock import remaining_stock
from rhythm_console.units import price, wall_at

log = logging.getLogger(__name__)

HELLO_TIMEOUT = 5.0
STATE_EVERY = 5.0  # seconds between routine state frames, which correct any countdown drift
_STATE_EVENTS = (ShowStarted, ShowEnded, Advance, SegmentStarted, SegmentEnded, Extend, Skip, Hold, Resume, Undo,
                 InsertSegment, Reorder)


UNAUTHORIZED = "a valid token is needed: Authorization: Bearer TOKEN"


def _json(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False))


OUTBOX_LIMIT = 500  # frames queued for a pane that is not reading; past it the pane is dropped


@dataclass(eq=False)
class Pane:
    name: str
    ws: web.WebSocketResponse
    outbox: asyncio.Queue[str] = field(default_factory=asyncio.Queue)
    dropped: bool = False

    def send(self, text: str) -> None:
        if self.dropped:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            # A stalled pane must not grow the console's memory: drop it; it reconnects and catches up by seq.
            self.dropped = True
            asyncio.get_running_loop().create_task(self.ws.close(message=b"too far behind; reconnect"))
            return
        self.outbox.put_nowait(text)


def cue_frame(record: CueRecord, started_wall: datetime, now: float, pane: str | None = None) -> CueFrame:
    return CueFrame(seq=record.cue, text=record.text, level=record.level,
                    sent_wall=wall_at(started_wall, record.sent_at).isoformat(timespec="seconds"),
                    age=max(0.0, now - record.sent_at), target=record.target, segment=record.segment,
                    acked=pane is not None and any(name == pane for name, _ in record.acked))


def reaches(session: LinkSession, target: str | None, pane: str) -> bool:
    """Whether a cue sent to `target` (None: everyone) goes to the pane named `pane`."""
    return target is None or target == pane or session.stand_ins.get(pane) == target


def running_stock(state: ShowState) -> int | None:
    """The running segment's product's stock left, if it has one: the host pane shows it."""
    running = state.running
    product = running.segment.product if running is not None else None
    return remaining_stock(state, product) if product is not None else None


def state_frame(session: LinkSession) -> StateFrame:
    state, now = session.state, session.now()
    running = state.running
    segment = None
    if running is not None:
        product = running.segment.product
        card = None
        left = running_stock(state)
        if product is not None:
            t = Texts(session.lang)
            card = f"{product.name} · {price(product.price)}"
            if left is not None:
                card += f" · {t('product.stock')} {left}/{product.stock}" + (f" {t('product.sold_out')}" if left == 0 else "")
        segment = SegmentInfo(
            id=running.id, title=running.segment.title, kind=running.segment.kind.value, budget=running.budget,
            remaining=segment_remaining(state, running, now), warning_lead=warning_lead(state, running),
            over_tolerance=over_tolerance(state, running), talking_points=running.segment.talking_points,
            product=card, stock=product.stock if product is not None else None, stock_left=left)
    upcoming = state.next_pending() if state.status is not ShowStatus.ended else None  # an ended show has no next
    return StateFrame(title=state.plan.show.title, status=state.status.value, held=state.held,
                      phase=display_phase(state, now), segment=segment,
                      next=NextInfo(title=upcoming.segment.title, budget=upcoming.budget) if upcoming else None,
                      rate=session.clock_rate, at=console_clock())


class LinkServer:
    def __init__(self, session: LinkSession, host: str = "127.0.0.1", port: int = 8765,
                 token: str | None = None) -> None:
        check_bind(host, token)
        self.session = session
        self.host = host
        self.port = port
        self.token = token or None
        self.panes: list[Pane] = []
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._stock_shown: int | None = None  # the running product's stock left in the last state frame
        self.blackout = False  # the browser prompters blanked by the manager
        session.listeners.subscribe(self._on_event)

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_FRAME_BYTES)
        app.router.add_get("/ws", self._websocket)
        app.router.add_post("/api/cue", self._api_cue)
        app.router.add_post("/api/advance", self._api_advance)
        app.router.add_get("/api/state", self._api_state)
        app.router.add_post("/api/blackout", self._api_blackout)
        PrompterRoutes().add_to(app)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            raise LinkConfigError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        if self.port == 0:  # an ephemeral port (tests): learn which
            self.port = self._runner.addresses[0][1]
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        for pane in list(self.panes):
            await pane.ws.close(message=b"the console is closing")
        if self._runner is not None:
            await self._runner.cleanup()
        self.session.listeners.unsubscribe(self._on_event)

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/ws"

    def prompter_url(self) -> str:
        """The browser prompter's address as another machine reaches it (the token in its fragment)."""
        return prompter_url(self.host, self.port, self.token)

    def set_blackout(self, on: bool) -> None:
        """Blank the browser prompters (or bring them back): a pane joining later is told too."""
        self.blackout = on
        text = Blackout(on=on).model_dump_json()
        for pane in self.panes:
            pane.send(text)

    # ------------------------------------------------------------ console -> panes

    def _on_event(self, event: Event, state: ShowState) -> None:
        if isinstance(event, CueSent):
            record = state.cue(event.cue)
            text = cue_frame(record, self.session.started_wall, self.session.now()).model_dump_json()
            for pane in self.panes:
                if reaches(self.session, record.target, pane.name):
                    pane.send(text)
        elif isinstance(event, _STATE_EVENTS):
            self.broadcast_state()
        elif isinstance(event, MetricSample) and running_stock(state) != self._stock_shown:
            self.broadcast_state()  # orders moved the stock the host is selling from

    def broadcast_state(self) -> None:
        """Every pane gets the show as it stands now (a replay calls it when its speed changes)."""
        self._stock_shown = running_stock(self.session.state)
        if not self.panes:
            return
        text = state_frame(self.session).model_dump_json()
        for pane in self.panes:
            pane.send(text)

    def resync(self) -> None:
        """Every pane starts over from the show as it stands now, as if it had just connected to a new
        show: a replay calls it after a seek, with a new session id, so panes drop what they showed."""
        for pane in self.panes:
            for text in self._opening(pane.name, 0):
                pane.send(text)

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(STATE_EVERY)
            self.broadcast_state()

    # ------------------------------------------------------------ websocket

    def _token_ok(self, offered: str | None) -> bool:
        if self.token is None:
            return True
        # surrogatepass: a header's undecodable bytes arrive as surrogates; they must compare, not raise.
        return offered is not None and hmac.compare_digest(offered.encode("utf-8", "surrogatepass"),
                                                           self.token.encode("utf-8", "surrogatepass"))

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=10.0, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        try:
            message = await ws.receive(timeout=HELLO_TIMEOUT)
        except asyncio.TimeoutError:
            await self._refuse(ws, CLOSE_UNAUTHORIZED, "no hello within 5 s")
            return ws
        if message.type is not WSMsgType.TEXT:
            await ws.close(code=CLOSE_BAD_FRAME, message=b"expected a hello frame")
            return ws
        try:
            hello = PANE_FRAME.validate_json(message.data)
        except ValidationError:
            await self._refuse(ws, CLOSE_BAD_FRAME, "the first frame must be a valid hello")
            return ws
        if not isinstance(hello, Hello):
            await self._refuse(ws, CLOSE_BAD_FRAME, "the first frame must be a hello")
            return ws
        if not self._token_ok(hello.token):
            await self._refuse(ws, CLOSE_UNAUTHORIZED, "wrong or missing token")
            return ws
        pane = Pane(hello.name, ws)
        # Cue numbers from another show (a pane left open between shows) mean nothing here.
        last_seq = hello.last_seq if hello.session == self.session.session_id else 0
        writer = asyncio.get_running_loop().create_task(self._write(pane, self._opening(pane.name, last_seq)))
        self.panes.append(pane)
        self.session.panes.join(pane.name)
        try:
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    continue
                try:
                    frame = PANE_FRAME.validate_json(message.data)
                except ValidationError:
                    pane.send(ErrorFrame(reason="unreadable frame ignored").model_dump_json())
                    continue
                if isinstance(frame, Received):
                    self.session.submit(CueDelivered(at=self.session.now(), cue=frame.seq, by=pane.name))
                elif isinstance(frame, Ack):
                    self.session.submit(CueAcked(at=self.session.now(), cue=frame.seq, by=pane.name))
        finally:
            self.panes.remove(pane)
            self.session.panes.leave(pane.name)
            writer.cancel()
        return ws

    async def _refuse(self, ws: web.WebSocketResponse, code: int, reason: str) -> None:
        await ws.send_str(ErrorFrame(reason=reason).model_dump_json())
        await ws.close(code=code, message=reason.encode())

    def _opening(self, name: str, last_seq: int) -> Iterator[str]:
        """Welcome, state and every cue the pane missed, by seq, as the show stands now: a long
        backlog goes out whole instead of filling the outbox that drops a stalled pane."""
        session = self.session
        state, now, started_wall = session.state, session.now(), session.started_wall
        missed = [record for record in state.cues
                  if record.cue > last_seq and reaches(session, record.target, name)]
        # Taken now, not when the writer starts: a cue sent in between is in the outbox, not here as well.
        first = [Welcome(name=name, session=session.session_id).model_dump_json(),
                 state_frame(session).model_dump_json()]
        if self.blackout:
            first.append(Blackout(on=True).model_dump_json())
        return chain(first, (cue_frame(record, started_wall, now, name).model_dump_json() for record in missed))

    async def _write(self, pane: Pane, opening: Iterable[str]) -> None:
        """One writer per pane keeps its frames in order: the opening, then whatever the show sends."""
        try:
            for text in opening:
                await pane.ws.send_str(text)
            while True:
                text = await pane.outbox.get()
                await pane.ws.send_str(text)
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            return

    # ------------------------------------------------------------ HTTP for buttons

    def _authorized(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        header = request.headers.get("Authorization", "")
        scheme, _, offered = header.partition(" ")
        return scheme.lower() == "bearer" and self._token_ok(offered.strip())

    @staticmethod
    def _error(status: int, reason: str) -> web.Response:
        return _json({"error": reason}, status=status)

    @staticmethod
    def _refused(reason: Refusal) -> web.Response:
        """A refused command: buttons and scripts get its code and English words."""
        return _json({"error": Texts("en").reason(reason), "code": reason.code}, status=409)

    async def _body(self, request: web.Request) -> bytes | web.Response:
        """The body as UTF-8 bytes for pydantic, or the 4xx that says why not."""
        if request.charset is not None:
            try:
                charset = codecs.lookup(request.charset).name
            except LookupError:
                charset = request.charset
            if charset not in ("utf-8", "ascii"):
                return self._error(415, "send the body as JSON in UTF-8")
        try:
            return await request.read()
        except web.HTTPRequestEntityTooLarge:
            return self._error(413, f"the body must be at most {MAX_FRAME_BYTES} bytes")

    async def _api_cue(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, UNAUTHORIZED)
        body = await self._body(request)
        if isinstance(body, web.Response):
            return body
        try:
            cue = CUE_REQUEST.validate_json(body)
        except ValidationError as exc:
            return self._error(400, request_problem(exc))
        if isinstance(cue, PresetRequest):
            if self.session.plan.preset(cue.preset) is None:
                return self._error(400, f"no cue preset on key {cue.preset}")
            reason = self.session.send_preset(cue.preset)
        else:
            reason = self.session.send_cue(cue.text, cue.level, origin="http", target=cue.target)
        if reason is not None and reason.code != "action_refused":  # that one's cue itself went out
            return self._refused(reason)
        return _json({"accepted": True, "cue": self.session.state.cues[-1].cue}, status=202)

    async def _api_advance(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, UNAUTHORIZED)
        body = await self._body(request)
        if isinstance(body, web.Response):
            return body
        if body.strip():
            try:
                ADVANCE_REQUEST.validate_json(body)
            except ValidationError as exc:
                return self._error(400, request_problem(exc))
        reason = self.session.start_or_advance()
        if reason is not None:
            return self._refused(reason)
        running = self.session.state.running
        return _json({"accepted": True, "segment": running.id if running else None}, status=202)

    async def _api_state(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, UNAUTHORIZED)
        frame = state_frame(self.session).model_dump(mode="json")
        frame.pop("type")
        frame["panes"] = sorted({pane.name for pane in self.panes})
        frame["cues"] = len(self.session.state.cues)
        return _json(frame)

    async def _api_blackout(self, request: web.Request) -> web.Response:
        """POST /api/blackout: {"on": true|false}, or no body to toggle."""
        if not self._authorized(request):
            return self._error(401, UNAUTHORIZED)
        body = await self._body(request)
        if isinstance(body, web.Response):
            return body
        on = not self.blackout
        if body.strip():
            try:
                wanted = BLACKOUT_REQUEST.validate_json(body).on
            except ValidationError as exc:
                return self._error(400, request_problem(exc))
            on = on if wanted is None else wanted
        self.set_blackout(on)
        return _json({"accepted": True, "blackout": on}, status=202)
