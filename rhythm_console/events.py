"""The journal's event types: one discriminated union, one format version.

Every event carries `at`: seconds since the session's origin on a monotonic
clock. The fold derives all timing from these stamps.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import chain
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from rhythm_console.plan import CueAction, CueLevel, Segment
from rhythm_console.textsafe import has_control, terminal_safe_value

JOURNAL_FORMAT = 1


class _Event(BaseModel):
    # Each event type's validator is built when that type is first made or read, not on import: the
    # console's first frame makes none of them (about 10 ms of start-up).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    at: float = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _terminal_safe(cls, data: object) -> object:
        """Text from outside (an HTTP cue, a viewer's comment, a pane's name, a hand-edited journal)
        reaches screens and reports from events: no event holds a character that controls a terminal."""
        return _terminal_safe_fields(data)


def _terminal_safe_fields(data: object) -> object:
    if isinstance(data, dict):
        return {key: value if key == "type" or isinstance(value, float | int) else terminal_safe_value(value)
                for key, value in data.items()}
    return data


class ShowStarted(_Event):
    """Starts the show and its first pending segment."""

    type: Literal["show_started"] = "show_started"
    # A late start is late: drift counts from the plan's written start (until the manager re-bases the plan).
    planned_at: float | None = Field(default=None, description="the plan's written start on the session's clock "
                                     "(negative: before the journal began); none: the plan has no start on this day, "
                                     "or the show is not live (a rehearsal, a simulation)")


class PlanRebased(_Event):
    """The manager re-based the plan on the actual start: drift no longer counts the late start."""

    type: Literal["plan_rebased"] = "plan_rebased"


class ShowEnded(_Event):
    type: Literal["show_ended"] = "show_ended"
    reason: str = "ended by the manager"


class SegmentStarted(_Event):
    """Jump to a given pending segment (ending the running one): go out of order."""

    type: Literal["segment_started"] = "segment_started"
    segment_id: str


class SegmentEnded(_Event):
    """End the running segment without starting another (time until the next start is a gap)."""

    type: Literal["segment_ended"] = "segment_ended"


class Advance(_Event):
    """End the running segment and start the next pending one, if any."""

    type: Literal["advance"] = "advance"


class Extend(_Event):
    """Give the running segment more time (negative seconds shorten it)."""

    type: Literal["extend"] = "extend"
    seconds: float


class Skip(_Event):
    """Mark a pending segment skipped; without an id, the next one."""

    type: Literal["skip"] = "skip"
    segment_id: str | None = None


class Hold(_Event):
    type: Literal["hold"] = "hold"
    reason: str | None = None


class Resume(_Event):
    type: Literal["resume"] = "resume"


class InsertSegment(_Event):
    """Insert a segment right after the running one (or first, before the show starts)."""

    type: Literal["insert_segment"] = "insert_segment"
    segment: Segment
    contingency_id: str | None = None


class Reorder(_Event):
    """A new order for the pending segments: the same ids, rearranged."""

    type: Literal["reorder"] = "reorder"
    order: list[str]


class Undo(_Event):
    """Take back the latest show-changing command (within UNDO_WINDOW of it): a compensating
    event, so the journal keeps both the command and its undoing. Names what it undoes, so a
    reader can say so and a stale undo is refused rather than taking back something else."""

    type: Literal["undo"] = "undo"
    of: str = Field(description="the undone event's type, e.g. skip")
    of_at: float = Field(ge=0, description="the undone event's `at`")


class CueSent(_Event):
    type: Literal["cue_sent"] = "cue_sent"
    cue: int = Field(ge=1, description="the cue's sequence number")
    text: str
    level: CueLevel = CueLevel.info
    action: CueAction | None = None
    target: str | None = Field(default=None, description="a pane's name; none means every pane")
    origin: str = Field(default="manager", description="manager, preset:KEY, advisor, auto, http")
    # Who could receive it: "delivered" is said only once a pane says it received the cue, and a cue
    # nobody was there for is said to be so, not "sent".
    reach: list[str] | None = Field(default=None, description="the connected panes it went to when sent; "
                                                                "none: not known (a journal from before this field)")


class CueDelivered(_Event):
    type: Literal["cue_delivered"] = "cue_delivered"
    cue: int
    by: str


class CueAcked(_Event):
    type: Literal["cue_acked"] = "cue_acked"
    cue: int
    by: str


class Note(_Event):
    type: Literal["note"] = "note"
    text: str


class MetricSample(_Event):
    """A snapshot of the room's figures; keys are metric names, missing means unknown."""

    type: Literal["metric_sample"] = "metric_sample"
    values: dict[str, float]

    @model_validator(mode="before")
    @classmethod
    def _terminal_safe(cls, data: object) -> object:
        """A sample's only words are its figures' names (the figures are numbers, or refused): one
        search over all of them at once, as most of a journal's records are samples."""
        if (isinstance(data, dict) and data.keys() <= _SAMPLE_FIELDS and type(values := data.get("values")) is dict
                and _plain_names(values)):
            return data
        return _terminal_safe_fields(data)

    @classmethod
    def of_figures(cls, at: float, values: dict[str, float]) -> MetricSample:
        """`MetricSample(at=at, values=values)`, made without pydantic's walk where that walk would take them
        as they are (see _plain): the session makes one a second from the room's figures, which are floats.
        Anything else is validated as ever."""
        if _plain(at, values):
            return _made(MetricSample, {"at": at, "type": "metric_sample", "values": values}, {"at", "values"})
        return cls(at=at, values=values)


