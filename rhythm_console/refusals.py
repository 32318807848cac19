"""Why a command was refused: a code and its values, never words.

The catalog (i18n) says each code in every language, so the console, the
host's HTTP buttons and the tests all read the same reason their own way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

RefusalCode = Literal[
    # from the fold (show.refusal)
    "time_backwards", "already_started", "nothing_to_start", "not_live", "not_started", "ended", "no_next",
    "unknown_segment", "not_pending", "nothing_running", "zero_extend", "too_short", "no_skip", "already_held",
    "not_held", "duplicate_segment", "bad_order", "cue_sequence", "unknown_cue", "already_delivered",
    "already_acked", "alert_raised", "alert_not_raised",
    "nothing_to_undo", "undo_not_latest", "undo_too_late", "nothing_to_rebase",
    # from the session's commands
    "empty_note", "unknown_contingency", "nothing_to_insert", "empty_cue", "unknown_preset", "action_refused",
    "unknown_cue_name",
    # a button's or script's advance (POST /api/advance) that would skip a segment
    "moved_on", "advance_repeated",
    # the readiness checklist
    "unknown_check_item", "already_ticked", "not_ticked",
    # the panes' requests to the manager
    "request_sequence", "unknown_request", "already_answered", "unknown_request_kind", "empty_request",
    "request_pending", "request_segment_ended", "request_segment_started",
    # from a replay, which changes nothing
    "read_only",
]


@dataclass(frozen=True, slots=True)
class Refusal:
    code: RefusalCode
    params: Mapping[str, object] = field(default_factory=dict)


def refuse(code: RefusalCode, **params: object) -> Refusal:
    return Refusal(code, params)
