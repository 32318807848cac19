"""`--source ws://…` against a real local WebSocket server standing in for a collector (issue 20.2):
barrage-grabbing tools' packs, our jsonl lines and Douyin webcast messages; reconnects; `probe ws://…`."""

import asyncio
import json
import sys
from pathlib import Path

from aiohttp import web

from rhythm_console.metrics.room import EventKind, RoomMetrics
from rhythm_console.sources.runner import SourceRunner, SourceStatus
from rhythm_console.sources.websocket import WebSocketSource
from tests.support.plans import DATA
from tests.support.waiting import until

PACKS = (DATA / "collectors" / "barrage-packs.jsonl").read_text(encoding="utf-8").splitlines()
OTHERS = [
    '{"type": "order", "amount": 899, "user": "u1", "id": "o-1"}',  # our jsonl line format
    json.dumps({"common": {"method": "WebcastSocialMessage", "msgId": "77"}, "user": {"id": "5"}, "action": "3"}),
    '{"type": "click", "user": "u1"}\n{"type": "click", "user": "u2"}',  # one frame, two lines
    "not json at all",
]


class Collector:
    """A WebSocket server that pushes `frames` to each connection, then closes it."""

    def __init__(self, *frames_per_connection: list[str]) -> None:
        self.frames = list(frames_per_connection)
        self.connections = 0
        self.url = ""

    async def handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        frames = self.frames[min(self.connections, len(self.frames) - 1)]
        self.connections += 1
        for frame in frames:
            await ws.send_str(frame)
        await ws.close()
        return ws

    async def __aenter__(self) -> "Collector":
        app = web.Application()
        app.router.add_get("/barrage", self.handler)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/barrage"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.runner.cleanup()


async def test_the_ws_source_reads_packs_jsonl_and_douyin_and_reconnects():
    second = ['{"Type": 6, "ProcessName": "chrome", "Data": "{\\"MsgId\\": 2001, \\"OnlineUserCount\\": 2300}"}']
    async with Collector(PACKS + OTHERS, second) as collector:
        room = RoomMetrics()
        source = WebSocketSource(collector.url, now=lambda: 0.0)
        statuses: list[SourceStatus] = []
        runner = SourceRunner(source, room, lambda status, reason: statuses.append(status), backoff=(0.01, 0.05))
        runner.start()
        try:
            await until(lambda: collector.connections >= 2 and room.online == 2300)  # the collector closed: back again
        finally:
            await runner.stop()
    totals = room.totals
    assert room.cumulative_viewers == 20311 and room.likes_total_reported == 3015
    assert totals[EventKind.comment] == 2  # the pack sent twice is counted once
    assert totals[EventKind.like] == 15 and totals[EventKind.enter] == 1 and totals[EventKind.follow] == 1
    assert totals[EventKind.gift] == 3  # GiftCount: what the pack adds
    assert totals[EventKind.share] == 2  # a share pack, and a Douyin social message with action 3
    assert totals[EventKind.order] == 1 and room.gmv == 899 and totals[EventKind.click] == 2
    mapper = source.mapper
    assert mapper is not None
    assert (mapper.malformed, mapper.unknown, mapper.duplicates) == (2, 1, 1)  # "{not json" and "not json at all"
    assert mapper.unknown_methods == {"Type 42": 1}
    assert mapper.items["fans_club"] == 1
    assert SourceStatus.ended in statuses and statuses.count(SourceStatus.live) >= 2


async def test_a_collector_not_there_yet_is_retried_with_back_off():
    async with Collector(PACKS) as collector:
        url = collector.url
    # The server is gone: nothing listens on that port now.
    room = RoomMetrics()
    reasons: list[str | None] = []
    runner = SourceRunner(WebSocketSource(url, now=lambda: 0.0), room, lambda status, reason: reasons.append(reason),
                          backoff=(0.01, 0.05))
    runner.start()
    try:
        await until(lambda: runner.restarts >= 3)
        assert runner.status is SourceStatus.retrying or runner.status is SourceStatus.live
        assert any(reason and "Cannot connect" in reason for reason in reasons)
    finally:
        await runner.stop()
    assert room.items == 0


