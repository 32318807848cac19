"""A link client run the way the host pane runs it (iterating its updates), recording what it hands on."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing, asynccontextmanager

from rhythm_console.link.client import LinkClient, LinkStatus, NewShow, StatusChanged
from rhythm_console.link.protocol import CueFrame, StateFrame
from rhythm_console.link.server import LinkServer
from rhythm_console.link.session import LinkSession
from tests.support.waiting import until


class RecordingPane:
    def __init__(self, url: str, *, name: str = "host", token: str | None = None, lang: str = "zh") -> None:
        self.client = LinkClient(url, name=name, token=token, backoff=(0.02, 0.1), lang=lang)
        self.cues: list[CueFrame] = []
        self.states: list[StateFrame] = []
        self.statuses: list[StatusChanged] = []
        self.new_shows = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._follow())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _follow(self) -> None:
        async with aclosing(self.client.updates()) as updates:
            async for update in updates:
                match update:
                    case CueFrame():
                        self.cues.append(update)
                    case StateFrame():
                        self.states.append(update)
                    case StatusChanged():
                        self.statuses.append(update)
                    case NewShow():
                        self.new_shows += 1


class PaneOpener:
    """Panes a test opens on one console's link, all stopped at its end (tests/integration/conftest.py)."""

    def __init__(self, url: str, *, token: str | None = None) -> None:
        self.url = url
        self.token = token
        self.opened: list[RecordingPane] = []

    async def __call__(self, name: str = "host", *, token: str | None = "", connected: bool = True) -> RecordingPane:
        """A pane named `name` with the console's token (or `token`), once connected unless `connected` is
        False (a pane that will be refused, or whose catching up is what the test watches)."""
        pane = RecordingPane(self.url, name=name, token=self.token if token == "" else token)
        pane.start()
        self.opened.append(pane)
        if connected:
            await until(lambda: pane.client.status is LinkStatus.connected)
        return pane

    async def close(self) -> None:
        for pane in self.opened:
            await pane.stop()


@asynccontextmanager
async def served(session: LinkSession, *, token: str | None = None, port: int = 0,
                 ) -> AsyncIterator[tuple[LinkServer, PaneOpener]]:
    """A session's link on 127.0.0.1 (any free port unless `port`) and an opener of panes on it; the panes and
    the server are stopped on leaving, whatever happened inside."""
    server = LinkServer(session, "127.0.0.1", port, token=token)
    await server.start()
    opener = PaneOpener(server.url, token=token)
    try:
        yield server, opener
    finally:
        await opener.close()
        await server.stop()
