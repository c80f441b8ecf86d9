"""The clause part of the rule schema: conditions on the roles of one clause.

A ``ClausePattern`` binds roles of a parsed clause (verb, subject, object,
prep, agent, any) to a ``RoleCondition`` (concepts, lemmas, parts of speech),
plus the clause's modality and negation. The matching itself is in
policylint/engine/stage2/clause.py; this module only declares and validates.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import (
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from policylint.concepts import Concepts, Words
from policylint.schema_base import Strict, Text

ROLES = ("verb", "subject", "object", "prep", "agent", "any")
MODALITIES = ("requirement", "prohibition", "permission", "negation", "statement")
POS_TAGS = frozenset(["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"])


#: the words a negated clause has one of: those the parser marks ``neg`` ("not",
#: "n't", "never", "no": every ``neg`` in the real documents) and their spellings
NEGATION_WORDS = frozenset({"not", "n't", "n\u2019t", "nt", "never", "no", "nor", "neither"})


def registry(info: ValidationInfo) -> Concepts:
    """The concepts of this load (validation context), or the built-in ones."""
    context = info.context if isinstance(info.context, dict) else {}
    return context.get("concepts") or default_concepts()


@functools.cache
def default_concepts() -> Concepts:
    from policylint.concepts import load_concepts
    from policylint.ruleset import builtin_rules_dir

    return load_concepts([builtin_rules_dir()])


def _names(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class RoleCondition(Strict):
    """What one role must be: a term of a concept, one of some lemmas, a part
    of speech; ``not_concept``: none of its words is a term of these."""

    concept: list[Text] = Field(default_factory=list)
    lemma: list[Text] = Field(default_factory=list)
    pos: list[Text] = Field(default_factory=list)
    not_concept: list[Text] = Field(default_factory=list)
    #: for ``prep`` only: the prepositions allowed
    preposition: list[Text] = Field(default_factory=list)
    _words: Words | None = PrivateAttr(default=None)
    _not_words: Words | None = PrivateAttr(default=None)

    _lists = field_validator("concept", "lemma", "pos", "not_concept", "preposition", mode="before")(_names)

    @field_validator("lemma", "preposition")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [v.lower() for v in value]

    @field_validator("pos")
    @classmethod
    def _known_pos(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v.upper() not in POS_TAGS]
        if bad:
            raise ValueError(f"unknown part of speech {bad[0]!r} (use {', '.join(sorted(POS_TAGS))})")
        return [v.upper() for v in value]

    @field_validator("concept", "not_concept")
    @classmethod
    def _known_concepts(cls, value: list[str], info: ValidationInfo) -> list[str]:
        concepts = registry(info)
        missing = concepts.unknown(value)
        if missing:
            raise ValueError(f"unknown concept {missing[0]!r} (known: {', '.join(concepts.names) or 'none'})")
        return value

    @model_validator(mode="after")
    def _something(self) -> RoleCondition:
        if not (self.concept or self.lemma or self.pos or self.not_concept):
            raise ValueError("give concept, lemma, pos or not_concept")
        return self

    def model_post_init(self, context: Any) -> None:
        concepts = (context or {}).get("concepts") if isinstance(context, dict) else None
        concepts = concepts or (default_concepts() if self.concept or self.not_concept else None)
        if self.concept:
            self._words = concepts.words(tuple(self.concept))
        if self.not_concept:
            self._not_words = concepts.words(tuple(self.not_concept))

    @property
    def words(self) -> Words | None:
        return self._words

    @property
    def not_words(self) -> Words | None:
        return self._not_words

    def anchors(self) -> frozenset[str] | None:
        """Word forms a sentence where this role holds has one of (None: unknown)."""
        return self._anchor_set

    @functools.cached_property
    def lemma_forms(self) -> frozenset[str]:
        """Every form of the ``lemma`` words (the tagger sometimes lemmatises
        a form wrongly: "fined" as "fin")."""
        from policylint.engine.stage1.candidates import inflections

        return frozenset(set().union(*(inflections(lemma) for lemma in self.lemma))) if self.lemma else frozenset()

    @functools.cached_property
    def _anchor_set(self) -> frozenset[str] | None:
        from policylint.engine.stage1.candidates import inflections

        sets = []
        if self._words is not None:
            sets.append(self._words.anchors())
        if self.lemma:
            sets.append(frozenset(set().union(*(inflections(lemma) for lemma in self.lemma))))
        return min(sets, key=len) if sets else None


class ClausePattern(Strict):
    verb: RoleCondition | None = None
    subject: RoleCondition | None = None
    object: RoleCondition | None = None
    prep: RoleCondition | None = None
    agent: RoleCondition | None = None
    any: RoleCondition | None = None
    modality: list[Text] = Field(default_factory=list)
    negated: bool | None = None
    highlight: list[Text] = Field(default_factory=list)

    _modalities = field_validator("modality", mode="before")(_names)

    @field_validator("modality")
    @classmethod
    def _known_modality(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in MODALITIES]
        if bad:
            raise ValueError(f"unknown modality {bad[0]!r} (use {', '.join(MODALITIES)})")
        return value

    @model_validator(mode="after")
    def _valid(self) -> ClausePattern:
        given = self.roles()
        if not given:
            raise ValueError(f"give at least one role ({', '.join(ROLES)})")
        if all(condition.anchors() is None for condition in given.values()):
            raise ValueError("give a concept or lemma in at least one role (it chooses the sentences to parse)")
        bad = [name for name in self.highlight if name not in given or name == "any"]
        if bad:
            raise ValueError(f"highlight: {bad[0]!r} is not a role of this pattern (any cannot be highlighted)")
        for name, condition in given.items():
            if condition.preposition and name != "prep":
                raise ValueError(f"{name}: preposition is only for the prep role")
        return self

    def roles(self) -> dict[str, RoleCondition]:
        return {name: getattr(self, name) for name in ROLES if getattr(self, name) is not None}

    @functools.cached_property
    def role_items(self) -> list[tuple[str, RoleCondition]]:
        """The roles given, the most selective (fewest words) first."""
        items = list(self.roles().items())
        return sorted(items, key=lambda item: len(a) if (a := item[1].anchors()) is not None else 10**9)

    @functools.cached_property
    def shown_set(self) -> frozenset[str]:
        return frozenset(self.shown())

    def shown(self) -> list[str]:
        return self.highlight or [name for name in self.roles() if name != "any"]

    def anchors(self) -> list[frozenset[str]]:
        """For each role with words: the forms a matching sentence has one of;
        for ``negated: true``, also a negation word."""
        return self._anchor_sets

    @functools.cached_property
    def _anchor_sets(self) -> list[frozenset[str]]:
        sets = {a for c in self.roles().values() if (a := c.anchors()) is not None}
        if self.negated is True:
            sets.add(NEGATION_WORDS)
        return sorted(sets, key=len)
