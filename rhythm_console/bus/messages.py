"""What floor and console say to each other over the bus: validated, since either end may be
another machine's (or another version's) program. No nats import here."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rhythm_console.plan import CueLevel
from rhythm_console.textsafe import printable

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

    @field_validator("text")
    @classmethod
    def _one_plain_line(cls, text: str) -> str:
        """No escape sequence for the room's terminal, no bidi override reordering what the host reads."""
        if not text.strip() or printable(text) != text:
            raise ValueError("a cue is one non-blank line without control characters")
        return text


class CueAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ok: bool
    cue: int | None = None  # the cue's number in the room's show
    # The room's panes it went on to (none connected: nobody will read it); absent from an older console.
    reach: list[str] | None = Field(default=None, max_length=100)
    code: str | None = None  # the refusal's code
    reason: str | None = Field(default=None, max_length=500)  # in the room console's language