_SAMPLE_FIELDS = frozenset({"at", "type", "values"})
_FLOATS = frozenset({float})
_new = object.__new__
_set = object.__setattr__


def plain_sample(record: dict[str, object]) -> MetricSample | None:
    """The metric sample a record holds, made without pydantic's walk where that walk would take the
    record exactly as it is: `at` a float from 0, every figure a float, no other field, names free of
    control characters. None for anything else, which EVENT_ADAPTER validates (and words what is wrong).
    Most of a journal's records are samples: this takes a third of a full validation's time."""
    if record.keys() != _SAMPLE_FIELDS or record["type"] != "metric_sample":
        return None
    at, values = record["at"], record["values"]
    if not _plain(at, values):
        return None
    return sample_of_floats(at, values)  # type: ignore[arg-type]  # _plain found a float and a dict of floats


def sample_of_floats(at: float, values: dict[str, float]) -> MetricSample | None:
    """plain_sample of a sample record already read as floats (`at` from 0, every figure a float: the journal's
    reader decodes most records so, in C): the sample validation makes of it, or None where a name holds a
    character that controls a terminal (validation escapes it)."""
    if not _plain_names(values):
        return None
    return _made(MetricSample, {"at": at, "type": "metric_sample", "values": values}, {"at", "type", "values"})


def _plain(at: object, values: object) -> bool:
    """Whether validation would take a sample's time and figures exactly as they are: `at` a float from 0,
    every figure a float, names free of control characters."""
    return (type(at) is float and at >= 0.0 and type(values) is dict
            and _FLOATS.issuperset(map(type, values.values())) and _plain_names(values))


_Made = TypeVar("_Made", bound=BaseModel)


def _made(cls: type[_Made], fields: dict[str, object], fields_set: set[str]) -> _Made:
    """What BaseModel.model_construct sets, without its per-field loop: the same instance validation makes
    of `fields` (`fields_set`: the fields it was given)."""
    event = _new(cls)
    _set(event, "__dict__", fields)
    _set(event, "__pydantic_fields_set__", fields_set)
    _set(event, "__pydantic_extra__", None)
    _set(event, "__pydantic_private__", None)
    return event


_EXAMPLES_FIELDS = frozenset({"at", "type", "examples"})


