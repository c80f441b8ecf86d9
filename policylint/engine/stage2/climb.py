"""Find the clause a match belongs to in a parsed sentence.

From the words of a match, climb the dependency tree through the words that
only complete a predicate (``available`` in "must be available", ``be`` in
"are required to be available") up to the verb or adjective that has a
subject, passing through the governing verbs of infinitives ("required",
"expected"). The climbed path is what the subject and modality conditions
read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
#: Relations that do not start a new clause: keep climbing through them.
_CLIMB = frozenset({"acomp", "attr", "oprd", "dobj", "pobj", "prep", "advmod", "npadvmod", "amod", "compound",
                    "nummod", "quantmod", "det", "poss", "case", "prt", "appos", "nmod", "dative", "agent",
                    "pcomp", "conj", "cc", "punct", "neg", "aux", "auxpass", "xcomp", "acl", "advcl", "ccomp"})


def span_root(span: Span) -> Token:
    """The word of the span whose head lies outside it (or the sentence root)."""
    return span.root


def climb(token: Token) -> list[Token]:
    """The path from ``token`` up to the head of its clause (inclusive).

    Stops at the first word with a subject, and at a clause that is not an
    infinitive or predicate complement (a relative or adverbial clause with
    its own subject). Goes on through ``xcomp`` (and ``ccomp`` without a
    subject) to the verb that governs an infinitive: "You are *expected* to
    *respond*".
    """
    path = [token]
    seen = {token.i}
    while True:
        current = path[-1]
        if any(child.dep_ in SUBJECT_DEPS for child in current.children):
            return path
        head = current.head
        if head.i == current.i or head.i in seen:
            return path
        if current.dep_ in SUBJECT_DEPS:  # the match is the subject: its clause is the head's
            path.append(head)
            return path
        if current.dep_ == "relcl" or current.dep_ not in _CLIMB:
            return path
        path.append(head)
        seen.add(head.i)


def subject_of(path: list[Token]) -> Token | None:
    """The grammatical subject of the clause at the top of ``path``."""
    for token in reversed(path):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    return None


def agent_of(path: list[Token]) -> Token | None:
    """The agent of a passive clause ("approved *by managers*")."""
    for token in path:
        for child in token.children:
            if child.dep_ == "agent":
                objects = [t for t in child.children if t.dep_ == "pobj"]
                if objects:
                    return objects[0]
    return None


def is_imperative(path: list[Token]) -> bool:
    """A command with no subject: "Be available ...", "Always respond ...", "Do not share ..."."""
    top = path[-1]
    if top.dep_ != "ROOT" or subject_of(path) is not None or top.tag_ != "VB":
        return False
    if any(child.dep_ == "aux" and child.lower_ == "to" for child in top.children):
        return False
    before = [t for t in top.sent if t.i < top.i and not t.is_punct]
    allowed = {"please", "always", "never", "not", "do", "n't", "also", "then", "kindly", "just"}
    return all(t.lower_ in allowed for t in before)
