"""The sample authorization in docs/bus.md, on a real nats-server started with exactly that
config: consoles, floor and archive do their whole job with their permissions (the server logs
no permission violation), and a room's user cannot write another room's records, summary or
claim, nor the floor's user any room's."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import nats
import pytest

from rhythm_console.bus.archive import Archive, journal_name
from rhythm_console.bus.config import SUMMARY_BUCKET, bus_config
from rhythm_console.bus.floor import FloorClient
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.clock import ManualClock
from tests.support.plans import ROOT
from tests.support.waiting import until

from .conftest import NatsServer
from .test_archive_guard import archived_like, following, stopped
from .test_publish import make_session

PASSWORDS = {"room-A": "change-me-A", "room-B": "change-me-B", "floor": "change-me-floor",
             "archive": "change-me-archive"}


def documented_config() -> str:
    """The ```conf block under the marker in docs/bus.md, as a user would copy it."""
    text = (ROOT / "docs" / "bus.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- nats-server-config:.*?-->\n```conf\n(.*?)```", text, re.S)
    assert found, "docs/bus.md lost its sample nats-server config"
    return found.group(1)


@pytest.fixture
def secured(tmp_path, nats_binary):
    config = tmp_path / "rhythm.conf"
    config.write_text(documented_config(), encoding="utf-8")
    log = tmp_path / "nats.log"
    server = NatsServer(nats_binary, tmp_path / "store", "-c", str(config), "-l", str(log))
    server.start()
    server.log = log
    yield server
    server.stop()


def login(server: NatsServer, user: str) -> str:
    return server.url.replace("nats://", f"nats://{user}:{PASSWORDS[user]}@")


def violations(server: NatsServer) -> list[str]:
    return [line for line in server.log.read_text(errors="replace").splitlines() if "Violation" in line]


async def test_consoles_floor_and_archive_work_with_their_own_permissions(tmp_path, secured):
    rooms = {}
    for room in ("A", "B"):
        session, clock = make_session(tmp_path / room)
        publisher = RoomPublisher(session, bus_config(login(secured, f"room-{room}")), room)
        publisher.start()
        rooms[room] = (session, clock, publisher)
    summaries = {}
    floor = FloorClient(bus_config(login(secured, "floor")), "总控",
                        lambda summary, at: summaries.update({summary.room: summary}))
    archive = Archive(bus_config(login(secured, "archive")), tmp_path / "archive")
    task = following(archive)
    try:
        await until(lambda: all(publisher.state == "up" for _, _, publisher in rooms.values()), limit=1000)
        await floor.start()
        for session, _, _ in rooms.values():
            session.start_or_advance()
        await until(lambda: {room: s.status for room, s in summaries.items()} == {"A": "live", "B": "live"},
                    limit=1000)
        outcome = await floor.send_cue("A", "加快节奏")
        assert outcome.kind == "sent" and rooms["A"][0].state.cue(1).origin == "floor:总控"
        for room, (session, clock, _) in rooms.items():
            clock.advance(5)
            session.note(f"{room} 备注")
        await until(lambda: all(archived_like(tmp_path / "archive", room, session)()
                                for room, (session, _, _) in rooms.items()), limit=1500)
        # A floor connecting later reads every room with nothing but its read permission.
        later = {}
        second = FloorClient(bus_config(login(secured, "floor")), "后来", lambda s, at: later.update({s.room: s}))
        await second.start()
        await second.stop()
        assert set(later) == {"A", "B"}
        assert violations(secured) == []
    finally:
        await stopped(task)
        await floor.stop()
        for _, _, publisher in rooms.values():
            await publisher.stop()


async def refused(url: str, inbox: str, subject: str, *, stream_publish: bool = True) -> bool:
    """Whether the server refuses this login a JetStream publish (or a plain request) on `subject`:
    it drops the message and says so on the connection, so the answer never comes."""
    errors: list[str] = []

    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    client = await nats.connect(url, inbox_prefix=inbox, error_cb=on_error)
    try:
        call = (client.jetstream().publish(subject, b"{}", timeout=30) if stream_publish
                else client.request(subject, b"", timeout=30))
        answer = asyncio.ensure_future(call)
        await until(lambda: answer.done() or errors)
        if answer.done():
            return answer.exception() is not None
        answer.cancel()
        return any("permissions violation" in error.lower() for error in errors)
    finally:
        await client.close()


async def test_a_room_cannot_write_another_rooms_subjects_nor_the_floor_any(tmp_path, secured):
    session, clock = make_session(tmp_path / "B")
    publisher = RoomPublisher(session, bus_config(login(secured, "room-B")), "B")
    publisher.start()
    archive = Archive(bus_config(login(secured, "archive")), tmp_path / "archive")
    task = following(archive)
    try:
        session.start_or_advance()
        await until(lambda: publisher.state == "up" and not publisher.backlog, limit=1000)
        room_a, floor = login(secured, "room-A"), login(secured, "floor")
        for subject in ("rhythm.B.events", f"$KV.{SUMMARY_BUCKET}.B", "$KV.rhythm-claims.B"):
            assert await refused(room_a, "_INBOX.room.A", subject), subject
        assert not await refused(room_a, "_INBOX.room.A", f"$KV.{SUMMARY_BUCKET}.A")  # its own: allowed
        for call in ("$JS.API.STREAM.DELETE.RHYTHM", "$JS.API.STREAM.PURGE.RHYTHM",
                     f"$JS.API.STREAM.DELETE.KV_{SUMMARY_BUCKET}"):  # nor may it drop what every room shares
            assert await refused(room_a, "_INBOX.room.A", call, stream_publish=False), call
        assert await refused(room_a, "_INBOX.room.B", f"$KV.{SUMMARY_BUCKET}.A")  # nor read another's inbox
        for subject in ("rhythm.A.events", f"$KV.{SUMMARY_BUCKET}.A"):
            assert await refused(floor, "_INBOX.floor", subject), subject
        # Room A's console, pointed at room B by mistake, gets nothing into room B.
        other, _ = make_session(tmp_path / "wrong", clock=ManualClock(datetime(2026, 11, 28, 21, 0, tzinfo=UTC)))
        wrong = RoomPublisher(other, bus_config(room_a), "B")
        wrong.start()
        await until(lambda: wrong.state != "connecting", limit=1000)
        assert wrong.state == "refused" and "room B" in wrong.problem
        await wrong.stop()
        clock.advance(5)
        session.note("最后一条")  # archived after anything the wrong console could have stored
        await until(archived_like(tmp_path / "archive", "B", session), limit=1500)
        assert [path.name for path in (tmp_path / "archive" / "B").iterdir()] == [
            archived_like_name(session)]
    finally:
        await stopped(task)
        await publisher.stop()


def archived_like_name(session) -> str:
    return journal_name(session.session_id)
