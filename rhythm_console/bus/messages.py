"""What floor and console say to each other over the bus: validated, since either end may be
another machine's (or another version's) program. No nats import here."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from rhythm_console.plan import CueLevel

MAX_CUE_TEXT = 500

# Headers on every event message, so the archive can file a record without parsing it.
SESSION_HEADER = "Rhythm-Session"
SEQ_HEADER = "Rhythm-Seq"
MSG_ID_HEADER = "Nats-Msg-Id"


class CueRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, max_length=MAX_CUE_TEXT)
    level: CueLevel = CueLevel.info
    target: str | None = Field(default=None, max_length=100)  # a pane's name; None: every pane
    sender: str = Field(min_length=1, max_length=64)


class CueAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ok: bool
    cue: int | None = None  # the cue's number in the room's show
    code: str | None = None  # the refusal's code
    reason: str | None = Field(default=None, max_length=500)  # in the room console's language
