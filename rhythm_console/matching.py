"""Finding many phrases in short texts in one pass: the audience lexicon and the wording check share it.

Text and phrases are normalised the same way: full-width letters and digits to ASCII, lower case,
spaces removed around Chinese (kept single between Latin words, so "lag" does not match "flag"),
runs of one character shortened (快快快点 → 快点, sooooo → soo). All phrases go into one
Aho-Corasick automaton (pyahocorasick), so a text is read once whatever the number of phrases.

A phrase may have look-alikes: texts that contain it without meaning it (卡 in 信用卡, 第一 in
第一次). A match that overlaps a look-alike of its own group (or of every group) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII forms
_WIDTH.update({0x3000: 0x20, 0x09: 0x20, 0x0A: 0x20, 0x0D: 0x20, 0xA0: 0x20})  # every space is a space
_SPACE_BY_CHINESE = re.compile(r" +(?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) +")
_RUNS = re.compile(r"([^\x00-\x7f])\1+|([\x00-\x7f])\2{2,}")
EVERY_GROUP = -1


def _shorten(match: re.Match[str]) -> str:
    wide = match.group(1)
    return wide if wide is not None else match.group(2) * 2


def normalise(text: str) -> str:
    text = text.translate(_WIDTH).lower()
    if " " in text:
        text = " ".join(_SPACE_BY_CHINESE.sub("", text).split())
    return _RUNS.sub(_shorten, text)


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class Phrase:
    text: str
    group: int  # what a match stands for (a category, a rule); EVERY_GROUP for a look-alike of all
    look_alike: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    group: int
    look_alike: bool
    length: int
    whole_word: bool  # a Latin phrase matches only between non-letters


class PhraseMatcher:
    def __init__(self, phrases: Iterable[Phrase]) -> None:
        entries: dict[str, list[_Entry]] = {}
        for phrase in phrases:
            key = normalise(phrase.text).strip()
            if key:
                whole_word = _is_word(key[0]) or _is_word(key[-1])
                entries.setdefault(key, []).append(_Entry(phrase.group, phrase.look_alike, len(key), whole_word))
        self._automaton = ahocorasick.Automaton()
        for key, found in entries.items():
            self._automaton.add_word(key, tuple(found))
        if entries:
            self._automaton.make_automaton()
        self.size = len(entries)

    def groups(self, text: str) -> list[int]:
        """The groups whose phrases the text holds (not inside a look-alike), in order of appearance."""
        if not self.size:
            return []
        norm = normalise(text)
        hits: list[tuple[int, int, int]] = []
        look_alikes: list[tuple[int, int, int]] = []
        last = len(norm) - 1
        for end, found in self._automaton.iter(norm):
            for entry in found:
                start = end - entry.length + 1
                if entry.whole_word and ((start > 0 and _is_word(norm[start - 1]))
                                         or (end < last and _is_word(norm[end + 1]))):
                    continue
                (look_alikes if entry.look_alike else hits).append((entry.group, start, end))
        if look_alikes and hits:
            hits = [hit for hit in hits if not any(
                other[0] in (hit[0], EVERY_GROUP) and other[1] <= hit[2] and hit[1] <= other[2]
                for other in look_alikes)]
        return list(dict.fromkeys(hit[0] for hit in hits))
