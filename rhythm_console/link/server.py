"""The link server inside the manager's console: host panes over WebSocket,
hardware buttons (Stream Deck via Bitfocus Companion) over plain HTTP.

It trusts nothing a client sends beyond its name and its acks. With a token
set, a pane must present it in its hello and HTTP callers as a bearer token;
tokens are compared in constant time. Binding anything but loopback needs a
token.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime

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
    Reorder,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
)
from rhythm_console.i18n import Texts
from rhythm_console.link.protocol import (
    CLOSE_BAD_FRAME,
    CLOSE_UNAUTHORIZED,
    MAX_FRAME_BYTES,
    PANE_FRAME,
    Ack,
    CueFrame,
    ErrorFrame,
    Hello,
    NextInfo,
    Received,
    SegmentInfo,
    StateFrame,
    Welcome,
)
from rhythm_console.plan import CueLevel
from rhythm_console.refusals import Refusal
from rhythm_console.session import LiveSession
from rhythm_console.show import (
    CueRecord,
    ShowState,
    display_phase,
    over_tolerance,
    segment_remaining,
    warning_lead,
)
from rhythm_console.units import price, wall_at

log = logging.getLogger(__name__)

HELLO_TIMEOUT = 5.0
STATE_EVERY = 5.0  # seconds between routine state frames, which correct any countdown drift
_STATE_EVENTS = (ShowStarted, ShowEnded, Advance, SegmentStarted, SegmentEnded, Extend, Skip, Hold, Resume,
                 InsertSegment, Reorder)


def _json(data: object, status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False))


class LinkConfigError(ValueError):
    """A --listen/--token combination that cannot be used."""


def check_bind(host: str, token: str | None) -> None:
    """Anything wider than loopback needs a token."""
    if token:
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise LinkConfigError(f"listening on {host} reaches other machines: set a token (--token or RHYTHM_TOKEN)")


def ensure_port_free(host: str, port: int) -> None:
    """Fail before any screen opens (and before a journal is made) when the address is taken."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise LinkConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "another console (or program) is using it" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise LinkConfigError(f"cannot listen on {host}:{port}: {reason}") from None


def token_from(flag: str | None) -> str | None:
    """--token, else the RHYTHM_TOKEN environment variable; an empty one means none."""
    return flag or os.environ.get("RHYTHM_TOKEN") or None


def listen_settings(listen: str | None, token_flag: str | None) -> tuple[str, int, str | None] | None:
    """--listen and --token checked before any screen opens: (host, port, token), or None without --listen."""
    if not listen:
        if token_flag:
            raise LinkConfigError("--token needs --listen")
        return None
    token = token_from(token_flag)
    host, port = parse_listen(listen)
    check_bind(host, token)
    ensure_port_free(host, port)
    return host, port, token


def parse_listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        raise LinkConfigError(f'--listen "{text}" is not HOST:PORT') from None
    if not 0 <= number <= 65535:
        raise LinkConfigError(f"port {number} is out of range")
    return host, number


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
                    age=max(0.0, now - record.sent_at), target=record.target,
                    acked=pane is not None and any(name == pane for name, _ in record.acked))


def state_frame(session: LiveSession) -> StateFrame:
    state, now = session.state, session.now()
    running = state.running
    segment = None
    if running is not None:
        product = running.segment.product
        card = None
        if product is not None:
            stock = Texts(session.lang)("product.stock")
            card = f"{product.name} · {price(product.price)}" + (f" · {stock} {product.stock}" if product.stock is not None else "")
        segment = SegmentInfo(
            id=running.id, title=running.segment.title, kind=running.segment.kind.value, budget=running.budget,
            remaining=segment_remaining(state, running, now), warning_lead=warning_lead(state, running),
            over_tolerance=over_tolerance(state, running), talking_points=running.segment.talking_points,
            product=card)
    upcoming = state.next_pending()
    return StateFrame(title=state.plan.show.title, status=state.status.value, held=state.held,
                      phase=display_phase(state, now), segment=segment,
                      next=NextInfo(title=upcoming.segment.title, budget=upcoming.budget) if upcoming else None)


