"""Who is who on the team: the person on a pane, and the roles a contingency's steps call on.

Panes are named freely ("host", "trainee", a person's name); a pane named for a role shows
that role's person from the plan's `team`, so the manager picks "小鹿 (host)", not a bare word.
"""

from __future__ import annotations

from rhythm_console.plan import Contingency, Team
from rhythm_console.vocabulary import VOCABULARY, code_for, normalise

# The roles that act on a contingency's steps, in the order cues go out.
ACTING_ROLES = ("host", "assistant", "ops")


def person_on_pane(team: Team, pane: str) -> str | None:
    """The person a pane stands for: the role's first name when the pane is named for a role."""
    role = code_for("role", pane)
    names = team.people(role) if role else []
    return names[0] if names and names[0] != pane else None


def roles_named(contingency: Contingency, team: Team) -> list[str]:
    """The acting roles a contingency's steps name, by the team's words for them (主播, 助播, ops...)
    or by a person's name from the team; in ACTING_ROLES order."""
    text = normalise(" ".join(contingency.steps))
    named = []
    for word in VOCABULARY["role"]:
        if word.code not in ACTING_ROLES:
            continue
        spellings = (*word.zh, *word.en, *team.people(word.code))
        if any(normalise(spelling) in text for spelling in spellings):
            named.append(word.code)
    return sorted(named, key=ACTING_ROLES.index)
