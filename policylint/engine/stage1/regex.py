"""``regex``: regular expressions (case-insensitive, with a time limit),
widened to whole tokens (``Tokens.expand``). Each expression is compiled
the first time a text may hold a match (most never are in a short document).

A window of blocks is searched at once. Most expressions need some words to
be there (guard.py): such an expression is run only on the blocks that have
them. The others run over the whole window (the blocks joined with a
separator no expression is expected to cross) to find the blocks where they
can match. Either way only those blocks are then searched one by one, so the
hits are those of searching every block on its own, with far fewer calls.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import functools

import regex

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.guard import guard
from policylint.engine.stage1.word_index import WordIndex
from policylint.tokenizer import Tokens

#: Seconds one expression may spend on one block before it is given up there.
TIMEOUT = 1.0
#: Seconds for the search over a whole window; past it, every block is searched.
WINDOW_TIMEOUT = 5.0
_SEPARATOR = "\n\x00\n"


class RegexKind:
    def __init__(self) -> None:
        self._compiled: list[tuple[Key, str]] = []
        #: per expression: its clauses as part numbers of ``_words``, or None
        self._guards: list[list[list[int]] | None] = []
        self._words = WordIndex()
        self.timeouts: list[tuple[Key, str]] = []

    def add(self, key: Key, expressions: list[str]) -> None:
        for expression in expressions:
            self._compiled.append((key, expression))
            clauses = guard(expression)
            self._guards.append(self._words.add(clauses) if clauses else None)

    def __len__(self) -> int:
        return len(self._compiled)

    def hits(self, tokens: Tokens) -> Iterator[Hit]:
        """The hits in one text (every expression, no guard)."""
        for key, expression in self._compiled:
            yield from self._search(key, _compile(expression), tokens, tokens.text)

    def window_hits(self, texts: list[Tokens]) -> list[list[Hit]]:
        """The hits in each of the tokenized ``texts``, the same as ``hits`` on each one."""
        found: list[list[Hit]] = [[] for _ in texts]
        if not self._compiled or not texts:
            return found
        strings = [tokens.text for tokens in texts]
        holds = self._words.blocks(strings)
        window = _Window(strings)
        for (key, expression), clauses in zip(self._compiled, self._guards):
            where = list(window.search(_compile(expression)) if clauses is None
                         else _bits(_satisfied(clauses, holds, len(texts))))
            if where:
                pattern = _compile(expression)
                for index in where:
                    found[index].extend(self._search(key, pattern, texts[index], strings[index]))
        return found

    def _search(self, key: Key, pattern: regex.Pattern, tokens: Tokens, text: str) -> Iterator[Hit]:
        try:
            spans = [m.span() for m in pattern.finditer(text, timeout=TIMEOUT) if m.end() > m.start()]
        except TimeoutError:
            self.timeouts.append((key, pattern.pattern))
            return
        for start, end in spans:
            span = tokens.expand(start, end)
            if span is not None and span[0] < span[1]:
                first, last = tokens.span_chars(*span)
                if text[first:last].strip():
                    yield Hit(key, first, last)


@functools.lru_cache(maxsize=None)
def _compile(expression: str) -> regex.Pattern:
    return regex.compile(expression, regex.IGNORECASE)


class _Window:
    """The texts of a window joined, for expressions without a guard (built
    on first use)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self._joined: str | None = None
        self._starts: list[int] = []

    def search(self, pattern: regex.Pattern) -> list[int]:
        """Indexes of the texts where ``pattern`` may match."""
        if self._joined is None:
            self._joined = _SEPARATOR.join(self.texts)
            position = 0
            for text in self.texts:
                self._starts.append(position)
                position += len(text) + len(_SEPARATOR)
        try:
            matches = pattern.finditer(self._joined, timeout=WINDOW_TIMEOUT)
            return sorted({bisect.bisect_right(self._starts, m.start()) - 1 for m in matches})
        except TimeoutError:
            return list(range(len(self.texts)))


def _satisfied(clauses: list[list[int]], holds: list[int], size: int) -> int:
    """Bitmask of the texts that satisfy every clause."""
    bits = (1 << size) - 1
    for clause in clauses:
        anyone = 0
        for number in clause:
            anyone |= holds[number]
        bits &= anyone
        if not bits:
            break
    return bits


def _bits(mask: int) -> Iterator[int]:
    """The indexes of the set bits, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
