"""The live session's one second: sample the room, act on time, keep the journal on disk."""

from rhythm_console.clock import ManualClock
from rhythm_console.events import MetricSample
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.metrics.room import EventKind
from rhythm_console.plan import parse_plan
from tests.support.plans import SMALL_PLAN

PLAN = SMALL_PLAN.replace("duration: 5m}", "duration: 5m, cues: {on_warning: speed_up}}", 1)


def _session(tmp_path, synced):
    from rhythm_console.session import LiveSession

    plan = parse_plan(PLAN)
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=synced.append)
    return LiveSession(plan, clock, journal, lang="zh", advise=False), clock


def test_a_second_journals_the_room_s_figures_once_it_has_any(tmp_path):
    session, clock = _session(tmp_path, [])
    session.start_or_advance()
    clock.advance(1)
    session.second()  # nothing heard from the room yet: nothing to sample
    session.room.event(EventKind.comment, session.now(), user="a")
    clock.advance(1)
    session.second()
    session.close()
    samples = [e for e in read_journal(tmp_path / "s.jsonl").events if isinstance(e, MetricSample)]
    assert [(e.at, e.values["comments"]) for e in samples] == [(2, 1)]


def test_a_second_fires_a_segment_s_automatic_cue_once_when_due(tmp_path):
    session, clock = _session(tmp_path, [])
    session.start_or_advance()
    clock.advance(4 * 60 - 1)  # the warning starts a minute before the end of five
    session.second()
    assert session.state.cues == ()
    clock.advance(1)
    session.second()
    clock.advance(1)
    session.second()
    assert [(c.text, c.origin) for c in session.state.cues] == [("加快节奏", "auto:open:warning")]


def test_a_quiet_second_still_reaches_the_disk(tmp_path):
    synced = []
    session, clock = _session(tmp_path, synced)
    session.start_or_advance()
    clock.advance(0.1)
    session.note("评论区问尺码")  # a note soon after a sync waits for the next one
    count = len(synced)
    clock.advance(1)
    session.second()  # nothing else is written this second
    assert len(synced) == count + 1


def test_a_preset_that_advances_cues_the_segment_it_opens(small_plan):
    """Sent before moving on, its cue was filed under the segment just ended and never shown large."""
    from rhythm_console.session import LiveSession

    plan = parse_plan(SMALL_PLAN.replace("  - {key: \"1\", text: 上链接, level: urgent}",
                                         "  - {key: \"1\", text: 上链接, level: urgent}\n"
                                         "  - {key: \"6\", text: 准备过款, action: advance}"), "small.yaml")
    clock = ManualClock()
    session = LiveSession(plan, clock, lang="zh")
    session.start_or_advance()
    clock.advance(60)
    assert session.send_preset("6") is None
    cue = session.state.cues[-1]
    assert cue.text == "准备过款" and session.state.running.id == "coat"
    assert cue.segment == "coat"
