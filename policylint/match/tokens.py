"""``patterns``: spaCy Matcher token patterns (LOWER, NORM, LEMMA, POS, OP, IN, ...).

When every pattern has a required token that names its words (LOWER, ORTH,
TEXT or NORM values), a Doc with none of those words is skipped without
calling the Matcher."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.attrs import IDX, LENGTH, LOWER, NORM
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from policylint.candidates import exact_anchors
from policylint.match.base import Hit, Key


class TokenKind:
    def __init__(self, vocab: Vocab):
        self._vocab = vocab
        self._matcher = Matcher(vocab, validate=True)
        self._keys: dict[int, Key] = {}
        #: hashes of the LOWER and NORM values a Doc needs one of (None: any Doc)
        self._lower: set[int] | None = set()
        self._norm: set[int] = set()

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> None:
        if not patterns:
            return
        label = key.encode()
        self._matcher.add(label, patterns)
        self._keys[self._vocab.strings[label]] = key
        for pattern in patterns:
            anchors = exact_anchors(pattern)
            if anchors is None:
                self._lower = None
            elif self._lower is not None:
                for attr, value in anchors:
                    (self._norm if attr == "NORM" else self._lower).add(self._vocab.strings.add(value))

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``doc``; ``offset`` is added to the character offsets (for a
        sentence parsed on its own)."""
        if not len(self._matcher) or not self._may_match(doc):
            return
        matches = self._matcher(doc)
        if not matches:
            return
        where = doc.to_array([IDX, LENGTH]).tolist()
        for match_id, start, end in matches:
            last = where[end - 1]
            yield Hit(self._keys[match_id], where[start][0] + offset, last[0] + last[1] + offset)

    def _may_match(self, doc: Doc) -> bool:
        if self._lower is None:
            return True
        lower, norm = doc.to_array([LOWER, NORM]).T.tolist()
        return not (self._lower.isdisjoint(lower) and self._norm.isdisjoint(norm))
