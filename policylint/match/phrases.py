"""``phrases``: whole-word phrases, matched on normalised lower-case tokens
(spaCy's PhraseMatcher on NORM, so case and curly/straight apostrophes do
not matter)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from policylint.match.base import Hit, Key


class PhraseKind:
    def __init__(self, nlp: Language):
        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")

    def add(self, key: Key, phrases: list[str]) -> None:
        if phrases:
            self._matcher.add(key.encode(), list(self._nlp.tokenizer.pipe(phrases)))

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        if not len(self._matcher):
            return
        strings = doc.vocab.strings
        for match_id, start, end in self._matcher(doc):
            span = doc[start:end]
            yield Hit(Key.decode(strings[match_id]), span.start_char, span.end_char)
