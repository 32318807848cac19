"""A segment is never skipped by accident: a button's advance that repeats one or names a segment already left,
a pane's request pressed twice, a +1 minute or next accepted after its segment ended (the hostile tester's T1),
and an accepted request undone is known as undone (T2)."""

import json

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.events import Extend, RequestAnswered, RequestMade, ShowStarted, Undo
from rhythm_console.i18n import Texts
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.report.markdown import render_markdown
from rhythm_console.session import ADVANCE_REPEAT, REQUEST_EXTEND, LiveSession
from rhythm_console.show import apply, fold, initial_state
from tests.support.reviews import review_of


def _session(plan, tmp_path=None, *, start=True):
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "show.jsonl", plan, clock=clock, sync=lambda fd: None) if tmp_path else None
    session = LiveSession(plan, clock, journal, lang="zh", advise=False)
    if start:
        assert session.start_or_advance() is None
    return session, clock


def _running(session):
    return session.state.running.id if session.state.running is not None else None


# ------------------------------------------------------------ a button's advance


def test_a_second_advance_within_the_window_is_refused_and_changes_nothing(small_plan):
    session, clock = _session(small_plan)
    clock.advance(60)
    assert session.press_advance() is None
    assert _running(session) == "coat"
    clock.advance(ADVANCE_REPEAT - 0.5)  # a bounced button, a retried script
    before = session.state
    reason = session.press_advance()
    assert reason.code == "advance_repeated"
    assert session.state is before  # nothing journaled, nothing applied
    assert "2.5 秒前刚切换过" in Texts("zh").reason(reason)
    assert "moved on 2.5 s ago" in Texts("en").reason(reason)
    clock.advance(0.5)  # the window is over: a deliberate press moves on
    assert session.press_advance() is None
    assert _running(session) == "bag"


def test_the_start_is_no_advance(small_plan):
    session, _ = _session(small_plan, start=False)
    assert session.press_advance() is None  # starts the show
    assert _running(session) == "open" and session.state.advanced_at is None
    assert session.press_advance() is None  # no advance before it to repeat
    assert _running(session) == "coat"


def test_any_advance_counts_for_the_window_even_the_manager_s(small_plan):
    session, clock = _session(small_plan)
    clock.advance(30)
    session.start_or_advance()  # Space on the console
    clock.advance(1)
    assert session.press_advance().code == "advance_repeated"  # the button would skip what Space just opened
    assert _running(session) == "coat"


def test_from_moves_on_only_from_the_segment_named(small_plan):
    session, clock = _session(small_plan)
    clock.advance(10)
    assert session.press_advance("open") is None
    assert _running(session) == "coat"
    reason = session.press_advance("open")  # the same press again: open is long gone
    assert reason.code == "moved_on" and _running(session) == "coat"
    assert Texts("zh").reason(reason) == "没有切换：要切走的“open”已经不在进行了（现在：大衣）"
    assert Texts("en").reason(reason) == ('nothing changed: "open", the segment to move on from, is no longer '
                                          "running (now: 大衣)")
    assert session.press_advance("coat") is None  # naming the running one is deliberate: no window
    assert _running(session) == "bag"


def test_from_with_nothing_running_is_refused_and_an_ended_show_says_it_ended(small_plan):
    session, _ = _session(small_plan, start=False)
    reason = session.press_advance("open")  # the show has not started: open does not run
    assert reason.code == "moved_on" and session.state.status.value == "ready"
    assert "没有环节在进行" in Texts("zh").reason(reason)
    session.start_or_advance()
    session.end_show()
    assert session.press_advance("open").code == "ended"
    assert session.press_advance().code == "ended"


def test_the_window_is_read_from_the_journal_so_a_resumed_console_keeps_it(small_plan, tmp_path):
    session, clock = _session(small_plan, tmp_path)
    clock.advance(20)
    session.press_advance()
    session.close()
    journal = read_journal(tmp_path / "show.jsonl")
    state = fold(journal.header.plan, journal.events)
    assert state.advanced_at == session.state.advanced_at == 20


# ------------------------------------------------------------ a pane's request pressed twice


def test_a_request_still_open_is_not_made_twice(small_plan):
    session, _ = _session(small_plan)
    assert session.request("extend", by="anna") is None
    reason = session.request("extend", by="anna")
    assert reason.code == "request_pending"
    assert Texts("zh").reason(reason) == "+1 分钟的请求（第 1 条）还在等场控回复，没有再发一次"
    assert len(session.state.requests) == 1
    assert session.request("extend", by="ben") is None  # another pane asks for itself
    assert session.request("next", by="anna") is None  # another kind
    assert session.request("text", by="anna", text="话筒没电") is None
    assert session.request("text", by="anna", text="话筒没电").code == "request_pending"
    assert session.request("text", by="anna", text="灯坏了") is None  # other words: another message
    session.answer_request(1, accepted=False)
    assert session.request("extend", by="anna") is None  # answered: it may be asked again
    assert [r.request for r in session.state.requests] == [1, 2, 3, 4, 5, 6]


# ------------------------------------------------------------ a request tied to its segment


