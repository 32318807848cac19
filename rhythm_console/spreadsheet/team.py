"""The team named in a script's cells above its table: 主播：小林 / 场控：王姐, 助播:阿杰、小美, Host: Lin.

A role word (the plan vocabulary's: 主播, 场控, 助播, 副播, 运营, 中控, host, manager ...) followed by a colon
starts a role; its people run to the next role word with a colon, a '/' or '|', or the end of the cell.
"""

from __future__ import annotations

import re
from functools import cache

from rhythm_console import vocabulary
from rhythm_console.i18n import Texts

_NAME_SPLIT = re.compile(r"\s*[、,，&＆]\s*")
_TRIM = " \t/|；;／｜"
MAX_CELL = 200  # a longer cell is prose (a note), not a list of names


@cache
def _role_pattern() -> re.Pattern[str]:
    words = sorted({spelling for word in vocabulary.VOCABULARY["role"] for spelling in (*word.zh, *word.en)},
                   key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(word) for word in words) + r")\s*[:：]\s*", re.IGNORECASE)


def team_in(text: str) -> dict[str, list[str]]:
    """Role code -> the people a cell names for it (empty when the cell names no role with a colon)."""
    if len(text) > MAX_CELL:
        return {}
    found: dict[str, list[str]] = {}
    matches = list(_role_pattern().finditer(text))
    if not matches:
        return {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        role = vocabulary.code_for("role", match.group(1))
        names = [name.strip(_TRIM) for name in _NAME_SPLIT.split(text[match.end():end].strip(_TRIM))]
        if role is not None:
            found.setdefault(role, []).extend(name for name in names if name)
    return found


def team_section(people: dict[str, list[str]]) -> dict[str, object]:
    """The plan's `team` from the people found: one manager and one host (several are said as one), lists for
    the others."""
    team: dict[str, object] = {}
    for role in ("manager", "host"):
        if people.get(role):
            team[role] = "、".join(dict.fromkeys(people[role]))
    for role, key in (("assistant", "assistants"), ("ops", "ops")):
        if people.get(role):
            team[key] = list(dict.fromkeys(people[role]))
    return team


def team_cell(team: dict[str, object], lang: str) -> str:
    """What `export` writes above the table, read back by `team_in`: 场控：周敏 / 主播：林安娜 / 助播：小雨、小美."""
    parts = []
    for role, key in (("manager", "manager"), ("host", "host"), ("assistant", "assistants"), ("ops", "ops")):
        value = team.get(key)
        names = value if isinstance(value, list) else [value] if value else []
        if names:
            word = vocabulary.shown("role", role, lang)
            listed = Texts(lang).listed(map(str, names))
            parts.append(f"{word}：{listed}" if lang == "zh" else f"{word.capitalize()}: {listed}")
    return " / ".join(parts)
