"""The cue link's frames: JSON over a WebSocket, validated by pydantic.

Pane → console:  hello (name, token, last cue seen), received (a cue arrived), ack (the host saw it),
                 request (the pane asks the manager something)
Console → pane:  welcome, state (the running segment and its timing), cue, error, blackout,
                 request_status (the asking pane's request taken, answered, refused, or undone)
Buttons → console (HTTP POST bodies): a cue or a preset key on /api/cue, nothing or the segment to move on
                 from on /api/advance, a request on /api/request

Times in frames are relative (seconds remaining, seconds since sent) so the
two machines' clocks never need to agree.

Fields added later are optional with a default, so a pane or page written for
an older frame still reads a newer one: a cue's `segment`, a state's `rate`
(a replay's speed; 0 while paused), a product's `stock`/`stock_left`, and what the host says (a product's
`price`, `list_price`, `selling_points`, `offer`; an interaction's `prize`, `prompt` (口令), `coupon`), a
request's `segment` and a request status's `code`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    TypeAdapter,
    field_validator,
)
from pydantic_core import PydanticCustomError

from rhythm_console.events import RequestKind
from rhythm_console.plan import CueLevel
from rhythm_console.plan.model import SEGMENT_ID_PATTERN
from rhythm_console.plan.values import worded
from rhythm_console.show import DisplayPhase
from rhythm_console.textsafe import has_control
from rhythm_console.vocabulary import code_for

PROTOCOL_VERSION = 1
MAX_FRAME_BYTES = 64 * 1024


class _Frame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------ from a pane

PANE_NAME = r"^[\w\-\u4e00-\u9fff]+$"


class Hello(_Frame):
    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    name: str = Field(default="host", min_length=1, max_length=40, pattern=PANE_NAME)
    token: str | None = Field(default=None, max_length=200)
    last_seq: int = Field(default=0, ge=0, description="the highest cue seq this pane has shown")
    session: str | None = Field(default=None, max_length=100, description="the show last_seq belongs to")


class Received(_Frame):
    type: Literal["received"] = "received"
    seq: int = Field(ge=1)


class Ack(_Frame):
    type: Literal["ack"] = "ack"
    seq: int = Field(ge=1)


# A segment's id as a pane or a button names it (an inserted contingency's may carry a -2).
SegmentId = Annotated[str, Field(min_length=1, max_length=60, pattern=SEGMENT_ID_PATTERN)]


class _RequestBody(_Frame):
    kind: RequestKind
    text: str | None = Field(default=None, max_length=500)
    segment: SegmentId | None = Field(default=None, description="the segment the pane shows (the running one when "
                                                                "none is said): a +1 minute or a next is for it alone")

    @field_validator("text")
    @classmethod
    def _no_control(cls, text: str | None) -> str | None:
        if text is not None and has_control(text):  # it would reach the console's screen
            raise PydanticCustomError("control_character", "a control character")
        return text


class RequestFrame(_RequestBody):
    """The pane asks the manager (+1 分钟, 样品没到, 技术问题, 下一个, or words of its own: kind text)."""

    type: Literal["request"] = "request"


PaneFrame = Annotated[Hello | Received | Ack | RequestFrame, Field(discriminator="type")]
PANE_FRAME: TypeAdapter[PaneFrame] = TypeAdapter(PaneFrame)


# ------------------------------------------------------------ from the console


class CueFrame(_Frame):
    type: Literal["cue"] = "cue"
    seq: int
    text: str
    level: CueLevel
    sent_wall: str = Field(description="wall time the manager sent it, ISO 8601")
    age: float = Field(default=0.0, description="seconds since it was sent, when this frame left the console")
    target: str | None = None
    acked: bool = Field(default=False, description="this pane acknowledged it before (a resend after a restart)")
    segment: str | None = Field(default=None, description="id of the segment running when it was sent: once another "
                                                          "runs, a pane moves the cue out of its big area")


class SegmentInfo(_Frame):
    id: str
    title: str
    kind: str
    budget: float
    remaining: float = Field(description="seconds left at the moment the frame was sent (negative once over)")
    warning_lead: float
    over_tolerance: float
    talking_points: list[str] = []
    product: str | None = Field(default=None, description="a one-line product card")
    stock: int | None = Field(default=None, description="the plan's stock of the segment's product")
    stock_left: int | None = Field(default=None, description="that stock less the orders reported so far")
    # What the host says, from the plan (a pane shows them below the cue):
    price: str | None = Field(default=None, description="the product's price as marked, e.g. ¥899")
    list_price: str | None = Field(default=None, description="its crossed-out price")
    selling_points: list[str] = Field(default=[], description="the product's selling points (卖点)")
    offer: str | None = Field(default=None, description="the product's deal (优惠/机制)")
    prize: str | None = Field(default=None, description="the 福袋's prize")
    prompt: str | None = Field(default=None, description="what viewers comment to take part: the 福袋's 口令")
    coupon: str | None = Field(default=None, description="the interaction's coupon")


class NextInfo(_Frame):
    title: str
    budget: float


class StateFrame(_Frame):
    type: Literal["state"] = "state"
    title: str
    status: str
    held: bool = False
    phase: DisplayPhase = Field(description="the console's display phase when the frame left; a pane carries the "
                                            "countdown on with show.countdown_phase")
    segment: SegmentInfo | None = None
    next: NextInfo | None = None
    rate: float = Field(default=1.0, ge=0.0, le=1000.0,
                        description="show seconds per second of real time: a pane runs its countdown at this pace "
                                    "(1 live; a replay's speed, 0 while it is paused)")
    at: float | None = Field(default=None, description="the console's own clock (GET /api/clock) when the frame was "
                                                       "made: a browser pane anchors `remaining` to it")


class Welcome(_Frame):
    type: Literal["welcome"] = "welcome"
    protocol: int = PROTOCOL_VERSION
    name: str
    session: str = Field(description="which show this is: cue numbers start again in another one")


class ErrorFrame(_Frame):
    type: Literal["error"] = "error"
    reason: str


class RequestStatus(_Frame):
    """To the pane that asked: its request taken (open), answered (accepted, declined), refused with the
    console's reason and its code (then `request` is None: it was never journaled), or, once accepted, undone
    by the manager (the +1 minute or the move on taken back)."""

    type: Literal["request_status"] = "request_status"
    request: int | None = None
    kind: RequestKind
    text: str | None = None
    status: Literal["open", "accepted", "declined", "refused", "undone"]
    reason: str | None = Field(default=None, description="why it was refused, in the console's language")
    code: str | None = Field(default=None, description="the refusal's code (request_pending, ended, ...), the same "
                                                       "in every language")


class Blackout(_Frame):
    """The manager blanks (or restores) the browser prompters: a pane that cannot blank ignores it."""

    type: Literal["blackout"] = "blackout"
    on: bool


ConsoleFrame = Annotated[Welcome | StateFrame | CueFrame | ErrorFrame | Blackout | RequestStatus,
                         Field(discriminator="type")]
CONSOLE_FRAME: TypeAdapter[ConsoleFrame] = TypeAdapter(ConsoleFrame)

# ------------------------------------------------------------ HTTP bodies from buttons


def _role_code(value: object) -> object:
    # A role in the team's words (助播, 副播) is its code, as a plan and the playbook name it.
    return code_for("role", value) or value


class CueRequest(_Frame):
    """POST /api/cue with a cue of its own: the level in any word a plan takes for it (紧急, urgent, 警告)."""

    text: str = Field(min_length=1, max_length=500)
    level: Annotated[CueLevel, *worded("level")] = CueLevel.info
    target: Annotated[str, BeforeValidator(_role_code)] | None = Field(
        default=None, min_length=1, max_length=40, pattern=PANE_NAME, description="one pane's name, or a role")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("blank")
        if has_control(text):  # it would reach the console's screen and every pane's
            raise PydanticCustomError("control_character", "a control character")
        return text


class PresetRequest(_Frame):
    """POST /api/cue with a preset's key (a button may send it as a number)."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    preset: str = Field(min_length=1, max_length=40)


