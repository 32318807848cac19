"""A trainee host's pane over the real link in a drill: its acknowledgement is journaled and the debrief shows its latency."""

from __future__ import annotations

import pytest

from rhythm_console.journal import read_journal
from rhythm_console.plan import CueLevel
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review
from rhythm_console.review.drill import compare_journals
from tests.support.drills import recorded_show, start_drill
from tests.support.panes import served
from tests.support.waiting import until


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return recorded_show(tmp_path_factory.mktemp("recording"))


async def test_a_trainee_host_acks_over_the_link_and_its_latency_is_in_the_debrief(original, tmp_path):
    out = tmp_path / "drill.jsonl"
    session, source, clock, recording, _ = start_drill(original, out)
    try:
        async with served(session) as (_, open_pane):
            pane = await open_pane()
            await until(lambda: pane.states)
            clock.advance(1)
            source.feed(session.room)
            session.start_or_advance()
            session.send_cue("上链接！", CueLevel.urgent)
            await until(lambda: pane.cues and session.state.cue(1).delivered)
            clock.advance(2.5)  # the trainee host takes 2.5 s to read it
            assert await pane.client.ack(pane.cues[0].seq)
            await until(lambda: session.state.cue(1).acked)
            clock.advance(210)  # the drill goes on past the original's first two acknowledged cues (2 s and 3 s)
            source.feed(session.room)
            session.second()
    finally:
        session.close()
    drill = read_journal(out)
    acked = [event for event in drill.events if event.type == "cue_acked"]
    assert [(event.cue, event.by) for event in acked] == [(1, "host")]
    comparison = compare_journals(drill, recording)
    assert comparison.trainee_acks.latencies == (2.5,)
    assert comparison.original_acks.latencies == (2.0, 3.0)
    review = build_review(drill.header.plan, drill.events, started_wall=drill.header.started_wall)
    review.drill = comparison
    acks = render_markdown(review, "zh").split("### 主播确认用时")[1]
    assert "| 原场 | 2 | 2.5 秒 | 3.0 秒 | 0 |" in acks and "| 学员 | 1 | 2.5 秒 | 2.5 秒 | 0 |" in acks
