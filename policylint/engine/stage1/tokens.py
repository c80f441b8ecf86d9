"""``patterns``: spaCy Matcher token patterns (LOWER, NORM, LEMMA, POS, OP, IN, ...).

Each key (a rule's match or one of its contexts) has a Matcher of its own.
When every pattern of a key has a required token that names its words
(LOWER, ORTH, TEXT or NORM values), a Doc with none of those words is
skipped without calling that Matcher."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from spacy.attrs import IDX, LENGTH, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.candidates import exact_anchors
from policylint.engine.stage1.sequence import DocIndex, Slot, compile_pattern
from policylint.engine.stage1.sequence import match as match_slots
from policylint.engine.stage1.sequence import telling as _telling


class TokenKind:
    """Token patterns, run only on Docs that have one of their key's anchor words.

    Patterns of words and gaps (most of them: concepts expand to word sets)
    are matched by policylint/engine/stage1/sequence.py, key by key. The rest
    (POS, LEMMA, flags, repeated tokens ...) share one spaCy Matcher, called
    once per Doc that has the words of one of their keys; its word sets
    become lexeme flags (``_with_flags``), because spaCy checks an ``IN`` set
    in Python for every token and pattern."""

    def __init__(self, vocab: Vocab):
        self._vocab = vocab
        #: the other patterns, in one spaCy Matcher (each call walks the whole Doc, so one call per Doc)
        self._matcher = Matcher(vocab, validate=False)
        self._matched: dict[int, Key] = {}
        #: patterns of words and gaps (policylint/engine/stage1/sequence.py), each alternative
        #: under the word hashes of its most telling required slot: (attr, hash) -> [(key, slots)]
        self._sequences: dict[tuple[int, int], list[tuple[Key, list[Slot]]]] = defaultdict(list)
        self._count = 0
        #: for the Matcher's patterns: anchor hash (LOWER or NORM) -> keys whose patterns need it
        self._lower: dict[int, set[Key]] = defaultdict(set)
        self._norm: dict[int, set[Key]] = defaultdict(set)
        #: keys with a pattern that names no words: run on every Doc
        self._always: set[Key] = set()

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> None:
        if not patterns:
            return
        rest = []
        for pattern in patterns:
            alternatives = compile_pattern(pattern, self._vocab.strings)
            if alternatives is None:
                rest.append(pattern)
                continue
            self._count += 1
            for slots in alternatives:
                anchor = _telling(slots)
                for value in anchor.values:
                    self._sequences[(anchor.attr, value)].append((key, slots))
        if rest:
            self._matcher.add(key.encode(), [[_with_flags(self._vocab, token) for token in pattern] for pattern in rest])
            self._matched[self._vocab.strings[key.encode()]] = key
        for pattern in rest:
            anchors = exact_anchors(pattern)
            if anchors is None:
                self._always.add(key)
                continue
            for attr, value in anchors:
                (self._norm if attr == "NORM" else self._lower)[self._vocab.strings.add(value)].add(key)

    def __len__(self) -> int:
        return len(self._matcher) + self._count

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``doc``; ``offset`` is added to the character offsets (for a
        sentence parsed on its own)."""
        if not (self._matched or self._sequences) or not len(doc):
            return
        keys = self._keys_for(doc) if self._matched else set()
        where = None
        by_key: dict[Key, list[tuple[int, int]]] = defaultdict(list)
        if any(key in keys for key in self._matched.values()):
            for match_id, start, end in self._matcher(doc):
                key = self._matched[match_id]
                if key in keys:
                    by_key[key].append((start, end))
        if self._sequences:
            index = DocIndex(doc)
            tried: set[int] = set()
            for attr in _WORD_ATTRS:
                for value in index.present(attr):
                    for key, slots in self._sequences.get((attr, value), ()):
                        if id(slots) not in tried:
                            tried.add(id(slots))
                            by_key[key].extend(match_slots([slots], index))
        for key in sorted(by_key):
            spans = sorted(set(by_key[key]))
            if not spans:
                continue
            if where is None:
                where = doc.to_array([IDX, LENGTH]).tolist()
            for start, end in spans:
                last = where[end - 1]
                yield Hit(key, where[start][0] + offset, last[0] + last[1] + offset)

    def _keys_for(self, doc: Doc) -> set[Key]:
        """The keys of the Matcher's patterns whose anchor words the Doc has (and those that run everywhere)."""
        keys = set(self._always)
        if not (self._lower or self._norm):
            return keys
        lower, norm = doc.to_array([LOWER, NORM]).T.tolist()
        for table, values in ((self._lower, lower), (self._norm, norm)):
            if table:
                for value in set(values).intersection(table):
                    keys |= table[value]
        return keys


_WORD_ATTRS = (LOWER, NORM, ORTH)

#: Word sets at least this large become lexeme flags (see ``_with_flags``).
FLAG_MIN = 4
#: Lexeme flag bits spaCy leaves free (1-18 are IS_ALPHA ... and the like).
_FLAG_BITS = range(19, 64)


def _with_flags(vocab: Vocab, token: dict[str, Any]) -> dict[str, Any]:
    """``{"LOWER": {"IN": [many words]}}`` as a lexeme flag of the vocabulary.

    spaCy checks an ``IN`` set in Python, once per token and pattern; a flag
    is a bit on each word of the vocabulary, checked in C. Concepts expand to
    such sets, so this is what keeps them cheap. A vocabulary has 45 free
    flags (shared by every engine on it); sets beyond that stay ``IN``."""
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
