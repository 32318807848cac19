"""Briefs each role can work from (issue 25.2): ops' timeline of links, 福袋 and coupons at their planned times,
the host's selling points as talking points, the assistant's props and samples per segment."""

from __future__ import annotations

import pytest

from rhythm_console.briefing import parts
from rhythm_console.briefing.html import render_html
from rhythm_console.briefing.markdown import render_markdown
from rhythm_console.briefing.ops import ops_timeline
from rhythm_console.plan import parse_plan

PLAN = """\
show: {title: 双十二专场, starts_at: "2026-12-12T20:00:00+08:00"}
team: {manager: 王姐, host: 小林, assistants: [阿杰], ops: [大刘]}
segments:
  - {id: bag, kind: 福袋, title: 开场福袋, duration: 5m, props: [福袋转盘],
     interaction: {type: lottery, prize: 围巾 ×3, prompt: 扣“暖冬”}}
  - id: knit
    kind: 讲品
    title: 讲品 · 羊毛开衫
    duration: 10m
    product: {name: 羊毛开衫, price: 259, link_no: 3, selling_points: [100%羊毛, 不起球], offer: 满300减40}
    talking_points: [上身展示, 不起球]
    samples: [开衫 M码, 开衫 L码]
    props: [挂烫机]
  - {id: sale, kind: 秒杀, title: 整点秒杀, duration: 5m, product: {name: 羊绒围巾, price: 59, link_no: 5}}
  - {id: hold, kind: 憋单, title: 憋单 福利款, duration: 8m, hold: {online: 800, longest: 5m30s},
     product: {name: 打底裤, price: 39}}
  - {id: again, kind: 返场, title: 返场, duration: 10m, revisit: [羊绒围巾]}
  - {id: coupon, kind: 互动, title: 发券, duration: 3m, interaction: {type: coupon, coupon: 满200减20}}
"""


@pytest.fixture
def plan():
    return parse_plan(PLAN, "p.yaml")


def part_of(plan, role):
    return parts(plan, (role,))


def test_the_ops_timeline_has_every_link_bag_and_coupon_at_its_planned_time(plan):
    steps = [(step.at, step.segment.id, step.action, step.product.link_no if step.product else None)
             for step in ops_timeline(plan)]
    assert steps == [
        (0, "bag", "lucky_bag_launch", None), (300, "bag", "lucky_bag_draw", None),
        (300, "knit", "link_up", 3), (900, "knit", "link_down", 3),
        (900, "sale", "link_up", 5), (1200, "sale", "link_down", 5),
        (1200, "hold", "hold_start", None), (1530, "hold", "hold_release", None), (1680, "hold", "link_down", None),
        (1680, "again", "link_up", 5), (2280, "again", "link_down", 5), (2280, "coupon", "coupon", None)]


def test_the_ops_brief_says_each_step_with_its_time(plan):
    text = render_markdown(plan, part_of(plan, "ops"))
    assert "## 运营（大刘）的任务" in text and "### 运营时间线" in text
    assert "### 环节" not in text  # ops lead and say nothing here: no empty segments table before the timeline
    assert "| 20:00 | 开场福袋 | 发福袋 · 奖品 围巾 ×3 · 口令 扣“暖冬” |" in text
    assert "| 20:05 | 开场福袋 | 福袋开奖，公布中奖名单 |" in text
    assert "| 20:05 | 讲品 · 羊毛开衫 | 上3号链接：羊毛开衫 · 优惠 满300减40 |" in text
    assert "| 20:15 | 讲品 · 羊毛开衫 | 下3号链接：羊毛开衫 |" in text
    assert "| 20:25:30 | 憋单 福利款 | 放单：上链接（未写链接号）：打底裤（在线到 800 人就提前放） |" in text
    assert "| 20:28 | 返场 | 上5号链接：羊绒围巾 |" in text
    assert "| 20:38 | 发券 | 发券：满200减20 |" in text
    # ... in order: the knit's link comes down before the flash sale's goes up
    assert text.index("下3号链接") < text.index("上5号链接")
    assert "运营时间线" not in render_markdown(plan, part_of(plan, "host"))


def test_the_hosts_product_rows_carry_the_selling_points_as_talking_points(plan):
    text = render_markdown(plan, part_of(plan, "host"))
    assert "| 时间 | 时长 | 环节 | 分工 | 你的话术 |" in text
    assert "| 20:05 | 10m | 讲品 · 羊毛开衫 | 主讲 | 上身展示<br>不起球<br>100%羊毛 |" in text  # 不起球 once
    assert "| 20:28 | 10m | 返场 | 主讲 | 羊绒围巾 ¥59 |" in text
    html = render_html(plan, part_of(plan, "host"))
    assert "<th>你的话术</th>" in html and "<li>100%羊毛</li>" in html


def test_the_assistants_brief_lists_props_and_samples_per_segment(plan):
    text = render_markdown(plan, part_of(plan, "assistant"))
    assert "### 道具与样品" in text
    assert "| 20:00 | 开场福袋 | 福袋转盘 |  |" in text
    assert "| 20:05 | 讲品 · 羊毛开衫 | 挂烫机 | 开衫 M码<br>开衫 L码 |" in text
    html = render_html(plan, part_of(plan, "assistant"))
    assert "<th>道具</th><th>样品</th>" in html and "开衫 M码<br>开衫 L码" in html


def test_an_english_plan_says_the_timeline_in_english():
    plan = parse_plan("""\
show: {title: Knits, locale: en}
segments:
  - {id: bag, kind: lottery, title: Opening lucky bag, duration: 5m, interaction: {type: lottery, prize: a scarf}}
  - {id: knit, kind: product, title: Cardigan, duration: 10m, product: {name: Cardigan, price: 59, link_no: 2}}
""", "e.yaml")
    text = render_markdown(plan, part_of(plan, "ops"))
    assert "| 0:00 | Opening lucky bag | Launch the lucky bag · prize a scarf |" in text
    assert "| 5:00 | Cardigan | Put up link #2: Cardigan |" in text and "| 15:00 | Cardigan | Take down link #2" in text
