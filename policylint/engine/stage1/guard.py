"""Required words of a regular expression: a cheap test that rules blocks out.

Most rule expressions can only match where some of their literal words are:
``\\b(?:must|shall)\\s+(?:not\\s+)?discuss\\w*\\s+(?:your\\s+)?salar`` needs
"must" or "shall", "discuss..." and "salar...". ``guard`` reads an
expression's syntax tree and returns such requirements as a conjunction of
clauses; a clause is a set of ``Part``s (a run of word characters, and
whether it must start or end a word), one of which every match contains.
``WordIndex`` (word_index.py) finds, for a window of blocks, which blocks
hold each part, so an expression is run only on the blocks that satisfy all
its clauses.

The test only ever rules out blocks where the expression cannot match: text
and literals are compared after the same case folding, lookarounds count
(what they look for must be in the block), and anything the reader is unsure
of gives no requirement (an expression without one runs everywhere).
Expressions are read with Python's own ``re`` parser, which knows the syntax
the rules use; ``regex``-only syntax (``\\p{..}``, fuzzy ``{e<=1}``, POSIX
classes, ``(?V1)``...) is refused, and such expressions run everywhere.
Where several parts would do, a rough cost (short parts and the words of
lexicons/common-words.txt are everywhere) picks the rarer ones; that choice
changes only the speed. tests/test_guard.py checks the guards against every
rule expression on the corpus and against random expressions and texts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

# the parser behind ``re.compile`` (a private module: if it changes, ``guard``
# returns None and every expression runs everywhere, as before guards)
from re import _constants as _c
from re import _parser as _sre
from typing import Any, NamedTuple

import regex

from policylint.lexicons import words as lexicon

#: Largest set of strings a group may stand for before it is cut (``(?:a|b)(?:c|d)`` -> 4).
_LIMIT = 64
#: Inside the strings built while reading an expression: ``_MARK`` stands for
#: ``\b``, ``_GAP`` for one or more characters that are not word characters
#: (``\s+``, ``[-/]``): either way a word ends or starts there.
_MARK = "\x01"
_GAP = "\x02"
_EMPTY = frozenset({""})
_WORD = regex.compile(r"\w+")
_IS_WORD = regex.compile(r"\w")
_POSIX = regex.compile(r"\[:\^?\w+:\]")


class Part(NamedTuple):
    """A run of word characters (lower case) a match contains."""

    text: str
    starts: bool  #: it begins a word (the character before it is not a word character)
    ends: bool  #: it ends a word

    def found_in(self, word: str) -> bool:
        """Whether a word (a maximal run of word characters) contains this part."""
        if self.starts and self.ends:
            return word == self.text
        if self.starts:
            return word.startswith(self.text)
        if self.ends:
            return word.endswith(self.text)
        return self.text in word


Clause = frozenset[Part]


@functools.lru_cache(maxsize=4096)
def guard(expression: str) -> tuple[Clause, ...] | None:
    """The clauses every match of ``expression`` (compiled with IGNORECASE)
    satisfies, or None when nothing useful is known."""
    if _POSIX.search(expression):  # a class for ``regex``, a set of letters for ``re``
        return None
    try:
        tree = _sre.parse(expression)
    except Exception:  # noqa: BLE001 - syntax ``re`` does not know: no guard
        return None
    try:
        info = _sequence(list(tree))
    except _Unsure:
        return None
    clauses = {*info.clauses, *_clauses(info.exact)}
    return tuple(sorted(clauses, key=_cost)) or None


class _Unsure(Exception):
    """The expression uses something the reader does not trust."""


class _Info(NamedTuple):
    #: every string the node can match (lower case, ``_MARK`` for \\b,
    #: ``_GAP`` for any run of non-word characters), if few
    exact: frozenset[str] | None
    #: clauses every match of the node satisfies
    clauses: list[Clause]


_NOTHING = _Info(None, [])
_GAPS = _Info(frozenset({_GAP}), [])


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    if len(items) == 1:
        return _node(*items[0])
    current, clauses, whole = _EMPTY, [], True
    for op, av in items:
        info = _node(op, av)
        clauses.extend(info.clauses)
        product = None if info.exact is None else {a + b for a in current for b in info.exact}
        if product is None or len(product) > _LIMIT:
            clauses += _clauses(current) + _clauses(info.exact)
            current, whole = _EMPTY, False
        else:
            current = frozenset(product)
    if whole:
        return _Info(current, clauses)
    return _Info(None, clauses + _clauses(current))


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        char = chr(av)
        if char in "{}":  # ``regex`` may read braces as fuzzy matching
            raise _Unsure
        return _Info(frozenset({char.lower()}), []) if _plain(char) else _NOTHING
    if op is _c.IN:
        chars = [chr(a) for o, a in av if o is _c.LITERAL]
        if len(chars) == len(av) and len(chars) <= 4 and all(map(_plain, chars)):
            return _Info(frozenset(c.lower() for c in chars), [])
        return _GAPS if all(_not_word(o, a) for o, a in av) else _NOTHING
    if op is _c.CATEGORY:
        return _GAPS if _not_word(op, av) else _NOTHING
    if op is _c.AT:
        return _Info(frozenset({_MARK}) if av is _c.AT_BOUNDARY else _EMPTY, [])
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.BRANCH:
        return _branch([_sequence(list(alternative)) for alternative in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(*av)
    if op is _c.ASSERT:  # a lookahead or lookbehind: what it looks for is in the block
        info = _sequence(list(av[1]))
        return _Info(_EMPTY, info.clauses + _clauses(info.exact))
    if op is _c.ASSERT_NOT:
        return _Info(_EMPTY, [])
    return _NOTHING  # ``.``, negated sets, back references, conditionals


def _repeat(low: int, high: int, item: Any) -> _Info:
    info = _sequence(list(item))
    exact = info.exact
    if exact is not None and not any(_IS_WORD.search(string) for string in exact):
        # ``\s+``, ``[-/]*``: any number of non-word strings is a run of non-word characters
        can_be_empty = low == 0 or bool(exact & _EMPTY)  # ``(?: )?+`` repeats what may be nothing
        return _Info(_EMPTY | {_GAP} if can_be_empty else frozenset({_GAP}), [])
    if low == 0:
        return _Info(exact | _EMPTY, []) if high == 1 and exact is not None else _NOTHING
    if low == high == 1:
        return info
    return _Info(None, info.clauses + _clauses(exact))


def _not_word(op: Any, av: Any) -> bool:
    """A set item that never matches a word character."""
    if op is _c.CATEGORY:
        return av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)
    return op is _c.LITERAL and not _IS_WORD.match(chr(av))


def _branch(alternatives: list[_Info]) -> _Info:
    """An alternation: its strings if all are known, and one clause made of
    each alternative's most telling clause."""
    best = [min(info.clauses + _clauses(info.exact), key=_cost, default=None) for info in alternatives]
    clause = [frozenset().union(*best)] if all(b is not None for b in best) else []
    exact = [info.exact for info in alternatives]
    if all(e is not None for e in exact):
        union = frozenset().union(*exact)  # type: ignore[arg-type]
        if len(union) <= _LIMIT:
            return _Info(union, clause)
    return _Info(None, clause)


