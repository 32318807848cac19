"""The manager console keeps running through a feed of every bad value, and its journal then reports."""

import json

from rhythm_console.journal import read_journal
from rhythm_console.sources.feeds import FeedSource
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.waiting import until
from tests.unit.test_hostile_feeds import BAD_NUMBERS


def _hostile_feed() -> bytes:
    lines = []
    for bad in BAD_NUMBERS:
        lines += [json.dumps({"type": "order", "amount": bad}), json.dumps({"type": "like", "count": bad}),
                  json.dumps({"type": "snapshot", "online": bad, "cumulative_viewers": bad})]
    lines += ['{"type": "order", "amount": NaN}', '{"type": "snapshot", "online": Infinity}', "[" * 3000,
              '{"type": "comment", "user": ' + "[" * 900 + "]" * 900 + "}", '{"type": "\\u001b[2J", "id": []}',
              json.dumps({"type": "comment", "id": "dup", "user": "u\x1b]0;owned\x07"}),
              json.dumps({"type": "comment", "id": "dup"}), "\x00\xff garbage"]
    good = [json.dumps({"type": "snapshot", "online": 1500, "cumulative_viewers": 9000}),
            json.dumps({"type": "click", "user": "u1"}), json.dumps({"type": "order", "amount": 199, "user": "u1"})]
    return ("\n".join(good[:1] + lines + good[1:]) + "\n").encode("utf-8", "surrogateescape")


async def test_the_console_runs_through_a_hostile_feed_and_the_journal_reports(tmp_path, capsys):
    from rhythm_console.cli import main

    feed = tmp_path / "hostile.jsonl"
    feed.write_bytes(_hostile_feed())
    path = tmp_path / "s.jsonl"
    app, session, clock = make_console(path, source_factory=lambda s: FeedSource("jsonl", str(feed), follow=False,
                                                                                 now=s.now))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: session.room.totals["order"] == 1)  # the last good line is read: the feed got through
        await pilot.press("space")
        run_for(app, clock, 5)
        assert app.is_running
        assert "1,500" in text_of(app, "#metric-online .metric-value")
        assert app.source is not None and app.source.malformed >= 3 * len(BAD_NUMBERS)
    session.close()
    values = [event.values for event in read_journal(path).events if event.type == "metric_sample"]
    assert values and values[-1]["gmv"] == 199 and values[-1]["online"] == 1500
    assert main(["report", str(path)]) == 0
    assert "199" in capsys.readouterr().out
