"""Token patterns of words and gaps, matched without spaCy's Matcher.

Most token patterns are words (exact, or one of a set: concepts expand to
sets of every form of their terms) with gaps between them ("a term of
`accommodation-term`, up to 14 words, a term of `request-route-verb`").
spaCy's Matcher checks ``IN`` sets in Python once per token and pattern,
and a bounded gap ``{0,14}`` becomes fourteen optional tokens, so such a
pattern costs far more than its meaning. Here each word slot is one set
intersection with the Doc's distinct words, and the gaps are walked only
from the positions where the first word is: the same matches (every start and end),
at a small fraction of the cost.

``compile_pattern`` returns None for a pattern with anything else (POS,
LEMMA, flags, ``+``/``*`` on words, ...): those stay with spaCy's Matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER, NORM, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc

_ATTRS = {"LOWER": LOWER, "NORM": NORM, "ORTH": ORTH, "TEXT": ORTH}
_RANGE = re.compile(r"^\{(\d*),(\d*)\}$|^\{(\d+)\}$")


@dataclass(frozen=True)
class Slot:
    """One element: a word (attr in values; optional when ``low`` is 0) or a gap
    of ``low``..``high`` words of any kind (``attr`` None)."""

    attr: int | None
    values: frozenset[int] | None
    low: int
    high: int


def _bounds(op: str) -> tuple[int, int] | None:
    if op in ("1", ""):
        return 1, 1
    if op == "?":
        return 0, 1
    found = _RANGE.match(op)
    if not found:
        return None
    if found.group(3):
        n = int(found.group(3))
        return n, n
    low = int(found.group(1) or 0)
    if not found.group(2):
        return None
    return low, int(found.group(2))


def compile_pattern(pattern: list[dict[str, Any]], strings: StringStore) -> list[Slot] | None:
    slots = []
    for token in pattern:
        op = str(token.get("OP", "1"))
        keys = [k for k in token if k != "OP"]
        bounds = _bounds(op)
        if bounds is None:
            return None
        if not keys:
            slots.append(Slot(None, None, *bounds))
            continue
        if len(keys) != 1 or str(keys[0]).upper() not in _ATTRS or bounds[1] != 1:
            return None
        key = keys[0]
        value = token[key]
        if isinstance(value, str):
            words = [value]
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            words = value["IN"]
        else:
            return None
        attr = _ATTRS[str(key).upper()]
        if attr == LOWER:
            words = [w.lower() for w in words]
        slots.append(Slot(attr, frozenset(strings.add(w) for w in words), *bounds))
    if not slots or slots[0].attr is None or slots[0].low == 0:
        return None  # must start with a required word (where matching starts)
    return slots


class DocIndex:
    """Where each word of a Doc is, by LOWER, NORM and ORTH hash; and which
    positions each slot matches (worked out once per Doc)."""

    def __init__(self, doc: Doc):
        self.length = len(doc)
        self._values = doc.to_array([LOWER, NORM, ORTH]).tolist()
        self._where: dict[int, dict[int, list[int]]] = {}
        self._cache: dict[int, set[int]] = {}

    def member(self, slot: Slot) -> set[int]:
        key = id(slot)
        if key not in self._cache:
            where = self._where.get(slot.attr)
            if where is None:
                column = _COLUMNS[slot.attr]
                where = self._where[slot.attr] = {}
                for position, row in enumerate(self._values):
                    where.setdefault(row[column], []).append(position)
            found: set[int] = set()
            for value in slot.values.intersection(where):
                found.update(where[value])
            self._cache[key] = found
        return self._cache[key]


_COLUMNS = {LOWER: 0, NORM: 1, ORTH: 2}


def match(slots: list[Slot], index: DocIndex) -> list[tuple[int, int]]:
    """Every (start, end) token span the slots match in the indexed Doc."""
    starts = index.member(slots[0])
    if not starts:
        return []
    length = index.length
    found = []
    for start in sorted(starts):
        positions = {start + 1}
        for slot in slots[1:]:
            following: set[int] = set()
            if slot.attr is None:
                for p in positions:
                    following.update(range(p + slot.low, min(p + slot.high, length) + 1))
            else:
                hits = index.member(slot)
                if slot.low == 0:
                    following |= positions
                following.update(p + 1 for p in positions if p in hits)
            positions = following
            if not positions:
                break
        found.extend((start, end) for end in sorted(positions) if start < end <= length)
    return found
