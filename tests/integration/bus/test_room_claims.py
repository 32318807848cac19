"""One console per room, on a real nats-server: a second console of the same room is refused and
told which session holds it, before any screen opens or, if it got past that, on its status line;
a console that quits gives the room up, one that crashed loses it when its claim lapses, and a
resumed console of the same show takes its own claim back."""

from __future__ import annotations

import asyncio
import re
import shutil
from datetime import UTC, datetime

import nats
import pytest

from rhythm_console.bus.claim import RoomClaim, RoomTaken, claims_bucket
from rhythm_console.bus.config import CLAIMS_BUCKET, bus_config
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.clock import ManualClock
from rhythm_console.commands.bus import check_login
from rhythm_console.errors import UserError
from tests.support.waiting import until

from .test_publish import make_session

LATER = ManualClock(datetime(2026, 11, 28, 21, 0, tzinfo=UTC))


async def test_a_second_console_of_a_room_is_refused_and_told_who_holds_it(tmp_path, nats_server):
    config = bus_config(nats_server.url)
    first, _ = make_session(tmp_path / "first")
    holding = RoomPublisher(first, config, "a")
    holding.start()
    await until(lambda: holding.state == "up", limit=1000)
    second, _ = make_session(tmp_path / "second", clock=LATER)
    try:
        # Before any screen opens (run calls this with --room): one line naming the holder.
        with pytest.raises(UserError, match=re.escape(f"直播间 a 正由另一台控制台运行（会话 {first.session_id}，在 ")):
            await asyncio.to_thread(check_login, config, must_reach=False, room="a", session=second.session_id)
        # --resume of the holding show is its own claim: no refusal.
        await asyncio.to_thread(check_login, config, must_reach=False, room="a", session=first.session_id)
        # Past that check (both started at once): the second says so in its status and publishes nothing.
        late = RoomPublisher(second, config, "a")
        late.start()
        await until(lambda: late.state == "taken", limit=1000)
        assert first.session_id in late.problem
        assert late.status().backlog == 1  # its header never reached the bus
        await late.stop()
    finally:
        await holding.stop()
    # The first quit and gave the room up: the next console takes it at once.
    await asyncio.to_thread(check_login, config, must_reach=False, room="a", session=second.session_id)
    after = RoomPublisher(second, config, "a")
    after.start()
    await until(lambda: after.state == "up" and not after.backlog, limit=1000)
    await after.stop()


async def test_a_crashed_consoles_claim_lapses_and_its_resume_takes_it_back(nats_server):
    client = await nats.connect(nats_server.url)
    try:
        js = client.jetstream()
        # The bucket as a console makes it, but forgetting in a second instead of CLAIM_TTL: the test
        # waits for the server to forget, not for a clock.
        await js.create_key_value(bucket=CLAIMS_BUCKET, history=1, ttl=1.0)
        crashed = RoomClaim("a", "2026-11-28T20:00:00+08:00")
        await crashed.take(js)  # and never renewed: its console crashed
        resumed = RoomClaim("a", "2026-11-28T20:00:00+08:00")
        await resumed.take(js)  # the same show, resumed: its own claim, taken back at once
        other = RoomClaim("a", "2026-11-28T21:00:00+08:00")
        with pytest.raises(RoomTaken, match="会话 2026-11-28T20:00:00"):
            await other.take(js)

        taken = []

        async def try_take() -> None:
            try:
                await other.take(js)
                taken.append(True)
            except RoomTaken:
                pass

        for _ in range(300):  # the server forgets the claim a second after its last renewal
            await try_take()
            if taken:
                break
            await asyncio.sleep(0.02)  # a yield while the server's expiry comes, as in waiting.until
        assert taken
    finally:
        await client.close()


async def test_a_claim_survives_a_bus_that_lost_its_store(tmp_path, nats_server):
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, bus_config(nats_server.url), "a")
    publisher.start()
    try:
        await until(lambda: publisher.state == "up", limit=1000)
        nats_server.stop()
        shutil.rmtree(nats_server.store)
        nats_server.start()
        client = await nats.connect(nats_server.url)
        try:
            js = client.jetstream()

            async def holder() -> str | None:
                try:
                    kv = await claims_bucket(js)
                    return (await kv.get("a")).value.decode()
                except Exception:
                    return None

            seen: list[str | None] = []
            for _ in range(1000):  # taken again as soon as the console is back on the bus
                seen.append(await holder())
                if seen[-1] and session.session_id in seen[-1]:
                    break
                await asyncio.sleep(0.02)  # a yield to the publisher, as in waiting.until
            assert seen[-1] and session.session_id in seen[-1]
        finally:
            await client.close()
    finally:
        await publisher.stop()
