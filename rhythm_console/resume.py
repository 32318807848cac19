"""Carrying on a show from its journal after a crash or an accidental quit.

The times in the journal are offsets on the session's clock; the new
process lines its clock up with them through the wall clock, so the
segment's timer and the show's drift count the time the console was away
(the stream went on) and the same journal simply continues.
"""

from __future__ import annotations

from pathlib import Path

from rhythm_console.clock import Clock
from rhythm_console.errors import UserError
from rhythm_console.events import MetricSample, Note
from rhythm_console.i18n import Said, Texts
from rhythm_console.journal import Journal, JournalWriter, read_journal_for_command
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowState, ShowStatus, fold


def resumable_state(path: str | Path, journal: Journal) -> ShowState:
    """The show as its journal left it; a show that has ended cannot be carried on (one clear line), nor one
    the autopilot played: its times are the simulation's (ahead of the wall clock at --speed or --instant),
    so a live console appending to it would write times that run backwards; nor a drill, whose room is a
    recording played at its speed, which a live console cannot carry on."""
    if journal.header.kind in ("simulated", "drill"):
        raise UserError(Said(f"error.resume.{journal.header.kind}", path=path))
    state = fold(journal.header.plan, journal.events)
    if state.status is ShowStatus.ended:
        raise UserError(Said("error.resume.ended", path=path))
    return state


def resume_session(path: str | Path, clock: Clock, lang: str, *, advise: bool = True,
                   journal: Journal | None = None, state: ShowState | None = None) -> LiveSession:
    """The session as the journal left it, appending to the same journal (the reader's warnings go to stderr).
    `journal` (and its folded `state`) when the caller has read it already."""
    if journal is None:
        journal, lang = read_journal_for_command(path, lang)
    plan = journal.header.plan
    if state is None:
        state = resumable_state(path, journal)
    away = (clock.wall() - journal.header.started_wall).total_seconds()
    origin = clock.monotonic() - max(away, state.last_at)
    try:
        writer = JournalWriter(path, plan, clock=clock, origin=origin, resume_from=journal)
    except OSError as exc:
        raise UserError(Said("error.resume.append", path=path, why=exc.strerror or exc)) from None
    session = LiveSession(plan, clock, writer, lang=lang, origin=origin, state=state, advise=advise,
                          count_plan_start=journal.header.kind == "live")
    samples = [event for event in journal.events if isinstance(event, MetricSample)]
    for sample in samples[-900:]:  # the sparklines and the advisor's memory
        session.history.add(sample)
    if samples:
        session.room.restore(state.metrics)  # totals carry on from where they stood
    session.submit(Note(at=session.now(), text=Texts(lang)("note.resumed_torn" if journal.torn else "note.resumed")))
    return session