def _clauses(strings: frozenset[str] | None) -> list[Clause]:
    """Clauses that hold wherever one of these strings is: a clause for each
    part that all of them contain ("pub" in "to the pub" and "down the
    pub"), and one that picks a part from each string. None at all when a
    string has no word characters (nothing is known then)."""
    return list(_clauses_cached(strings)) if strings else []


@functools.cache
def _clauses_cached(strings: frozenset[str]) -> tuple[Clause, ...]:
    parts = [_parts(string) for string in strings]
    if not all(parts):
        return ()
    common = set.intersection(*parts)
    found = [frozenset({part}) for part in common]
    if not common:  # pick greedily: parts found in many strings, cheap ones first
        chosen: set[Part] = set()
        left = list(parts)
        while left:
            options = set().union(*left)
            part = min(options, key=lambda p: (_cost([p]) / sum(p in each for each in left), p))
            chosen.add(part)
            left = [each for each in left if part not in each]
        found.append(frozenset(chosen))
    return tuple(found)


def _parts(string: str) -> set[Part]:
    """The runs of word characters in a string. A run starts (ends) a word
    when a non-word character, ``\\b`` or a gap is next to it."""
    parts = set()
    for run in _WORD.finditer(string.replace(_MARK, " ")):
        start, end = run.span()
        parts.add(Part(run.group(), start > 0 and not _IS_WORD.match(string[start - 1]),
                       end < len(string) and not _IS_WORD.match(string[end])))
    return parts


def _cost(clause: Iterable[Part]) -> float:
    """A rough guess of how often a clause holds: short, unbounded parts and
    very common words (lexicons/common-words.txt) hold almost everywhere."""
    return sum(_part_cost(p) for p in clause)


@functools.cache
def _part_cost(part: Part) -> float:
    if part.text in lexicon("common-words.txt"):
        return 1.0
    return 4.0 ** -(len(part.text) + 1.5 * part.starts + 1.5 * part.ends)


def _plain(char: str) -> bool:
    """Characters the guard compares: ASCII, or without case."""
    return char.isascii() or char.lower() == char.upper()
