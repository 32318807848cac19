"""Figures per person and per role (绩效), over many shows (pure).

Labelled figures, not verdicts: each person's segments are those the plan
gave to their role (a segment's `owner`), so a figure describes the segments
they led, with everything else that happened in them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from rhythm_console.review.records import SegmentRecord, ShowRecord, gmv_per_minute, mean, overrun_rate


@dataclass
class PersonRow:
    name: str
    roles: tuple[str, ...]
    shows: int
    on_air_minutes: float  # in the segments they led
    segments: int
    overrun_rate: float | None
    interaction: float | None  # mean of their segments' interaction rates
    ctr: float | None
    gmv_per_minute: float | None
    ack_median: float | None  # cues sent during their segments


def people_rows(shows: list[ShowRecord]) -> list[PersonRow]:
    led: dict[str, list[tuple[int, SegmentRecord]]] = defaultdict(list)
    roles: dict[str, set[str]] = defaultdict(set)
    acks: dict[str, list[float]] = defaultdict(list)
    appeared: dict[str, set[int]] = defaultdict(set)
    for index, show in enumerate(shows):
        for role, names in show.team.items():
            for name in names:
                roles[name].add(role)
                appeared[name].add(index)
        owners = {}
        for segment in show.segments:
            names = [name.strip() for name in segment.people.split(",") if name.strip()]
            owners[segment.segment_id] = names
            if segment.actual is not None:
                for name in names:
                    led[name].append((index, segment))
        for cue in show.cues:
            if cue.ack is not None and cue.segment_id in owners:
                for name in owners[cue.segment_id]:
                    acks[name].append(cue.ack)
    rows = []
    for name in sorted(roles, key=lambda n: (-len(led.get(n, [])), n)):
        segments = [segment for _, segment in led.get(name, [])]
        rows.append(_row(name, tuple(sorted(roles[name])), len(appeared[name]), segments, acks.get(name, [])))
    return rows


def _row(name: str, roles: tuple[str, ...], shows: int, segments: list[SegmentRecord], acks: list[float]) -> PersonRow:
    return PersonRow(
        name=name, roles=roles, shows=shows, on_air_minutes=sum(s.minutes for s in segments), segments=len(segments),
        overrun_rate=overrun_rate(segments), interaction=mean([s.interaction for s in segments]),
        ctr=mean([s.ctr for s in segments]), gmv_per_minute=gmv_per_minute(segments),
        ack_median=statistics.median(acks) if acks else None)


def role_rows(shows: list[ShowRecord]) -> list[PersonRow]:
    """The same figures per role of the plan (host, assistant...), whoever filled it."""
    led: dict[str, list[SegmentRecord]] = defaultdict(list)
    acks: dict[str, list[float]] = defaultdict(list)
    appeared: dict[str, set[int]] = defaultdict(set)
    for index, show in enumerate(shows):
        owners = {segment.segment_id: segment.owner for segment in show.segments}
        for segment in show.segments:
            if segment.actual is not None:
                led[segment.owner].append(segment)
                appeared[segment.owner].add(index)
        for cue in show.cues:
            if cue.ack is not None and cue.segment_id in owners:
                acks[owners[cue.segment_id]].append(cue.ack)
    return [_row(role, (role,), len(appeared[role]), led[role], acks.get(role, [])) for role in sorted(led)]