def plain_examples(record: dict[str, object]) -> CommentExamples | None:
    """The comment examples a record holds, made without pydantic's walk where that walk would take the
    record exactly as it is (as plain_sample does for a sample): `at` a float from 0, each category a text
    with a list of texts, no other field, no character that controls a terminal. None for anything else,
    which EVENT_ADAPTER validates. A long show's journal holds one a minute per category heard."""
    if record.keys() != _EXAMPLES_FIELDS or record["type"] != "comment_examples":
        return None
    at, examples = record["at"], record["examples"]
    if type(at) is not float or not at >= 0.0 or type(examples) is not dict:
        return None
    words = list(examples)
    for texts in examples.values():
        if type(texts) is not list:
            return None
        words += texts
    if not all(type(word) is str for word in words):
        return None  # validation converts it or refuses it
    return examples_of_texts(at, examples)


def examples_of_texts(at: float, examples: dict[str, list[str]]) -> CommentExamples | None:
    """plain_examples of a record already read as texts (`at` a float from 0, each category a text with a list
    of texts: the journal's reader decodes most records so, in C): the examples validation makes of it, or None
    where a text holds a character that controls a terminal (validation escapes it)."""
    if has_control("".join([*examples, *chain.from_iterable(examples.values())])):
        return None
    return _made(CommentExamples, {"at": at, "type": "comment_examples", "examples": examples},
                 {"at", "type", "examples"})


_PLAIN_NAMES: set[str] = set()  # figure names already found free of control characters
_PLAIN_NAMES_KEPT = 10_000  # a feed inventing names forever does not grow it without end


def _plain_names(values: Collection[object]) -> bool:
    """Whether no name in `values` controls a terminal. The same few dozen names come in every sample:
    each is searched once (with the one compiled pattern), then known."""
    if _PLAIN_NAMES.issuperset(values):
        return True
    fresh = [name for name in values if name not in _PLAIN_NAMES]
    if not all(type(name) is str for name in fresh) or has_control("".join(fresh)):  # type: ignore[arg-type]
        return False  # the field's own rules say what is wrong, and the names are escaped
    if len(_PLAIN_NAMES) + len(fresh) > _PLAIN_NAMES_KEPT:
        _PLAIN_NAMES.clear()
    _PLAIN_NAMES.update(fresh)  # type: ignore[arg-type]
    return True


class CommentExamples(_Event):
    """A few comments' words per audience category (at most three a minute each), for the review's
    customer voice. Never who wrote them. The fold ignores it."""

    type: Literal["comment_examples"] = "comment_examples"
    examples: dict[str, list[str]]


class WordingOverridden(_Event):
    """A cue the wording check (合规) warned about was sent anyway: what it warned of. The fold ignores it."""

    type: Literal["wording_overridden"] = "wording_overridden"
    cue: int
    words: list[str]


class AlertRaised(_Event):
    type: Literal["alert_raised"] = "alert_raised"
    alert: str = Field(description="a stable id, e.g. the rule id")
    message: str
    suggest: str | None = Field(default=None, description="the cue it suggests")
    level: CueLevel = CueLevel.warn
    # Built-in advice also names its catalog entry, so every screen says it in its own language;
    # `message` stays the words of the session's language (journals before these fields have only it).
    code: str | None = Field(default=None, description="the catalog's alert.<code>, for built-in advice")
    params: dict[str, str | float] = Field(default={}, description="the values its words take")


class AlertCleared(_Event):
    type: Literal["alert_cleared"] = "alert_cleared"
    alert: str


# Platform totals the manager reads off Douyin's dashboard (罗盘/百应) after the show (the feed cannot count
# people): distinct viewers and views, new fans-club members, GMV, buyers (成交人数), refunds (退款金额), ad
# spend (千川消耗), average stay in seconds (平均停留) and exposure (曝光人数).
PLATFORM_FIGURES = ("viewers_uv", "viewers_pv", "new_fans_club", "gmv", "buyers", "refunds", "ad_spend", "avg_stay",
                    "exposure")


