"""Stage-1 candidate selection for patterns that need the trained pipeline.

A token or dependency pattern that uses LEMMA, POS, DEP ... can only be
matched on a parsed sentence. To parse only the sentences where such a
pattern could match, each pattern gets its *anchors*: for each of its
required tokens, the word forms the token must have (from LOWER, ORTH or
TEXT values, and every inflection of LEMMA values, with irregular forms from
policylint/lexicons/irregular-forms.txt). A sentence that lacks every form
of one of those tokens cannot match the pattern ("work overtime" needs a
form of "work" and "overtime"). A pattern with no anchorable token makes
every sentence a candidate, which is slower but still correct.

``exact_anchors`` does the same for stage-1 token patterns (exact words
only), so the Matcher is skipped on blocks that cannot match.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

from policylint.engine.stage1.sequence import rarity, shared
from policylint.lexicons import keyed
from policylint.rule_patterns import Patterns, TokenPattern

_EXACT = ("LOWER", "ORTH", "TEXT", "NORM")
#: what anchors are looked for in: the LOWER of stage-1 tokens (a NORM value
#: such as "not" can stand for another lower-case form, "n't")
_LOWER_FORMS = ("LOWER", "ORTH", "TEXT")
_AT_LEAST_ONE = re.compile(r"^(?:1|\+|\{[1-9]\d*(?:,\d*)?\})$")


def inflections(lemma: str) -> set[str]:
    """Every form of an English word we can derive (a superset is fine)."""
    word = lemma.lower()
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "er", word + "est"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed", word[:-1] + "er", word[:-1] + "est"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word[:-1] + "ier", word[:-1] + "iest"}
    if word.endswith("ie"):
        forms.add(word[:-2] + "ying")
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "er"}
    if word.endswith(("f", "fe")):
        forms.add(word.rstrip("e")[:-1] + "ves")
    forms.update(keyed("irregular-forms.txt").get(word, ()))
    return {sys.intern(form) for form in forms}


def string_values(value: Any) -> list[str] | None:
    """The string values a token attribute can take, or None when open-ended."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


def token_anchors(attrs: dict[str, Any]) -> set[str] | None:
    """The lower-case forms a token with these attributes can have, or None."""
    upper = {key.upper(): value for key, value in attrs.items()}
    for key in _LOWER_FORMS:
        if key in upper and (values := string_values(upper[key])) is not None:
            return {sys.intern(v.lower()) for v in values}
    if "LEMMA" in upper and (values := string_values(upper["LEMMA"])) is not None:
        return {sys.intern(form) for v in values for form in inflections(v)}
    return None


def required(token: dict[str, Any]) -> bool:
    """Whether every match of a pattern has this token (OP absent, ``+`` or ``{n,m}`` with n >= 1)."""
    return bool(_AT_LEAST_ONE.match(str(token.get("OP", "1"))))


def exact_anchors(pattern: TokenPattern) -> set[tuple[str, str]] | None:
    """For a stage-1 token pattern: (attribute, value) pairs, LOWER or NORM,
    one of which a token of every match has; None when no required token
    names its words."""
    options = []
    for token in filter(required, pattern):
        upper = {key.upper(): value for key, value in token.items()}
        option = None
        for key in _EXACT:
            if key in upper and (values := string_values(upper[key])) is not None:
                attr = "NORM" if key == "NORM" else "LOWER"
                option = {(attr, v if attr == "NORM" else v.lower()) for v in values}
                break
        options.append(option)
    known = [o for o in options if o]
    return min(known, key=len) if known else None


def pattern_anchors(patterns: Patterns) -> list[list[frozenset[str]]] | None:
    """Anchors of the parse-needing patterns of ``patterns``: for each
    pattern, one set of words per required token that names its words (a
    sentence that can match the pattern has a word of every set); None when
    some pattern has no such token."""
    found = []
    token_sets = [[token_anchors(t) for t in pattern if required(t)] for pattern in patterns.split_patterns()[1]]
    node_sets = [[token_anchors(node) for node in dependency.nodes()] for dependency in patterns.dependency]
    clause_sets = [list(clause.anchors()) for clause in patterns.clause]
    for options in token_sets + node_sets + clause_sets:
        known = sorted({shared(frozenset(o)) for o in options if o}, key=len)
        if not known:
            return None
        found.append(known)
    return found


def telling(sets: list[frozenset[str]]) -> frozenset[str]:
    """The set of a pattern's anchors whose words are least common (no stop
    words, then fewest words): a sentence is only looked at closer for the
    pattern when it has one of them."""
    return min(sets, key=rarity)


class AnchorBits:
    """Many conjunctions of word sets ("a word of each of these sets"),
    checked against a text at once: each distinct set is a bit, each word
    the bits of the sets it is in, a text the bits of its words, and a
    conjunction holds when its bits are all in the text's."""

    def __init__(self) -> None:
        self._bit: dict[frozenset[str], int] = {}
        self._word_bits: dict[str, int] = {}

    def mask(self, sets: Iterable[frozenset[str]]) -> int:
        """The bits of a conjunction of word sets."""
        mask = 0
        for words in sets:
            bit = self._bit.get(words)
            if bit is None:
                bit = self._bit[words] = 1 << len(self._bit)
                for word in words:
                    self._word_bits[word] = self._word_bits.get(word, 0) | bit
            mask |= bit
        return mask

    def words(self) -> set[str]:
        """Every word of every set."""
        return set(self._word_bits)

    def present(self, words: Iterable[str]) -> int:
        """The bits of the sets that have one of ``words``."""
        bits = 0
        table = self._word_bits
        for word in words:
            bits |= table.get(word, 0)
        return bits
