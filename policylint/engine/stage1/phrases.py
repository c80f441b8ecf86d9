"""``phrases``: whole-word phrases, matched on normalised lower-case tokens
(the tokens' norms, so case and curly/straight apostrophes do not matter)."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Hashable, Iterator

from policylint.engine.base import Hit, Key
from policylint.tokenizer import Tokens, tokenizer


class PhraseIndex:
    """Token sequences (by one word attribute of ``Tokens``: ``norms`` or
    ``lower``) filed under their first word; every match, overlapping ones
    included."""

    def __init__(self, attr: str):
        self.attr = attr
        #: first word -> second word ("" for one-word phrases) -> [(phrase, label)]
        self._first: dict[str, dict[str, list[tuple[tuple[str, ...], Hashable]]]] = defaultdict(dict)
        self._count = 0

    def add(self, label: Hashable, phrase: str) -> None:
        words = tuple(sys.intern(word) for word in getattr(tokenizer()(phrase), self.attr))
        if not words:
            return
        entries = self._first[words[0]].setdefault(words[1] if len(words) > 1 else "", [])
        if (words, label) not in entries:
            entries.append((words, label))
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def matches(self, tokens: Tokens) -> Iterator[tuple[Hashable, int, int]]:
        """(label, start token, end token) of every match."""
        words = getattr(tokens, self.attr)
        size = len(words)
        first = self._first
        for position, word in enumerate(words):
            following = first.get(word)
            if following is None:
                continue
            for _, label in following.get("", ()):
                yield label, position, position + 1
            if position + 1 < size:
                for phrase, label in following.get(words[position + 1], ()):
                    end = position + len(phrase)
                    if len(phrase) == 2 or tuple(words[position + 2:end]) == phrase[2:]:
                        yield label, position, end


class PhraseKind:
    def __init__(self) -> None:
        self._index = PhraseIndex("norms")

    def add(self, key: Key, phrases: list[str]) -> None:
        for phrase in phrases:
            self._index.add(key, phrase)

    def __len__(self) -> int:
        return len(self._index)

    def hits(self, tokens: Tokens) -> Iterator[Hit]:
        if not len(self._index):
            return
        for key, start, end in self._index.matches(tokens):
            first, last = tokens.span_chars(start, end)
            yield Hit(key, first, last)