def test_a_request_is_tied_to_the_segment_the_pane_shows_or_the_running_one(small_plan, tmp_path):
    session, _ = _session(small_plan, tmp_path)
    session.request("next", by="anna", segment="open")
    session.request("sample_missing", by="ben")  # says none: the running one
    session.close()
    events = [e for e in read_journal(tmp_path / "show.jsonl").events if isinstance(e, RequestMade)]
    assert [e.segment for e in events] == ["open", "open"]
    assert [r.segment for r in session.state.requests] == ["open", "open"]


@pytest.mark.parametrize("kind", ["extend", "next"])
def test_accepting_after_the_segment_ended_is_refused_and_it_can_be_declined(small_plan, kind):
    session, clock = _session(small_plan)
    session.request(kind, by="anna")
    clock.advance(200)
    session.start_or_advance()  # the manager moved on before answering
    coat = session.state.running
    reason = session.answer_request(1, accepted=True)
    assert reason.code == "request_segment_ended"
    assert session.state.running == coat  # not extended, not ended
    assert session.early_to_accept(1) is None  # no question first: the refusal says why
    what = "+1 分钟" if kind == "extend" else "下一个"
    assert Texts("zh").reason(reason) == f"第 1 条请求（{what}）是在“开场”时提的，这个环节已经结束，不能再同意（按 d 拒绝）"
    assert "was made during \"开场\", which has ended" in Texts("en").reason(reason)
    assert session.state.request(1).open
    assert session.answer_request(1, accepted=False) is None
    assert session.state.request(1).accepted is False


def test_a_request_from_between_segments_cannot_be_accepted_once_one_runs(small_plan):
    session, clock = _session(small_plan, start=False)
    session.request("next", by="anna")  # before the start: no segment
    session.start_or_advance()
    assert session.answer_request(1, accepted=True).code == "request_segment_started"
    assert _running(session) == "open"


def test_other_requests_and_ones_of_the_running_segment_are_accepted_as_before(small_plan):
    session, clock = _session(small_plan)
    session.request("sample_missing", by="anna")
    session.request("next", by="anna")
    clock.advance(200)
    assert session.answer_request(1, accepted=True) is None  # a word to the manager: no segment to outlive
    assert session.answer_request(2, accepted=True) is None
    assert _running(session) == "coat"


def test_the_pane_s_own_segment_decides_not_the_running_one(small_plan):
    session, _ = _session(small_plan)
    session.start_or_advance()  # coat runs; the pane still showed open when its key was pressed
    session.request("extend", by="anna", segment="open")
    assert session.answer_request(1, accepted=True).code == "request_segment_ended"


def test_a_journal_written_before_requests_had_a_segment_still_loads(small_plan, tmp_path):
    session, _ = _session(small_plan, tmp_path)
    session.request("extend", by="anna")
    session.close()
    path = tmp_path / "show.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    old = []
    for line in lines:
        record = json.loads(line)
        if record.get("type") == "request_made":
            del record["segment"]
            line = json.dumps(record, ensure_ascii=False)
        old.append(line)
    path.write_text("\n".join(old) + "\n", encoding="utf-8")
    journal = read_journal(path)
    (made,) = [e for e in journal.events if isinstance(e, RequestMade)]
    assert made.segment is None
    assert fold(journal.header.plan, journal.events).request(1).segment is None


# ------------------------------------------------------------ an accepted request undone


@pytest.mark.parametrize("kind", ["extend", "next"])
def test_undoing_what_an_accepted_request_performed_marks_it_undone(small_plan, kind, tmp_path):
    session, clock = _session(small_plan, tmp_path)
    session.request(kind, by="anna")
    clock.advance(5)
    assert session.answer_request(1, accepted=True) is None
    clock.advance(5)
    assert session.undo() is None
    record = session.state.request(1)
    assert (record.accepted, record.undone_at) == (True, 10)
    assert _running(session) == "open" and session.state.running.budget == 300
    session.end_show()
    session.close()
    journal = read_journal(tmp_path / "show.jsonl")
    assert fold(journal.header.plan, journal.events).request(1).undone_at == 10  # the fold knows it again
    assert "| 同意后撤销 |" in render_markdown(review_of(journal), "zh")


def test_an_undo_of_another_command_leaves_the_request_accepted(small_plan):
    session, clock = _session(small_plan)
    session.request("extend", by="anna")
    clock.advance(5)
    session.answer_request(1, accepted=True)
    clock.advance(5)
    session.extend(30)  # the manager's own e, later
    session.undo()  # takes back the 30 s, not the request's minute
    assert session.state.request(1).undone_at is None
    assert session.state.running.budget == 300 + REQUEST_EXTEND


def test_the_fold_marks_undone_only_the_request_whose_command_was_taken_back(small_plan):
    state = apply(initial_state(small_plan), ShowStarted(at=0))  # a journal's own events, folded
    state = apply(state, RequestMade(at=1, request=1, kind="extend", by="anna", segment="open"))
    state = apply(state, Extend(at=2, seconds=60))
    state = apply(state, RequestAnswered(at=2, request=1, accepted=True))
    state = apply(state, RequestMade(at=3, request=2, kind="extend", by="ben", segment="open"))
    state = apply(state, RequestAnswered(at=4, request=2, accepted=False))
    state = apply(state, Undo(at=5, of="extend", of_at=2))
    assert [(r.request, r.undone_at) for r in state.requests] == [(1, 5), (2, None)]
