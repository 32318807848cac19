"""A drill driven by Pilot: the real console over a recorded room; the debrief lists what the trainee did differently."""

from __future__ import annotations

import pytest

from rhythm_console.commands.drill import drill_app
from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.journal import read_journal
from rhythm_console.report.markdown import render_markdown
from rhythm_console.review import build_review
from rhythm_console.review.drill import compare_journals
from tests.support.console_helpers import notices, run_for
from tests.support.drills import recorded_show, start_drill


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    return recorded_show(tmp_path_factory.mktemp("recording"))


async def test_a_trainee_who_advances_late_misses_an_alert_and_cues_otherwise_is_told_each(original, tmp_path):
    out = tmp_path / "drill.jsonl"
    session, source, clock, recording, _ = start_drill(original, out)
    app = drill_app(session, Texts("zh"), source)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        run_for(app, clock, 1, source)
        await pilot.press("space")  # the show starts on time, as the original did
        run_for(app, clock, 120, source)  # the original moved on at 1:26; the trainee waits
        await pilot.pause()
        assert "录像此时在「羊毛大衣讲解」" in app.screen.query_one("#alerts").border_subtitle
        assert any("录像此时在「羊毛大衣讲解」" in notice for notice in notices(app))  # said once, whatever the width
        await pilot.press("space")
        def falling() -> bool:
            return any(alert.alert == "builtin:interaction-falling" for alert in session.state.alerts)

        run_for(app, clock, 80, source)  # the room's interaction falls at 3:15, as recorded: an alert
        assert falling()
        for _ in range(180):  # ... left unanswered until the room's interaction recovers and it clears
            if not falling():
                break
            run_for(app, clock, 1, source)
        assert not falling()
        run_for(app, clock, 1, source)  # a cue in the second it cleared would count as its answer
        finale_at = session.now() - (session.state.started_at or 0)
        await pilot.press("f6")  # 收尾: a cue the original never sent
        run_for(app, clock, 100, source)
        for _ in range(4):
            await pilot.press("space")
            run_for(app, clock, 130, source)
        await pilot.press("q", "y")
    assert session.state.ended_at is not None

    drill = read_journal(out)
    assert drill.header.kind == "drill" and drill.header.drill_of == recording.header.session_id
    comparison = compare_journals(drill, recording)
    coat = next(row for row in comparison.segments if row.id == "coat")
    assert coat.start_difference == pytest.approx(35, abs=2)  # advanced late
    falling = next(row for row in comparison.alerts if row.alert == "builtin:interaction-falling")
    assert falling.original.answered and not falling.trainee.answered  # the alert the trainee let run
    assert [cue.text for cue in comparison.only_trainee if cue.source == "builtin"] == ["收尾"]
    assert "上链接！" in [cue.text for cue in comparison.only_original]

    review = build_review(drill.header.plan, drill.events, started_wall=drill.header.started_wall)
    review.drill = comparison
    report = render_markdown(review, "zh")
    assert "## 训练对照" in report and "学员 小王 的演练" in report
    assert "| 羊毛大衣讲解 | 1:25 | 2:00 | +0:35 |" in report
    assert f"| {format_clock(finale_at)} | 收尾 | 紧急 | 快捷提词 |" in report.split("### 学员发了、原场没发")[1]
    assert "（始终未回应）" in report
    largest = report.split("### 差异最大的三处")[1].split("###")[0]
    assert "始终未回应" in largest
