"""Panes talk back (扁平化): requests journaled, folded by the one fold, answered by the session, reviewed."""

import csv
import io

from rhythm_console.clock import ManualClock
from rhythm_console.events import RequestAnswered, RequestMade
from rhythm_console.journal import JournalWriter, read_journal
from rhythm_console.report.csv_report import render_csv
from rhythm_console.report.html import render_html
from rhythm_console.report.markdown import render_markdown
from rhythm_console.session import REQUEST_EXTEND, LiveSession
from rhythm_console.show import apply, fold, initial_state, refusal
from tests.support.reviews import review_of


def _live(plan, tmp_path=None):
    clock = ManualClock()
    journal = JournalWriter(tmp_path / "show.jsonl", plan, clock=clock, sync=lambda fd: None) if tmp_path else None
    session = LiveSession(plan, clock, journal, lang="zh", advise=False)
    session.start_or_advance()
    return session, clock


def test_a_request_waits_open_until_answered(small_plan):
    state = apply(initial_state(small_plan), RequestMade(at=1, request=1, kind="sample_missing", by="assistant"))
    assert [(r.request, r.kind, r.by, r.open) for r in state.open_requests()] == [(1, "sample_missing", "assistant", True)]
    state = apply(state, RequestAnswered(at=31, request=1, accepted=False))
    record = state.request(1)
    assert (record.open, record.accepted, record.answered_at) == (False, False, 31)
    assert state.open_requests() == []


def test_the_fold_refuses_what_makes_no_sense(small_plan):
    state = apply(initial_state(small_plan), RequestMade(at=1, request=1, kind="extend", by="host"))
    assert refusal(state, RequestMade(at=2, request=3, kind="extend", by="host")).code == "request_sequence"
    assert refusal(state, RequestAnswered(at=2, request=2, accepted=True)).code == "unknown_request"
    answered = apply(state, RequestAnswered(at=2, request=1, accepted=True))
    assert refusal(answered, RequestAnswered(at=3, request=1, accepted=False)).code == "already_answered"
    assert apply(answered, RequestAnswered(at=3, request=1, accepted=False)) is answered  # a journal still folds


def test_accepting_plus_one_minute_extends_and_undo_takes_the_extension_back(small_plan):
    session, clock = _live(small_plan)
    budget = session.state.running.budget
    assert session.request("extend", by="host") is None
    clock.advance(12)
    assert session.answer_request(1, accepted=True) is None
    assert session.state.running.budget == budget + REQUEST_EXTEND
    assert session.state.request(1).accepted is True
    assert session.undo() is None  # the extension is a command like e: undo takes it back
    assert session.state.running.budget == budget
    assert session.state.request(1).accepted is True  # the answer stays on the record
    assert session.answer_request(1, accepted=False).code == "already_answered"


def test_accepting_next_advances_and_a_refused_action_leaves_the_request_open(small_plan):
    session, _ = _live(small_plan)
    session.request("next", by="host")
    assert session.answer_request(1, accepted=True) is None
    assert session.state.running.id == small_plan.segments[1].id
    session.hold_or_resume()
    session.end_show()
    state = session.state
    assert session.request("extend", by="host").code == "ended"
    assert state.requests[-1].request == 1


def test_an_extend_the_show_refuses_stays_open_to_be_declined(small_plan):
    clock = ManualClock()
    session = LiveSession(small_plan, clock, lang="zh", advise=False)  # not started: nothing to extend
    session.request("extend", by="host")
    assert session.answer_request(1, accepted=True).code == "not_started"
    assert session.state.request(1).open
    assert session.answer_request(1, accepted=False) is None
    assert session.state.request(1).accepted is False


def test_bad_requests_are_refused_before_the_journal(small_plan):
    session, _ = _live(small_plan)
    assert session.request("text", by="host", text="   ").code == "empty_request"
    assert session.request("dance", by="host").code == "unknown_request_kind"
    assert session.state.requests == ()
    assert session.answer_request(7, accepted=True).code == "unknown_request"


def test_requests_are_journaled_and_a_resumed_fold_has_them(small_plan, tmp_path):
    session, clock = _live(small_plan, tmp_path)
    session.request("tech_problem", by="ops")
    clock.advance(5)
    session.request("text", by="assistant", text="样品在路上")
    session.answer_request(1, accepted=True)
    session.close()
    journal = read_journal(tmp_path / "show.jsonl")
    assert [e.type for e in journal.events if "request" in e.type] == ["request_made", "request_made",
                                                                        "request_answered"]
    state = fold(journal.header.plan, journal.events)
    assert [(r.kind, r.by, r.text, r.accepted) for r in state.requests] == [
        ("tech_problem", "ops", None, True), ("text", "assistant", "样品在路上", None)]


def test_the_review_lists_requests_answers_and_how_long_each_waited(small_plan, tmp_path):
    session, clock = _live(small_plan, tmp_path)
    clock.advance(60)
    session.request("extend", by="host")
    clock.advance(15)
    session.answer_request(1, accepted=True)
    session.request("sample_missing", by="assistant")
    clock.advance(40)
    session.answer_request(2, accepted=False)
    session.request("text", by="ops", text="推流卡顿")
    clock.advance(90)
    session.end_show()
    session.close()
    review = review_of(read_journal(tmp_path / "show.jsonl"))
    markdown = render_markdown(review, "zh")
    section = markdown[markdown.index("## 提词屏的请求"):]
    rows = [line for line in section.splitlines()[2:6] if line.startswith("|")]
    assert rows[0] == "| 提出 | 谁 | 请求 | 回复 | 等待 |"
    # roles in the team's words (运营 asked through HTTP is stored as ops)
    assert rows[2].split(" | ")[1:] == ["主播", "+1 分钟", "同意", "0:15 |"]
    assert "| 助播 | 样品没到 | 拒绝 | 0:40 |" in section
    assert "| 运营 | 留言：推流卡顿 | 未回复 | 1:30 |" in section  # waited until the end
    html = render_html(review, "zh")
    assert "提词屏的请求" in html and "留言：推流卡顿" in html
    table = list(csv.reader(io.StringIO(render_csv(review, "en"))))
    start = table.index(["Requests from the panes"])
    assert table[start + 1] == ["Asked", "Who", "Request", "Answer", "Waited"]
    assert table[start + 2][1:] == ["host", "'+1 minute", "accepted", "0:15"]  # inert: no spreadsheet runs it
    assert table[start + 4][1:] == ["ops", "Message: 推流卡顿", "unanswered", "1:30"]


def test_a_show_without_requests_has_no_such_section(small_plan, tmp_path):
    session, _ = _live(small_plan, tmp_path)
    session.end_show()
    session.close()
    review = review_of(read_journal(tmp_path / "show.jsonl"))
    assert "提词屏的请求" not in render_markdown(review, "zh") + render_html(review, "zh")
    assert "Requests from the panes" not in render_csv(review, "en")
