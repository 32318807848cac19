"""The decisions the console's screens used to make, now the session's (issue 23.1): which suggestion
`a` sends, advice for ops going to the ops pane, and a typed cue's wording on the record. The console,
`simulate`'s autopilot, the HTTP API and these tests share them."""

from __future__ import annotations

from rhythm_console.autopilot import Autopilot
from rhythm_console.clock import ManualClock
from rhythm_console.events import WordingOverridden
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.metrics.room import EventKind
from rhythm_console.plan import load_plan
from rhythm_console.session import LiveSession
from tests.support.plans import PLANS

TECH_ADVICE = "advice:builtin:tech-complaints"


def _session(tmp_path, plan_name: str = "demo.yaml") -> tuple[LiveSession, ManualClock]:
    plan = load_plan(PLANS / plan_name)
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "s.jsonl", plan, clock=clock, sync=lambda fd: None)
    return LiveSession(plan, clock, journal, lang="zh"), clock


def _complain(session: LiveSession, clock: ManualClock, seconds: int = 5) -> None:
    for _ in range(seconds):
        for text in ("卡了", "没声音"):
            session.room.event(EventKind.comment, session.now(), user="u")
            session.room.said(text, session.now())
        clock.advance(1)
        session.second()


def test_under_simulate_tech_complaints_go_to_the_ops_pane_not_the_host(tmp_path):
    session, clock = _session(tmp_path)
    pilot = Autopilot(session, clock, seed=2)  # demo.yaml's team has ops: its simulated pane is on
    for _ in range(5):
        pilot.step()
    _complain(session, clock)
    advice = [cue for cue in session.state.cues if cue.origin == TECH_ADVICE]
    assert len(advice) == 1 and advice[0].target == "ops" and advice[0].level.value == "urgent"
    for _ in range(30):  # the autopilot follows advice: this one was sent already, not again to the host
        pilot.step()
    assert [cue.target for cue in session.state.cues if cue.origin == TECH_ADVICE] == ["ops"]


def test_without_an_ops_pane_tech_advice_waits_for_the_manager_and_goes_to_every_pane(tmp_path):
    session, clock = _session(tmp_path)
    session.start_or_advance()
    _complain(session, clock)
    assert not [cue for cue in session.state.cues if cue.origin == TECH_ADVICE]
    outcome = session.send_advice()
    assert outcome.sent and outcome.reason is None and outcome.alert.alert == "builtin:tech-complaints"
    assert session.state.cues[-1].origin == TECH_ADVICE and session.state.cues[-1].target is None


def test_send_advice_sends_the_newest_unsent_suggestion_then_says_all_were_sent(tmp_path):
    session, clock = _session(tmp_path)
    assert session.send_advice().alert is None  # no advice at all
    session.start_or_advance()
    _complain(session, clock)
    first = session.send_advice()
    assert first.sent
    again = session.send_advice()
    assert not again.sent and again.alert == first.alert  # every suggestion sent: the newest is named


def test_a_typed_cue_s_flagged_words_are_journaled_with_it_and_a_preset_s_are_not(tmp_path):
    session, clock = _session(tmp_path)
    session.start_or_advance()
    assert session.send_cue("全网最低价", origin="http") is None
    assert session.send_cue("价格很有优势") is None
    assert session.send_cue("全网最低价", origin="builtin:x") is None  # not typed by a person
    session.close()
    overrides = [e for e in read_journal(tmp_path / "s.jsonl").events if isinstance(e, WordingOverridden)]
    assert [(e.cue, e.words) for e in overrides] == [(1, ["全网最低价"])]


def test_the_roster_counts_panes_sharing_a_name(tmp_path):
    session, _ = _session(tmp_path)
    session.panes.join("ops")
    session.panes.join("ops")
    session.panes.leave("ops")
    assert "ops" in session.panes and session.panes.names() == ["ops"]
    session.panes.leave("ops")
    assert "ops" not in session.panes


def test_a_console_set_to_english_sends_the_host_built_in_cues_in_the_plan_s_language():
    """--lang chooses what the manager's console says; the 主播 reads the plan's language (F4 on a Chinese show
    sent "Push the link" to the prompter)."""
    for plan_name, console, expected in (("demo.yaml", "en", "上链接"), ("demo-en.yaml", "zh", "link")):
        session = LiveSession(load_plan(PLANS / plan_name), ManualClock(), lang=console)
        session.start_or_advance()
        assert session.cue_by_name("push_link", origin="builtin:push_link") is None
        assert expected in session.state.cues[-1].text.lower()
