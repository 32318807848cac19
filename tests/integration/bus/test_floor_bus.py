"""The floor and the archive against a real nats-server: cues from the floor reach the room and its
panes, journaled with their sender; refusals come back with why; the archive's journals equal
the consoles' own, across an archive restart; a wrong login is one clear line."""

from __future__ import annotations

import asyncio

import pytest

from rhythm_console.bus.archive import Archive
from rhythm_console.bus.config import bus_config
from rhythm_console.bus.floor import FloorClient
from rhythm_console.bus.publisher import RoomPublisher
from rhythm_console.cli import main
from rhythm_console.journal import read_journal
from rhythm_console.link.server import LinkServer
from rhythm_console.plan import CueLevel
from tests.support.panes import RecordingPane
from tests.support.waiting import until

from .conftest import NatsServer
from .test_publish import make_session


async def test_a_floor_cue_reaches_the_room_and_its_panes_journaled_with_its_sender(tmp_path, nats_server):
    session, clock = make_session(tmp_path)
    link = LinkServer(session, "127.0.0.1", 0)
    await link.start()
    publisher = RoomPublisher(session, bus_config(nats_server.url), "b",
                              panes=lambda: [pane.name for pane in link.panes])
    publisher.start()
    pane = RecordingPane(link.url, name="host")
    pane.start()
    summaries = {}
    floor = FloorClient(bus_config(nats_server.url), "总控", lambda summary, at: summaries.update({summary.room: summary}))
    try:
        await floor.start()
        session.start_or_advance()
        await until(lambda: "b" in summaries and summaries["b"].status == "live" and summaries["b"].panes == ["host"],
                    limit=500)
        outcome = await floor.send_cue("b", "加快节奏", CueLevel.warn, target="host")
        assert outcome.kind == "sent" and outcome.cue == 1 and outcome.reach == ("host",)
        # A role with no pane there: taken by the room's console, read by nobody, and the floor is told so.
        unread = await floor.send_cue("b", "助播准备福袋", target="assistant")
        assert unread.kind == "nobody" and unread.reach == () and session.state.cue(2).reach == ()
        cue = session.state.cue(1)
        assert (cue.text, cue.origin, cue.target) == ("加快节奏", "floor:总控", "host")
        await until(lambda: pane.cues)
        assert pane.cues[0].text == "加快节奏"
        await until(lambda: not publisher.backlog)
        journaled = [e for e in read_journal(session.journal.path).events if e.type == "cue_sent"]
        assert journaled[0].origin == "floor:总控"

        session.end_show()
        refused = await floor.send_cue("b", "还在吗")
        assert refused.kind == "refused" and refused.reason  # the room says why, in its language
        assert (await floor.send_cue("nobody", "有人吗")).kind == "no_console"
        # Never sent (it used to raise in the floor's worker, ending the app): too long, escapes, blank.
        for text in ("长" * 501, "\x1b[31m上链接", "a\u202eb", "   "):
            assert (await floor.send_cue("b", text)).kind == "unsendable"
        # A request built by another program is refused by the room, not journaled.
        reply = await floor._nc.request("rhythm.b.cue", b'{"text": "\\u202e992", "sender": "x"}', timeout=5)
        assert b'"bad_request"' in reply.data
    finally:
        await floor.stop()
        await pane.stop()
        await publisher.stop()
        await link.stop()


async def test_the_archive_writes_the_consoles_journals_and_resumes_after_a_restart(tmp_path, nats_server):
    config = bus_config(nats_server.url)
    rooms = {}
    for room in ("a", "b"):
        session, clock = make_session(tmp_path, f"{room}.jsonl")
        publisher = RoomPublisher(session, config, room)
        publisher.start()
        rooms[room] = (session, clock, publisher)
        session.start_or_advance()
        clock.advance(3)
        session.send_cue(f"{room} 第一条")
    archive = Archive(config, tmp_path / "archive")
    task = asyncio.get_running_loop().create_task(archive.run())

    def archived(room):
        return sorted((tmp_path / "archive" / room).glob("*.jsonl"))

    def equal(room):
        files = archived(room)
        return len(files) == 1 and files[0].read_bytes() == rooms[room][0].journal.path.read_bytes()

    try:
        await until(lambda: equal("a") and equal("b"), limit=1000)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        for room, (session, clock, _) in rooms.items():  # recorded while the archive is stopped
            for number in range(20):
                clock.advance(1)
                session.note(f"{room} {number}")
        rooms["a"][0].end_show()
        await until(lambda: all(not publisher.backlog for _, _, publisher in rooms.values()), limit=1000)
        again = Archive(config, tmp_path / "archive")
        task = asyncio.get_running_loop().create_task(again.run())
        await until(lambda: equal("a") and equal("b"), limit=1000)
        assert again.written == 41  # only what the first run had not acknowledged
        assert read_journal(archived("a")[0]).events == read_journal(rooms["a"][0].journal.path).events
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        for _, _, publisher in rooms.values():
            await publisher.stop()


def test_a_wrong_login_is_refused_with_one_clear_line(tmp_path, nats_binary, capsys):
    server = NatsServer(nats_binary, tmp_path / "store", "--user", "floor", "--pass", "right")
    server.start()
    try:
        wrong = server.url.replace("nats://", "nats://floor:wrong@")
        code = main(["archive", "--bus", wrong, "--dir", str(tmp_path / "archive")])
        error = capsys.readouterr().err
        assert code == 2
        assert "的总线拒绝登录" in error and "wrong" not in error  # the password is never shown; Chinese unless told
        assert len(error.strip().splitlines()) == 1
    finally:
        server.stop()


@pytest.mark.parametrize("argv, says", [
    (["archive", "--bus", "http://x:1", "--dir", "d", "--lang", "en"], "use nats://HOST:PORT"),
    (["archive", "--bus", "http://x:1", "--dir", "d"], "请用 nats://主机:端口"),
    (["archive", "--bus", "nats://127.0.0.1:1", "--dir", "d"], "连不上 nats://127.0.0.1:1 的总线"),
    (["archive", "--bus", "nats://127.0.0.1:1", "--dir", "d", "--lang", "en"], "cannot reach the bus"),
])
def test_bad_bus_addresses_are_one_clear_line(argv, says, capsys):
    assert main(argv) == 2
    assert says in capsys.readouterr().err


def test_an_archive_directory_that_cannot_be_written_is_one_clear_line(tmp_path, nats_server, capsys):
    # It used to say "archiving ..." and then die with a traceback at the first record.
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x")
    code = main(["archive", "--bus", nats_server.url, "--dir", str(not_a_directory / "archive"), "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 2
    assert "cannot write there" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert "archiving" not in captured.out
