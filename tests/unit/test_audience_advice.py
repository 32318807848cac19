"""The advisor's built-ins on the audience's voice, raised and cleared with the manual clock,
and what the journal keeps of comments (counts and a few texts, never who wrote them)."""

from __future__ import annotations

import json

from rhythm_console.clock import ManualClock
from rhythm_console.journal import JournalWriter
from rhythm_console.metrics.room import EventKind
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession
from rhythm_console.sources.douyin import DouyinMapper
from rhythm_console.sources.jsonl import JsonlMapper

PLAN = """
show: {title: 测试}
segments:
  - {id: open, kind: opening, title: 开场, duration: 5m}
  - {id: coat, kind: product, title: 大衣, duration: 20m, product: {name: 大衣, price: 899}}
rules:
  - {id: sizes, metric: audience.size_questions_per_min, comparison: ">=", threshold: 20, for: 10s, suggest: slow_down}
"""


def _session(journal: JournalWriter | None = None, **options):
    clock = ManualClock()
    plan = parse_plan(PLAN)
    session = LiveSession(plan, clock, journal, lang="zh", **options)
    return session, clock


def _seconds(session, clock, count: int, *comments: str) -> None:
    for _ in range(count):
        clock.advance(1)
        for text in comments:
            session.room.event(EventKind.comment, session.now(), user="u")
            session.room.said(text, session.now())
        session.second()


def _alerts(session) -> dict[str, str | None]:
    return {alert.alert: alert.suggest for alert in session.state.alerts}


def test_tech_complaints_raise_an_urgent_alert_for_ops_and_clear() -> None:
    session, clock = _session()
    session.start_or_advance()
    _seconds(session, clock, 3, "卡了")
    assert "builtin:tech-complaints" not in _alerts(session)  # 3 in 30 s
    _seconds(session, clock, 2, "卡了")
    assert _alerts(session)["builtin:tech-complaints"] == "audience:tech_complaints"
    alert = next(a for a in session.state.alerts if a.alert == "builtin:tech-complaints")
    assert alert.level.value == "urgent"
    assert session.plan.cue_for("audience:tech_complaints", "zh")[0].startswith("观众反映卡顿")
    _seconds(session, clock, 30, "主播好")  # the complaints stop; a while later the alert clears
    assert "builtin:tech-complaints" in _alerts(session)
    _seconds(session, clock, 30, "主播好")
    assert "builtin:tech-complaints" not in _alerts(session)


def test_look_alikes_do_not_raise_the_tech_alert() -> None:
    session, clock = _session()
    session.start_or_advance()
    _seconds(session, clock, 20, "卡其色有吗", "信用卡能付吗")
    assert "builtin:tech-complaints" not in _alerts(session)


def test_question_topic_during_a_product_segment_and_plan_rule() -> None:
    session, clock = _session()
    session.start_or_advance()
    _seconds(session, clock, 30, "多大码")  # 30 a minute, but in the opening: no built-in advice
    assert not any(a.startswith("builtin:size_questions") for a in _alerts(session))
    session.start_or_advance()  # the product segment
    _seconds(session, clock, 2, "多大码")
    alerts = _alerts(session)
    assert alerts["builtin:size_questions:coat"] == "audience:size_questions"
    assert session.plan.cue_for("audience:size_questions", "zh")[0] == "回答尺码问题"
    assert "rule:sizes" in alerts  # the plan's rule on audience.size_questions_per_min
    _seconds(session, clock, 90)  # questions stop
    assert "builtin:size_questions:coat" not in _alerts(session)


def test_rhythm_complaints_rising_suggest_pushing_the_link() -> None:
    session, clock = _session()
    session.start_or_advance()
    session.start_or_advance()
    _seconds(session, clock, 10)
    assert "builtin:rhythm-complaints" not in _alerts(session)
    _seconds(session, clock, 10, "太慢了", "快点上链接")
    assert _alerts(session)["builtin:rhythm-complaints"] == "push_link"


def test_advice_can_be_switched_off() -> None:
    clock = ManualClock()
    plan = parse_plan(PLAN + "advisor: {disable: [技术投诉]}\n")
    session = LiveSession(plan, clock, lang="zh")
    session.start_or_advance()
    _seconds(session, clock, 10, "卡了")
    assert "builtin:tech-complaints" not in _alerts(session)


def _journal_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_journal_keeps_counts_and_a_few_texts_but_no_user(tmp_path) -> None:
    clock = ManualClock()
    path = tmp_path / "show.jsonl"
    plan = parse_plan(PLAN)
    journal = JournalWriter(path, plan, clock=clock)
    session = LiveSession(plan, clock, journal, lang="zh")
    douyin = DouyinMapper(session.room)
    feed = JsonlMapper(session.room)
    session.start_or_advance()
    for second in range(5):
        clock.advance(1)
        for n in range(4):
            douyin.feed({"common": {"method": "WebcastChatMessage", "msgId": f"{second}-{n}"},
                         "user": {"id": "1234567", "nickName": "小美同学"}, "content": "多大码"}, session.now())
        feed.feed({"type": "comment", "user": "secret-user", "text": "卡了"}, session.now())
        session.second()
    session.close()
    text = path.read_text(encoding="utf-8")
    assert "1234567" not in text and "小美同学" not in text and "secret-user" not in text
    records = _journal_lines(path)
    samples = [r for r in records if r.get("type") == "metric_sample"]
    assert samples[-1]["values"]["audience.size_questions"] == 20
    assert samples[-1]["values"]["audience.tech_complaints"] == 5
    examples = [r["examples"] for r in records if r.get("type") == "comment_examples"]
    assert sum(len(e.get("size_questions", [])) for e in examples) == 3  # at most three a minute
    assert all(set(e) <= {"size_questions", "tech_complaints"} for e in examples)


def test_no_comment_text_keeps_counts_only(tmp_path) -> None:
    clock = ManualClock()
    path = tmp_path / "show.jsonl"
    plan = parse_plan(PLAN)
    session = LiveSession(plan, clock, JournalWriter(path, plan, clock=clock), lang="zh", keep_comment_text=False)
    session.start_or_advance()
    _seconds(session, clock, 3, "多大码")
    session.close()
    records = _journal_lines(path)
    assert not any(r.get("type") == "comment_examples" for r in records)
    assert "多大码" not in path.read_text(encoding="utf-8")
    assert [r for r in records if r.get("type") == "metric_sample"][-1]["values"]["audience.size_questions"] == 3