async def test_probe_reads_a_collector_s_websocket():
    async with Collector(PACKS + OTHERS) as collector:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "rhythm_console", "probe", collector.url, "--json",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=Path(__file__).parent)
        out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    result = json.loads(out)
    assert result["items"]["comment"] == 2 and result["items"]["order"] == 1 and result["items"]["fans_club"] == 1
    assert (result["malformed"], result["unknown"], result["duplicates"]) == (2, 1, 1)
    assert result["metrics"]["online"] == 1841 and result["metrics"]["gmv"] == 899



async def _probe_error(url: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "rhythm_console", "probe", url, "--lang", "en",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=Path(__file__).parent)
    _, err = await process.communicate()
    assert process.returncode == 2
    return err.decode()


async def test_probe_says_in_one_plain_line_when_nothing_listens_or_the_path_is_not_a_websocket():
    async with Collector([]) as collector:
        wrong_path = collector.url.replace("/barrage", "/elsewhere")
        said = await _probe_error(wrong_path)
        assert "not a WebSocket endpoint (the server answered HTTP 404)" in said and "Traceback" not in said
    said = await _probe_error(collector.url)  # the collector has stopped: its port is closed
    assert "connection refused); is the collector running?" in said and "ssl:default" not in said


DOUYIN_ONLY = [json.dumps({"common": {"method": "WebcastChatMessage", "msgId": str(n)}, "content": "多少钱"})
               for n in range(1, 4)]


async def _probe(url: str, *flags: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "rhythm_console", "probe", url, *flags,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=Path(__file__).parent)
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_a_collector_of_douyin_messages_only_has_no_orders_clicks_or_gmv_not_zero():
    async with Collector(DOUYIN_ONLY) as collector:
        code, out, err = await _probe(collector.url)
        assert code == 0, err
        assert "条目：comment 3" in out and "商品点击、订单、成交额：这个数据源没有" in out and "¥" not in out
        code, out, err = await _probe(collector.url, "--json")
    metrics = json.loads(out)["metrics"]
    assert (metrics["product_clicks"], metrics["orders"], metrics["gmv"]) == (None, None, None)


async def test_the_console_and_the_review_say_no_data_for_a_douyin_only_collector(tmp_path):
    from rhythm_console.journal import read_journal
    from rhythm_console.report.markdown import render_markdown
    from tests.support.console_helpers import make_console, run_for, text_of
    from tests.support.reviews import review_of

    path = tmp_path / "ws.jsonl"
    async with Collector(DOUYIN_ONLY) as collector:
        app, session, clock = make_console(path, source_factory=lambda s: WebSocketSource(collector.url, now=s.now))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("space")
            await until(lambda: session.room.items)
            run_for(app, clock, 2)
            await pilot.pause()
            assert "此来源无数据" in text_of(app, "#metric-orders .metric-value")
            assert "此来源无数据" in text_of(app, "#metric-clicks .metric-value")
            await pilot.press("q", "y")
    assert "orders" not in session.state.metrics and "gmv" not in session.state.metrics
    report = render_markdown(review_of(read_journal(path)), "zh")
    [gmv_goal] = [line for line in report.splitlines() if line.startswith("| 成交额 | ¥5,000")]
    assert "无数据" in gmv_goal and "¥0" not in gmv_goal


async def test_a_collector_that_pushes_our_jsonl_lines_carries_orders_once_it_has():
    room = RoomMetrics(provides_commerce=False)
    source = WebSocketSource("", now=lambda: 0.0)
    assert not source.provides_commerce  # nothing read yet: no figure known
    async with Collector(DOUYIN_ONLY + ['{"type": "order", "amount": 899, "user": "u1", "id": "o-1"}']) as collector:
        source.url = collector.url
        await source.run(room)
    assert source.provides_commerce


async def test_probe_keeps_what_it_read_before_a_frame_over_the_limit_and_says_why():
    from rhythm_console.sources.websocket import MAX_FRAME

    async with Collector(DOUYIN_ONLY + ["x" * (MAX_FRAME + 1)]) as collector:
        code, out, err = await _probe(collector.url)
        assert code == 2 and "条目：comment 3" in out
        assert err.strip() == f"probe：{collector.url} 发来一帧超过 4 MB 的数据，连接就此断开：以上是断开前读到的"
        code, out, err = await _probe(collector.url, "--lang", "en")
    assert code == 2 and "items: comment 3" in out and "sent a frame larger than 4 MB" in err and "None" not in err
