
import pytest

from rhythm_console.plan import Locale, PlanError, SegmentKind, load_plan, parse_plan, plan_json_schema
from tests.support.plans import DATA, PLANS

BROKEN = sorted((DATA / "broken").glob("*.yaml"))


@pytest.mark.parametrize("name", ["demo.yaml", "demo-en.yaml", "quick.yaml"])
def test_shipped_plans_load(name):
    plan = load_plan(PLANS / name)
    assert plan.segments


def test_demo_plan_is_a_realistic_two_hour_show(demo_plan):
    assert demo_plan.planned_total == 2 * 3600
    products = [s for s in demo_plan.segments if s.kind is SegmentKind.product]
    assert 7 <= len(products) <= 9
    assert all(5 * 60 <= s.duration <= 10 * 60 and s.product.selling_points for s in products)
    # A lottery at least every 30 minutes of the show.
    position, last_lottery = 0.0, 0.0
    for segment in demo_plan.segments:
        if segment.kind is SegmentKind.lottery:
            assert position - last_lottery <= 32 * 60
            last_lottery = position
        position += segment.duration
    assert demo_plan.contingencies and demo_plan.rules and demo_plan.cue_presets


def test_english_demo_mirrors_the_chinese_one(demo_plan):
    english = load_plan(PLANS / "demo-en.yaml")
    assert [(s.id, s.kind, s.duration) for s in english.segments] == [(s.id, s.kind, s.duration) for s in demo_plan.segments]
    assert english.show.locale is Locale.en


def test_broken_corpus_is_large_enough():
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_plan_gives_its_located_message(path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    text = str(caught.value).replace(str(path.parent) + "/", "")
    assert expected in text, text


def test_every_problem_is_reported_not_just_the_first():
    text = """show: {title: x, titel: y}
segments:
  - {id: a, kind: opening, title: A, duration: soon}
"""
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "p.yaml")
    fields = [p.field for p in caught.value.problems]
    assert fields == ["show.titel", "segments[0].duration"]
    assert caught.value.problems[0].line == 1


def test_missing_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError, match="没有这个文件"):
        load_plan(tmp_path / "nope.yaml")


def test_tolerance_percentage_and_split(small_plan):
    plan = parse_plan("""
show: {title: x}
defaults: {tolerance: {over: 10%, under: 1m}}
segments: [{id: a, kind: opening, title: A, duration: 10m}]
""")
    tolerance = plan.tolerance_for(plan.segments[0])
    assert tolerance.over.resolve(600) == 60
    assert tolerance.under.resolve(600) == 60
    assert small_plan.tolerance_for(small_plan.segments[0]).over.resolve(300) == 30


def test_schema_describes_segments_and_forbids_unknown_keys():
    schema = plan_json_schema()
    segment = schema["$defs"]["Segment"]
    assert segment["additionalProperties"] is False
    assert {"id", "kind", "title", "duration"} <= set(segment["required"])
    assert "for" in schema["$defs"]["Rule"]["properties"]
