"""Reading JSON feeds: a file, stdin, or a growing file (follow), one value a line
or one JSON array for the whole file; and the source that feeds the console from them."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from rhythm_console.metrics.room import RoomSink
from rhythm_console.sources.douyin import DouyinMapper
from rhythm_console.sources.jsonl import JsonlMapper
from rhythm_console.sources.merge import DOUYIN_FIGURES

MALFORMED = object()  # stands for a line that is not JSON
_loads = orjson.loads


_BOM = b"\xef\xbb\xbf"  # a capture saved by Notepad or a Windows collector starts with one


def decode_line(line: bytes) -> Any:
    """The JSON value of one line, None for a blank line, MALFORMED for anything else (a UTF-8 BOM before the
    first line is no part of it)."""
    try:
        return _loads(line)
    except orjson.JSONDecodeError:
        if line.startswith(_BOM):
            return decode_line(line[len(_BOM):])
        return None if not line.strip() else MALFORMED


def _loads_or_malformed(data: bytes) -> Any:
    try:
        return _loads(data)
    except orjson.JSONDecodeError:
        return MALFORMED


def iter_values(handle: IO[bytes]) -> Iterator[Any]:
    """Every JSON value in a file of lines; a file that is one multi-line JSON array
    (some collectors write that) is read whole."""
    first = handle.readline().removeprefix(_BOM)
    while first and not first.strip():
        first = handle.readline()
    if not first:
        return
    value = decode_line(first)
    if value is MALFORMED and first.lstrip().startswith(b"["):
        whole = first + handle.read()
        yield _loads_or_malformed(whole)
        return
    yield value
    for line in handle:
        value = decode_line(line)
        if value is not None:
            yield value


Mapper = DouyinMapper | JsonlMapper


def make_mapper(kind: str, sink: RoomSink) -> Mapper:
    return DouyinMapper(sink) if kind == "douyin" else JsonlMapper(sink)


class FeedSource:
    """A jsonl or douyin feed for the console. Items are stamped with the time they
    are read (the console's clock), so panels show the room as the feed arrives."""

    def __init__(self, kind: str, target: str, *, follow: bool, now: Callable[[], float],
                 stdin: IO[bytes] | None = None, poll: float = 0.25, from_end: bool = False) -> None:
        self.kind = kind
        self.target = target
        self.follow = follow
        self.now = now
        self.name = f"{kind}:{target}"
        self.provides_commerce = kind == "jsonl"
        self.gives = DOUYIN_FIGURES if kind == "douyin" else None  # a jsonl line may carry any figure
        self._stdin = stdin
        self._poll = poll
        self._mapper: Mapper | None = None
        self._position = 0  # bytes consumed, so a restart after a failure resumes there
        self._from_end = from_end  # a resumed show: what the file holds now was counted before

    @property
    def malformed(self) -> int:
        return self._mapper.malformed if self._mapper else 0

    async def run(self, sink: RoomSink) -> None:
        import asyncio  # here, not at the top: `probe` reads files without an event loop and starts faster

        if self._mapper is None or self._mapper.sink is not sink:
            self._mapper = make_mapper(self.kind, sink)
        mapper = self._mapper
        if self.target == "-":
            handle = self._stdin
            if handle is None:
                raise RuntimeError("stdin is not available for this source")
        else:
            path = Path(self.target)
            handle = await asyncio.to_thread(open, path, "rb")
            if self._from_end:
                self._from_end = False
                self._position = await asyncio.to_thread(_after_last_line, handle)
            if os.fstat(handle.fileno()).st_size < self._position:
                self._position = 0  # replaced by a shorter file since the last run
            await asyncio.to_thread(handle.seek, self._position)
        pending = b""
        whole: bytearray | None = None  # set when the feed is one multi-line JSON array
        seen_content = self._position > 0
        read = handle.read1 if hasattr(handle, "read1") else handle.read
        try:
            while True:
                chunk = await asyncio.to_thread(read, 65536)
                if not chunk:
                    if not self.follow:
                        break
                    if handle is not self._stdin and os.fstat(handle.fileno()).st_size < self._position:
                        # The collector truncated or rotated its file: read the new one from the top.
                        await asyncio.to_thread(handle.seek, 0)
                        self._position, pending = 0, b""
                        continue
                    await asyncio.sleep(self._poll)
                    continue
                self._position += len(chunk)
                if whole is not None:
                    whole += chunk
                    continue
                lines = (pending + chunk).split(b"\n")
                pending = lines.pop()  # a partial last line waits for the rest
                at = self.now()
                feed = mapper.feed
                for index, line in enumerate(lines):
                    try:
                        feed(_loads(line), at)  # the hot path: one call per message
                        seen_content = True
                        continue
                    except orjson.JSONDecodeError:
                        value = decode_line(line.removeprefix(_BOM))  # the error path: a BOM, a blank line or not JSON
                    if value is not None and value is not MALFORMED:
                        feed(value, at)
                        seen_content = True
                        continue
                    if value is None:
                        continue
                    if not seen_content and line.lstrip().startswith(b"["):
                        whole = bytearray(b"\n".join(lines[index:]) + b"\n" + pending)
                        pending = b""
                        break
                    seen_content = True
                    mapper.malformed += 1
                await asyncio.sleep(0)  # let the screen breathe between chunks
            if whole is not None:
                pending = bytes(whole)
            if pending.strip():
                value = _loads_or_malformed(pending)
                if value is MALFORMED:
                    mapper.malformed += 1
                else:
                    mapper.feed(value, self.now())
        finally:
            if handle is not self._stdin:
                handle.close()


def _after_last_line(handle: IO[bytes]) -> int:
    """Where the file's last whole line ends (a line still being written is read when it is done)."""
    size = os.fstat(handle.fileno()).st_size
    at = size
    while at > 0:
        start = max(0, at - 65536)
        handle.seek(start)
        newline = handle.read(at - start).rfind(b"\n")
        if newline >= 0:
            return start + newline + 1
        at = start
    return 0


def _decoded_lines(lines: Iterable[bytes], mapper: Mapper) -> Iterator[Any]:
    """Each line's JSON value; a line that is not JSON is counted as malformed, a blank one skipped."""
    loads, decode_error = _loads, orjson.JSONDecodeError
    for line in lines:
        try:
            yield loads(line)
        except decode_error:
            if line.strip():
                mapper.malformed += 1


def read_into(mapper: Mapper, handle: IO[bytes], follow: bool = False, poll: float = 0.25) -> None:
    """Read a whole feed synchronously (the probe command); with follow, until interrupted."""
    feed = mapper.feed
    at = 0.0
    values = iter_values(handle)
    for value in values:  # the first value: a file that is one JSON array is read whole here
        if value is MALFORMED:
            mapper.malformed += 1
        else:
            feed(value, at)
        break
    # The rest line by line, the hot loop: parsed here, mapped in the mapper's own loop.
    mapper.feed_values(_decoded_lines(handle, mapper), at)
    partial = b""
    while follow:
        line = handle.readline()
        if not line:
            time.sleep(poll)
            continue
        if not line.endswith(b"\n"):  # the writer is mid-line: wait for the rest
            partial += line
            continue
        line, partial = partial + line, b""
        value = decode_line(line)
        if value is MALFORMED:
            mapper.malformed += 1
        elif value is not None:
            feed(value, at)
