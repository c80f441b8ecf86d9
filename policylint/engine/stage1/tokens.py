"""``patterns``: token patterns of words, word classes and gaps (no parse).

Each pattern is compiled by policylint/engine/stage1/sequence.py and filed
under the words of its most telling required slot: a text is only tried
against the patterns whose telling words it has (and the few patterns with
no required word, on every text)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.candidates import AnchorBits
from policylint.engine.stage1.sequence import WORDS, Slot, TextIndex, compile_pattern, telling
from policylint.engine.stage1.sequence import match as match_slots
from policylint.tokenizer import Tokens

#: per word attribute, the bits of the word sets a text must have a word of each of
Masks = tuple[tuple[str, int], ...]


class TokenKind:
    """``words_of``: the word attributes patterns may name (see sequence.py)."""

    def __init__(self, words_of: dict[str, str] = WORDS) -> None:
        self._words_of = words_of
        #: (key, alternatives, masks) of every pattern alternative
        self._entries: list[tuple[Key, list[list[Slot]], Masks]] = []
        #: attribute -> word of a telling slot -> the entries (numbers) it tells
        self._sequences: dict[str, dict[str, set[int]]] = {}
        #: the entries with no required word: tried on every text
        self._always: list[int] = []
        self._count = 0
        #: per word attribute, the word sets of required slots as bits (stage1/candidates.py)
        self._bits: dict[str, AnchorBits] = {}

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Add the patterns; returns those it cannot match (none, in stage 1)."""
        rest = []
        for pattern in patterns:
            alternatives = compile_pattern(pattern, self._words_of)
            if alternatives is None:
                rest.append(pattern)
                continue
            self._count += 1
            for slots in alternatives:
                number = len(self._entries)
                self._entries.append((key, [slots], self._masks(slots)))
                anchor = telling(slots)
                if anchor is None:
                    self._always.append(number)
                    continue
                table = self._sequences.setdefault(anchor.attr, {})
                for value in anchor.values:
                    table.setdefault(value, set()).add(number)
        return rest

    def _masks(self, slots: list[Slot]) -> Masks:
        """Per word attribute, the bits of the slots a text must have a word of."""
        masks: dict[str, list[frozenset[str]]] = defaultdict(list)
        for slot in slots:
            if slot.anchors:
                masks[slot.attr].append(slot.values)
        return tuple((attr, self._bits.setdefault(attr, AnchorBits()).mask(sets)) for attr, sets in masks.items())

    def __len__(self) -> int:
        return self._count

    def hits(self, tokens: Tokens, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``tokens`` (or anything with the same word lists, classes
        and ``span_chars``); ``offset`` is added to the character offsets."""
        if not self._count or not len(tokens):
            return
        index = TextIndex(tokens)
        by_key: dict[Key, set[tuple[int, int]]] = defaultdict(set)
        candidates = set(self._always)
        for attr, table in self._sequences.items():
            candidates.update(*(table[value] for value in table.keys() & index.present(attr)))
        present = {attr: bits.present(index.present(attr)) for attr, bits in self._bits.items()}
        entries = self._entries
        for number in candidates:
            key, alternatives, masks = entries[number]
            for attr, mask in masks:
                if mask & present[attr] != mask:
                    break  # a required word is missing
            else:
                by_key[key].update(match_slots(alternatives, index, checked=True))
        for key in sorted(by_key):
            for start, end in sorted(by_key[key]):
                first, last = tokens.span_chars(start, end)
                yield Hit(key, first + offset, last + offset)
