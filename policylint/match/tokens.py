"""``patterns``: spaCy Matcher token patterns (LOWER, NORM, LEMMA, POS, OP, IN, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from policylint.match.base import Hit, Key


class TokenKind:
    def __init__(self, vocab: Vocab):
        self._matcher = Matcher(vocab, validate=True)

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> None:
        if patterns:
            self._matcher.add(key.encode(), patterns)

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``doc``; ``offset`` is added to the character offsets (for a
        sentence parsed on its own)."""
        if not len(self._matcher):
            return
        strings = doc.vocab.strings
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            yield Hit(Key.decode(strings[match_id]), span.start_char + offset, span.end_char + offset)