class LinkServer:
    def __init__(self, session: LiveSession, host: str = "127.0.0.1", port: int = 8765,
                 token: str | None = None) -> None:
        check_bind(host, token)
        self.session = session
        self.host = host
        self.port = port
        self.token = token or None
        self.panes: list[Pane] = []
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        session.listeners.append(self._on_event)

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_FRAME_BYTES)
        app.router.add_get("/ws", self._websocket)
        app.router.add_post("/api/cue", self._api_cue)
        app.router.add_post("/api/advance", self._api_advance)
        app.router.add_get("/api/state", self._api_state)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            raise LinkConfigError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        if self.port == 0:  # an ephemeral port (tests): learn which
            self.port = site._server.sockets[0].getsockname()[1]
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        for pane in list(self.panes):
            await pane.ws.close(message=b"the console is closing")
        if self._runner is not None:
            await self._runner.cleanup()
        if self._on_event in self.session.listeners:
            self.session.listeners.remove(self._on_event)

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/ws"

    # ------------------------------------------------------------ console -> panes

    def _on_event(self, event: Event, state: ShowState) -> None:
        if isinstance(event, CueSent):
            record = state.cue(event.cue)
            text = cue_frame(record, self.session.started_wall, self.session.now()).model_dump_json()
            for pane in self.panes:
                if record.target is None or record.target == pane.name:
                    pane.send(text)
        elif isinstance(event, _STATE_EVENTS):
            self._broadcast_state()

    def _broadcast_state(self) -> None:
        if not self.panes:
            return
        text = state_frame(self.session).model_dump_json()
        for pane in self.panes:
            pane.send(text)

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(STATE_EVERY)
            self._broadcast_state()

    # ------------------------------------------------------------ websocket

    def _token_ok(self, offered: str | None) -> bool:
        if self.token is None:
            return True
        return offered is not None and hmac.compare_digest(offered.encode(), self.token.encode())

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
        writer = asyncio.get_running_loop().create_task(self._write(pane))
        session_id = self.session.session_id
        # Cue numbers from another show (a pane left open between shows) mean nothing here.
        last_seq = hello.last_seq if hello.session == session_id else 0
        pane.send(Welcome(name=pane.name, session=session_id).model_dump_json())
        pane.send(state_frame(self.session).model_dump_json())
        state, now = self.session.state, self.session.now()
        for record in state.cues:  # catch up on what it missed, by seq
            if record.cue > last_seq and (record.target is None or record.target == pane.name):
                pane.send(cue_frame(record, self.session.started_wall, now, pane.name).model_dump_json())
        self.panes.append(pane)
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
            writer.cancel()
        return ws

    async def _refuse(self, ws: web.WebSocketResponse, code: int, reason: str) -> None:
        await ws.send_str(ErrorFrame(reason=reason).model_dump_json())
        await ws.close(code=code, message=reason.encode())

    async def _write(self, pane: Pane) -> None:
        """One writer per pane keeps its frames in order."""
        try:
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

    async def _api_cue(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, "a valid token is needed: Authorization: Bearer TOKEN")
        try:
            body = await request.json(loads=json.loads)
        except (ValueError, web.HTTPRequestEntityTooLarge):
            return self._error(400, "the body must be JSON: {\"text\": ..., \"level\": ...} or {\"preset\": KEY}")
        if not isinstance(body, dict):
            return self._error(400, "the body must be a JSON object")
        if "preset" in body:
            if set(body) != {"preset"}:
                return self._error(400, "send either {\"preset\": KEY} or {\"text\": ..., \"level\": ...}")
            key = str(body["preset"])
            if self.session.plan.preset(key) is None:
                return self._error(400, f"no cue preset on key {key}")
            reason = self.session.send_preset(key)
        else:
            text, level, target = body.get("text"), body.get("level", "info"), body.get("target")
            extra = set(body) - {"text", "level", "target"}
            if extra:
                return self._error(400, f"unknown field(s): {', '.join(sorted(extra))}")
            if not isinstance(text, str) or not text.strip() or len(text) > 500:
                return self._error(400, "text must be a non-empty string of at most 500 characters")
            if level not in {lv.value for lv in CueLevel}:
                return self._error(400, "level must be info, warn or urgent")
            if target is not None and (not isinstance(target, str) or not 0 < len(target) <= 40):
                return self._error(400, "target must be a pane's name")
            reason = self.session.send_cue(text, CueLevel(level), origin="http", target=target)
        if reason is not None and reason.code != "action_refused":  # the cue itself went out
            return self._refused(reason)
        return _json({"accepted": True, "cue": self.session.state.cues[-1].cue}, status=202)

    async def _api_advance(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, "a valid token is needed: Authorization: Bearer TOKEN")
        reason = self.session.start_or_advance()
        if reason is not None:
            return self._refused(reason)
        running = self.session.state.running
        return _json({"accepted": True, "segment": running.id if running else None}, status=202)

    async def _api_state(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._error(401, "a valid token is needed: Authorization: Bearer TOKEN")
        frame = state_frame(self.session).model_dump(mode="json")
        frame.pop("type")
        frame["panes"] = sorted({pane.name for pane in self.panes})
        frame["cues"] = len(self.session.state.cues)
        return _json(frame)