class AdvanceRequest(_Frame):
    """POST /api/advance: {"from": SEGMENT} (move on only if that segment still runs), an empty object, or no
    body at all."""

    leaving: SegmentId | None = Field(default=None, alias="from")


def _cue_request_kind(body: object) -> str:
    return "preset" if isinstance(body, dict) and "preset" in body else "cue"


CUE_REQUEST: TypeAdapter[PresetRequest | CueRequest] = TypeAdapter(
    Annotated[Annotated[PresetRequest, Tag("preset")] | Annotated[CueRequest, Tag("cue")],
              Discriminator(_cue_request_kind)])
ADVANCE_REQUEST: TypeAdapter[AdvanceRequest] = TypeAdapter(AdvanceRequest)


class BlackoutRequest(_Frame):
    """POST /api/blackout: {"on": true|false}, or no body to toggle. Strictly JSON's true or false: "no" or 0
    read as a yes/no by pydantic would black the prompters out (or not) on a guess."""

    on: StrictBool | None = None


BLACKOUT_REQUEST: TypeAdapter[BlackoutRequest] = TypeAdapter(BlackoutRequest)

class RequestBody(_RequestBody):
    """POST /api/request: {"kind": ..., "text": ..., "by": ...}; `by` names who asks (a pane or a role)."""

    by: Annotated[str, BeforeValidator(_role_code)] | None = Field(
        default=None, min_length=1, max_length=40, pattern=PANE_NAME)


REQUEST_BODY: TypeAdapter[RequestBody] = TypeAdapter(RequestBody)

# WebSocket close codes (4000-4999 are the application's own).
CLOSE_UNAUTHORIZED = 4401
CLOSE_BAD_FRAME = 4400
CLOSE_HELLO_LATE = 4408  # no hello in time (a pane asleep or stopped mid-reconnect): unlike the two above, it may retry
