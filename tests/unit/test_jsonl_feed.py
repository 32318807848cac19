"""Our jsonl schema: every type, malformed, unknown and truncated lines."""

import io

from rhythm_console.sources.probe import probe, summary

FEED = b"""{"type": "snapshot", "online": 1500, "cumulative_viewers": 9000, "likes_total": 300}
{"type": "comment", "user": "u1"}
{"type": "like", "count": 12, "user": "u2"}
{"type": "enter", "user": "u3"}
{"type": "follow", "user": "u3"}
{"type": "share"}
{"type": "gift", "count": 2}
{"type": "click", "user": "u4"}
{"type": "click", "user": "u5"}
{"type": "order", "amount": 199.5, "user": "u4", "id": "o1"}
{"type": "order", "amount": 199.5, "user": "u4", "id": "o1"}
{"type": "order", "amount": "abc"}
{"type": "snapshot"}
{"type": "teleport"}
{"no": "type"}
[{"type": "comment", "user": "u9"}]
{"type": "comment", "us
"""


def test_every_type_and_every_fault():
    mapper, room, _ = probe("jsonl", io.BytesIO(FEED))
    result = summary(mapper, room)
    assert result["items"] == {"snapshot": 1, "comment": 2, "like": 1, "enter": 1, "follow": 1, "share": 1,
                               "gift": 1, "click": 2, "order": 1}
    assert (result["malformed"], result["unknown"], result["duplicates"]) == (4, 1, 1)
    metrics = result["metrics"]
    assert metrics["product_clicks"] == 2 and metrics["orders"] == 1 and metrics["gmv"] == 199.5
    assert metrics["likes"] == 300 and metrics["online"] == 1500 and metrics["gifts"] == 2
