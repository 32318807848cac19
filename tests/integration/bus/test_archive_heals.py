"""The archive heals on a real nats-server: a bus that lost its store (and with it the stream and
the archive's durable consumer) is noticed, the consumer made again and the archive filled from
the consoles publishing their journals again; a torn last line is cut back before appending; a
restart never writes a seq twice."""

from __future__ import annotations

import logging
import shutil

from rhythm_console.bus.archive import Archive
from rhythm_console.bus.config import bus_config
from rhythm_console.journal import read_journal
from tests.support.waiting import until

from .test_archive_guard import archived_files, archived_like, following, room_on_bus, stopped


async def test_a_bus_that_lost_its_store_is_healed_and_the_archive_filled_again(tmp_path, nats_server, caplog):
    caplog.set_level(logging.WARNING, logger="rhythm_console.bus")
    config = bus_config(nats_server.url)
    session, clock, publisher = room_on_bus(tmp_path, config)
    # A first archive writes the start of the show, then stops: the rest waits on the bus for it.
    archive = Archive(config, tmp_path / "archive")
    task = following(archive)
    directory = tmp_path / "archive"
    same_as_console = archived_like(directory, "a", session)

    try:
        session.start_or_advance()
        await until(same_as_console, limit=1000)
        await stopped(task)
        for number in range(5):
            clock.advance(1)
            session.note(f"没归档的{number}")
        await until(lambda: not publisher.backlog, limit=1000)

        nats_server.stop()  # the bus comes back with an empty store: the stream and the consumer are gone
        shutil.rmtree(nats_server.store)
        nats_server.start()
        archive = Archive(config, directory)
        task = following(archive)
        await until(lambda: publisher.republished > 0 and not publisher.backlog, limit=2000)
        clock.advance(1)
        session.send_cue("恢复后")
        await until(same_as_console, limit=2000)
        assert archive.rejected == 0 and archive.written == 6  # the five missed notes and the cue, once each
        assert any("publishing the journal again" in record.message for record in caplog.records)

        # An archive running while the store goes notices its consumer is gone and makes it again.
        nats_server.stop()
        shutil.rmtree(nats_server.store)
        nats_server.start()
        await until(lambda: archive.recreated == 1, limit=3000)
        assert any("已重建" in record.message for record in caplog.records)  # said in the archive's language
        clock.advance(1)
        session.send_cue("再恢复")
        await until(same_as_console, limit=2000)
        assert archive.rejected == 0
        assert read_journal(archived_files(directory, "a")[0]).seqs == list(range(1, session.journal.seq + 1))
    finally:
        await stopped(task)
        await publisher.stop()


async def test_a_torn_last_line_is_cut_back_and_a_restart_repeats_no_seq(tmp_path, nats_server, caplog):
    caplog.set_level(logging.WARNING, logger="rhythm_console.bus")
    config = bus_config(nats_server.url)
    session, clock, publisher = room_on_bus(tmp_path, config)
    directory = tmp_path / "archive"
    archive = Archive(config, directory, durable="first")
    task = following(archive)
    same_as_console = archived_like(directory, "a", session)

    try:
        session.start_or_advance()
        for number in range(3):
            clock.advance(1)
            session.send_cue(f"提示{number}")
        await until(same_as_console, limit=1000)
        await stopped(task)
        # The archive died mid-write: half of its last line reached the disk.
        path = archived_files(directory, "a")[0]
        whole = path.read_bytes()
        path.write_bytes(whole[:-20])
        # Another consumer reads the whole stream again: everything it already holds comes once more.
        archive = Archive(config, directory, durable="second")
        task = following(archive)
        await until(same_as_console, limit=1000)
        assert archive.written == 1 and archive.skipped == 4 and archive.rejected == 0
        assert any("结尾有一行不完整" in record.message for record in caplog.records)
        journal = read_journal(path)
        assert journal.warnings == [] and journal.seqs == [1, 2, 3, 4]
    finally:
        await stopped(task)
        await publisher.stop()
