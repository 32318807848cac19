"""Quitting never hangs on the bus: the publisher's stop is bounded even when its task does not end on
cancel (Python 3.11's asyncio.wait_for can swallow a cancel, which once hung a quit for ever)."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import rhythm_console
import rhythm_console.bus.publisher as publisher_module
from rhythm_console.bus.config import bus_config
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.clock import ManualClock
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession
from tests.support.plans import SMALL_PLAN


async def test_stop_returns_even_when_the_task_swallows_its_cancel(tmp_path, monkeypatch):
    monkeypatch.setattr(publisher_module, "CLOSING_GRACE", 0.05)
    plan = parse_plan(SMALL_PLAN)
    clock = ManualClock()
    session = LiveSession(plan, clock, JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None),
                          lang="zh", advise=False)
    publisher = RoomPublisher(session, bus_config("nats://127.0.0.1:9"), "a")
    never = asyncio.Event()

    async def stubborn() -> None:
        try:
            await never.wait()
        except asyncio.CancelledError:
            await never.wait()  # what a swallowed cancel amounts to

    publisher._task = asyncio.get_running_loop().create_task(stubborn())
    await asyncio.sleep(0)  # let it reach its first wait
    await asyncio.wait_for(publisher.stop(), 5.0)  # fails the test, rather than hanging it, if stop is unbounded
    assert not publisher._task.done()
    publisher._task.cancel()
    never.set()


def test_the_console_never_uses_asyncio_wait_for():
    offenders = []
    for path in Path(rhythm_console.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "wait_for" and \
                    isinstance(node.value, ast.Name) and node.value.id == "asyncio":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], "use asyncio.timeout (see bus/publisher.py): " + ", ".join(offenders)
