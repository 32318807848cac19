"""Sources: spec parsing, the runner's restarts, feeds from files, and the simulator's determinism."""

import asyncio

import pytest

from rhythm_console.i18n import speaking
from rhythm_console.metrics.room import EventKind, RoomMetrics
from rhythm_console.sources.feeds import FeedSource
from rhythm_console.sources.runner import SourceRunner, SourceSpecError, SourceStatus, parse_source_spec
from rhythm_console.sources.simulated import SimulatedSource
from rhythm_console.sources.simulated_room import RoomContext, RoomSimulator
from tests.support.waiting import until


def test_spec_parsing(tmp_path):
    assert parse_source_spec("simulate").options == {"seed": "1", "scale": "1.0"}
    assert parse_source_spec("simulate:seed=7,scale=2.5").options == {"seed": "7", "scale": "2.5"}
    feed = tmp_path / "f.jsonl"
    feed.write_text("")
    spec = parse_source_spec(f"douyin:{feed},follow=1")
    assert (spec.kind, spec.target, spec.options) == ("douyin", str(feed), {"follow": "1"})
    assert parse_source_spec("jsonl:-").target == "-"
    for bad, message in [("kafka:x", "unknown source"), ("simulate:seed=a", "must be numbers"),
                         ("simulate:speed=2", "not one of"), ("jsonl:", "needs a file"),
                         (f"jsonl:{feed},tail=1", "follow=0 or follow=1"), ("douyin:/no/such", "no such file"),
                         ("simulate:scale=0", "above 0"), (f"jsonl:{tmp_path}", "is a directory"),
                         ("douyin:/dev/zero", "not a regular file; send a pipe's lines to douyin:- ")]:
        with speaking("en"), pytest.raises(SourceSpecError, match=message):  # said in English when asked
            parse_source_spec(bad)
    with pytest.raises(SourceSpecError) as refused:  # in Chinese unless asked, the kinds it knows too
        parse_source_spec("kafka:x")
    assert str(refused.value) == ('不认识的数据源 "kafka:x"（可用 simulate[:seed=N,scale=M]、jsonl:路径[,follow=1]、'
                                  'douyin:路径[,follow=1]（路径为 - 时读标准输入）、ws://主机:端口[/路径] 或 none）')
    with speaking("en"), pytest.raises(SourceSpecError, match=r"\(use simulate\[:seed=N,scale=M\], jsonl:PATH"):
        parse_source_spec("kafka:x")


class Flaky:
    name = "flaky"
    provides_commerce = True
    malformed = 0

    def __init__(self, behaviours):
        self.behaviours = list(behaviours)
        self.runs = 0

    async def run(self, sink):
        self.runs += 1
        behaviour = self.behaviours.pop(0) if self.behaviours else "hang"
        sink.snapshot(float(self.runs), online=self.runs)
        if behaviour == "raise":
            raise ConnectionError("feed dropped")
        if behaviour == "hang":
            await asyncio.Event().wait()
        # "end": return normally


async def test_a_source_that_raises_ends_or_hangs_is_restarted():
    room = RoomMetrics()
    statuses = []
    source = Flaky(["raise", "end", "hang", "hang"])
    runner = SourceRunner(source, room, lambda status, reason: statuses.append((status, reason)),
                          backoff=(0.01, 0.05), hang_after=0.1)
    runner.start()
    await until(lambda: source.runs >= 4, limit=500)
    await runner.stop()
    assert (SourceStatus.retrying, "ConnectionError: feed dropped") in statuses
    assert (SourceStatus.ended, None) in statuses
    assert (SourceStatus.retrying, "no data for 0.1 s") in statuses
    assert room.online == source.runs  # every run's data reached the sink
    assert statuses[-1] == (SourceStatus.stopped, None)


async def test_a_feed_file_is_read_and_a_restart_continues_where_it_stopped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"type":"comment","user":"a"}\n{"type":"comment","user":"b"}\nnot json\n')
    room = RoomMetrics()
    source = FeedSource("jsonl", str(path), follow=False, now=lambda: 5.0)
    await source.run(room)
    assert room.totals[EventKind.comment] == 2 and source.malformed == 1
    with open(path, "ab") as handle:
        handle.write(b'{"type":"click","user":"c"}\n')
    await source.run(room)  # what the runner does after an end
    assert room.totals[EventKind.comment] == 2 and room.totals[EventKind.click] == 1


async def test_follow_picks_up_lines_as_they_are_written(tmp_path):
    path = tmp_path / "grow.jsonl"
    path.write_bytes(b"")
    room = RoomMetrics(provides_commerce=False)
    source = FeedSource("douyin", str(path), follow=True, now=lambda: 1.0, poll=0.01)
    task = asyncio.create_task(source.run(room))
    with open(path, "ab") as handle:
        handle.write(b'{"common":{"method":"WebcastChatMessage","msgId":"1"},"user":{"id":"9"}}\n{"common":{"meth')
        handle.flush()
        await until(lambda: room.totals[EventKind.comment] == 1)
        handle.write(b'od":"WebcastChatMessage","msgId":"2"},"user":{"id":"8"}}\n')
        handle.flush()
        await until(lambda: room.totals[EventKind.comment] == 2)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert source.malformed == 0  # the line split across writes was read whole


