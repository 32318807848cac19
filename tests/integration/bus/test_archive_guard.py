"""The archive against a hostile publisher on a real nats-server: whatever is forged on a room's
subject is quarantined beside the archive file with the reason, never written into it; the room's
own records go on being archived, and the archived journal reads like the console's."""

from __future__ import annotations

import asyncio
import json

import nats

from rhythm_console.bus.archive import Archive
from rhythm_console.bus.config import bus_config
from rhythm_console.bus.messages import SEQ_HEADER, SESSION_HEADER
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.journal import read_journal
from tests.support.waiting import until

from .test_publish import make_session


def archived_files(directory, room):
    return sorted((directory / room).glob("*.jsonl"))


def archived_like(directory, room, session):
    """Whether the archive holds exactly one journal of the room, byte for byte the console's."""
    def check() -> bool:
        files = archived_files(directory, room)
        return len(files) == 1 and files[0].read_bytes() == session.journal.path.read_bytes()
    return check


def room_on_bus(tmp_path, config, room="a"):
    session, clock = make_session(tmp_path)
    publisher = RoomPublisher(session, config, room)
    publisher.start()
    return session, clock, publisher


def following(archive):
    return asyncio.get_running_loop().create_task(archive.run())


async def stopped(task) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


def quarantined(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def forge(url: str, subject: str, data: bytes, headers: dict[str, str]) -> None:
    client = await nats.connect(url)
    try:
        await client.jetstream().publish(subject, data, headers=headers)
    finally:
        await client.close()


async def test_forged_records_are_quarantined_and_the_room_goes_on_being_archived(tmp_path, nats_server):
    config = bus_config(nats_server.url)
    session, clock, publisher = room_on_bus(tmp_path, config)
    archive = Archive(config, tmp_path / "archive")
    task = following(archive)
    same_as_console = archived_like(tmp_path / "archive", "a", session)

    try:
        session.start_or_advance()
        await until(same_as_console, limit=1000)
        real = session.session_id
        next_seq = str(session.journal.seq + 1)
        subject = "rhythm.a.events"
        forged = [
            # Not JSON, as the next seq: it used to be written, making the archived journal unreadable.
            (b"not json", {SESSION_HEADER: real, SEQ_HEADER: next_seq}),
            # JSON, but not an event.
            (b'{"seq": %s, "wall": "x", "type": "take_over"}' % next_seq.encode(),
             {SESSION_HEADER: real, SEQ_HEADER: next_seq}),
            # A valid event far ahead: it used to stop the room's archive for good (every real seq below it skipped).
            (b'{"seq": 1000000, "wall": "x", "at": 1.0, "type": "note", "text": "x"}',
             {SESSION_HEADER: real, SEQ_HEADER: "1000000"}),
            # The header's seq and the record's disagree.
            (b'{"seq": 7, "wall": "x", "at": 1.0, "type": "note", "text": "x"}',
             {SESSION_HEADER: real, SEQ_HEADER: next_seq}),
            # A session the archive holds no header for.
            (b'{"seq": 1, "wall": "x", "at": 1.0, "type": "note", "text": "x"}',
             {SESSION_HEADER: "2020-01-01T00:00:00+08:00", SEQ_HEADER: "1"}),
            # A header claiming this session's file for another start time (same file name, other zone).
            (session.journal.path.read_bytes().split(b"\n")[0].replace(real.encode(), real[:-6].encode() + b"+00:00"),
             {SESSION_HEADER: real[:-6] + "+00:00", SEQ_HEADER: "0"}),
            # No session at all.
            (b"{}", {SEQ_HEADER: "1"}),
        ]
        for data, headers in forged:
            await forge(nats_server.url, subject, data, headers)
        for number in range(3):  # the room's own records, stored after the forgeries
            clock.advance(5)
            session.send_cue(f"提示{number}")
        await until(same_as_console, limit=1000)  # today: the forged line is in it, and the real ones are not
        assert archive.rejected == len(forged)
        assert read_journal(archived_files(tmp_path / "archive", "a")[0]).events == read_journal(
            session.journal.path).events

        beside = archived_files(tmp_path / "archive", "a")[0].with_suffix(".jsonl.rejected")
        reasons = [entry["reason"] for entry in quarantined(beside)]
        assert len(reasons) == 5
        # The reader's words and the archive's own, in the language the archive speaks (Chinese unless told)
        assert "不是 JSON" in reasons[0]
        assert "不是有效的事件记录" in reasons[1]
        assert "不是下一条" in reasons[2]
        assert "seq 7" in reasons[3]
        assert "属于另一个会话" in reasons[4]
        assert quarantined(beside)[0]["data"] == "not json"
        unfiled = quarantined(tmp_path / "archive" / "unfiled.rejected")
        assert len(unfiled) == 1 and "不是会话" in unfiled[0]["reason"]
        elsewhere = {path.name for path in (tmp_path / "archive" / "a").iterdir()} - {
            archived_files(tmp_path / "archive", "a")[0].name, beside.name}
        assert elsewhere == {"20200101-000000-000000.jsonl.rejected"}  # beside where that session's file would be
    finally:
        await stopped(task)
        await publisher.stop()
