"""The script's end (show.script_end) and how the header's status is fitted to its width (ui/header_line)."""

from __future__ import annotations

from rich.text import Text

from rhythm_console.events import Advance, PlanRebased, ShowStarted
from rhythm_console.plan import parse_plan
from rhythm_console.show import fold, initial_state, planned_end, projected_end, script_end
from rhythm_console.ui.header_line import ALWAYS, Part, fitted, steady
from tests.unit.test_late_start import PLAN  # 晚场: written start 20:00, forty minutes

TOTAL = 40 * 60


def test_the_script_ends_at_its_written_start_plus_its_durations_whatever_the_start():
    plan = parse_plan(PLAN)
    # The written start at offset 1000 on the session's clock.
    early = fold(plan, [ShowStarted(at=700, planned_at=1000)])
    assert script_end(early) == 1000 + TOTAL
    assert planned_end(early) == 700 + TOTAL  # the plan's clock counts from the early start: they differ
    late = fold(plan, [ShowStarted(at=1300, planned_at=1000)])
    assert script_end(late) == planned_end(late) == 1000 + TOTAL
    rebased = fold(plan, [ShowStarted(at=1300, planned_at=1000), PlanRebased(at=1310)])
    assert planned_end(rebased) == 1300 + TOTAL and script_end(rebased) == 1000 + TOTAL  # the script is not re-based
    # Extended, skipped or moved on early: the projection moves, the script's end does not.
    advanced = fold(plan, [ShowStarted(at=1000, planned_at=1000), Advance(at=1100), Advance(at=1200)])
    assert projected_end(advanced, 1200) != script_end(advanced) == 1000 + TOTAL


def test_without_a_written_start_that_counts_the_script_counts_from_the_actual_start():
    plan = parse_plan(PLAN)
    assert script_end(initial_state(plan)) is None  # not started
    assert script_end(fold(plan, [ShowStarted(at=50)])) == 50 + TOTAL  # a rehearsal, or none written


def part(words: str, keep: int) -> Part:
    return Part(Text(words), keep)


def test_the_least_kept_parts_go_first_and_the_order_stays():
    parts = [part("AAAA", 40), part("BADGE", ALWAYS), part("CC", 30), part("DDD", 80), part("EEEEE", 50)]
    assert fitted(parts, 100).plain == "AAAA  BADGE  CC  DDD  EEEEE"
    assert fitted(parts, 24).plain == "AAAA  BADGE  DDD  EEEEE"  # CC (30) went first
    assert fitted(parts, 18).plain == "BADGE  DDD  EEEEE"  # then AAAA (40)
    assert fitted(parts, 10).plain == "BADGE  DDD"
    assert fitted(parts, 1).plain == "BADGE"  # what is always said stays, even where it does not fit


def test_a_ticking_figure_keeps_its_width():
    def clock_words(seconds: float) -> Text:
        return Text(f"已播 {int(seconds // 60)}:{int(seconds % 60):02d}")

    widths = {steady(clock_words, seconds).cell_len for seconds in (0, 9, 59, 599, 600, 3599)}
    assert len(widths) == 1
    signed = {steady(lambda by: Text("按计划" if by == 0 else f"落后 +{int(by)}" if by > 0 else f"领先 {int(-by)}"),
                     value, least=599, signed=True).cell_len for value in (0, 5, -5, 120, -599)}
    assert len(signed) == 1
