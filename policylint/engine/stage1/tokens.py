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

class TokenKind:
    """``words_of``: the word attributes patterns may name (see sequence.py)."""

    def __init__(self, words_of: dict[str, str] = WORDS) -> None:
        self._words_of = words_of
        #: (attribute, word) of a telling slot -> [(key, alternatives)]
        self._sequences: dict[tuple[str, str], list[tuple[Key, list[list[Slot]]]]] = defaultdict(list)
        #: patterns with no required word: tried on every text
        self._always: list[tuple[Key, list[list[Slot]]]] = []
        self._count = 0
        #: the word attributes telling slots name
        self._attrs: list[str] = []
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
                entry = (key, [slots], self._masks(slots))
                anchor = telling(slots)
                if anchor is None:
                    self._always.append(entry)
                    continue
                for value in anchor.values:
                    self._sequences[(anchor.attr, value)].append(entry)
                if anchor.attr not in self._attrs:
                    self._attrs.append(anchor.attr)
        return rest

    def _masks(self, slots: list[Slot]) -> tuple[tuple[str, int], ...]:
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
        tried: set[int] = set()
        by_key: dict[Key, set[tuple[int, int]]] = defaultdict(set)
        candidates = list(self._always)
        for attr in self._attrs:
            for value in index.present(attr):
                candidates.extend(self._sequences.get((attr, value), ()))
        present = {attr: bits.present(index.present(attr)) for attr, bits in self._bits.items()}
        for key, alternatives, masks in candidates:
            if id(alternatives) not in tried:
                tried.add(id(alternatives))
                if all(mask & present[attr] == mask for attr, mask in masks):  # every required word is there
                    by_key[key].update(match_slots(alternatives, index, checked=True))
        for key in sorted(by_key):
            for start, end in sorted(by_key[key]):
                first, last = tokens.span_chars(start, end)
                yield Hit(key, first + offset, last + offset)
