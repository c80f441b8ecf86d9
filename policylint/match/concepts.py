"""``concepts``: any term of the named concepts, in any inflected form.

One spaCy PhraseMatcher (on NORM, like ``phrases``) holds every form of
every term of each concept once, under the concept's name; a hit of a
concept is a hit for every rule key that names it. Concepts used inside
token patterns (``CONCEPT`` tokens) and clause roles are handled there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from policylint.concepts import Words
from policylint.match.base import Hit, Key


class ConceptKind:
    def __init__(self, nlp: Language):
        self._nlp = nlp
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self._keys: dict[int, set[Key]] = defaultdict(set)

    def add(self, key: Key, concepts: dict[str, Words]) -> None:
        strings = self._nlp.vocab.strings
        for name, words in concepts.items():
            label = strings.add(f"concept:{name}")
            if label not in self._keys:
                vocab = self._nlp.vocab
                self._matcher.add(f"concept:{name}", [Doc(vocab, words=list(p)) for p in _phrases(words)])
            self._keys[label].add(key)

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        if not len(self._matcher):
            return
        matches = self._matcher(doc)
        if not matches:
            return
        where = doc.to_array([IDX, LENGTH]).tolist()
        for label, start, end in matches:
            last = where[end - 1]
            for key in self._keys[label]:
                yield Hit(key, where[start][0], last[0] + last[1])


def _phrases(words: Words) -> list[tuple[str, ...]]:
    """Every single word's forms, and each multi-word term with one of its
    words inflected at a time ("sees fit", "domestic partners")."""
    phrases = {(word,) for word in words.single}
    for written, sequence in zip(words.written, words.sequences):
        base = list(written)
        for position, forms in enumerate(sequence):
            phrases.update(tuple(base[:position] + [form] + base[position + 1:]) for form in forms)
    return sorted(phrases)
