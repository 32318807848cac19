"""The console's side of the wording check and of advice meant for ops (issue 14): warnings about a typed
cue before it is sent, the journal record when it is sent anyway, and which pane ops advice goes to."""

from __future__ import annotations

from typing import Protocol

from rhythm_console.advisor import TECH_ALERT
from rhythm_console.events import WordingOverridden
from rhythm_console.i18n import Texts
from rhythm_console.plan import Plan
from rhythm_console.plan.wording_check import plan_checker, wording_message
from rhythm_console.refusals import Refusal
from rhythm_console.session import LiveSession

OPS_PANE = "ops"


class CueWording:
    def __init__(self, plan: Plan, texts: Texts) -> None:
        self.checker = plan_checker(plan)
        self.texts = texts

    def words(self, text: str) -> list[str]:
        return [rule.word for rule in self.checker.check(text)]

    def warnings(self, text: str) -> list[str]:
        return [wording_message(rule, self.texts) for rule in self.checker.check(text)]


def journal_wording_override(session: LiveSession, wording: CueWording, text: str) -> None:
    """A cue just sent despite the warning: journal what it was warned of (the review can tell)."""
    words = wording.words(text)
    if words and session.state.cues:
        session.submit(WordingOverridden(at=session.now(), cue=session.state.cues[-1].cue, words=words))


class _Alert(Protocol):
    alert: str
    suggest: str | None


def ops_target(alert: _Alert, link: object | None) -> str | None:
    """The ops pane's name when the alert is meant for ops and such a pane is connected."""
    if alert.alert != TECH_ALERT or link is None:
        return None
    return OPS_PANE if any(pane.name == OPS_PANE for pane in link.panes) else None


def send_ops_advice(session: LiveSession, alert: _Alert, target: str, texts: Texts) -> Refusal | None:
    suggested = session.plan.cue_for(alert.suggest, texts) if alert.suggest else None
    if suggested is None:
        return None
    return session.send_cue(suggested[0], suggested[1], origin=f"advice:{alert.alert}", target=target)
