"""Where the repository's files are, and the small plan most tests run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PLANS = ROOT / "plans"
DATA = ROOT / "tests" / "data"

SMALL_PLAN = """
show: {title: 小测试}
defaults: {tolerance: 30s, warning: 1m}
segments:
  - {id: open, kind: opening, title: 开场, duration: 5m}
  - {id: coat, kind: product, title: 大衣, duration: 10m, product: {name: 大衣, price: 899, stock: 100}}
  - {id: bag, kind: lottery, title: 福袋, duration: 3m}
  - {id: close, kind: closing, title: 收尾, duration: 2m}
cue_presets:
  - {key: "1", text: 上链接, level: urgent}
contingencies:
  - id: broken
    title: 链接失效
    trigger: 链接打不开
    steps: [稳住观众]
    insert: {id: filler, kind: qa, title: 临时问答, duration: 4m}
"""
