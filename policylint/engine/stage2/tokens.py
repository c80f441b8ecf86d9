"""Token patterns that need the parse (LEMMA, POS, DEP, MORPH ...), matched by
spaCy's Matcher on parsed sentences.

One Matcher holds every such pattern; a sentence is only given to it when it
has the words one of a key's patterns requires (``exact_anchors``). Large
word sets become lexeme flags (``_with_flags``): spaCy checks an ``IN`` set
in Python once per token and pattern, a flag in C."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from spacy.attrs import IDX, LENGTH, LOWER, NORM
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.candidates import exact_anchors


class ParsedTokenKind:
    def __init__(self, vocab: Vocab):
        self._vocab = vocab
        self._matcher = Matcher(vocab, validate=False)
        self._matched: dict[int, Key] = {}
        #: anchor hash (LOWER or NORM) -> keys whose patterns need it
        self._lower: dict[int, set[Key]] = defaultdict(set)
        self._norm: dict[int, set[Key]] = defaultdict(set)
        #: keys with a pattern that names no words: run on every sentence
        self._always: set[Key] = set()

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> None:
        if not patterns:
            return
        self._matcher.add(key.encode(), [[_with_flags(self._vocab, token) for token in p] for p in patterns])
        self._matched[self._vocab.strings[key.encode()]] = key
        for pattern in patterns:
            anchors = exact_anchors(pattern)
            if anchors is None:
                self._always.add(key)
                continue
            for attr, value in anchors:
                (self._norm if attr == "NORM" else self._lower)[self._vocab.strings.add(value)].add(key)

    def __len__(self) -> int:
        return len(self._matcher)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``doc``; ``offset`` is added to the character offsets (for a
        sentence parsed on its own)."""
        if not self._matched or not len(doc):
            return
        keys = self._keys_for(doc)
        if not keys:
            return
        by_key: dict[Key, set[tuple[int, int]]] = defaultdict(set)
        for match_id, start, end in self._matcher(doc):
            key = self._matched[match_id]
            if key in keys:
                by_key[key].add((start, end))
        if not by_key:
            return
        where = doc.to_array([IDX, LENGTH]).tolist()
        for key in sorted(by_key):
            for start, end in sorted(by_key[key]):
                last = where[end - 1]
                yield Hit(key, where[start][0] + offset, last[0] + last[1] + offset)

    def _keys_for(self, doc: Doc) -> set[Key]:
        """The keys whose anchor words the sentence has (and those that run everywhere)."""
        keys = set(self._always)
        if not (self._lower or self._norm):
            return keys
        lower, norm = doc.to_array([LOWER, NORM]).T.tolist()
        for table, values in ((self._lower, lower), (self._norm, norm)):
            if table:
                for value in set(values).intersection(table):
                    keys |= table[value]
        return keys


#: Word sets at least this large become lexeme flags (see ``_with_flags``).
FLAG_MIN = 4
#: Lexeme flag bits spaCy leaves free (1-18 are IS_ALPHA ... and the like).
_FLAG_BITS = range(19, 64)


def _with_flags(vocab: Vocab, token: dict[str, Any]) -> dict[str, Any]:
    """``{"LOWER": {"IN": [many words]}}`` as a lexeme flag of the vocabulary.

    A vocabulary has 45 free flags (shared by every engine on it); sets
    beyond that stay ``IN``."""
    value = token.get("LOWER")
    if not (isinstance(value, dict) and set(value) == {"IN"} and len(value["IN"]) >= FLAG_MIN):
        return token
    words = frozenset(str(v).lower() for v in value["IN"])
    getters = vocab.lex_attr_getters
    flag = next((bit for bit in _FLAG_BITS if isinstance(getters.get(bit), functools.partial)
                 and getters[bit].func is _member and getters[bit].args == (words,)), None)
    if flag is None:  # a set no engine on this vocabulary has flagged yet
        free = [bit for bit in _FLAG_BITS if bit not in getters]
        if not free:
            return token
        flag = vocab.add_flag(functools.partial(_member, words), flag_id=free[0])
    rest = {k: v for k, v in token.items() if k != "LOWER"}
    return {**rest, flag: True}


def _member(words: frozenset[str], text: str) -> bool:
    return text.lower() in words
