"""Token patterns of words, word classes and gaps, matched without spaCy's Matcher.

Most token patterns are words (exact, or one of a set: concepts expand to
sets of every form of their terms), simple word classes (punctuation, title
case, sentence start) and gaps between them ("a term of
`accommodation-term`, up to 14 words of the same sentence, a term of
`request-route-verb`"). spaCy's Matcher checks ``IN`` sets in Python once per
token and pattern, and a bounded gap ``{0,14}`` becomes fourteen optional
tokens, so such a pattern costs far more than its meaning. Here each slot's
positions in a Doc are found once (a set intersection with the Doc's
distinct words, and the class arrays), and a pattern is walked only from
the positions where its first word is: the same matches (every start and
end) at a small fraction of the cost.

``compile_pattern`` returns None for a pattern with anything else (POS,
LEMMA, a pattern that can start with nothing, ...): those stay with spaCy's
Matcher.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import (
    IS_ALPHA,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LOWER,
    NORM,
    ORTH,
    SENT_START,
)
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

_WORDS = {"LOWER": LOWER, "NORM": NORM, "ORTH": ORTH, "TEXT": ORTH}
#: boolean token classes this module reads from the Doc's arrays
_CLASSES = {"IS_ALPHA": IS_ALPHA, "IS_DIGIT": IS_DIGIT, "IS_LOWER": IS_LOWER, "IS_PUNCT": IS_PUNCT,
            "IS_SPACE": IS_SPACE, "IS_TITLE": IS_TITLE, "IS_UPPER": IS_UPPER, "LIKE_NUM": LIKE_NUM,
            "IS_SENT_START": SENT_START, "SENT_START": SENT_START}
_COLUMNS = [LOWER, NORM, ORTH, *sorted(set(_CLASSES.values()))]
_RANGE = re.compile(r"^\{(\d*),(\d*)\}$|^\{(\d+)\}$")
#: a repeat with no upper bound (``*``, ``+``, ``{2,}``)
UNBOUNDED = 10**9
#: leading optional slots are expanded into alternatives, up to this many
MAX_LEADING = 4


@dataclass(frozen=True)
class Slot:
    """``low``..``high`` tokens in a row, each satisfying the slot's conditions:
    a word attribute in (or, ``negate``, not in) ``values``, and token classes
    with the given truth values. No conditions at all: any token (a gap)."""

    attr: int | None
    values: frozenset[int] | None
    negate: bool
    classes: tuple[tuple[int, bool], ...]
    low: int
    high: int

    @property
    def is_gap(self) -> bool:
        return self.attr is None and not self.classes

    @property
    def anchors(self) -> bool:
        """A required slot of plain words: the Doc must have one of them."""
        return self.low > 0 and self.attr is not None and not self.negate


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


def _slot(token: dict[str, Any], strings: StringStore) -> Slot | None:
    bounds = _bounds(str(token.get("OP", "1")))
    if bounds is None:
        return None
    attr, values, negate, classes = None, None, False, []
    for key, value in token.items():
        name = str(key).upper()
        if name == "OP":
            continue
        if name in _CLASSES and isinstance(value, bool):
            classes.append((_CLASSES[name], value))
            continue
        if name not in _WORDS or attr is not None:
            return None
        attr = _WORDS[name]
        if isinstance(value, str):
            words, negate = [value], False
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"} \
                and all(isinstance(v, str) for v in next(iter(value.values()))):
            negate = "NOT_IN" in value
            words = next(iter(value.values()))
        else:
            return None
        if attr == LOWER:
            words = [w.lower() for w in words]
        values = frozenset(strings.add(w) for w in words)
    return Slot(attr, values, negate, tuple(classes), *bounds)


def compile_pattern(pattern: list[dict[str, Any]], strings: StringStore) -> list[list[Slot]] | None:
    """The pattern as lists of slots (several when it starts with optional
    slots: one alternative per number of them present), or None."""
    slots = []
    for token in pattern:
        slot = _slot(token, strings)
        if slot is None:
            return None
        slots.append(slot)
    alternatives = []
    for _ in range(MAX_LEADING + 1):
        if not slots:
            return None  # a pattern that can match nothing at all
        first = slots[0]
        if first.low >= 1 and first.anchors:
            head = [Slot(first.attr, first.values, first.negate, first.classes, 1, 1)]
            if first.high > 1:  # A+ starts with one A, then A{low-1,high-1}
                head.append(Slot(first.attr, first.values, first.negate, first.classes, first.low - 1,
                                 first.high - 1 if first.high != UNBOUNDED else UNBOUNDED))
            elif first.low > 1:
                return None
            alternatives.append(head + slots[1:])
            return alternatives
        if first.low >= 1 or first.high != 1 or not Slot(first.attr, first.values, first.negate, (), 1, 1).anchors:
            return None  # starts with a gap, a word class, a repeat that may be empty
        alternatives.append([Slot(first.attr, first.values, first.negate, first.classes, 1, 1), *slots[1:]])
        slots = slots[1:]  # ... or without the optional first token
    return None


@functools.cache
def _stop_word_hashes() -> frozenset[int]:
    """The hashes of English stop words (lower case and capitalised); a hash
    is the same in every StringStore."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(get_string_id(form) for word in STOP_WORDS for form in (word, word.capitalize()))


