"""``modality``: what the clause of a match does with it.

- requirement: "must", "shall", "will", "have to", "are required/expected to",
  "is mandatory", or an imperative ("Be available ...")
- prohibition: "must not", "may not", "cannot", "is not permitted",
  "is prohibited", "Do not ..."
- permission: "may", "can", "are welcome/free/encouraged to", "allowed to"
- negation: a requirement or statement turned down: "you are not required
  to", "there is no dress code", "no need to"
- statement: none of these ("Our office opens at 8am.")

The words are read along the clause path (see clause.py) from the lists in
policylint/lexicons/modality.txt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.tokens import Token

from policylint.engine.stage2.climb import climb, is_imperative, subject_of
from policylint.lexicons import keyed
from policylint.rule import Modality


def _words(kind: str) -> frozenset[str]:
    return frozenset(keyed("modality.txt")[kind])


def modal_words(kind: str) -> frozenset[str]:
    """The words of one kind in policylint/lexicons/modality.txt (requirement, permission, prohibition, ...)."""
    return _words(kind)


def _markers(path: list[Token]) -> set[str]:
    """Which kinds of modal words govern the path."""
    found: set[str] = set()
    table = {kind: _words(kind) for kind in ("requirement-aux", "permission-aux", "requirement", "permission",
                                             "prohibition", "negation")}
    subject = subject_of(path)
    for token in path:
        lemma = token.lemma_.lower()
        for kind in ("requirement", "permission", "prohibition"):
            if lemma in table[kind] and token is not path[0]:
                found.add(kind)
        if lemma in ("have", "need") and not any(c.dep_ == "xcomp" for c in token.children):
            found.discard("requirement")  # "have a laptop", "need approval" are not "have to"
        for child in token.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and child.lemma_.lower() in table["requirement-aux"] | {word}:
                if word in table["requirement-aux"] or child.lemma_.lower() in table["requirement-aux"]:
                    found.add("must" if child.lemma_.lower() in ("must", "shall", "should") else "requirement")
            if child.dep_ in ("aux", "auxpass") and (word in table["permission-aux"]
                                                   or child.lemma_.lower() in table["permission-aux"]):
                found.add("permission")
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word == "never"):
                found.add("negation")
    if subject is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
        found.add("negation")  # "No remote work is allowed", "There is no dress code"
    if any(t.dep_ == "attr" and any(c.lower_ == "no" for c in t.children) for t in path[-1].children):
        found.add("negation")
    return found


def _governing(path: list[Token]) -> list[Token]:
    """The path, plus the verbs that govern its clause as an object or
    complement: "We *expect* you to be available", "You are *asked* to ..."."""
    extended = list(path)
    top = path[-1]
    while top.dep_ in ("xcomp", "ccomp") and top.head.i != top.i:
        top = top.head
        extended.append(top)
    return extended


def classify(root: Token) -> Modality:
    path = _governing(climb(root))
    found = _markers(path)
    negated = "negation" in found
    requirement = bool(found & {"requirement", "must"})
    if "prohibition" in found:
        return Modality.PERMISSION if negated else Modality.PROHIBITION
    if negated:
        if "must" in found or "permission" in found or is_imperative(path):
            return Modality.PROHIBITION  # must not, may not, cannot, not allowed, do not
        return Modality.NEGATION  # not required to, don't have to, there is no ...
    if requirement:
        return Modality.REQUIREMENT
    if "permission" in found:
        return Modality.PERMISSION
    if is_imperative(path):
        return Modality.REQUIREMENT
    return Modality.STATEMENT
