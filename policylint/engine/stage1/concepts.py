"""``concepts``: any term of the named concepts, in any inflected form.

Every term is looked up by the tokens' lower-case forms: one dictionary
from the forms of single-word terms (and of the first word of multi-word
terms) to the concepts they belong to, for every concept of the run. A
multi-word term is then checked word by word from where its first word is
("sees fit", "domestic partners"). A hit of a concept is a hit for every
rule key that names it. Concepts inside token patterns (``CONCEPT`` tokens)
and clause roles are handled there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from policylint.concepts import Words
from policylint.engine.base import Hit, Key
from policylint.tokenizer import Tokens


class ConceptKind:
    def __init__(self) -> None:
        #: concept name -> the rule keys that name it
        self._keys: dict[str, set[Key]] = defaultdict(set)
        #: a lower-case word -> (concept name, sets of the words that must follow)
        self._starts: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = defaultdict(list)

    def add(self, key: Key, concepts: dict[str, Words]) -> None:
        for name, words in concepts.items():
            if name not in self._keys:
                for form in words.single:
                    self._starts[form].append((name, ()))
                for sequence in words.sequences:
                    rest = tuple(frozenset(forms) for forms in sequence[1:])
                    for form in sequence[0]:
                        self._starts[form].append((name, rest))
            self._keys[name].add(key)

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, tokens: Tokens) -> Iterator[Hit]:
        if not self._keys or not len(tokens):
            return
        lower = tokens.lower
        starts = self._starts
        found = set()
        for position, value in enumerate(lower):
            if value not in starts:
                continue
            for name, rest in starts[value]:
                end = position + 1 + len(rest)
                if end <= len(lower) and all(lower[position + 1 + k] in forms for k, forms in enumerate(rest)):
                    found.add((name, position, end))
        for name, start, end in sorted(found):
            first, last = tokens.span_chars(start, end)
            for key in sorted(self._keys[name]):
                yield Hit(key, first, last)
