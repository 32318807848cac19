"""Two feeds at once on the console: figures merged by kind, each panel saying which source it reads (issue 20.2)."""

import json

from rhythm_console.journal import read_journal
from rhythm_console.sources.feeds import FeedSource
from tests.support.console_helpers import make_console, run_for, text_of
from tests.support.waiting import until


async def test_a_douyin_feed_and_a_shop_feed_fill_their_own_panels(tmp_path):
    room = tmp_path / "room.jsonl"
    room.write_text("\n".join(json.dumps(message, ensure_ascii=False) for message in [
        {"common": {"method": "WebcastRoomStatsMessage", "msgId": "1"}, "total": "1840"},
        {"common": {"method": "WebcastChatMessage", "msgId": "2"}, "user": {"id": "7"}, "content": "多少钱"},
        {"common": {"method": "WebcastSocialMessage", "msgId": "3"}, "user": {"id": "7"}, "action": "1"},
    ]) + "\n", encoding="utf-8")
    shop = tmp_path / "shop.jsonl"
    shop.write_text('{"type": "snapshot", "online": 5}\n{"type": "click", "user": "u1"}\n'
                    '{"type": "order", "amount": 899, "user": "u1"}\n', encoding="utf-8")

    def sources(session):
        return [FeedSource("douyin", str(room), follow=False, now=session.now),
                FeedSource("jsonl", str(shop), follow=False, now=session.now)]

    app, session, clock = make_console(tmp_path / "s.jsonl", lang="en", source_factory=sources)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(lambda: session.room.totals["order"] == 1 and session.room.online == 1840)
        await pilot.press("space")
        run_for(app, clock, 2)
        assert "1,840" in text_of(app, "#metric-online .metric-value")  # douyin's, not the shop's 5
        assert text_of(app, "#metric-online .metric-label").split()[-1] == "douyin"
        assert text_of(app, "#metric-orders .metric-label").split()[-1] == "jsonl"
        assert text_of(app, "#metric-followers .metric-label").split()[-1] == "douyin"
        assert "899" in text_of(app, "#metric-orders .metric-value")
        subtitle = str(app.screen.query_one("AlertsPanel").border_subtitle)
        assert "douyin" in subtitle and "jsonl" in subtitle
    session.close()
    last = [event.values for event in read_journal(tmp_path / "s.jsonl").events if event.type == "metric_sample"][-1]
    assert last["online"] == 1840 and last["new_followers"] == 1 and last["gmv"] == 899
