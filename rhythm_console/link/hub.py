"""The WebSocket hub: the panes connected to the console, what each is sent, and what each may say back.

A pane's first frame must be a hello (with the token when the console has one); after it the pane is sent
the show as it stands and every cue it missed, then whatever the show sends. It trusts nothing a pane sends
beyond its name and its received/ack frames. Who may open the WebSocket at all (Host, Origin) is the
access middleware's to decide, before the upgrade.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Literal

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
    RequestAnswered,
    RequestMade,
    Resume,
    SegmentEnded,
    SegmentStarted,
    ShowEnded,
    ShowStarted,
    Skip,
    Undo,
)
from rhythm_console.i18n import Texts
from rhythm_console.link.config import token_matches
from rhythm_console.link.frames import cue_frame, reaches, running_stock, state_frame
from rhythm_console.link.protocol import (
    CLOSE_BAD_FRAME,
    CLOSE_HELLO_LATE,
    CLOSE_UNAUTHORIZED,
    MAX_FRAME_BYTES,
    PANE_FRAME,
    Ack,
    Blackout,
    ErrorFrame,
    Hello,
    Received,
    RequestFrame,
    RequestStatus,
    Welcome,
)
from rhythm_console.link.session import LinkSession
from rhythm_console.show import RequestRecord, ShowState

HELLO_TIMEOUT = 5.0
STATE_EVERY = 5.0  # seconds between routine state frames, which correct any countdown drift
OUTBOX_LIMIT = 500  # frames queued for a pane that is not reading; past it the pane is dropped
_STATE_EVENTS = (ShowStarted, ShowEnded, Advance, SegmentStarted, SegmentEnded, Extend, Skip, Hold, Resume, Undo,
                 InsertSegment, Reorder)


@dataclass(eq=False)
class Pane:
    name: str
    ws: web.WebSocketResponse
    behind: str = ""  # why it is dropped when it stops reading, in the console's language
    outbox: asyncio.Queue[str] = field(default_factory=asyncio.Queue)
    dropped: bool = False

    def send(self, text: str) -> None:
        if self.dropped:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            # A stalled pane must not grow the console's memory: drop it; it reconnects and catches up by seq.
            self.dropped = True
            asyncio.get_running_loop().create_task(self.ws.close(message=self.behind.encode()))
            return
        self.outbox.put_nowait(text)


class PaneHub:
    """GET /ws: the panes, fed from the session's events and a routine state frame every STATE_EVERY s."""

    def __init__(self, session: LinkSession, token: str | None) -> None:
        self.session = session
        self.token = token
        self.panes: list[Pane] = []
        self.blackout = False  # the browser prompters blanked by the manager
        self._stock_shown: int | None = None  # the running product's stock left in the last state frame
        self._ticker: asyncio.Task[None] | None = None
        session.listeners.subscribe(self._on_event)
        if hasattr(session, "connected_panes"):  # a live session journals which panes each cue went to
            session.connected_panes = self.pane_names

    def add_to(self, app: web.Application) -> None:
        app.router.add_get("/ws", self._websocket)

    def start(self) -> None:
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
        closing = self.texts("link.ws.closing").encode()
        for pane in list(self.panes):
            await pane.ws.close(message=closing)
        self.session.listeners.unsubscribe(self._on_event)
        if hasattr(self.session, "connected_panes") and self.session.connected_panes == self.pane_names:
            self.session.connected_panes = tuple  # no hub, no pane

    @property
    def texts(self) -> Texts:
        """The console's words: a pane's language is its own (it says none in its hello)."""
        return Texts(self.session.lang)

    def pane_names(self) -> list[str]:
        """The panes connected now (one being dropped for falling behind no longer counts)."""
        return [pane.name for pane in self.panes if not pane.dropped]

    # ------------------------------------------------------------ console -> panes

    def set_blackout(self, on: bool) -> None:
        """Blank the browser prompters (or bring them back): a pane joining later is told too."""
        self.blackout = on
        text = Blackout(on=on).model_dump_json()
        for pane in self.panes:
            pane.send(text)

    def _on_event(self, event: Event, state: ShowState) -> None:
        if isinstance(event, CueSent):
            record = state.cue(event.cue)
            if record is None:  # listeners hear of applied events only: the cue is in the state
                return
            text = cue_frame(record, self.session.started_wall, self.session.now()).model_dump_json()
            for pane in self.panes:
                if reaches(self.session, record.target, pane.name):
                    pane.send(text)
        elif isinstance(event, _STATE_EVENTS):
            self.broadcast_state()
            if isinstance(event, Undo):  # an accepted +1 minute or next taken back: its asker is told
                for undone in state.requests:
                    if undone.undone_at == event.at:
                        self._tell_asker(undone)
        elif isinstance(event, MetricSample) and running_stock(state) != self._stock_shown:
            self.broadcast_state()  # orders moved the stock the host is selling from
        elif isinstance(event, RequestMade | RequestAnswered):
            asked = state.request(event.request)
            if asked is not None:
                self._tell_asker(asked)

    def _tell_asker(self, record: RequestRecord) -> None:
        """The pane that asked hears its request was taken, then the manager's answer (and its undoing)."""
        status: Literal["open", "accepted", "declined", "undone"] = (
            "open" if record.open else "undone" if record.undone_at is not None
            else "accepted" if record.accepted else "declined")
        text = RequestStatus(request=record.request, kind=record.kind, text=record.text,
                             status=status).model_dump_json()
        for pane in self.panes:
            if pane.name == record.by:
                pane.send(text)

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

    # ------------------------------------------------------------ one pane's connection

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=10.0, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        hello = await self._hello(ws)
        if hello is None:
            return ws
        pane = Pane(hello.name, ws, behind=self.texts("link.ws.behind"))
        # Cue numbers from another show (a pane left open between shows) mean nothing here.
        last_seq = hello.last_seq if hello.session == self.session.session_id else 0
        self._confirm_shown(pane.name, last_seq)
        writer = asyncio.get_running_loop().create_task(self._write(pane, self._opening(pane.name, last_seq)))
        self.panes.append(pane)
        self.session.panes.join(pane.name)  # where advice for ops can go (session.advice_target)
        try:
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    self._heard(pane, message.data)
        finally:
            self.panes.remove(pane)
            self.session.panes.leave(pane.name)
            writer.cancel()
        return ws

    async def _hello(self, ws: web.WebSocketResponse) -> Hello | None:
        """The pane's hello, or None once the connection has been refused with a reason."""
        try:
            message = await ws.receive(timeout=HELLO_TIMEOUT)
        except asyncio.TimeoutError:
            await self._refuse(ws, CLOSE_HELLO_LATE, self.texts("link.ws.no_hello", seconds=HELLO_TIMEOUT))
            return None
        if message.type is not WSMsgType.TEXT:
            await ws.close(code=CLOSE_BAD_FRAME, message=self.texts("link.ws.not_text").encode())
            return None
        try:
            hello = PANE_FRAME.validate_json(message.data)
        except ValidationError:
            await self._refuse(ws, CLOSE_BAD_FRAME, self.texts("link.ws.bad_hello"))
            return None
        if not isinstance(hello, Hello):
            await self._refuse(ws, CLOSE_BAD_FRAME, self.texts("link.ws.not_hello"))
            return None
        if not token_matches(self.token, hello.token):
            await self._refuse(ws, CLOSE_UNAUTHORIZED, self.texts("link.ws.token"))
            return None
        return hello

    def _heard(self, pane: Pane, data: str) -> None:
        try:
            frame = PANE_FRAME.validate_json(data)
        except ValidationError:
            pane.send(ErrorFrame(reason=self.texts("link.ws.unreadable")).model_dump_json())
            return
        if isinstance(frame, Received):
            self.session.submit(CueDelivered(at=self.session.now(), cue=frame.seq, by=pane.name))
        elif isinstance(frame, Ack):
            self.session.submit(CueAcked(at=self.session.now(), cue=frame.seq, by=pane.name))
        elif isinstance(frame, RequestFrame):
            reason = self.session.request(frame.kind, by=pane.name, text=frame.text, segment=frame.segment)
            if reason is not None:  # taken, the event tells the pane (above); refused, it is told why here
                pane.send(RequestStatus(kind=frame.kind, text=frame.text, status="refused",
                                        reason=self.texts.reason(reason), code=reason.code).model_dump_json())

    def _confirm_shown(self, name: str, last_seq: int) -> None:
        """A pane's hello says it has shown every cue meant for it up to `last_seq` (each connection sends them in
        order, and catches up from there): one whose received frame went with a dropped connection (a pane that
        stalled, was dropped, then read the cue on coming back) is confirmed now, not left 未送达 for ever."""
        session = self.session
        for record in session.state.cues:
            if record.cue > last_seq:
                break
            if reaches(session, record.target, name) and all(by != name for by, _ in record.delivered):
                session.submit(CueDelivered(at=session.now(), cue=record.cue, by=name))

    @staticmethod
    async def _refuse(ws: web.WebSocketResponse, code: int, reason: str) -> None:
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

    @staticmethod
    async def _write(pane: Pane, opening: Iterable[str]) -> None:
        """One writer per pane keeps its frames in order: the opening, then whatever the show sends."""
        try:
            for text in opening:
                await pane.ws.send_str(text)
            while True:
                text = await pane.outbox.get()
                await pane.ws.send_str(text)
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            return
