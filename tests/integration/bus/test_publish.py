"""A room's console on a real nats-server: every journal record stored once, in order, even when
the bus is down at the start or drops mid-show; the summary follows the session; floor cues."""

from __future__ import annotations

import asyncio
import json

import nats

from rhythm_console.bus.config import STREAM, SUMMARY_BUCKET, bus_config, events_subject
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.clock import ManualClock
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession
from tests.support.plans import SMALL_PLAN
from tests.support.waiting import until

from .conftest import NatsServer, free_port


def make_session(tmp_path, name="s.jsonl", clock=None):
    plan = parse_plan(SMALL_PLAN)
    clock = clock or ManualClock()
    journal = JournalWriter(tmp_path / name, plan, clock=clock, sync=lambda fd: None)
    return LiveSession(plan, clock, journal, lang="zh", advise=False), clock


async def stored_lines(url: str, room: str) -> list[bytes]:
    """Every message the stream holds for the room, in the stream's order."""
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        info = await js.stream_info(STREAM)
        lines = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            message = await js.get_msg(STREAM, seq)
            if message.subject == events_subject(room):
                lines.append(message.data)
        return lines
    finally:
        await client.close()


def journal_lines(path) -> list[bytes]:
    return path.read_bytes().splitlines()


async def show_some(session, clock, count=3):
    session.start_or_advance()
    for number in range(count):
        clock.advance(5)
        session.send_cue(f"提示{number}")


async def test_every_record_reaches_the_stream_once_in_order(tmp_path, nats_server):
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, bus_config(nats_server.url), "a")
    publisher.start()
    await show_some(session, clock)
    await until(lambda: publisher.state == "up" and not publisher.backlog)
    await publisher.stop()
    assert await stored_lines(nats_server.url, "a") == journal_lines(session.journal.path)
    assert len(journal_lines(session.journal.path)) == 5  # header, start, three cues


async def test_a_bus_down_at_the_start_gets_everything_once_it_comes_up(tmp_path, nats_binary):
    server = NatsServer(nats_binary, tmp_path / "store", port=free_port())  # its URL is needed before it runs
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, bus_config(server.url), "a")
    publisher.start()
    await until(lambda: publisher.state == "down")
    await show_some(session, clock)  # the show runs on without the bus
    assert publisher.status().backlog == 5
    server.start()
    try:
        await until(lambda: publisher.state == "up" and not publisher.backlog, limit=1000)
        await publisher.stop()
        assert await stored_lines(server.url, "a") == journal_lines(session.journal.path)
    finally:
        server.stop()


async def test_a_bus_restart_mid_show_loses_and_repeats_nothing(tmp_path, nats_server):
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, bus_config(nats_server.url), "a")
    publisher.start()
    await show_some(session, clock)
    await until(lambda: publisher.state == "up" and not publisher.backlog)
    nats_server.stop()
    await until(lambda: publisher.state == "down", limit=1000)
    for number in range(50):  # recorded while the bus is gone
        clock.advance(1)
        session.note(f"备注{number}")
    assert publisher.status().backlog == 50
    nats_server.start()
    await until(lambda: publisher.state == "up" and not publisher.backlog, limit=1500)
    await publisher.stop()
    assert await stored_lines(nats_server.url, "a") == journal_lines(session.journal.path)


async def test_the_summary_follows_the_session(tmp_path, nats_server):
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, bus_config(nats_server.url), "a", panes=lambda: ["host"])
    publisher.start()
    client = await nats.connect(nats_server.url)
    try:
        await until(lambda: publisher.state == "up")
        kv = None

        async def summary():
            nonlocal kv
            kv = kv or await client.jetstream().key_value(SUMMARY_BUCKET)
            return json.loads((await kv.get("a")).value)

        seen = {}

        async def refresh():
            try:
                seen.update(await summary())
            except nats.js.errors.Error:
                pass  # the bucket or the key is not there yet

        async def wait_for(predicate):
            for _ in range(500):
                await refresh()
                if seen and predicate(seen):
                    return
                await asyncio.sleep(0.01)  # a yield to the publisher, as in waiting.until
            raise AssertionError(f"summary never matched: {seen}")

        await wait_for(lambda s: s["status"] == "ready")
        assert seen["title"] == "小测试" and seen["panes"] == ["host"]
        session.start_or_advance()
        await wait_for(lambda s: s["status"] == "live")
        assert seen["current"]["title"] == "开场" and seen["next"]["title"] == "大衣"
        clock.advance(60)
        session.start_or_advance()
        await wait_for(lambda s: s["current"] and s["current"]["title"] == "大衣")
        assert seen["drift"] == -240  # five minutes planned, one taken
    finally:
        await client.close()
        await publisher.stop()
