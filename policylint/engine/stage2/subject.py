"""``subject: person``: the subject of the matched words' clause (or the
agent of a passive) must be a person or a group of people: a pronoun such
as "you", a person noun from policylint/lexicons/person-nouns.txt ("staff",
"team members", "the on-call engineer") or a word that names a person by its
ending ("employee", "specialist", "technician"). An imperative ("Be
available ...") speaks to "you". Things ("the system", "the office", "the
server") do not count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.tokens import Token

from policylint.engine.stage2.climb import agent_of, climb, is_imperative, subject_of
from policylint.lexicons import words

_PERSON_ENDINGS = ("ee", "ees", "ist", "ists", "ician", "icians")
_NOT_PERSON = frozenset({"fee", "fees", "coffee", "committee", "degree", "guarantee", "list", "checklist",
                         "playlist", "wishlist", "twist", "mist", "wrist", "tree", "free", "glee", "decree"})
_RELATIVE = frozenset({"who", "that", "which", "whom"})


def is_person(token: Token) -> bool:
    """Does this noun phrase head (or pronoun) name people?"""
    lower = token.lower_
    if lower in _RELATIVE and token.head.dep_ == "relcl":
        return is_person(token.head.head)
    if token.pos_ == "PRON" or lower in words("subject-pronouns.txt"):
        return lower in words("subject-pronouns.txt")
    candidates = {lower, token.lemma_.lower()}
    if candidates & words("person-nouns.txt"):
        return True
    if lower.endswith(_PERSON_ENDINGS) and lower not in _NOT_PERSON and token.pos_ in ("NOUN", "PROPN"):
        return True
    # "Managers and supervisors must ...": any conjunct that is a person counts
    return any(is_person(conj) for conj in token.conjuncts if conj.i > token.i)


def has_person_subject(root: Token) -> bool:
    path = climb(root)
    subject = subject_of(path)
    if subject is None:
        return is_imperative(path)
    if subject.dep_ == "expl":  # "There must be someone available ..."
        return False
    if is_person(subject):
        return True
    agent = agent_of(path)
    return agent is not None and is_person(agent)
