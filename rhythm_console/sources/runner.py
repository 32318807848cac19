"""Sources: how they are named on the command line, and the runner that keeps one going
(the adapters themselves live beside this module: feeds, simulated).

A source is anything with `name`, `provides_commerce`, `malformed` and an
async `run(sink)` that writes into the room's figures; it may say which figures it can give
(`gives`, a frozenset of sources/merge.py's FIGURES; absent or None: any), for merging several. The runner restarts a failed source with backoff and
never lets its failure reach the console.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from rhythm_console.i18n import Said
from rhythm_console.metrics.room import RoomSink

if TYPE_CHECKING:
    import asyncio


class Source(Protocol):
    """Writes room data into a sink until its feed ends; raises when it fails."""

    # Read only: a source may work them out (a recording names the segment it is in).
    @property
    def name(self) -> str: ...

    @property
    def provides_commerce(self) -> bool: ...

    @property
    def malformed(self) -> int: ...

    async def run(self, sink: RoomSink) -> None: ...


class SourceSpecError(ValueError):
    """A --source value that cannot be used; the message says why."""


@dataclass
class SourceSpec:
    kind: str
    target: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The spec as a journal's header keeps it: a file by its absolute path, so a resume
        from another directory reads the same file."""
        target = self.target
        if self.kind in ("jsonl", "douyin") and target not in (None, "-"):
            target = str(Path(target).absolute())
        if self.kind == "ws":
            return target or ""
        head = self.kind if target is None else f"{self.kind}:{target}"
        options = ",".join(f"{key}={value}" for key, value in self.options.items())
        if not options:
            return head
        return f"{head}{',' if target is not None else ':'}{options}"


SPEC_HELP = ("source.spec.kinds",)  # the kinds a spec can name, said in the message's language


def _pushed(text: str) -> SourceSpec:
    """ws://HOST:PORT[/path]: a collector that pushes over a WebSocket."""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise SourceSpecError(Said("source.spec.ws_port", spec=text)) from None
    if not parts.hostname or not port:
        raise SourceSpecError(Said("source.spec.ws_host", spec=text))
    return SourceSpec("ws", target=text)


def parse_source_spec(text: str) -> SourceSpec:
    if text.lower().startswith(("ws://", "wss://")):
        return _pushed(text)
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    if kind == "none":
        return SourceSpec("none")
    if kind in ("jsonl", "douyin"):
        target, *options_text = rest.split(",")
        if not target.strip():
            raise SourceSpecError(Said("source.spec.needs_file", spec=text, kind=kind))
        options: dict[str, str] = {}
        for part in options_text:
            key, equals, value = part.strip().partition("=")
            if key != "follow" or value not in ("0", "1"):
                raise SourceSpecError(Said("source.spec.follow", option=part.strip()))
            options[key] = value
        target = target.strip()
        if target != "-" and not Path(target).is_file():
            path = Path(target)
            if path.is_dir():
                raise SourceSpecError(Said("source.spec.directory", path=target))
            if path.exists():  # a pipe or a device: no position to keep, no end to find
                raise SourceSpecError(Said("source.spec.not_regular", path=target, kind=kind))
            raise SourceSpecError(Said("error.no_such_file", path=target))
        if target == "-" and options.get("follow") == "1":
            raise SourceSpecError(Said("source.spec.follow_stdin"))
        return SourceSpec(kind, target=target, options=options)
    if kind != "simulate":
        raise SourceSpecError(Said("source.spec.unknown", spec=text, kinds=SPEC_HELP))
    options = {}
    for part in filter(None, (p.strip() for p in rest.split(","))):
        key, equals, value = part.partition("=")
        if not equals or key not in {"seed", "scale"}:
            raise SourceSpecError(Said("source.spec.simulate_option", option=part))
        options[key] = value
    try:
        seed = int(options.get("seed", "1"))
        scale = float(options.get("scale", "1"))
    except ValueError:
        raise SourceSpecError(Said("source.spec.numbers", spec=text)) from None
    check_scale(scale)
    return SourceSpec(kind, options={"seed": str(seed), "scale": str(scale)})


def check_scale(scale: float) -> float:
    """The simulated room's size multiplier, for run's source spec and simulate alike."""
    if not 0 < scale <= 1000:  # also refuses NaN
        raise SourceSpecError(Said("source.spec.scale"))
    return scale


class SourceStatus(str, Enum):
    connecting = "connecting"
    live = "live"
    retrying = "retrying"
    ended = "ended"
    stopped = "stopped"


class SourceRunner:
    """Runs a source as an asyncio task. A source that raises, ends, or goes
    `hang_after` seconds without delivering anything is restarted with
    exponential backoff; its failure never reaches the console."""

    def __init__(self, source: Source, sink: RoomSink,
                 on_status: Callable[[SourceStatus, str | None], None] = lambda s, r: None,
                 backoff: tuple[float, float] = (0.5, 30.0), hang_after: float = 60.0) -> None:
        self.source = source
        self.sink = sink
        self.on_status = on_status
        self.backoff = backoff
        self.hang_after = hang_after
        self.status = SourceStatus.connecting
        self.restarts = 0
        self.last_error: str | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        import asyncio  # in the methods: `probe` parses a spec from here and runs no event loop

        self._task = asyncio.get_running_loop().create_task(self._run(), name=f"source {self.source.name}")

    async def stop(self) -> None:
        import asyncio

        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._set(SourceStatus.stopped, None)

    def _set(self, status: SourceStatus, reason: str | None) -> None:
        self.status = status
        self.on_status(status, reason)

    def _delivered(self) -> int:
        return getattr(self.sink, "items", 0)

    async def _run(self) -> None:
        import asyncio

        delay = self.backoff[0]
        loop = asyncio.get_running_loop()
        while True:
            self._set(SourceStatus.live, None)
            started = loop.time()
            task = loop.create_task(self.source.run(self.sink))
            try:
                reason = await self._watch(task)
            except asyncio.CancelledError:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                raise
            self.restarts += 1
            self.last_error = reason
            ended = reason is None
            # logging imported here: `probe` parses a spec from this module, and logging costs it a tenth of its start
            import logging

            logging.getLogger(__name__).warning("source %s %s", self.source.name,
                                                "ended" if ended else f"failed: {reason}")
            self._set(SourceStatus.ended if ended else SourceStatus.retrying, reason)
            if loop.time() - started > self.backoff[1]:
                delay = self.backoff[0]  # it ran fine for a while: start the backoff over
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.backoff[1])

    async def _watch(self, task: asyncio.Task[None]) -> str | None:
        """Wait for the source to end; the reason it stopped, None for a normal end."""
        import asyncio

        while True:
            before = self._delivered()
            done, _ = await asyncio.wait({task}, timeout=self.hang_after)
            if done:
                exc = task.exception()
                return None if exc is None else f"{type(exc).__name__}: {exc}"
            if self._delivered() == before:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                return f"no data for {self.hang_after:g} s"
