"""Every word the console shows, one table per language: the one catalog.

The tables are kept by area, one module each (plan, console, review, link, bus,
cli), and merged here; a key belongs to exactly one area.

The domain hands out codes and values (a refusal, a finding, an alert, a
phase); only this catalog turns them into words. Adding a language is adding
one table to CATALOGS with the same keys and the same {placeholders}.

Placeholders take Python's format specs, plus `clock` ("1:05") and `+clock`
("+1:05") for seconds; a tuple of catalog keys is said as a list.
"""

from __future__ import annotations

from string import Formatter
from typing import cast

from rhythm_console import vocabulary
from rhythm_console.durations import format_clock
from rhythm_console.i18n import bus, cli, console, link, plan, review
from rhythm_console.refusals import Refusal

AREAS = (plan, console, review, link, bus, cli)


def _merged(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for area in AREAS:
        part: dict[str, str] = getattr(area, lang.upper())
        clash = table.keys() & part.keys()
        if clash:
            raise RuntimeError(f"catalog keys in two areas: {sorted(clash)}")
        table.update(part)
    return table


ZH = _merged("zh")
EN = _merged("en")

CATALOGS: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}

# The words for the plan's enumerated values (segment kinds, cue levels, built-in cues, roles) live in the
# one table the plan loader and the importer read too: the screen shows the first word of each language.
_PLAN_WORDS = {"kind": "kind.", "level": "level.", "cue": "cue.builtin.", "role": "role."}
for _lang, _table in CATALOGS.items():
    for _field, _prefix in _PLAN_WORDS.items():
        for _code in vocabulary.codes(_field):
            _table[_prefix + _code] = vocabulary.shown(_field, _code, _lang)


class _Words(Formatter):
    """str.format with durations, nested refusals and lists of catalog keys."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts

    def format_field(self, value: object, spec: str) -> str:
        if spec == "clock":  # the catalog's {name:clock} fields hold seconds
            return format_clock(cast(float, value))
        if spec == "+clock":
            return format_clock(cast(float, value), sign=True)
        if isinstance(value, Refusal):
            return self.texts.reason(value)
        if isinstance(value, tuple):
            return self.texts("list.separator").join(self.texts(key) for key in value)
        return format(value, spec)


class Texts:
    def __init__(self, lang: str = "zh") -> None:
        if lang not in CATALOGS:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang
        self._table = CATALOGS[lang]
        self._words = _Words(self)

    def __call__(self, key: str, /, **values: object) -> str:
        text = self._table[key]
        return self._words.vformat(text, (), values) if values else text

    def has(self, key: str) -> bool:
        return key in self._table

    def reason(self, refusal: Refusal) -> str:
        """Why a command was refused, in this language."""
        return self(f"refusal.{refusal.code}", **refusal.params)


def lang_for_locale(locale: str) -> str:
    """The catalog for a plan's locale ("en-US" -> en); Chinese when there is none for it."""
    return next((lang for lang in CATALOGS if locale.split("-")[0].split("_")[0] == lang), "zh")

