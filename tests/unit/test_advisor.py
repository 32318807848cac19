"""The advisor raising and clearing alerts, driven by a manual clock."""

from rhythm_console.clock import ManualClock
from rhythm_console.events import MetricSample
from rhythm_console.plan import parse_plan
from rhythm_console.session import LiveSession

PLAN = """
show: {title: 测试}
segments:
  - {id: open, kind: opening, title: 开场, duration: 5m}
  - {id: coat, kind: product, title: 大衣, duration: 4m, product: {name: 大衣, price: 899}}
cue_presets:
  - {key: "7", text: 开福袋, level: urgent}
rules:
  - {id: quiet, metric: comments_per_min, comparison: "<", threshold: 10, for: 1m, kinds: [product], suggest: add_interaction}
"""


def _session(extra: str = ""):
    clock = ManualClock()
    session = LiveSession(parse_plan(PLAN + extra), clock, lang="zh")
    return session, clock


def _second(session, clock, **values):
    clock.advance(1)
    session.submit(MetricSample(at=session.now(), values=values))
    session.second()


def _alert_ids(session):
    return [a.alert for a in session.state.alerts]


def test_a_plan_rule_raises_after_holding_and_clears_when_it_stops():
    session, clock = _session()
    session.start_or_advance()
    for _ in range(90):  # quiet, but in the opening: the rule is for product segments only
        _second(session, clock, comments_per_min=3)
    assert _alert_ids(session) == []
    session.start_or_advance()  # now the coat
    for _ in range(59):
        _second(session, clock, comments_per_min=3)
    assert _alert_ids(session) == []
    _second(session, clock, comments_per_min=3)
    assert _alert_ids(session) == ["rule:quiet"]
    assert session.state.alerts[0].suggest == "add_interaction"
    for _ in range(20):  # hysteresis: cleared once the condition has been false for 20 s, not at once
        _second(session, clock, comments_per_min=25)
    assert _alert_ids(session) == ["rule:quiet"]
    _second(session, clock, comments_per_min=25)
    assert _alert_ids(session) == []


def test_viewers_dropping_suggests_a_lucky_bag():
    session, clock = _session()
    session.start_or_advance()
    online = 1000.0
    for second in range(200):
        online -= 250 / 180
        _second(session, clock, online=online)
        if second == 170:  # three minutes of history are needed before it can say
            assert "builtin:viewers-drop" not in _alert_ids(session)
    assert "builtin:viewers-drop" in _alert_ids(session)
    alert = next(a for a in session.state.alerts if a.alert == "builtin:viewers-drop")
    assert alert.suggest == "lucky_bag"
    # sending the advice cues the host with the built-in text
    assert session.cue_by_name(alert.suggest, origin="advice") is None
    assert session.state.cues[-1].text == "开福袋留人"


def test_built_in_advice_can_be_switched_off():
    session, clock = _session("advisor: {disable: [viewers-drop, overrun]}\n")
    session.start_or_advance()
    online = 1000.0
    for _ in range(400):
        online -= 1.5
        _second(session, clock, online=online)
    assert _alert_ids(session) == []  # no viewers-drop, and no over-run flag either


def test_a_plan_rule_named_after_a_built_in_one_replaces_it():
    """The demo plan writes its own viewers-drop: one alert for one drop, not the plan's and the built-in's."""
    session, clock = _session()
    plan = parse_plan(PLAN.replace("rules:\n", "rules:\n  - {id: viewers-drop, metric: online, comparison: falls_by, "
                                               "threshold: 20, for: 3m, suggest: \"7\"}\n"))
    session = LiveSession(plan, clock, lang="zh")
    session.start_or_advance()
    online = 1000.0
    for _ in range(200):
        online -= 250 / 180
        _second(session, clock, online=online)
    assert [alert for alert in _alert_ids(session) if "viewers-drop" in alert] == ["rule:viewers-drop"]


def test_overrun_is_flagged_and_clears_with_the_segment():
    session, clock = _session()
    session.start_or_advance()
    clock.advance(5 * 60 + 31)  # past 5m + 30s tolerance
    session.second()
    assert _alert_ids(session) == ["builtin:overrun:open"]
    session.start_or_advance()
    assert _alert_ids(session) == []


def test_clicks_still_rising_near_the_end_suggests_extending():
    session, clock = _session()
    session.start_or_advance()
    session.start_or_advance()  # the coat, 4 minutes; warning in its last minute
    for second in range(200):
        _second(session, clock, product_clicks_per_min=10 + second, comments_per_min=50)
    assert any(a.startswith("builtin:clicks-rising") for a in _alert_ids(session))
    alert = next(a for a in session.state.alerts if a.alert.startswith("builtin:clicks-rising"))
    assert alert.suggest == "keep_going"


def test_alerts_are_journal_events():
    session, clock = _session()
    seen = []
    session.listeners.subscribe(lambda event, state: seen.append(event.type))
    session.start_or_advance()
    clock.advance(400)
    session.second()
    session.start_or_advance()
    assert "alert_raised" in seen and "alert_cleared" in seen


def test_built_in_alerts_carry_their_code_so_each_screen_says_them_in_its_language():
    from rhythm_console.events import AlertRaised, ShowStarted
    from rhythm_console.i18n import Texts
    from rhythm_console.phrases import alert_words
    from rhythm_console.show import fold

    session, clock = _session()
    session.start_or_advance()
    clock.advance(5 * 60 + 31)
    session.second()
    alert = session.state.alerts[0]
    assert (alert.code, alert.params) == ("overrun", {"title": "开场", "over": 31})
    assert alert.message == "开场 超时 +0:31"  # the journal keeps the session's words for its human readers
    assert alert_words(Texts("en"), alert) == "开场 over-running +0:31"
    # A journal written before alerts had codes: its words are all there is.
    old = fold(session.plan, [ShowStarted(at=0), AlertRaised(at=1, alert="builtin:viewers-drop", message="在线人数下降")])
    assert old.alerts[0].code is None and alert_words(Texts("en"), old.alerts[0]) == "在线人数下降"
    # A plan's own rule is said in its author's words, in any language.
    plan_rule = fold(session.plan, [ShowStarted(at=0), AlertRaised(at=1, alert="rule:quiet", message="评论太少")])
    assert alert_words(Texts("en"), plan_rule.alerts[0]) == "评论太少"
