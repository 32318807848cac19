"""How the domain's values are said: drift, verdicts, alerts and findings, for every screen and report.

One helper each, so the console, the host pane and the report say the same
thing the same way; the words themselves are the catalog's (i18n).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from rhythm_console import vocabulary
from rhythm_console.durations import format_clock
from rhythm_console.i18n import Texts
from rhythm_console.show import EndOutcome, Verdict, VerdictKind

if TYPE_CHECKING:
    from rhythm_console.review import Finding

ON_PLAN = 1.0  # seconds of drift still said as "on plan"


def drift_words(texts: Texts, drift: float) -> str:
    """"on plan", "behind +1:20" or "ahead 0:45"."""
    if abs(drift) < ON_PLAN:
        return texts("drift.on_plan")
    return texts("drift.behind", by=drift) if drift > 0 else texts("drift.ahead", by=-drift)


def end_words(texts: Texts, outcome: EndOutcome) -> str:
    """How an ended show ended: "ended early · 3 segments not run", "ended 5:00 early", "ended +2:00 late",
    "ended on plan". Never "ahead": that speaks of a show still running."""
    if outcome.not_run:
        return texts("end.not_run", count=len(outcome.not_run))
    if abs(outcome.by) < ON_PLAN:
        return texts("end.on_plan")
    return texts("end.late", by=outcome.by) if outcome.by > 0 else texts("end.early", by=-outcome.by)


def verdict_words(texts: Texts, result: Verdict, *, compact: bool = False) -> str:
    """"over +1:20" / "under −0:45" / "on time"; compact drops the words for narrow columns."""
    if compact:
        return "✓" if result.kind is VerdictKind.on_time else format_clock(result.delta, sign=True)
    return texts(f"verdict.{result.kind.value}", delta=result.delta)


class RaisedAlert(Protocol):
    @property
    def message(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def params(self) -> Mapping[str, str | float]: ...


def alert_words(texts: Texts, alert: RaisedAlert) -> str:
    """A built-in alert in this language; a plan's own rule in the words its author wrote."""
    if alert.code is None:
        return alert.message
    return texts(f"alert.{alert.code}", **alert.params)


def finding_words(texts: Texts, finding: Finding) -> str:
    return (texts(f"finding.{finding.code}", **finding.params)
            + "".join(texts(f"finding.{clause.code}", **clause.params) for clause in finding.clauses)
            + texts("finding.stop"))


def requester(texts: Texts, by: str) -> str:
    """Who asked, as every screen and report says it: a role asked over HTTP is stored as its code (运营 as ops)
    and reads in the team's words; a pane's name stays as it is."""
    return vocabulary.shown("role", by, texts.lang)


def request_words(texts: Texts, kind: str, text: str | None = None) -> str:
    """A pane's request as every screen and report says it: `+1 分钟`, `样品没到`, `留言：话筒没电了`."""
    what = texts(f"request.kind.{kind}")
    return texts("request.with_text", what=what, text=text) if text else what
