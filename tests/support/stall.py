"""A TCP relay on loopback between a pane and the console that can stall the pane as `kill -STOP` does."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass(eq=False)
class _Connection:
    pane: asyncio.StreamWriter
    console: asyncio.StreamWriter
    held: bytearray = field(default_factory=bytearray)  # what the console sent while the pane was stalled
    cut: bool = False


class StallingRelay:
    """Relays every connection to `port`. While stalled nothing reaches the pane (what the console sends waits
    here, as in a stopped process's socket buffer); `cut_console` ends the console's side of each connection (what
    its heartbeat does to a pane that stopped answering); `resume` hands the pane what waited, then, where the
    console's side was cut, ends the pane's side too: the pane reads the frames first, and whatever it answers
    goes nowhere."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.stalled = False
        self.connections: list[_Connection] = []
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        for connection in self.connections:
            connection.pane.close()
            connection.console.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def held(self) -> bytes:
        return b"".join(bytes(connection.held) for connection in self.connections)

    def stall(self) -> None:
        self.stalled = True

    def cut_console(self) -> None:
        for connection in self.connections:
            connection.cut = True
            connection.console.close()

    def resume(self) -> None:
        self.stalled = False
        for connection in list(self.connections):
            connection.pane.write(bytes(connection.held))
            connection.held.clear()
            if connection.cut:
                connection.pane.close()
                self.connections.remove(connection)

    async def _relay(self, pane_reader: asyncio.StreamReader, pane_writer: asyncio.StreamWriter) -> None:
        console_reader, console_writer = await asyncio.open_connection("127.0.0.1", self.port)
        connection = _Connection(pane_writer, console_writer)
        self.connections.append(connection)
        for task in (self._to_console(pane_reader, connection), self._to_pane(console_reader, connection)):
            running = asyncio.get_running_loop().create_task(task)
            self._tasks.add(running)
            running.add_done_callback(self._tasks.discard)

    async def _to_console(self, reader: asyncio.StreamReader, connection: _Connection) -> None:
        while data := await _read(reader):
            if not connection.cut:
                connection.console.write(data)
        if not connection.cut:
            connection.console.close()

    async def _to_pane(self, reader: asyncio.StreamReader, connection: _Connection) -> None:
        while data := await _read(reader):
            if self.stalled:
                connection.held += data
            else:
                connection.pane.write(data)
        if self.stalled:
            connection.cut = True  # a stopped pane notices the console went only once it runs again
        elif not connection.cut:
            connection.pane.close()


async def _read(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.read(65536)
    except ConnectionError:
        return b""
