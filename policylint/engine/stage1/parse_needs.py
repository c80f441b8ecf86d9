"""What a sentence needs, in its own words, for a parse pattern to match it.

The anchors (candidates.py) are a quick first test, a word of each set
somewhere in the sentence. A sentence that passes it is only parsed for a
pattern when its words can also fill the pattern (``need`` makes the test):

- a clause pattern (rule_clause.py): every role that names words needs a
  word of the sentence that can fill it, a term of its concepts (found as
  stage2/clause.py finds them, on the same words) and a form of its lemmas,
  and the roles other than ``any`` need different words (the subject, the
  verb, the object and a prepositional object of one clause are never the
  same token); ``negated: true`` needs a negation word, ``preposition:``
  one of its prepositions, and a ``modality`` of only prohibition and
  negation a negation word or a prohibiting word (stage2/modality.py reads
  nothing else for those);
- a token pattern: a match of the pattern with its parse attributes relaxed
  (a LEMMA as every form of the lemma, a POS, TAG, DEP ... as any token),
  found by ``RelaxedKind`` on the block's tokens;
- a dependency pattern: its anchors only.

"A form of a lemma" is ``inflections``: the assumption the anchors already
make (a word the lemmatiser gives a lemma is one of the lemma's forms).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from policylint.concepts import Words
from policylint.engine.base import Hit, Key, Role
from policylint.engine.stage1.candidates import inflections, string_values
from policylint.engine.stage1.tokens import TokenKind
from policylint.lexicons import keyed
from policylint.rule_clause import NEGATION_WORDS, ClausePattern, RoleCondition
from policylint.rule_patterns import Patterns, TokenPattern
from policylint.tokenizer import Tokens

#: the attributes a relaxed token pattern keeps as they are (stage 1 reads them)
_EXACT = ("LOWER", "ORTH", "TEXT")


class SentenceWords:
    """One sentence's words (lower case), where each is, and which of them
    each concept's terms cover (worked out once per concept). Stage 2 reads
    a parsed sentence's words the same way (stage2/clause.py)."""

    def __init__(self, lowers: list[str]):
        self.lowers = lowers
        self.where: dict[str, list[int]] = {}
        for i, word in enumerate(lowers):
            self.where.setdefault(word, []).append(i)
        self._covered: dict[int, set[int]] = {}

    def covered(self, words: Words) -> set[int]:
        key = id(words)
        if key not in self._covered:
            self._covered[key] = words.covered(self.lowers, self.where)
        return self._covered[key]

    def having(self, forms: frozenset[str]) -> set[int]:
        """The positions of the words that are one of ``forms``."""
        return {i for word in forms.intersection(self.where) for i in self.where[word]}

    def has(self, forms: frozenset[str]) -> bool:
        return not forms.isdisjoint(self.where)


class ClauseNeed:
    """The words a sentence needs for a clause pattern to match it."""

    def __init__(self, pattern: ClausePattern):
        #: (concept words, lemma forms) of the roles that name words; ``any`` apart
        self.roles: list[tuple[Words | None, frozenset[str] | None]] = []
        self.anywhere: list[tuple[Words | None, frozenset[str] | None]] = []
        #: word sets the sentence needs a word of
        self.present: list[frozenset[str]] = []
        for name, condition in pattern.roles().items():
            words = _role_words(condition)
            if words is not None:
                (self.anywhere if name == "any" else self.roles).append(words)
            if condition.preposition:
                self.present.append(frozenset(condition.preposition))
        if pattern.negated is True:
            self.present.append(NEGATION_WORDS)
        if pattern.modality and set(pattern.modality) <= {"prohibition", "negation"}:
            self.present.append(_negating_words("prohibition" in pattern.modality))

    def possible(self, sentence: SentenceWords) -> bool:
        if not all(sentence.has(words) for words in self.present):
            return False
        if not all(_fillers(role, sentence) for role in self.anywhere):
            return False
        return _distinct([_fillers(role, sentence) for role in self.roles])


def _role_words(condition: RoleCondition) -> tuple[Words | None, frozenset[str] | None] | None:
    """What fills a role: a term of its concepts, a form of its lemmas (None: any word)."""
    if condition.words is None and not condition.lemma:
        return None
    return condition.words, condition.lemma_forms or None


def _fillers(role: tuple[Words | None, frozenset[str] | None], sentence: SentenceWords) -> set[int]:
    words, forms = role
    found = sentence.covered(words) if words is not None else None
    if forms is not None:
        having = sentence.having(forms)
        found = having if found is None else found & having
    return found or set()


def _distinct(choices: list[set[int]]) -> bool:
    """Whether each set can give a different member (a system of distinct representatives)."""
    ordered = sorted(choices, key=len)

    def assign(n: int, used: frozenset[int]) -> bool:
        if n == len(ordered):
            return True
        return any(assign(n + 1, used | {i}) for i in ordered[n] - used)

    return all(ordered) and assign(0, frozenset())


@functools.cache
def _negating_words(prohibition: bool) -> frozenset[str]:
    """The words a clause of negation (or, ``prohibition``, of prohibition) has one of."""
    words = set(NEGATION_WORDS)
    if prohibition:
        words.update(form for lemma in keyed("modality.txt")["prohibition"] for form in inflections(lemma))
    return frozenset(words)


def relaxed(pattern: TokenPattern) -> TokenPattern:
    """A parse-needing token pattern with what stage 1 cannot read left out:
    it matches wherever the pattern can (LEMMA values become every form)."""
    tokens = []
    for token in pattern:
        upper = {str(key).upper(): value for key, value in token.items()}
        kept: dict[str, Any] = {"OP": upper["OP"]} if "OP" in upper else {}
        exact = next((key for key in _EXACT if key in upper), None)
        if exact is not None:
            kept[exact] = upper[exact]
        elif "LEMMA" in upper and (values := string_values(upper["LEMMA"])) is not None:
            kept["LOWER"] = {"IN": sorted({form for value in values for form in inflections(value)})}
        tokens.append(kept)
    return tokens


class RelaxedKind:
    """The relaxed token patterns of every rule's parse-needing patterns,
    matched on a block's tokens: which sentences hold a match of each."""

    def __init__(self) -> None:
        self._kind = TokenKind()

    def add(self, rule: int, number: int, pattern: TokenPattern) -> bool:
        """Add pattern ``number`` of a rule; False when stage 1 cannot match its relaxed form."""
        return not self._kind.add(Key(rule, Role.MATCH, number), [relaxed(pattern)])

    def hits(self, tokens: Tokens) -> Iterator[Hit]:
        """Relaxed matches in a block: keyed (rule, MATCH, pattern number)."""
        return self._kind.hits(tokens)


def pattern_needs(rule: int, patterns: Patterns, relaxed_kind: RelaxedKind) -> list[ClauseNeed | bool | None]:
    """For each parse-needing pattern, in the order of ``pattern_anchors``: a
    ``ClauseNeed``, True for a token pattern ``relaxed_kind`` finds, or None
    (the anchors are all stage 1 can tell)."""
    needs: list[ClauseNeed | bool | None] = []
    for n, pattern in enumerate(patterns.split_patterns()[1]):
        needs.append(True if relaxed_kind.add(rule, n, pattern) else None)
    needs.extend(None for _ in patterns.dependency)
    needs.extend(ClauseNeed(clause) for clause in patterns.clause)
    return needs
