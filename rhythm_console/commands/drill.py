"""`rhythm-console drill`: a trainee runs the real console over a recorded show's room.

The room (figures, comments) comes from the recording through `sources.recorded`, on the
recording's clock; the show itself (advance, extend, skip, hold, cues, presets, contingencies)
is the trainee's, journaled in a journal of its own marked `"kind": "drill"` with the
original's session id, so `report DRILL --against ORIGINAL` can put the two side by side.
"""

from __future__ import annotations

import argparse
import inspect
import shlex
import sys
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rhythm_console.clock import Clock, ScaledClock, SystemClock
from rhythm_console.errors import UserError
from rhythm_console.events import Event, MetricSample
from rhythm_console.i18n import Said, Texts
from rhythm_console.journal import Journal, JournalWriter, default_journal_path, read_journal_for_command
from rhythm_console.plan import Plan
from rhythm_console.session import LiveSession
from rhythm_console.show import ShowState, ShowStatus, fold, initial_state, scan
from rhythm_console.sources.recorded import RecordedSource
from rhythm_console.textsafe import printable

if TYPE_CHECKING:
    from rhythm_console.link.server import LinkServer
    from rhythm_console.ui.manager import ManagerApp

SPEEDS = (0.5, 60.0)  # as replay's


@dataclass
class DrillStart:
    """Where a drill begins: the recording's events before that moment, and the moment."""

    events: list[Event]
    at: float
    segment_id: str | None


def drill_start(recording: Journal, segment: str | None) -> DrillStart:
    """The start of the whole show, or the recording's state just before `segment` (an id or a title) began."""
    if segment is None:
        return DrillStart([], 0.0, None)
    plan = recording.header.plan
    for index, (event, before, after) in enumerate(scan(plan, recording.events)):
        running = after.running
        if running is not None and after.current != before.current and segment in (running.id, running.segment.title):
            return DrillStart(recording.events[:index], event.at, running.id)
    known = fold(plan, recording.events).runs
    if not any(segment in (run.id, run.segment.title) for run in known):
        ids = [printable(run.id) for run in known]
        raise UserError(Said("error.drill.no_segment", segment=printable(segment), ids=ids))
    raise UserError(Said("error.drill.never_started_segment", segment=printable(segment)))


def drill_plan(plan: Plan, clock: Clock, recording_start: float | None, drill_at: float) -> Plan:
    """The recorded plan, its start time moved to when the drill's show should start: the countdown to
    the start reads as it did in the original, not days late."""
    if plan.show.starts_at is None or recording_start is None:
        return plan
    starts = clock.wall().astimezone(plan.zone) + timedelta(seconds=max(0.0, recording_start - drill_at))
    show = plan.show.model_copy(update={"starts_at": starts.replace(microsecond=0)})
    return plan.model_copy(update={"show": show})


def open_drill(recording: Journal, recording_path: str, journal_path: Path, clock: Clock, lang: str,
               start: DrillStart, trainee: str | None, speed: float) -> LiveSession:
    """The trainee's session: a new journal marked as a drill of the recording, holding the recording's
    events before the start (so it folds on its own), on a clock lined up with the recording's."""
    header = recording.header
    state: ShowState = fold(header.plan, start.events) if start.events else initial_state(header.plan)
    plan = drill_plan(header.plan, clock, fold(header.plan, recording.events).started_at, start.at)
    fields: dict[str, str | float] = {"drill_of": header.session_id}
    if start.segment_id is not None:
        fields["drill_from"] = start.segment_id
    if trainee:
        fields["trainee"] = trainee
    if speed != 1.0:
        fields["drill_speed"] = speed
    origin = clock.monotonic() - start.at
    try:
        writer = JournalWriter(journal_path, plan, clock=clock, origin=origin, plan_source=recording_path,
                               kind="drill", header_fields=fields)
    except FileExistsError:
        raise UserError(Said("error.drill.journal_exists", path=journal_path)) from None
    except OSError as exc:
        raise UserError(Said("error.journal.create", path=journal_path, why=exc.strerror or exc)) from None
    for event in start.events:
        writer.append(event)
    session = LiveSession(plan, clock, writer, lang=lang, origin=origin, state=replace(state, plan=plan))
    for event in start.events[-2000:]:
        if isinstance(event, MetricSample):  # the sparklines and the advisor's memory
            session.history.add(event)
    return session


def drill_app(session: LiveSession, texts: Texts, source: RecordedSource, *, link: LinkServer | None = None) -> ManagerApp:
    """The manager's console over the recorded room; it also says, in a notification, each time the
    recording and the trainee's show part or meet again (the source's line is cut on a narrow screen)."""
    from rhythm_console.ui.manager import ManagerApp

    class DrillApp(ManagerApp):
        # The console's own styles, by path: relative paths would be read beside this module.
        CSS_PATH = [Path(inspect.getfile(ManagerApp)).parent / "styles" / name for name in ("manager.tcss", "dialogs.tcss")]
        said: str | None = None

        def keep_time(self) -> None:
            super().keep_time()
            difference = source.difference(session.now())
            if difference != self.said:
                self.said = difference
                if difference is not None:
                    self.notify(difference, title=texts("drill.source", file=""), timeout=6)

    return DrillApp(session, texts, source, link=link)


def where_the_debrief_is(path: Path, recording: str, texts: Texts) -> str:
    """What next, on leaving a drill: where its journal is and the command that debriefs it."""
    against = f"rhythm-console report {shlex.quote(str(path))} --against {shlex.quote(str(recording))}"
    return "\n".join([texts("run.exit.journal", path=printable(path)),
                      texts("drill.exit.debrief", command=printable(against + " --format html -o debrief.html"))])


def run_drill(args: argparse.Namespace) -> int:
    from rhythm_console.link.config import LinkConfigError, listen_settings
    from rhythm_console.link.server import LinkServer

    if not SPEEDS[0] <= args.speed <= SPEEDS[1]:
        raise UserError(Said("error.speed", low=SPEEDS[0], high=SPEEDS[1]))
    recording, lang = read_journal_for_command(args.journal, args.lang)
    if fold(recording.header.plan, recording.events).started_at is None:
        raise UserError(Said("error.drill.never_started", journal=args.journal))
    start = drill_start(recording, args.from_segment)
    try:
        listen = listen_settings(args.listen, args.token)
    except LinkConfigError as exc:
        raise UserError(str(exc)) from None
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UserError(Said("error.terminal", command="drill"))
    base = SystemClock()
    clock: Clock = ScaledClock(base, args.speed) if args.speed != 1.0 else base
    path = Path(args.journal_out) if args.journal_out else default_journal_path(
        f"drill-{Path(args.journal).stem}", base.wall())
    session = open_drill(recording, str(args.journal), path, clock, lang, start, args.person, args.speed)
    session.clock_rate = args.speed  # the panes' countdowns run at the drill's pace
    texts = Texts(lang)
    source = RecordedSource(recording, session, texts, args.journal, start=start.at)
    link = LinkServer(session, *listen) if listen else None
    app = drill_app(session, texts, source, link=link)
    try:
        app.run()
    finally:
        session.close()
    ended = session.state.status is ShowStatus.ended
    print(where_the_debrief_is(path, args.journal, texts), flush=True)
    if ended:
        from rhythm_console.library import add_after_show

        print(add_after_show(path, getattr(args, "library", None), kind="drill"), file=sys.stderr)
    return app.return_code or 0
