"""A link client run the way the host pane runs it (iterating its updates), recording what it hands on."""

from __future__ import annotations

import asyncio
from contextlib import aclosing

from rhythm_console.link.client import LinkClient, NewShow, StatusChanged
from rhythm_console.link.protocol import CueFrame, StateFrame


class RecordingPane:
    def __init__(self, url: str, *, name: str = "host", token: str | None = None) -> None:
        self.client = LinkClient(url, name=name, token=token, backoff=(0.02, 0.1))
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
