"""`rhythm-console shows`: the library's shows as a table, newest last."""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
from pathlib import Path
from typing import overload

from rhythm_console.commands.library import open_library
from rhythm_console.commands.output import write_stdout
from rhythm_console.errors import UserError
from rhythm_console.i18n import Said
from rhythm_console.journal import JournalError, read_journal
from rhythm_console.library import StoredShow
from rhythm_console.report.compare_text import CompareText
from rhythm_console.report.drill import difference_words
from rhythm_console.report.markdown import _table
from rhythm_console.report.text import ReportText
from rhythm_console.review.drill import compare_journals
from rhythm_console.review.records import ShowLine
from rhythm_console.textsafe import printable


def journal_shown(journal: str, here: str | None = None) -> str:
    """The journal as `report` and `compare` take it: relative to here when it is below here. The library
    holds resolved paths, so this is string work (`here` resolved once by the caller), not a lookup per show."""
    here = here if here is not None else _here()
    return printable(journal[len(here):] if here and journal.startswith(here) else journal)


def _here() -> str:
    try:
        return str(Path.cwd().resolve()).rstrip(os.sep) + os.sep
    except OSError:
        return ""


def since_date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserError(Said("error.shows.since", text=repr(text))) from None


def show_kind(t: CompareText, show: ShowLine) -> str:
    """What the show was (直播, 彩排, 模拟, 演练), and 中止 when it ended in its first segment or under a tenth of its
    plan; 未结束 when its journal stops before the end (a console killed), 未开播 when it never started."""
    words = t(f"shows.kind.{show.kind}")
    if not show.ended:
        mark: str | None = "shows.not_ended" if show.length is not None else "shows.not_started"
    else:
        mark = "shows.aborted" if show.aborted else None
    return f"{words} · {t(mark)}" if mark is not None else words


def show_drift(t: CompareText, show: ShowLine) -> str:
    """The drift at the end; a show that never ended has none: its drift at the last record, said so (as the report)."""
    drift = t.value(show.final_drift, "drift")
    return drift if show.ended or show.final_drift is None else t("shows.drift_last", drift=drift)


def dated(t: CompareText, shows: list[ShowLine]) -> tuple[list[ShowLine], list[str]]:
    """The shows oldest first and their dates, each in its own zone (a plan's, else the machine's where it ran):
    when they are not all in one, each date names its zone and the order is by the moment, not the text."""
    starts = [datetime.fromisoformat(show.started_wall) for show in shows]
    zones = [start.isoformat(timespec="minutes")[16:] for start in starts]  # "+08:00"; "" with no zone
    if len(set(zones)) <= 1:
        return shows, [t.show_label(show) for show in shows]
    order = sorted(range(len(shows)), key=lambda index: starts[index].timestamp())  # stable: same moment, same order
    return ([shows[index] for index in order],
            [f"{t.show_label(shows[index])} {zones[index]}".rstrip() for index in order])


@overload
def positive(value: int, flag: str) -> int: ...
@overload
def positive(value: None, flag: str) -> None: ...
def positive(value: int | None, flag: str) -> int | None:
    if value is not None and value < 1:
        raise UserError(Said("error.at_least_one", flag=flag))
    return value