async def test_a_multiline_array_feed_is_read_whole(tmp_path):
    path = tmp_path / "arr.json"
    path.write_text('[\n {"type": "comment", "user": "a"},\n {"type": "enter"}\n]\n')
    room = RoomMetrics()
    source = FeedSource("jsonl", str(path), follow=False, now=lambda: 0.0)
    await source.run(room)
    assert room.totals[EventKind.comment] == 1 and room.totals[EventKind.enter] == 1 and source.malformed == 0


def _run_room(seed):
    room = RoomSimulator(seed=seed)
    contexts = [RoomContext(live=True, kind="opening", segment_elapsed=t) for t in range(60)]
    contexts += [RoomContext(live=True, kind="product", segment_elapsed=t, segment_id="coat", price=299, stock=50,
                             new_cues=("上链接！",) if t == 10 else ()) for t in range(300)]
    return [item for t, context in enumerate(contexts) for item in room.step(float(t), context)]


def test_the_simulator_is_deterministic_for_a_seed():
    assert _run_room(4) == _run_room(4)
    assert _run_room(4) != _run_room(5)


def test_the_simulated_room_reacts_to_segments_and_cues():
    def comments_per_min(kind, cue=()):
        room = RoomSimulator(seed=1)
        metrics = RoomMetrics()
        for t in range(600):  # let the room fill up
            room.step_into(float(t), RoomContext(live=True, kind="opening", segment_elapsed=t), metrics)
        for t in range(600, 660):
            context = RoomContext(live=True, kind=kind, segment_elapsed=300, price=299, segment_id="x",
                                  new_cues=cue if t == 600 else ())
            room.step_into(float(t), context, metrics)
        return metrics.rate(EventKind.comment, 660), metrics.totals[EventKind.click]

    plain, _ = comments_per_min("product")
    lottery, _ = comments_per_min("lottery")
    boosted, _ = comments_per_min("product", ("增加互动",))
    _, clicks = comments_per_min("product")
    _, link_clicks = comments_per_min("product", ("上链接",))
    assert lottery > plain * 2
    assert boosted > plain * 1.3
    assert link_clicks > clicks * 2


async def test_follow_starts_again_when_the_collector_truncates_its_file(tmp_path):
    path = tmp_path / "rotating.jsonl"
    path.write_bytes(b'{"type":"comment","user":"a"}\n' * 3)
    room = RoomMetrics()
    source = FeedSource("jsonl", str(path), follow=True, now=lambda: 1.0, poll=0.01)
    task = asyncio.create_task(source.run(room))
    await until(lambda: room.totals[EventKind.comment] == 3)
    path.write_bytes(b'{"type":"click","user":"b"}\n')  # truncated and rewritten, shorter than before
    await until(lambda: room.totals[EventKind.click] == 1)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert room.totals[EventKind.comment] == 3 and source.malformed == 0


def test_the_simulated_source_sees_the_running_segment_and_hears_each_cue_once(small_plan):
    from rhythm_console.clock import ManualClock
    from rhythm_console.session import LiveSession

    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh")
    source = SimulatedSource(session, seed=2)
    assert source.context(session.now()) == RoomContext(live=False)
    session.start_or_advance()
    session.start_or_advance()  # the coat: a product at 899
    clock.advance(30)
    session.send_cue("上链接", origin="test")
    context = source.context(session.now())
    assert (context.kind, context.segment_id, context.segment_elapsed, context.price, context.stock) == (
        "product", "coat", 30, 899, 100)
    assert context.new_cues == ("上链接",)
    assert source.context(session.now()).new_cues == ()  # heard once
    room = RoomMetrics()
    assert source.feed(room) == room.items > 0


def test_the_simulated_room_carries_on_from_given_figures():
    room = RoomSimulator(seed=1, start={"online": 900, "cumulative_viewers": 5000, "likes": 70000})
    snapshot = room.step(1.0, RoomContext(live=True, kind="opening"))[-1]
    assert snapshot.online >= 880 and snapshot.cumulative_viewers >= 5000 and snapshot.likes_total >= 70000


def test_probe_starts_without_an_event_loop():
    """A file's probe needs no asyncio: importing it costs a probe's start-up (a tenth of a second)."""
    import subprocess
    import sys

    code = ("import sys, rhythm_console.commands.probe, rhythm_console.sources.probe;"
            "print('asyncio' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_probe_fails_a_capture_with_nothing_the_console_could_use(tmp_path, capsys):
    """A script checking a capture before the show reads the exit code: nothing usable is not "fine"."""
    from rhythm_console.cli import main

    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert main(["probe", f"jsonl:{empty}"]) == 1
    assert "什么也没有" in capsys.readouterr().err
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_text("not json\n{also not\n", encoding="utf-8")
    assert main(["probe", "--lang", "en", f"douyin:{garbage}"]) == 1
    assert "nothing in douyin:" in capsys.readouterr().err
    good = tmp_path / "good.jsonl"
    good.write_text('{"type": "comment", "at": 1, "user": "u1", "text": "hi"}\n', encoding="utf-8")
    assert main(["probe", f"jsonl:{good}"]) == 0
    assert capsys.readouterr().err == ""
