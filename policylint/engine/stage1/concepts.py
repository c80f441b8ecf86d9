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
        #: a lower-case word -> sets of the words that must follow -> concept names
        self._starts: dict[str, dict[tuple[frozenset[str], ...], list[str]]] = defaultdict(dict)

    def add(self, key: Key, concepts: dict[str, Words]) -> None:
        for name, words in concepts.items():
            if name not in self._keys:
                for form in words.single:
                    self._starts[form].setdefault((), []).append(name)
                for sequence in words.sequences:
                    rest = tuple(frozenset(forms) for forms in sequence[1:])
                    for form in sequence[0]:
                        self._starts[form].setdefault(rest, []).append(name)
            self._keys[name].add(key)

    def __len__(self) -> int:
        return len(self._keys)

    def hits(self, tokens: Tokens) -> Iterator[Hit]:
        if not self._keys or not len(tokens):
            return
        lower = tokens.lower
        starts = self._starts
        size = len(lower)
        found = set()
        for position, value in enumerate(lower):
            following = starts.get(value)
            if following is None:
                continue
            for rest, names in following.items():
                end = position + 1 + len(rest)
                if rest and (end > size or lower[position + 1] not in rest[0]
                             or not all(lower[position + k] in forms for k, forms in enumerate(rest[1:], 2))):
                    continue
                found.update((name, position, end) for name in names)
        for name, start, end in sorted(found):
            first, last = tokens.span_chars(start, end)
            for key in sorted(self._keys[name]):
                yield Hit(key, first, last)
