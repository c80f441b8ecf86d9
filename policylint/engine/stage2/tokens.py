"""Token patterns that need the parse (LEMMA, POS, TAG ...), on parsed sentences.

Patterns of words, lemmas, parts of speech, word classes and gaps are
matched like stage-1 patterns (stage1/sequence.py) on the parsed sentence's
columns (``Parsed``). The rest (DEP, MORPH, several attributes on one token
...) go to spaCy's Matcher, which a sentence is only given when it has the
words one of a key's patterns requires (``exact_anchors``); its large word
sets become lexeme flags (``_with_flags``): spaCy checks an ``IN`` set in
Python once per token and pattern, a flag in C."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from policylint.spacy_import import load as _load_spacy

_load_spacy()  # spaCy without its command line, before the imports below

from spacy.attrs import IDX, LENGTH, LOWER, NORM  # noqa: E402
from spacy.matcher import Matcher  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.candidates import exact_anchors
from policylint.engine.stage1.sequence import PARSED_WORDS
from policylint.engine.stage1.tokens import TokenKind

#: token classes as spaCy's Token attributes
_CLASS_ATTRS = {"IS_ALPHA": "is_alpha", "IS_DIGIT": "is_digit", "IS_LOWER": "is_lower", "IS_UPPER": "is_upper",
                "IS_TITLE": "is_title", "IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "LIKE_NUM": "like_num"}


class Parsed:
    """A parsed sentence's columns, as stage1/sequence.py reads them (built on first use)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._columns: dict[str, list] = {}

    def __len__(self) -> int:
        return len(self.doc)

    def _column(self, name: str, read) -> list:
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = [read(token) for token in self.doc]
        return found

    @property
    def words(self) -> list[str]:
        return self._column("words", lambda t: t.text)

    @property
    def lower(self) -> list[str]:
        return self._column("lower", lambda t: t.lower_)

    @property
    def norms(self) -> list[str]:
        return self._column("norms", lambda t: t.norm_)

    @property
    def lemma(self) -> list[str]:
        return self._column("lemma", lambda t: t.lemma_)

    @property
    def pos(self) -> list[str]:
        return self._column("pos", lambda t: t.pos_)

    @property
    def tag(self) -> list[str]:
        return self._column("tag", lambda t: t.tag_)

    def classes(self, name: str) -> list[bool]:
        if name in ("SENT_START", "IS_SENT_START"):
            return self._column("SENT_START", lambda t: bool(t.is_sent_start))
        attr = _CLASS_ATTRS[name]
        return self._column(name, lambda t: bool(getattr(t, attr)))

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)


class ParsedTokenKind:
    def __init__(self, vocab: Vocab):
        self._vocab = vocab
        self._sequences = TokenKind(PARSED_WORDS)
        self._matcher = Matcher(vocab, validate=False)
        self._matched: dict[int, Key] = {}
        #: anchor hash (LOWER or NORM) -> keys whose patterns need it
        self._lower: dict[int, set[Key]] = defaultdict(set)
        self._norm: dict[int, set[Key]] = defaultdict(set)
        #: keys with a pattern that names no words: run on every sentence
        self._always: set[Key] = set()

    def add(self, key: Key, patterns: list[list[dict[str, Any]]]) -> None:
        patterns = self._sequences.add(key, patterns)
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
        return len(self._matcher) + len(self._sequences)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        """Hits in ``doc``; ``offset`` is added to the character offsets (for a
        sentence parsed on its own)."""
        if len(self._sequences) and len(doc):
            yield from self._sequences.hits(Parsed(doc), offset)
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
