"""``clause``: conditions on the roles of one clause, on parsed sentences.

Each predicate of a sentence (a verb, or an auxiliary with no verb to serve)
heads a clause. Its *chain* is the predicate plus the verbs and adjectives
that complete it (``xcomp``, ``acomp``: "are required to wear", "are not
eligible"); the roles are read off the chain:

- subject: ``nsubj``/``nsubjpass``/``csubj`` of a chain word, with conjuncts;
  a clause without one (a conjoined or infinitive verb) takes its head's; a
  relative clause ("staff who work part-time") takes the noun it modifies;
- object: ``dobj``, ``attr``, ``oprd``, ``dative``;
- prep: objects of prepositions on the chain, the subject or the objects;
- agent: the object of ``by`` in a passive;
- any: every word of the predicate's subtree.

A role's words are its head, the words that modify it (compounds,
adjectives, possessives, numbers) and its conjuncts. The reported words run
from the first to the last word that satisfied a highlighted role.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.tokens import Doc, Token

from policylint.engine.base import Hit, Key
from policylint.engine.stage1.candidates import AnchorBits
from policylint.engine.stage1.parse_needs import SentenceWords
from policylint.rule_clause import ClausePattern, RoleCondition

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
_CHAIN = frozenset({"xcomp", "acomp"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "npadvmod", "advmod", "prt"})
_INHERIT = frozenset({"conj", "xcomp", "advcl", "ccomp"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: "never", and "n't" however its apostrophe is written (the parser may not call a curly one ``neg``)
_NEGATIONS = frozenset({"not", "never", "n't", "n\u2019t", "nt"})


@dataclass
class Clause:
    head: Token
    chain: list[Token]
    subject: list[list[Token]] = field(default_factory=list)
    object: list[list[Token]] = field(default_factory=list)
    prep: list[tuple[str, list[Token]]] = field(default_factory=list)
    agent: list[list[Token]] = field(default_factory=list)
    _modality: str | None = None

    @property
    def negated(self) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for t in self.chain for c in t.children)

    def modality(self) -> str:
        """What the clause does (conditions/modality.py), reading the
        predicate's own words too: "Beards are prohibited" forbids, "Headwear
        is not permitted" forbids, "Overtime is required" requires."""
        if self._modality is None:
            from policylint.engine.stage2.modality import classify, modal_words

            found = str(classify(self.chain[-1]))
            lemmas = {t.lemma_.lower() for t in self.chain} | {t.lower_ for t in self.chain}
            if lemmas & modal_words("prohibition"):
                found = "permission" if found in ("negation", "prohibition") else "prohibition"
            elif lemmas & modal_words("permission") and found in ("negation", "statement"):
                found = "prohibition" if found == "negation" else "permission"
            elif lemmas & modal_words("requirement") and found == "statement":
                found = "requirement"
            self._modality = found
        return self._modality


def phrase(token: Token) -> list[Token]:
    """A role's words: the head, its modifiers, and its conjuncts with theirs."""
    words = []
    for head in [token, *token.conjuncts]:
        words.append(head)
        for child in head.children:
            if child.dep_ in _MODIFIERS:
                words.append(child)
                words.extend(c for c in child.children if c.dep_ in ("compound", "amod", "case", "poss"))
    return words


def _is_predicate(token: Token) -> bool:
    if token.dep_ in ("aux", "auxpass"):
        return False
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and not any(c.pos_ == "VERB" and c.dep_ not in ("aux", "auxpass")
                                           for c in token.children if c.dep_ in _CHAIN)


def _chain(token: Token) -> list[Token]:
    chain = [token]
    for word in chain:
        chain.extend(c for c in word.children if c.dep_ in _CHAIN)
    return chain


def clauses(doc: Doc) -> list[Clause]:
    """Every clause of a parsed sentence (outermost first)."""
    found: list[Clause] = []
    in_chain: set[int] = set()
    by_head: dict[int, Clause] = {}
    for token in sorted(doc, key=lambda t: len(list(t.ancestors))):
        if token.i in in_chain or not _is_predicate(token):
            continue
        chain = _chain(token)
        in_chain.update(t.i for t in chain)
        clause = Clause(token, chain)
        for word in chain:
            for child in word.children:
                if child.dep_ in _SUBJECTS:
                    clause.subject.append(phrase(child))
                elif child.dep_ == "dative" and child.pos_ == "ADP":  # "offered to part-time staff"
                    clause.prep.extend((child.lower_, phrase(p)) for p in child.children if p.dep_ == "pobj")
                elif child.dep_ in _OBJECTS:
                    clause.object.append(phrase(child))
                elif child.dep_ == "agent":
                    clause.agent.extend(phrase(p) for p in child.children if p.dep_ == "pobj")
        if token.dep_ == "relcl":  # "staff who work part-time": the subject is the noun "who" stands for
            clause.subject = [phrase(token.head) if group[0].lower_ in _RELATIVE else group
                              for group in clause.subject] or [phrase(token.head)]
        if not clause.subject:
            if token.dep_ == "relcl":
                clause.subject.append(phrase(token.head))
            elif token.dep_ in _INHERIT and token.head.i in by_head:
                clause.subject.extend(by_head[token.head.i].subject)
        heads = [w for group in clause.subject + clause.object for w in group[:1]]
        holders = chain + heads + [c for w in heads for c in w.conjuncts]
        clause.prep += _preps(holders)
        found.append(clause)
        for word in chain:
            by_head[word.i] = clause
    return found


