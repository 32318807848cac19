"""The simulated room's figures stay in the ranges real Douyin commerce rooms show (docs/metrics.md,
"The simulated room"): a demo or a drill against it must not teach a manager what a real room never does."""

from __future__ import annotations

import statistics

import pytest

from rhythm_console.audience.lexicon import build_lexicon
from rhythm_console.audience.tracker import AudienceTracker
from rhythm_console.metrics.room import EventKind, RoomMetrics, write_item
from rhythm_console.sources.simulated_room import RoomContext, RoomSimulator, Said
from rhythm_console.sources.simulated_voices import VOICES

# (kind, minutes, price, link pushed at this minute, lucky-bag prompt)
SHOW = [("opening", 5, None, None, None), ("product", 10, 299.0, 3, None), ("lottery", 5, None, None, "暖冬福袋"),
        ("product", 16, 899.0, 2, None), ("qa", 6, None, None, None), ("product", 8, 129.0, 1, None),
        ("closing", 5, None, None, None)]


def _run(seed: int) -> tuple[dict[str, list[dict[str, float]]], RoomMetrics]:
    simulator = RoomSimulator(seed=seed)
    room = RoomMetrics(audience=AudienceTracker())
    samples: dict[str, list[dict[str, float]]] = {}
    at = 0.0
    for kind, minutes, price, link_at, prompt in SHOW:
        for second in range(minutes * 60):
            at += 1
            cues = ("上链接",) if link_at is not None and second == link_at * 60 else ()
            context = RoomContext(live=True, kind=kind, segment_elapsed=second, segment_id=f"{kind}{at}",
                                  price=price, product=str(price), prompt=prompt, new_cues=cues)
            simulator.step_into(at, context, room)
            if second >= 120:  # the first two minutes of a segment still carry the last one's room
                samples.setdefault(kind, []).append(room.figures(at))
    return samples, room


@pytest.fixture(scope="module", params=[3, 17])
def show(request):
    return _run(request.param)


def _median(samples: list[dict[str, float]], name: str) -> float:
    return statistics.median(sample.get(name, 0.0) for sample in samples)


def test_interaction_rate_reads_as_a_real_room_s(show):
    samples, _ = show
    # Public guides count 5 % of viewers liking and 1.5 % commenting as a lively room: per minute, a
    # few percent of the room interacts while a product is presented, more in a lucky bag.
    assert 0.015 <= _median(samples["product"], "interaction_rate") <= 0.06
    assert 0.04 <= _median(samples["qa"], "interaction_rate") <= 0.12
    assert 0.08 <= _median(samples["lottery"], "interaction_rate") <= 0.30
    everything = [sample for segment in samples.values() for sample in segment]
    assert 0.02 <= _median(everything, "interaction_rate") <= 0.08


def test_clicks_and_conversion_read_as_a_real_room_s(show):
    samples, room = show
    assert 0.02 <= _median(samples["product"], "ctr") <= 0.10  # clicks in a minute ÷ online
    conversion = room.totals[EventKind.order] / room.totals[EventKind.click]
    assert 0.05 <= conversion <= 0.15  # guides call over 5 % of clicks ordering healthy
    assert _median(samples["opening"], "ctr") == 0  # nothing is on sale yet


def test_viewers_come_and_go_as_in_a_real_room(show):
    samples, room = show
    minutes = sum(minutes for _, minutes, *_ in SHOW)
    average_online = statistics.mean(sample["online"] for segment in samples.values() for sample in segment)
    stay = average_online * minutes * 60 / room.cumulative_viewers
    assert 60 <= stay <= 240  # seconds: a viewer stays a minute or a few, not the whole show
    assert _median(samples["lottery"], "online") > _median(samples["opening"], "online")
    assert room.online_peak < 4000  # the demo plans aim at 3,000


def test_the_comments_speak_as_a_real_room_does(show):
    samples, room = show
    tracker = room.audience
    assert tracker is not None
    totals = dict(zip(tracker.ids, tracker.totals, strict=True))
    said = sum(totals.values())
    questions = sum(totals[name] for name in totals if name.endswith("_questions"))
    assert 0.10 <= questions / said <= 0.40
    assert 0 < totals["tech_complaints"] < said * 0.02  # noise, never a crisis by itself
    assert totals["buy_signals"] > totals["rhythm_complaints"] > 0
    # A product segment dragging on past eight minutes draws complaints about the pace.
    late = [sample for sample in samples["product"] if sample.get("audience.rhythm_complaints_per_min", 0) >= 2]
    assert late


def test_a_lucky_bag_fills_the_room_with_its_prompt():
    simulator = RoomSimulator(seed=5, start={"online": 2000})
    said = [item.text for second in range(120)
            for item in simulator.step(float(second), RoomContext(live=True, kind="lottery", prompt="暖冬福袋"))
            if isinstance(item, Said)]
    assert said.count("暖冬福袋") > len(said) / 2


@pytest.mark.parametrize("lang", sorted(VOICES))
def test_every_simulated_comment_is_read_as_its_topic(lang):
    lexicon = build_lexicon()
    for topic, texts in VOICES[lang].items():
        expected = [] if topic in ("chat", "lottery_prompt") else [topic]
        for text in texts:
            assert lexicon.categories_of(text) == expected, (lang, topic, text)


def test_an_english_plan_s_room_comments_in_english():
    simulator = RoomSimulator(seed=2, start={"online": 3000}, lang="en")
    said = [item.text for second in range(60)
            for item in simulator.step(float(second), RoomContext(live=True, kind="product", price=99.0))
            if isinstance(item, Said)]
    english = {text for texts in VOICES["en"].values() for text in texts}
    assert said and set(said) <= english


def test_the_items_a_second_lists_are_what_it_writes_into_a_room():
    """step() lists what step_into() writes (the tests read items; the console's room is written into)."""
    listed, written = RoomSimulator(seed=9, start={"online": 1500}), RoomSimulator(seed=9, start={"online": 1500})
    from_items, into = RoomMetrics(audience=AudienceTracker(build_lexicon())), RoomMetrics(
        audience=AudienceTracker(build_lexicon()))
    for second in range(400):
        context = RoomContext(live=True, kind="product", segment_elapsed=second + 300, price=199.0, product="coat",
                              stock=40, new_cues=("上链接",) if second == 100 else ())
        items = listed.step(float(second), context)
        for item in items:
            if isinstance(item, Said):
                from_items.said(item.text, item.at)
            else:
                write_item(from_items, item)
        taken = written.step_into(float(second), context, into)
        assert taken == sum(not isinstance(item, Said) for item in items)
        assert from_items.figures(float(second)) == into.figures(float(second))
    assert into.totals[EventKind.order] > 0 and into.totals[EventKind.comment] > 0
