"""Journals of a two-person plan whose figures are worked out by hand (for library, compare, improve tests)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

from rhythm_console.clock import ManualClock
from rhythm_console.events import Advance, CueAcked, CueSent, MetricSample, ShowEnded, ShowStarted
from rhythm_console.journal import JournalWriter
from rhythm_console.plan import parse_plan

TEAM_PLAN = """\
# 双人测试计划：主播 + 助播
show: {title: 双人测试}
team: {host: 安娜, assistants: [小雨]}
defaults: {tolerance: 30s, warning: 1m}
segments:
  - id: open
    kind: opening
    title: 开场
    duration: 5m  # 暖场
  - id: coat
    kind: product
    title: 大衣
    duration: 10m
    product: {sku: C1, name: 大衣, price: 899, stock: 100}
  - {id: qa, kind: qa, title: 答疑, duration: 5m, owner: assistant}
  - id: bag
    kind: lottery
    title: 福袋
    duration: 3m
"""


def sample(at: float, online: float, orders: float = 0, gmv: float = 0, clicks: float = 0,
           interaction: float = 0.1) -> MetricSample:
    return MetricSample(at=at, values={"online": online, "orders": orders, "gmv": gmv, "product_clicks": clicks,
                                       "interaction_rate": interaction, "ctr": 0.05})


def team_events(coat: float = 720, coat_ack: float = 2, qa_ack: float = 8, coat_gmv: float = 1000) -> list:
    """open 5:00 on time; coat `coat` s (720: over by 2:00); qa 5:00 by the assistant; bag 3:00.

    Online: 100 in the opening, 300 in the coat, 200 in the Q&A; the coat sells 5 orders, `coat_gmv`, 50 clicks."""
    qa_start = 300 + coat
    bag_start = qa_start + 300
    events = [
        ShowStarted(at=0), sample(1, 100), sample(250, 100),
        Advance(at=300),
        CueSent(at=310, cue=1, text="上链接"), CueAcked(at=310 + coat_ack, cue=1, by="host"),
        CueSent(at=320, cue=2, text="报库存"), CueAcked(at=320 + coat_ack, cue=2, by="host"),
        sample(300 + coat - 1, 300, orders=5, gmv=coat_gmv, clicks=50),
        Advance(at=qa_start),
        CueSent(at=qa_start + 10, cue=3, text="答尺码"), CueAcked(at=qa_start + 10 + qa_ack, cue=3, by="host"),
        sample(qa_start + 100, 200, orders=5, gmv=coat_gmv, clicks=50),
        Advance(at=bag_start),
        ShowEnded(at=bag_start + 180),
    ]
    return sorted(events, key=lambda event: event.at)  # stable: same-time events keep their order


def write_journal(path: Path, events: list, plan_text: str = TEAM_PLAN, day: int = 0, kind: str = "live") -> Path:
    wall = datetime(2026, 11, 28, 20, 0, tzinfo=timezone(timedelta(hours=8))) + timedelta(days=day)
    with JournalWriter(path, parse_plan(plan_text), clock=ManualClock(start_wall=wall), sync=lambda fd: None,
                       kind=kind) as writer:
        for event in events:
            writer.append(event)
    return path
