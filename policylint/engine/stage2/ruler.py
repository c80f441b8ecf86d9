"""A faster match step for the trained pipeline's attribute ruler.

The English pipelines end with an ``attribute_ruler``: about 180 one- and
two-token patterns (fine tag, lower-case word, dependency) that set the
coarse part of speech, morphology and some lemmas. spaCy's Matcher walks
every pattern over every token, checking ``IN`` sets and expressions in
Python; on the short sentences policylint parses that was nearly half the
parse time. ``install`` gives the ruler a match step that files the
patterns under the tag or word of their first token and checks only those:
the same matches, in the same order (``tests/test_parse_ruler.py`` compares
them), and the ruler's own code sets the attributes. A pipeline whose ruler
has a pattern this module does not read keeps spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: the token attributes the patterns may test (read with ``Doc.to_array``: strings as their hashes)
_STRINGS = {"TAG", "LOWER", "DEP", "POS", "ORTH"}
_BOOLS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA"}

Check = Callable[[dict[str, list], int], bool]


class Unsupported(ValueError):
    """A pattern this matcher does not read."""


def _check(attr: str, value: Any, strings) -> tuple[Check, list[tuple[str, int]]]:
    """A test of one attribute, and the (attribute, value hash) pairs a token
    that passes has one of (for indexing)."""
    attr = "ORTH" if attr == "TEXT" else attr
    if attr in _BOOLS:
        if not isinstance(value, bool):
            raise Unsupported(attr)
        return (lambda columns, i: columns[attr][i] == value), []
    if attr not in _STRINGS:
        raise Unsupported(attr)
    if isinstance(value, str):
        wanted = strings.add(value)
        return (lambda columns, i: columns[attr][i] == wanted), [(attr, wanted)]
    if isinstance(value, dict) and len(value) == 1:
        (operator, operand), = value.items()
        if operator == "IN" and isinstance(operand, list):
            members = frozenset(strings.add(v) for v in operand)
            return (lambda columns, i: columns[attr][i] in members), [(attr, v) for v in members]
        if operator == "NOT_IN" and isinstance(operand, list):
            members = frozenset(strings.add(v) for v in operand)
            return (lambda columns, i: columns[attr][i] not in members), []
        if operator == "REGEX" and isinstance(operand, str):
            search = re.compile(operand).search
            return (lambda columns, i: search(strings[columns[attr][i]]) is not None), []
    raise Unsupported(f"{attr}: {value!r}")


class RulerMatcher:
    """The ruler's patterns, indexed by their first token's tag or word."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        names = {str(a).upper() for p in ruler.patterns for pattern in p["patterns"] for t in pattern for a in t}
        self.attrs = sorted("ORTH" if a == "TEXT" else a for a in names)
        self._first: dict[tuple[str, int], list[tuple[int, int, list[list[Check]]]]] = {}
        self._always: list[tuple[int, int, list[list[Check]]]] = []
        for number, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(number))
            for pattern in entry["patterns"]:
                tokens, index = [], None
                for position, token in enumerate(pattern):
                    if any(str(key).upper() == "OP" for key in token):
                        raise Unsupported("OP")
                    checks = []
                    for key, value in token.items():
                        check, pairs = _check(str(key).upper(), value, strings)
                        checks.append(check)
                        if position == 0 and pairs and index is None:
                            index = pairs
                    tokens.append(checks)
                item = (number, match_id, tokens)
                if index is None:
                    self._always.append(item)
                for pair in index or ():
                    self._first.setdefault(pair, []).append(item)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(pattern number, match id, start, end) of every match, sorted as the ruler sorts them."""
        size = len(doc)
        if not size:
            return []
        rows = doc.to_array(self.attrs).tolist()
        columns = {attr: [row[n] for row in rows] for n, attr in enumerate(self.attrs)}
        found = set()
        first, always = self._first, self._always
        keys = [attr for attr in self.attrs if attr in _STRINGS]
        for start in range(size):
            candidates = [*always, *(item for attr in keys for item in first.get((attr, columns[attr][start]), ()))]
            for number, match_id, tokens in candidates:
                end = start + len(tokens)
                if end > size:
                    continue
                for k, checks in enumerate(tokens):
                    if not all(check(columns, start + k) for check in checks):
                        break
                else:
                    found.add((number, match_id, start, end))
        return sorted(found)


def install(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the faster match step (when it can read every pattern)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        matcher = RulerMatcher(ruler)
    except Unsupported:
        return
    ruler.match = matcher.match
