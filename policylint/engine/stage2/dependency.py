"""``dependency``: spaCy DependencyMatcher patterns, run on parsed sentences.
The reported words run from the first to the last highlighted node."""

from __future__ import annotations

from collections.abc import Iterator

from policylint.spacy_import import load as _load_spacy

_load_spacy()  # spaCy without its command line, before the imports below

from spacy.matcher import DependencyMatcher  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from policylint.engine.base import Hit, Key
from policylint.rule_patterns import DependencyPattern


class DependencyKind:
    def __init__(self, vocab: Vocab):
        self._matcher = DependencyMatcher(vocab, validate=True)
        self._meta: dict[str, tuple[Key, list[int]]] = {}

    def add(self, key: Key, patterns: list[DependencyPattern]) -> None:
        for index, dependency in enumerate(patterns):
            label = f"{key.encode()}|{index}"
            self._matcher.add(label, [dependency.pattern])
            ids = [node["RIGHT_ID"] for node in dependency.pattern]
            shown = [ids.index(name) for name in dependency.highlight] or list(range(len(ids)))
            self._meta[label] = (key, shown)

    def __len__(self) -> int:
        return len(self._meta)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        if not self._meta:
            return
        strings = doc.vocab.strings
        for match_id, token_ids in self._matcher(doc):
            key, shown = self._meta[strings[match_id]]
            tokens = [doc[token_ids[i]] for i in shown]
            start = min(token.idx for token in tokens)
            end = max(token.idx + len(token) for token in tokens)
            yield Hit(key, start + offset, end + offset)