def _preps(holders: list[Token], depth: int = 2) -> list[tuple[str, list[Token]]]:
    """Objects of the prepositions on these words, and of prepositions on
    those objects ("for the purposes of an appraisal"), with gerunds and
    their objects ("for assessing promotion")."""
    found: list[tuple[str, list[Token]]] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep":
                continue
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found.append((child.lower_, phrase(obj)))
                    if depth > 1:
                        found.extend(_preps([obj], depth - 1))
                elif obj.dep_ == "pcomp":
                    found.append((child.lower_, [obj, *(o for o in obj.children if o.dep_ in _OBJECTS)]))
                    found.extend((child.lower_, phrase(o)) for o in obj.children if o.dep_ in _OBJECTS)
    return found


def _holds(condition: RoleCondition, words: list[Token], seen: SentenceWords) -> list[Token] | None:
    """The words of the role that satisfy the condition, or None."""
    chosen = words
    if condition.pos and words[0].pos_ not in condition.pos:
        return None
    if condition.words is not None:
        covered = seen.covered(condition.words)
        chosen = [w for w in words if w.i in covered]
        if not chosen:
            return None
    if condition.lemma:
        forms = condition.lemma_forms
        lemmas = [w for w in chosen if w.lemma_.lower() in condition.lemma or w.lower_ in forms]
        if not lemmas:
            return None
        chosen = lemmas if condition.words is None else chosen
    if condition.not_words is not None:
        covered = seen.covered(condition.not_words)
        if any(w.i in covered for w in words):
            return None
    return chosen


def _candidates(clause: Clause, role: str, condition: RoleCondition) -> list[list[Token]]:
    if role == "verb":
        return [[word] for word in clause.chain]
    if role == "prep":
        return [words for prep, words in clause.prep if not condition.preposition or prep in condition.preposition]
    if role == "any":
        return [list(clause.head.subtree)]
    return getattr(clause, role)


def match_clause(pattern: ClausePattern, clause: Clause, seen: SentenceWords) -> list[Token] | None:
    """The words to report when the clause matches the pattern, else None."""
    if pattern.negated is not None and pattern.negated != clause.negated:
        return None
    shown: list[Token] = []
    wanted = pattern.shown_set
    for role, condition in pattern.role_items:
        for words in _candidates(clause, role, condition):
            chosen = _holds(condition, words, seen)
            if chosen is not None:
                if role in wanted:
                    shown.extend(chosen)
                break
        else:
            return None
    if pattern.modality and clause.modality() not in pattern.modality:
        return None
    return shown or [clause.head]


class ClauseKind:
    def __init__(self) -> None:
        self._patterns: list[tuple[Key, ClausePattern]] = []
        #: per pattern, the bits of its roles' word sets (a sentence must have a word of each)
        self._masks: list[int] = []
        self._bits = AnchorBits()

    def add(self, key: Key, patterns: list[ClausePattern]) -> None:
        self._patterns.extend((key, pattern) for pattern in patterns)
        self._masks.extend(self._bits.mask(pattern.anchors()) for pattern in patterns)

    def __len__(self) -> int:
        return len(self._patterns)

    def hits(self, doc: Doc, offset: int = 0) -> Iterator[Hit]:
        if not self._patterns:
            return
        seen = SentenceWords([t.lower_ for t in doc])
        present = self._bits.present(seen.where)
        found: list[Clause] | None = None
        for (key, pattern), mask in zip(self._patterns, self._masks):
            if mask & present != mask:
                continue  # a role's words are not in the sentence
            found = clauses(doc) if found is None else found
            for clause in found:
                words = match_clause(pattern, clause, seen)
                if words:
                    start = min(w.idx for w in words)
                    end = max(w.idx + len(w) for w in words)
                    yield Hit(key, start + offset, end + offset)