def telling(slots: list[Slot]) -> Slot:
    """The required slot of plain words whose words are least common (fewest
    stop words, then fewest words): a Doc without one of them cannot match, so
    the pattern is only tried on Docs that have one."""
    stops = _stop_word_hashes()
    required = [slot for slot in slots if slot.anchors]
    return min(required, key=lambda s: (len(s.values & stops) > 0, len(s.values)))


class DocIndex:
    """A Doc's token arrays, where each word is (by LOWER, NORM and ORTH
    hash), and which positions each slot matches (worked out once per Doc)."""

    def __init__(self, doc: Doc):
        self.length = len(doc)
        self._rows = doc.to_array(_COLUMNS).tolist()
        self._where: dict[int, dict[int, list[int]]] = {}
        self._cache: dict[int, set[int]] = {}
        self._present: dict[int, set[int]] = {}

    def present(self, attr: int) -> set[int]:
        """The distinct hashes of one word attribute in the Doc."""
        if attr not in self._present:
            column = _COLUMNS.index(attr)
            self._present[attr] = {row[column] for row in self._rows}
        return self._present[attr]

    def member(self, slot: Slot) -> set[int]:
        """The positions of the tokens that satisfy the slot's conditions."""
        key = id(slot)
        if key in self._cache:
            return self._cache[key]
        if slot.attr is not None and not slot.negate:
            where = self._where.get(slot.attr)
            if where is None:
                column = _COLUMNS.index(slot.attr)
                where = self._where[slot.attr] = {}
                for position, row in enumerate(self._rows):
                    where.setdefault(row[column], []).append(position)
            found: set[int] = set()
            for value in slot.values.intersection(where):
                found.update(where[value])
        else:
            found = set(range(self.length))
            if slot.attr is not None:  # NOT_IN
                column = _COLUMNS.index(slot.attr)
                found = {p for p in found if self._rows[p][column] not in slot.values}
        for attr, wanted in slot.classes:
            column = _COLUMNS.index(attr)
            if attr == SENT_START:
                found = {p for p in found if (self._rows[p][column] == 1) == wanted}
            else:
                found = {p for p in found if bool(self._rows[p][column]) == wanted}
        self._cache[key] = found
        return found


def _advance(slot: Slot, positions: set[int], index: DocIndex) -> set[int]:
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


def match(alternatives: list[list[Slot]], index: DocIndex) -> list[tuple[int, int]]:
    """Every (start, end) token span the pattern matches in the indexed Doc."""
    found: set[tuple[int, int]] = set()
    for slots in alternatives:
        if any(slot.anchors and slot.values.isdisjoint(index.present(slot.attr)) for slot in slots):
            continue  # a required word that is nowhere in the Doc
        for start in sorted(index.member(slots[0])):
            positions = {start + 1}
            for slot in slots[1:]:
                positions = _advance(slot, positions, index)
                if not positions:
                    break
            found.update((start, end) for end in positions if start < end <= index.length)
    return sorted(found)
