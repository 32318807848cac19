"""The console's frames built from the show as it stands: a cue, the state, and which pane a cue reaches.

Pure reads of a LinkSession: the hub sends what these build, the HTTP API answers GET /api/state with one.
"""

from __future__ import annotations

from datetime import datetime

from rhythm_console.acks import reaches as cue_reaches
from rhythm_console.i18n import Texts
from rhythm_console.link.prompter import console_clock
from rhythm_console.link.protocol import CueFrame, NextInfo, SegmentInfo, StateFrame
from rhythm_console.link.session import LinkSession
from rhythm_console.show import (
    CueRecord,
    ShowState,
    ShowStatus,
    display_phase,
    over_tolerance,
    segment_remaining,
    warning_lead,
)
from rhythm_console.stock import remaining_stock
from rhythm_console.units import price, wall_at


def cue_frame(record: CueRecord, started_wall: datetime, now: float, pane: str | None = None) -> CueFrame:
    return CueFrame(seq=record.cue, text=record.text, level=record.level,
                    sent_wall=wall_at(started_wall, record.sent_at).isoformat(timespec="seconds"),
                    age=max(0.0, now - record.sent_at), target=record.target, segment=record.segment,
                    acked=pane is not None and any(name == pane for name, _ in record.acked))


def reaches(session: LinkSession, target: str | None, pane: str) -> bool:
    """Whether a cue sent to `target` (None: everyone) goes to the pane named `pane` (the one rule: acks.reaches,
    which the session also uses to journal who could receive each cue)."""
    return cue_reaches(target, pane, session.stand_ins)


def running_stock(state: ShowState) -> int | None:
    """The running segment's product's stock left, if it has one: the host pane shows it."""
    running = state.running
    product = running.segment.product if running is not None else None
    return remaining_stock(state, product) if product is not None else None


def state_frame(session: LinkSession) -> StateFrame:
    state, now = session.state, session.now()
    running = state.running
    segment = None
    if running is not None:
        product = running.segment.product
        card = None
        left = running_stock(state)
        if product is not None:
            t = Texts(session.lang)
            card = f"{product.name} · {price(product.price)}"
            if left is not None:
                card += f" · {t('product.stock')} {left}/{product.stock}" + (f" {t('product.sold_out')}" if left == 0 else "")
        interaction = running.segment.interaction
        segment = SegmentInfo(
            id=running.id, title=running.segment.title, kind=running.segment.kind.value, budget=running.budget,
            remaining=segment_remaining(state, running, now), warning_lead=warning_lead(state, running),
            over_tolerance=over_tolerance(state, running), talking_points=running.segment.talking_points,
            product=card, stock=product.stock if product is not None else None, stock_left=left,
            price=price(product.price) if product is not None else None,
            list_price=price(product.list_price) if product is not None and product.list_price is not None else None,
            selling_points=product.selling_points if product is not None else [],
            offer=product.offer if product is not None else None,
            prize=interaction.prize if interaction is not None else None,
            prompt=interaction.prompt if interaction is not None else None,
            coupon=interaction.coupon if interaction is not None else None)
    upcoming = state.next_pending() if state.status is not ShowStatus.ended else None  # an ended show has no next
    return StateFrame(title=state.plan.show.title, status=state.status.value, held=state.held,
                      phase=display_phase(state, now), segment=segment,
                      next=NextInfo(title=upcoming.segment.title, budget=upcoming.budget) if upcoming else None,
                      rate=session.clock_rate, at=console_clock())
