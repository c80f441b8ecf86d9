"""Stage-1 candidate selection for patterns that need the trained pipeline.

A token or dependency pattern that uses LEMMA, POS, DEP ... can only be
matched on a parsed sentence. To parse only the sentences where such a
pattern could match, each pattern gets its *anchors*: the word forms one of
its required tokens must have (from LOWER, ORTH, TEXT or NORM values, and
every inflection of LEMMA values, with irregular forms from
policylint/lexicons/irregular-forms.txt). A sentence without any anchor word
of a pattern cannot match it. A pattern with no anchorable token makes every
sentence a candidate, which is slower but still correct.
"""

from __future__ import annotations

from typing import Any

from policylint.lexicons import keyed
from policylint.rule_patterns import Patterns

_EXACT = ("LOWER", "ORTH", "TEXT", "NORM")
_OPTIONAL_OPS = {"?", "*", "!"}


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
    return forms


def _values(value: Any) -> list[str] | None:
    """The string values a token attribute can take, or None when open-ended."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


def token_anchors(attrs: dict[str, Any]) -> set[str] | None:
    """The lower-case forms a token with these attributes can have, or None."""
    upper = {key.upper(): value for key, value in attrs.items()}
    for key in _EXACT:
        if key in upper and (values := _values(upper[key])) is not None:
            return {v.lower() for v in values}
    if "LEMMA" in upper and (values := _values(upper["LEMMA"])) is not None:
        return set().union(*(inflections(v) for v in values))
    return None


def pattern_anchors(patterns: Patterns) -> set[str] | None:
    """Anchor words for the parse-needing patterns of ``patterns`` (the union
    over patterns); None when one of them cannot be anchored."""
    anchors: set[str] = set()
    for pattern in patterns.split_patterns()[1]:
        best = _best([token_anchors(t) for t in pattern if t.get("OP", "1") not in _OPTIONAL_OPS])
        if best is None:
            return None
        anchors |= best
    for dependency in patterns.dependency:
        best = _best([token_anchors(node) for node in dependency.nodes()])
        if best is None:
            return None
        anchors |= best
    return anchors


def _best(options: list[set[str] | None]) -> set[str] | None:
    """The smallest anchor set among a pattern's required tokens."""
    known = [o for o in options if o]
    return min(known, key=len) if known else None
