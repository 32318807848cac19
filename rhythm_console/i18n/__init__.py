"""Every word the console shows, one table per language: the one catalog.

The tables are kept by area, one module each (plan, console, review, link, bus, cli,
journal, sheet), and merged here; a key belongs to exactly one area.

The domain hands out codes and values (a refusal, a finding, an alert, a
phase); only this catalog turns them into words. Adding a language is adding
one table to CATALOGS with the same keys and the same {placeholders}.

Placeholders take Python's format specs, plus `clock` ("1:05") and `+clock`
("+1:05") for seconds; a tuple of catalog keys is said as a list, and a list of words as they are.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from string import Formatter
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from rhythm_console.refusals import Refusal

LANGUAGES = ("zh", "en")
AREAS = ("plan", "console", "review", "link", "bus", "cli", "journal", "sheet")
# The words for the plan's enumerated values (segment kinds, cue levels, built-in cues, roles) live in the
# one table the plan loader and the importer read too: the screen shows the first word of each language.
_PLAN_WORDS = {"kind": "kind.", "level": "level.", "cue": "cue.builtin.", "role": "role."}


def _merged(lang: str) -> dict[str, str]:
    from rhythm_console import vocabulary

    table: dict[str, str] = {}
    for area in AREAS:
        part: dict[str, str] = getattr(importlib.import_module(f"rhythm_console.i18n.{area}"), lang.upper())
        clash = table.keys() & part.keys()
        if clash:
            raise RuntimeError(f"catalog keys in two areas: {sorted(clash)}")
        table.update(part)
    for field, prefix in _PLAN_WORDS.items():
        for code in vocabulary.codes(field):
            table[prefix + code] = vocabulary.shown(field, code, lang)
    return table


class _Catalogs(Mapping[str, dict[str, str]]):
    """The tables by language, merged from the areas' modules when a word is first looked up: a command that
    says nothing (`probe --json`) never loads them (a fifth of its start-up)."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, str]] | None = None

    def __getitem__(self, lang: str) -> dict[str, str]:
        if self._tables is None:
            self._tables = {language: _merged(language) for language in LANGUAGES}
        return self._tables[lang]

    def __contains__(self, lang: object) -> bool:
        return lang in LANGUAGES

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGS = _Catalogs()


class Named(str):
    """A name said as it is (a pane's, 小李) in a tuple of catalog keys (role.host): listed beside their words."""


class _Words(Formatter):
    """str.format with durations, nested refusals and lists of catalog keys."""

    def __init__(self, texts: Texts) -> None:
        self.texts = texts

    def format_field(self, value: object, spec: str) -> str:
        # Imported when a word is formatted, not with the catalog: `probe --json` says none.
        from rhythm_console.durations import format_clock
        from rhythm_console.refusals import Refusal

        if spec == "clock":  # the catalog's {name:clock} fields hold seconds
            return format_clock(cast(float, value))
        if spec == "+clock":
            return format_clock(cast(float, value), sign=True)
        if isinstance(value, Refusal):
            return self.texts.reason(value)
        if isinstance(value, tuple):
            return self.texts.listed(key if isinstance(key, Named) else self.texts(key) for key in value)
        if isinstance(value, list):  # outside words (titles, names): listed as they are
            return self.texts.listed(str(item) for item in value)
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

    def label(self, key: str) -> str:
        """A label's word with the language's colon after it (下一个： / Next: ): the one place that colon is chosen."""
        return self(key) + self("label.colon")

    def listed(self, items: Iterable[str]) -> str:
        """Items said as a list in this language (小林、阿杰 / Lin, Jie): the one list joiner."""
        return self("list.separator").join(items)

    def who(self, role: str, people: Iterable[str]) -> str:
        """A role with its people, 主播（小美、小林） / Host (Mei, Lin); the role alone when the team names none."""
        names = self.listed(people)
        said = self(f"role.{role}")
        return self("people.of_role", role=said, people=names) if names else said

    def reason(self, refusal: Refusal) -> str:
        """Why a command was refused, in this language."""
        return self(f"refusal.{refusal.code}", **refusal.params)


def lang_for_locale(locale: str) -> str:
    """The catalog for a plan's locale ("en-US" -> en); Chinese when there is none for it."""
    return next((lang for lang in CATALOGS if locale.split("-")[0].split("_")[0] == lang), "zh")


# The language a command speaks: its --lang, else its plan's once read, else Chinese (plans usually are).
# Kept for the whole command (`speaking`) so an error raised deep in a service is said in it when the CLI
# prints it; outside a command's run nothing is kept, so a test or a library call leaves no trace.
DEFAULT_LANG = "zh"


class _Speech:
    def __init__(self, lang: str) -> None:
        self.lang = lang


_SPOKEN: ContextVar[_Speech | None] = ContextVar("rhythm_console_spoken", default=None)


def _known(lang: str | None) -> str:
    return lang if lang is not None and lang in CATALOGS else DEFAULT_LANG


def spoken() -> str:
    """The language the running command speaks (Chinese outside a command's run)."""
    speech = _SPOKEN.get()
    return speech.lang if speech is not None else DEFAULT_LANG


def speak(lang: str) -> None:
    """From now on the running command speaks `lang` (it has read its plan's language, or was given --lang)."""
    speech = _SPOKEN.get()
    if speech is not None:
        speech.lang = _known(lang)


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """A command's run: it speaks `lang` (or Chinese) until it learns better; afterwards as before."""
    token = _SPOKEN.set(_Speech(_known(lang)))
    try:
        yield
    finally:
        _SPOKEN.reset(token)


class Said:
    """A catalog message kept as its key and values and worded when it is printed, in the language the
    command speaks then: a `UserError(Said(...))` raised before the plan was read is still said in the
    plan's language."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        if key not in CATALOGS["zh"]:
            raise KeyError(f"no catalog word {key!r}")  # a typo fails where it is raised, in any test
        self.key = key
        self.values = values

    def in_language(self, lang: str) -> str:
        return Texts(lang)(self.key, **self.values)

    def __str__(self) -> str:
        return self.in_language(spoken())

    def __repr__(self) -> str:
        return f"Said({self.key!r}, **{self.values!r})"
