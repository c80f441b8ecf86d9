"""Which blocks of a window hold which required words (see guard.py).

Texts are compared folded (``fold``: lower case, plus the three characters
that match an ASCII letter case-insensitively without lower-casing to it)
and split into words, maximal runs of word characters. For each distinct
word, the parts it holds are found once and remembered across windows and
documents; a part's blocks are then a bitmask over the window's texts.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from policylint.engine.stage1.guard import Clause, Part

_WORD = regex.compile(r"\w+")
#: Characters that match an ASCII letter case-insensitively but do not lower-case
#: to it (found by testing every code point with ``regex``; a test checks this).
_FOLD = str.maketrans({"\u0130": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Text as the guard compares it: lower case, one character for one."""
    return (text if text.isascii() else text.translate(_FOLD)).lower()


def words(text: str) -> set[str]:
    """The distinct words (maximal runs of word characters) of folded text."""
    return set(_WORD.findall(text))


class WordIndex:
    """Which blocks of a window hold which parts.

    ``parts`` numbers every part of every guard; ``blocks`` maps a window's
    texts to, for each part number, a bitmask of the texts that hold it.
    Which parts a word holds is remembered across windows and documents.
    """

    _CACHE = 200_000

    def __init__(self) -> None:
        self.numbers: dict[Part, int] = {}
        self._whole: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: dict[str, list[int]] = {}
        self._longest = 0
        self._known: dict[str, tuple[int, ...]] = {}

    def add(self, clauses: tuple[Clause, ...]) -> list[list[int]]:
        """Number the parts of a guard; returns its clauses as part numbers."""
        numbered = []
        for clause in clauses:
            numbers = []
            for part in clause:
                if part not in self.numbers:
                    self.numbers[part] = number = len(self.numbers)
                    table = (self._whole if part.ends else self._prefix) if part.starts else \
                        (self._suffix if part.ends else self._infix)
                    table.setdefault(part.text, []).append(number)
                    self._longest = max(self._longest, len(part.text))
                    self._known.clear()
                numbers.append(self.numbers[part])
            numbered.append(numbers)
        return numbered

    def blocks(self, texts: list[str]) -> list[int]:
        """For each part number, the bitmask of the texts that hold it."""
        where: dict[str, int] = {}
        for index, text in enumerate(texts):
            bit = 1 << index
            for word in words(fold(text)):
                where[word] = where.get(word, 0) | bit
        found = [0] * len(self.numbers)
        for word, bits in where.items():
            for number in self._parts(word):
                found[number] |= bits
        return found

    def _parts(self, word: str) -> tuple[int, ...]:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= self._CACHE:
                self._known.clear()
            known = self._known[word] = tuple(self._find(word))
        return known

    def _find(self, word: str) -> Iterable[int]:
        yield from self._whole.get(word, ())
        size = len(word)
        for length in range(1, min(size, self._longest) + 1):
            yield from self._prefix.get(word[:length], ())
            yield from self._suffix.get(word[size - length :], ())
        if self._infix:
            for start in range(size):
                for end in range(start + 1, min(size, start + self._longest) + 1):
                    yield from self._infix.get(word[start:end], ())