def run_shows(args: argparse.Namespace) -> int:
    t = CompareText(args.lang)
    if args.hardest is not None:
        return run_hardest(args, t)
    if args.drills:
        return run_drills(args, t)
    with open_library(args) as library:
        found = library.listing(last=positive(args.last, "--last"), plan=args.plan, person=args.person,
                                since=since_date(args.since))
    if not found:
        write_stdout(t("shows.none") + "\n")
        return 0
    here = _here()
    # The platform's buyers, refunds and ROI only when a listed show was annotated with one of them.
    platform = any(v is not None for show in found for v in (show.buyers, show.refunds, show.ad_spend))
    found, dates = dated(t, found)
    rows = [[when, show_kind(t, show), show.title, t.value(show.length, "clock"), show_drift(t, show),
             f"{show.overran}/{show.segments_done}", t.value(show.online_peak, "number"), t.value(show.gmv, "money"),
             f"{show.goals_met}/{show.goals_judged}",
             *([t.value(show.buyers, "number"), t.value(show.refunds, "money"), t.value(show.roi, "ratio")]
               if platform else []),
             journal_shown(show.journal, here)] for show, when in zip(found, dates, strict=True)]
    # The journal last: what `report` and `compare A.jsonl B.jsonl` take (shows of one minute look alike otherwise).
    header = [t(f"shows.{key}") for key in ("date", "kind", "title", "length", "drift", "overran", "peak", "gmv", "goals",
                                            *(("buyers", "refunds", "roi") if platform else ()), "journal")]
    write_stdout("\n".join(_table(header, rows)) + "\n")
    return 0


def run_hardest(args: argparse.Namespace, t: CompareText) -> int:
    """Drill material: the shows with the most over-runs, alerts and urgent cues left unacknowledged."""
    with open_library(args) as library:
        found = library.hardest(positive(args.hardest, "--hardest"))
    if not found:
        write_stdout(t("shows.none") + "\n")
        return 0
    rows = []
    for item in found:
        show = item.show.record
        rows.append([t.show_label(show), show.title, f"{show.overran}/{show.segments_done}", str(item.alerts),
                     str(item.unacked_urgent), printable(item.worst_segment or "—"), journal_shown(item.show.journal)])
    header = [t(f"shows.{key}") for key in ("date", "title", "overran", "alerts", "unacked_urgent", "worst", "journal")]
    write_stdout("\n".join(_table(header, rows)) + "\n" + t("shows.drill_hint") + "\n")
    return 0


def run_drills(args: argparse.Namespace, t: CompareText) -> int:
    """The drills a person ran, oldest first, with the debrief's headline figures against each original."""
    if not args.person:
        raise UserError(Said("error.shows.drills"))
    lang = t.texts.lang
    rows = []
    with open_library(args) as library:
        for drill in library.drills(args.person):
            original = library.by_session(drill.record.drill_of or "")
            rows.append(_drill_row(t, lang, drill, original))
    if not rows:
        write_stdout(t("shows.no_drills", person=printable(args.person)) + "\n")
        return 0
    header = [t(f"shows.{key}") for key in ("date", "title", "from", "drill_overran", "drill_cues", "drill_alerts",
                                            "drill_acks", "drill_largest", "journal")]
    write_stdout("\n".join(_table(header, rows)) + "\n")
    return 0


def _drill_row(t: CompareText, lang: str, drill: StoredShow, original: StoredShow | None) -> list[str]:
    """A drill's line: its date, plan and start, then trainee / original figures of its debrief."""
    head = [t.show_label(drill.record), drill.record.title]
    tail = [journal_shown(drill.journal)]
    if original is None:
        return head + ["—", t("shows.original_missing"), "", "", "", "", *tail]
    try:
        comparison = compare_journals(read_journal(drill.journal), read_journal(original.journal))
    except JournalError as exc:
        return head + ["—", printable(str(exc)), "", "", "", "", *tail]
    mine, theirs = comparison.overruns
    never_mine, never_theirs = comparison.unanswered_alerts[1], comparison.unanswered_alerts[0]
    acks = "/".join(t.value(figures.median, "seconds") for figures in (comparison.trainee_acks, comparison.original_acks))
    largest = comparison.differences[0] if comparison.differences else None
    return head + [
        printable(comparison.drill_from or "—"), f"{mine}/{theirs}",
        f"{len(comparison.only_trainee)}/{len(comparison.only_original)}", f"{never_mine}/{never_theirs}", acks,
        printable(difference_words(ReportText(lang), largest, comparison)) if largest else "—", *tail]
