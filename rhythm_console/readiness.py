"""The readiness checklist before a show (团队沟通, 产品准备, 技术测试): what is done, what still blocks the start.

Pure reads of the folded state: ticks and waivers are journal events (ChecklistTicked, ChecklistWaived).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rhythm_console.plan import ChecklistItem, Plan
from rhythm_console.show import ShowState, TickRecord


def tick_of(state: ShowState, item: int) -> TickRecord | None:
    return next((tick for tick in state.ticks if tick.item == item), None)


def open_items(state: ShowState) -> list[int]:
    done = {tick.item for tick in state.ticks}
    return [index for index in range(len(state.plan.checklist)) if index not in done]


def blocking_open(state: ShowState) -> list[int]:
    """Blocking items not yet ticked: starting with any of them asks the manager to confirm."""
    return [index for index in open_items(state) if state.plan.checklist[index].blocking]


def due_by(plan: Plan, item: ChecklistItem) -> datetime | None:
    """When an item must be done: its `due` before the written start (None without either)."""
    if item.due is None or plan.show.starts_at is None:
        return None
    return plan.show.starts_at - timedelta(seconds=item.due)
