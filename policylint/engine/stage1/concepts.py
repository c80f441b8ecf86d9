"""``concepts``: any term of the named concepts, in any inflected form.

Every term is looked up by the hashes of the tokens' lower-case forms: one
dictionary from the forms of single-word terms (and of the first word of
multi-word terms) to the concepts they belong to, for every concept of the
run. A multi-word term is then checked word by word from where its first
word is ("sees fit", "domestic partners"). A hit of a concept is a hit for
every rule key that names it. Concepts inside token patterns (``CONCEPT``
tokens) and clause roles are handled there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from spacy.attrs import IDX, LENGTH, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from policylint.concepts import Words
from policylint.engine.base import Hit, Key


class ConceptKind:
    def __init__(self, nlp: Language):
        self._strings = nlp.vocab.strings
        #: concept label -> the rule keys that name it
        self._keys: dict[int, set[Key]] = defaultdict(set)
        #: hash of a lower-case word -> (concept label, hash sets of the words that must follow)
        self._starts: dict[int, list[tuple[int, tuple[frozenset[int], ...]]]] = defaultdict(list)

    def add(self, key: Key, concepts: dict[str, Words]) -> None:
        strings = self._strings
        for name, words in concepts.items():
            label = strings.add(f"concept:{name}")
            if label not in self._keys:
                for form in words.single:
                    self._starts[strings.add(form)].append((label, ()))
                for sequence in words.sequences:
                    rest = tuple(frozenset(strings.add(f) for f in forms) for forms in sequence[1:])
                    for form in sequence[0]:
                        self._starts[strings.add(form)].append((label, rest))
            self._keys[label].add(key)

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        if not self._keys or not len(doc):
            return
        lower = doc.to_array(LOWER).tolist()
        starts = self._starts
        found = set()
        for position, value in enumerate(lower):
            if value not in starts:
                continue
            for label, rest in starts[value]:
                end = position + 1 + len(rest)
                if end <= len(lower) and all(lower[position + 1 + k] in forms for k, forms in enumerate(rest)):
                    found.add((label, position, end))
        if not found:
            return
        where = doc.to_array([IDX, LENGTH]).tolist()
        for label, start, end in sorted(found):
            last = where[end - 1]
            for key in self._keys[label]:
                yield Hit(key, where[start][0], last[0] + last[1])
