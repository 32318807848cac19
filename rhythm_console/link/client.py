"""The pane's side of the cue link: connect, say hello, reconnect with backoff,
and hand on every cue once (by seq), however often the connection drops."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from enum import Enum

import aiohttp
from pydantic import ValidationError

from rhythm_console.events import RequestKind
from rhythm_console.i18n import Texts
from rhythm_console.link.config import normalise_url
from rhythm_console.link.protocol import (
    CLOSE_UNAUTHORIZED,
    CONSOLE_FRAME,
    MAX_FRAME_BYTES,
    Ack,
    CueFrame,
    ErrorFrame,
    Hello,
    Received,
    RequestFrame,
    RequestStatus,
    StateFrame,
    Welcome,
)
from rhythm_console.link.unreachable import why_not_connected

log = logging.getLogger(__name__)


# The console's access check refused the connection before the hello (see access.py): retrying cannot help.
REFUSED_ADDRESS = {421: "link.pane.wrong_host", 403: "link.pane.wrong_origin"}  # said in the pane's language


class LinkStatus(str, Enum):
    connecting = "connecting"
    connected = "connected"
    retrying = "retrying"
    refused = "refused"  # wrong token or an address the console does not answer to: retrying would not help
    closed = "closed"


@dataclass(frozen=True)
class StatusChanged:
    status: LinkStatus
    reason: str | None = None


@dataclass(frozen=True)
class NewShow:
    """The console now runs another show: its cue numbers start again."""


LinkUpdate = CueFrame | StateFrame | RequestStatus | StatusChanged | NewShow


class LinkClient:
    """`updates()` runs the link and yields what the pane should show; whoever iterates it (a
    Textual worker in the host pane) owns the connection, and cancelling it closes the link."""

    def __init__(self, url: str, *, name: str = "host", token: str | None = None,
                 backoff: tuple[float, float] = (0.25, 5.0), lang: str = "zh") -> None:
        self.url = normalise_url(url)
        self.texts = Texts(lang)  # the pane's words where the console gave no reason of its own
        self.name = name
        self.token = token
        self.session: str | None = None
        self.backoff = backoff
        self.last_seq = 0
        self.status = LinkStatus.connecting
        self.connections = 0
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._seen: set[int] = set()
        self._error: str | None = None  # the console's last error frame on this connection

    def _set(self, status: LinkStatus, reason: str | None) -> StatusChanged:
        self.status = status
        return StatusChanged(status, reason)

    async def ack(self, seq: int) -> bool:
        """Tell the console the host has seen cue `seq`; False if not connected (retry later)."""
        return await self._send(Ack(seq=seq).model_dump_json())

    async def request(self, kind: RequestKind, text: str | None = None, segment: str | None = None) -> bool:
        """Ask the manager something (扁平化) in `segment`, the one the pane shows; False if not connected. The
        answer comes as a RequestStatus."""
        return await self._send(RequestFrame(kind=kind, text=text, segment=segment).model_dump_json(exclude_none=True))

    async def _send(self, text: str) -> bool:
        ws = self._ws
        if ws is None or ws.closed:
            return False
        try:
            await ws.send_str(text)
            return True
        except (ConnectionError, RuntimeError):
            return False

    async def updates(self) -> AsyncGenerator[LinkUpdate, None]:
        delay = self.backoff[0]
        try:
            async with aiohttp.ClientSession() as http:
                while True:
                    yield self._set(LinkStatus.connecting, None)
                    reason: str | None = None
                    try:
                        async with http.ws_connect(self.url, heartbeat=10.0, max_msg_size=MAX_FRAME_BYTES,
                                                   timeout=aiohttp.ClientWSTimeout(ws_close=2.0)) as ws:
                            self._ws = ws
                            self._error = None
                            await ws.send_str(Hello(name=self.name, token=self.token, last_seq=self.last_seq,
                                                    session=self.session).model_dump_json())
                            async for update in self._receive(ws):
                                yield update
                            reason = self._error
                            if ws.close_code == CLOSE_UNAUTHORIZED:
                                yield self._set(LinkStatus.refused, reason or self.texts("link.pane.refused_token"))
                                return
                            delay = self.backoff[0]
                    except aiohttp.WSServerHandshakeError as exc:
                        if exc.status in REFUSED_ADDRESS:  # the same address would be refused again
                            yield self._set(LinkStatus.refused, self.texts(REFUSED_ADDRESS[exc.status]))
                            return
                        reason = self._why_not_connected(exc)
                    except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                        reason = self._why_not_connected(exc)
                    finally:
                        self._ws = None
                    yield self._set(LinkStatus.retrying, reason or self.texts("link.pane.closed"))
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, self.backoff[1])
        finally:
            if self.status is not LinkStatus.refused:
                self.status = LinkStatus.closed

    def _why_not_connected(self, exc: BaseException) -> str:
        """In the pane's language (连不上 127.0.0.1:8765（被拒绝）), not aiohttp's English."""
        said = why_not_connected(exc)
        if said is not None:
            code, values = said
            return self.texts(f"link.pane.{code}", **values)
        if isinstance(exc, asyncio.TimeoutError):
            return self.texts("link.pane.timeout")
        return str(exc) or type(exc).__name__

    async def _receive(self, ws: aiohttp.ClientWebSocketResponse) -> AsyncIterator[LinkUpdate]:
        async for message in ws:
            if message.type is not aiohttp.WSMsgType.TEXT:
                continue
            try:
                frame = CONSOLE_FRAME.validate_json(message.data)
            except ValidationError:
                log.warning("unreadable frame from the console ignored")
                continue
            if isinstance(frame, Welcome):
                if frame.session != self.session:
                    if self.session is not None:  # another show: its cue numbers start again
                        self._seen.clear()
                        self.last_seq = 0
                        yield NewShow()
                    self.session = frame.session
                self.connections += 1
                yield self._set(LinkStatus.connected, None)
            elif isinstance(frame, StateFrame | RequestStatus):
                yield frame
            elif isinstance(frame, CueFrame):
                await ws.send_str(Received(seq=frame.seq).model_dump_json())
                if frame.seq in self._seen:
                    continue  # a resend after a reconnect: shown once already
                self._seen.add(frame.seq)
                self.last_seq = max(self.last_seq, frame.seq)
                yield frame
            elif isinstance(frame, ErrorFrame):
                self._error = frame.reason
