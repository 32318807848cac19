"""Synthetic captures in the shapes live-room collectors write, for benchmarks.

    python benchmarks/capture.py douyin 200000 > capture.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys

# What a clothing room's viewers write: questions, complaints, buying signals and chatter.
COMMENTS = ("这件大衣有 M 码吗", "多少钱", "165 110斤穿什么码", "卡了卡了", "快点上链接", "主播好美", "666",
            "已拍", "什么面料", "几天发货", "卡其色还有吗", "有优惠券吗", "哈哈哈哈", "想要", "声音太小了", "来了来了",
            "这个颜色好看", "偏大还是偏小", "信用卡能付吗", "别墨迹了")


def douyin_messages(count: int, seed: int = 5):
    """A busy room: mostly chat, likes and entries; stats every few seconds; both key styles."""
    rng = random.Random(seed)
    start_ms = 1_720_284_938_163
    online = 2000
    for index in range(count):
        created = start_ms + index * 50
        snake = index % 2 == 0
        roll = rng.random()
        user = {"id": str(100000000000 + rng.randrange(50000)), "nickname": "用户"}
        common = {"method": "", "msgId": str(7388567546888702514 + index), "roomId": "7388523424571869991",
                  ("create_time" if snake else "createTime"): str(created)}
        if roll < 0.45:
            common["method"] = "WebcastChatMessage"
            message = {"common": common, "user": user, "content": COMMENTS[index % len(COMMENTS)] + ("" if index % 3 else str(index % 97))}
        elif roll < 0.70:
            common["method"] = "WebcastLikeMessage"
            message = {"common": common, "user": user, "count": str(rng.randint(1, 15)), "total": str(100000 + index)}
        elif roll < 0.88:
            online += rng.randint(-3, 4)
            common["method"] = "WebcastMemberMessage"
            message = {"common": common, "user": user, ("member_count" if snake else "memberCount"): str(online)}
        elif roll < 0.93:
            common["method"] = "WebcastSocialMessage"
            message = {"common": common, "user": user, "action": "1", "followCount": "1490954"}
        elif roll < 0.96:
            common["method"] = "WebcastRoomStatsMessage"
            message = {"common": common, ("display_long" if snake else "displayLong"): f"{online / 10000:.1f}万在线观众"}
        elif roll < 0.98:
            common["method"] = "WebcastGiftMessage"
            message = {"common": common, "user": user, "gift": {"name": "小心心", "diamondCount": 1}, "repeatCount": "1"}
        else:
            common["method"] = "WebcastFansclubMessage"
            message = {"common": common, "user": user}
        yield message


def jsonl_records(count: int, seed: int = 5):
    rng = random.Random(seed)
    kinds = ["comment"] * 40 + ["like"] * 25 + ["enter"] * 15 + ["click"] * 10 + ["follow"] * 4 + ["order"] * 3 + ["share"] * 3
    online = 2000
    for index in range(count):
        kind = rng.choice(kinds)
        if index % 50 == 0:
            online += rng.randint(-20, 25)
            yield {"type": "snapshot", "online": online, "cumulative_viewers": 30000 + index}
            continue
        record = {"type": kind, "user": f"u{rng.randrange(50000)}"}
        if kind == "like":
            record["count"] = rng.randint(1, 15)
        elif kind == "order":
            record["amount"] = rng.choice([89, 199, 459, 899])
        yield record


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="capture.py", description="Write a synthetic feed capture to stdout.")
    parser.add_argument("kind", choices=["douyin", "jsonl"], help="the collector's shape")
    parser.add_argument("count", type=int, help="how many messages")
    args = parser.parse_args(argv)
    kind, count = args.kind, args.count
    generate = douyin_messages if kind == "douyin" else jsonl_records
    out = sys.stdout
    for message in generate(count):
        out.write(json.dumps(message, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