class PlatformMinute(BaseModel):
    """One row of the platform's per-minute export, placed on the session's clock by `annotate`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    at: float = Field(allow_inf_nan=False, description="the minute's start on the session's clock (a minute "
                      "before the journal began is negative)")
    online: float | None = Field(default=None, ge=0, allow_inf_nan=False, description="在线人数 in that minute")
    entries: float | None = Field(default=None, ge=0, allow_inf_nan=False, description="进入人数 in that minute")
    gmv: float | None = Field(default=None, ge=0, allow_inf_nan=False, description="成交金额 in that minute")


class Annotation(_Event):
    """Added after the show by `annotate`: the platform's totals, or a team member's note (建议权).

    Appended after the end (nothing earlier is touched); `at` repeats the last record's, so the
    show's own timing does not move."""

    type: Literal["annotation"] = "annotation"
    platform: dict[str, float] = Field(default={}, description="PLATFORM_FIGURES the manager typed in")
    note: str | None = None
    by: str | None = Field(default=None, description="who wrote the note: a role or a name")
    segment_id: str | None = Field(default=None, description="the segment the note is about")
    platform_minutes: list[PlatformMinute] | None = Field(
        default=None, description="the platform's per-minute export (replaces one annotated before)")
    platform_file: str | None = Field(default=None, description="the export's file name, as the review names it")


class ChecklistTicked(_Event):
    """A readiness checklist item ticked (done) or unticked, by whom."""

    type: Literal["checklist_ticked"] = "checklist_ticked"
    item: int = Field(ge=0, description="its index in the plan's checklist")
    done: bool = True
    by: str = "manager"


class ChecklistWaived(_Event):
    """The manager confirmed starting the show with these blocking checklist items still open."""

    type: Literal["checklist_waived"] = "checklist_waived"
    items: list[int]
    by: str = "manager"


# What a pane may ask the manager (扁平化): one more minute, the sample is missing, a technical problem,
# move on, or words of its own. The catalog's request.kind.<kind> says each on screen.
RequestKind = Literal["extend", "sample_missing", "tech_problem", "next", "text"]
REQUEST_KINDS: tuple[RequestKind, ...] = ("extend", "sample_missing", "tech_problem", "next", "text")


class RequestMade(_Event):
    """A pane (or a button over HTTP) asked the manager for something; the manager answers it."""

    type: Literal["request_made"] = "request_made"
    request: int = Field(ge=1, description="the request's sequence number")
    kind: RequestKind
    text: str | None = Field(default=None, max_length=500, description="the words, for kind text")
    by: str = Field(description="who asked: the pane's name, or what the HTTP body named")
    origin: Literal["pane", "http"] = "pane"
    # Added later, so optional: a journal written before it still loads (its requests tied to no segment).
    segment: str | None = Field(default=None, max_length=200,
                                description="the segment it was asked in (the one the pane showed): a +1 minute or "
                                            "a next accepted once that segment has ended would act on another")


class RequestAnswered(_Event):
    """The manager accepted (and so performed: +1 minute extends, next advances) or declined a request."""

    type: Literal["request_answered"] = "request_answered"
    request: int = Field(ge=1)
    accepted: bool


Event = Annotated[
    ShowStarted | ShowEnded | SegmentStarted | SegmentEnded | Advance | Extend | Skip | Hold | Resume
    | InsertSegment | Reorder | Undo | CueSent | CueDelivered | CueAcked | Note | MetricSample | AlertRaised | AlertCleared
    | Annotation | CommentExamples | WordingOverridden | ChecklistTicked | ChecklistWaived | PlanRebased
    | RequestMade | RequestAnswered,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event, config=ConfigDict(defer_build=True))  # built on first read

# Events after which the journal is fsynced at once: losing one of these would
# change what the host was told or where the show stands.
DURABLE_TYPES = frozenset({
    "show_started", "show_ended", "segment_started", "segment_ended", "advance", "skip",
    "insert_segment", "reorder", "cue_sent", "extend", "hold", "resume", "undo",
    "checklist_ticked", "checklist_waived", "plan_rebased", "request_made", "request_answered",
})
