"""Token patterns (spaCy's Matcher pattern format) matched on ``Tokens``.

Most token patterns are words (exact, or one of a set: concepts expand to
sets of every form of their terms), simple word classes (punctuation, title
case, sentence start) and gaps between them ("a term of
`accommodation-term`, up to 14 words of the same sentence, a term of
`request-route-verb`"). Each slot's positions in a text are found once (a
set intersection with the text's distinct words, or a pass over the token
classes), and a pattern is walked only from the positions where its first
slot matches: every match (each start and end) that spaCy's Matcher finds.

``compile_pattern`` returns None for a pattern that needs the parse (POS,
LEMMA, DEP ...): those run in stage 2.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from policylint.tokenizer import Tokens

#: word attributes: the token list of ``Tokens`` each one reads
WORDS = {"LOWER": "lower", "NORM": "norms", "ORTH": "words", "TEXT": "words"}
#: ... and on a parsed sentence (stage2/tokens.py)
PARSED_WORDS = {**WORDS, "LEMMA": "lemma", "POS": "pos", "TAG": "tag"}
#: boolean token classes (see policylint/tokenizer/tokens.py)
_CLASSES = {"IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER", "LIKE_NUM",
            "IS_SENT_START", "SENT_START"}
_RANGE = re.compile(r"^\{(\d*),(\d*)\}$|^\{(\d+)\}$")
#: a repeat with no upper bound (``*``, ``+``, ``{2,}``)
UNBOUNDED = 10**9
#: leading optional slots are expanded into alternatives, up to this many
MAX_LEADING = 4


@dataclass(frozen=True)
class Slot:
    """``low``..``high`` tokens in a row, each satisfying the slot's conditions:
    a word attribute in (or, ``negate``, not in) ``values`` or matching
    ``pattern``, and token classes with the given truth values. No conditions
    at all: any token (a gap)."""

    attr: str | None
    values: frozenset[str] | None
    negate: bool
    classes: tuple[tuple[str, bool], ...]
    low: int
    high: int
    pattern: str | None = None
    #: a required slot of plain words: the text must have one of them (worked out once)
    anchors: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchors", self.low > 0 and self.values is not None and not self.negate)

    @property
    def is_gap(self) -> bool:
        return self.attr is None and not self.classes

    def once(self, low: int = 1, high: int = 1) -> Slot:
        return Slot(self.attr, self.values, self.negate, self.classes, low, high, self.pattern)


#: one object for each distinct word set of the patterns compiled (a kept pack holds each set once)
_SETS: dict[frozenset[str], frozenset[str]] = {}


def shared(values: frozenset[str]) -> frozenset[str]:
    """The one object for this word set."""
    return _SETS.setdefault(values, values)


def _bounds(op: str) -> tuple[int, int] | None:
    simple = {"1": (1, 1), "": (1, 1), "?": (0, 1), "*": (0, UNBOUNDED), "+": (1, UNBOUNDED)}
    if op in simple:
        return simple[op]
    found = _RANGE.match(op)
    if not found:
        return None
    if found.group(3):
        n = int(found.group(3))
        return n, n
    low = int(found.group(1) or 0)
    return low, int(found.group(2)) if found.group(2) else UNBOUNDED


def _slot(token: dict[str, Any], words_of: dict[str, str]) -> Slot | None:
    bounds = _bounds(str(token.get("OP", "1")))
    if bounds is None:
        return None
    attr, values, negate, classes, pattern = None, None, False, [], None
    for key, value in token.items():
        name = str(key).upper()
        if name == "OP":
            continue
        if name in _CLASSES and isinstance(value, bool):
            classes.append(("SENT_START" if name == "IS_SENT_START" else name, value))
            continue
        if name not in words_of or attr is not None:
            return None
        attr = words_of[name]
        if isinstance(value, str):
            words, negate = [value], False
        elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
            pattern, words = value["REGEX"], None
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"} \
                and all(isinstance(v, str) for v in next(iter(value.values()))):
            negate = "NOT_IN" in value
            words = next(iter(value.values()))
        else:
            return None
        if words is not None:
            values = shared(frozenset(sys.intern(w.lower() if attr == "lower" else w) for w in words))
    return Slot(attr, values, negate, tuple(sorted(classes)), *bounds, pattern)


def compile_pattern(pattern: list[dict[str, Any]], words_of: dict[str, str] = WORDS) -> list[list[Slot]] | None:
    """The pattern as lists of slots (several when it starts with optional
    slots: one alternative per number of them present), or None when it
    uses an attribute ``words_of`` does not map (or a form this module does
    not handle)."""
    slots = []
    for token in pattern:
        slot = _slot(token, words_of)
        if slot is None:
            return None
        slots.append(slot)
    alternatives = []
    for _ in range(MAX_LEADING + 1):
        if not slots:
            return alternatives or None  # a pattern that can match nothing at all
        first = slots[0]
        if first.is_gap:
            return None  # a leading gap: never written, and spaCy's matches would be every start
        if first.low >= 1:
            head = [first.once()]
            if first.high > 1:  # A+ starts with one A, then A{low-1,high-1}
                head.append(first.once(first.low - 1, first.high - 1 if first.high != UNBOUNDED else UNBOUNDED))
            elif first.low > 1:
                return None
            alternatives.append(head + slots[1:])
            return alternatives
        if first.high != 1:
            return None  # a leading repeat that may be empty
        alternatives.append([first.once(), *slots[1:]])
        slots = slots[1:]  # ... or without the optional first token
    return None


@functools.cache
def stop_words() -> frozenset[str]:
    """English stop words, lower case (spaCy's list, copied in policylint/lexicons)."""
    from policylint.lexicons import words

    return words("stop-words.txt")


def rarity(words: frozenset[str]) -> tuple[bool, int]:
    """How common a word set's words are, for ``min``: a set with no stop words
    before one with any, then the smaller set."""
    return not words.isdisjoint(stop_words()), len(words)


def telling(slots: list[Slot]) -> Slot | None:
    """The required slot of plain words whose words are least common (fewest
    stop words, then fewest words): a text without one of them cannot match,
    so the pattern is only tried on texts that have one. None: no such slot."""
    required = [slot for slot in slots if slot.anchors]
    if not required:
        return None
    return min(required, key=lambda slot: rarity(slot.values))


class TextIndex:
    """Where each word of a text is, and which positions each slot matches
    (worked out once per text)."""

    def __init__(self, tokens: Tokens):
        self.tokens = tokens
        self.length = len(tokens)
        self._where: dict[str, dict[str, list[int]]] = {}
        self._cache: dict[int, set[int]] = {}
        self._present: dict[str, set[str]] = {}

    def column(self, attr: str) -> list[str]:
        return getattr(self.tokens, attr)

    def present(self, attr: str) -> set[str]:
        """The distinct values of one word attribute in the text."""
        found = self._present.get(attr)
        if found is None:
            found = self._present[attr] = set(self.column(attr))
        return found

    def member(self, slot: Slot) -> set[int]:
        """The positions of the tokens that satisfy the slot's conditions."""
        key = id(slot)
        if key in self._cache:
            return self._cache[key]
        if slot.values is not None and not slot.negate:
            where = self._where.get(slot.attr)
            if where is None:
                where = self._where[slot.attr] = {}
                for position, value in enumerate(self.column(slot.attr)):
                    where.setdefault(value, []).append(position)
            found: set[int] = set()
            for value in slot.values.intersection(where):
                found.update(where[value])
        elif slot.values is not None:  # NOT_IN
            column = self.column(slot.attr)
            found = {p for p in range(self.length) if column[p] not in slot.values}
        elif slot.pattern is not None:
            search = _regex(slot.pattern)
            column = self.column(slot.attr)
            found = {p for p in range(self.length) if search(column[p])}
        else:
            found = set(range(self.length))
        for name, wanted in slot.classes:
            truth = self.tokens.classes(name)
            found = {p for p in found if truth[p] == wanted}
        self._cache[key] = found
        return found


@functools.cache
def _regex(pattern: str):
    return re.compile(pattern).search


def _advance(slot: Slot, positions: set[int], index: TextIndex) -> set[int]:
    """Where the pattern can be after the slot, from each of ``positions``."""
    length = index.length
    if slot.is_gap:
        following: set[int] = set()
        for p in positions:
            following.update(range(p + slot.low, min(p + slot.high, length) + 1))
        return following
    hits = index.member(slot)
    following = set(positions) if slot.low == 0 else set()
    frontier = positions
    for count in range(1, min(slot.high, length) + 1):
        frontier = {p + 1 for p in frontier if p < length and p in hits}
        if not frontier:
            break
        if count >= slot.low:
            following |= frontier
    return following


def match(alternatives: list[list[Slot]], index: TextIndex, checked: bool = False) -> list[tuple[int, int]]:
    """Every (start, end) token span the pattern matches in the indexed text
    (``checked``: the caller knows the text has a word of each required slot)."""
    found: set[tuple[int, int]] = set()
    for slots in alternatives:
        if not checked and any(slot.anchors and slot.values.isdisjoint(index.present(slot.attr)) for slot in slots):
            continue  # a required word that is nowhere in the text
        for start in sorted(index.member(slots[0])):
            positions = {start + 1}
            for slot in slots[1:]:
                positions = _advance(slot, positions, index)
                if not positions:
                    break
            found.update((start, end) for end in positions if start < end <= index.length)
    return sorted(found)
