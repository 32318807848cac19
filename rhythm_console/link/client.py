"""The pane's side of the cue link: connect, say hello, reconnect with backoff,
and hand on every cue once (by seq), however often the connection drops."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from enum import Enum

import aiohttp
from pydantic import ValidationError

from rhythm_console.link.protocol import (
    CLOSE_UNAUTHORIZED,
    CONSOLE_FRAME,
    MAX_FRAME_BYTES,
    Ack,
    CueFrame,
    ErrorFrame,
    Hello,
    Received,
    StateFrame,
    Welcome,
)

log = logging.getLogger(__name__)


class LinkStatus(str, Enum):
    connecting = "connecting"
    connected = "connected"
    retrying = "retrying"
    refused = "refused"  # wrong token: retrying would not help
    closed = "closed"


def normalise_url(url: str) -> str:
    """ws://host:port → ws://host:port/ws (the path is optional on the command line)."""
    if not url.startswith(("ws://", "wss://")):
        raise ValueError(f'"{url}" is not a ws:// address (e.g. ws://127.0.0.1:8765)')
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    if not host:
        raise ValueError(f'"{url}" has no host')
    return f"{scheme}://{host}/{path or 'ws'}"


class LinkClient:
    def __init__(self, url: str, *, name: str = "host", token: str | None = None,
                 on_cue: Callable[[CueFrame], None] = lambda frame: None,
                 on_state: Callable[[StateFrame], None] = lambda frame: None,
                 on_status: Callable[[LinkStatus, str | None], None] = lambda status, reason: None,
                 on_new_show: Callable[[], None] = lambda: None,
                 backoff: tuple[float, float] = (0.25, 5.0)) -> None:
        self.url = normalise_url(url)
        self.name = name
        self.token = token
        self.on_cue = on_cue
        self.on_state = on_state
        self.on_status = on_status
        self.on_new_show = on_new_show
        self.session: str | None = None
        self.backoff = backoff
        self.last_seq = 0
        self.status = LinkStatus.connecting
        self.connections = 0
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._task: asyncio.Task[None] | None = None
        self._seen: set[int] = set()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._set(LinkStatus.closed, None)

    def _set(self, status: LinkStatus, reason: str | None) -> None:
        self.status = status
        self.on_status(status, reason)

    async def ack(self, seq: int) -> bool:
        """Tell the console the host has seen cue `seq`; False if not connected (retry later)."""
        return await self._send(Ack(seq=seq).model_dump_json())

    async def _send(self, text: str) -> bool:
        ws = self._ws
        if ws is None or ws.closed:
            return False
        try:
            await ws.send_str(text)
            return True
        except (ConnectionError, RuntimeError):
            return False

    async def run(self) -> None:
        delay = self.backoff[0]
        async with aiohttp.ClientSession() as http:
            while True:
                self._set(LinkStatus.connecting, None)
                reason: str | None = None
                try:
                    async with http.ws_connect(self.url, heartbeat=10.0, max_msg_size=MAX_FRAME_BYTES,
                                               timeout=aiohttp.ClientWSTimeout(ws_close=2.0)) as ws:
                        self._ws = ws
                        await ws.send_str(Hello(name=self.name, token=self.token, last_seq=self.last_seq, session=self.session).model_dump_json())
                        reason = await self._receive(ws)
                        if ws.close_code == CLOSE_UNAUTHORIZED:
                            self._set(LinkStatus.refused, reason or "the console refused the token")
                            return
                        delay = self.backoff[0]
                except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                    reason = str(exc) or type(exc).__name__
                finally:
                    self._ws = None
                self._set(LinkStatus.retrying, reason or "the console closed the link")
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff[1])

    async def _receive(self, ws: aiohttp.ClientWebSocketResponse) -> str | None:
        reason = None
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
                        self.on_new_show()
                    self.session = frame.session
                self.connections += 1
                self._set(LinkStatus.connected, None)
            elif isinstance(frame, StateFrame):
                self.on_state(frame)
            elif isinstance(frame, CueFrame):
                await ws.send_str(Received(seq=frame.seq).model_dump_json())
                if frame.seq in self._seen:
                    continue  # a resend after a reconnect: shown once already
                self._seen.add(frame.seq)
                self.last_seq = max(self.last_seq, frame.seq)
                self.on_cue(frame)
            elif isinstance(frame, ErrorFrame):
                reason = frame.reason
        return reason
