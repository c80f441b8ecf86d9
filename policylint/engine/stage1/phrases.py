"""``phrases``: whole-word phrases, matched on normalised lower-case tokens
(spaCy's PhraseMatcher on NORM, so case and curly/straight apostrophes do
not matter)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from policylint.engine.base import Hit, Key


class PhraseKind:
    def __init__(self, nlp: Language):
        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self._keys: dict[int, Key] = {}

    def add(self, key: Key, phrases: list[str]) -> None:
        if phrases:
            label = key.encode()
            self._matcher.add(label, list(self._nlp.tokenizer.pipe(phrases)))
            self._keys[self._nlp.vocab.strings[label]] = key

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        if not len(self._matcher):
            return
        matches = self._matcher(doc)
        if not matches:
            return
        # character offsets from the token arrays: no Span objects
        where = doc.to_array([IDX, LENGTH]).tolist()
        keys = self._keys
        for match_id, start, end in matches:
            last = where[end - 1]
            yield Hit(keys[match_id], where[start][0], last[0] + last[1])
