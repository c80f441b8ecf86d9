"""The rule schema: one YAML file is one ``Rule``.

Every model rejects unknown keys, so a misspelt key is a load error that
names the file and the field path. spaCy token patterns are validated with
spaCy's own schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from policylint.finding import Severity
from policylint.rule_patterns import Context, Patterns, Require, Scope, Strict, Text


class Category(StrEnum):
    WORKING_TIME = "working-time"
    ADVANCEMENT = "advancement"
    PAY = "pay"
    GENDERED_LANGUAGE = "gendered-language"
    FAMILY_STATUS = "family-status"
    DISABILITY = "disability"
    AGE = "age"
    EDUCATION = "education"
    NATIONAL_ORIGIN = "national-origin"
    APPEARANCE = "appearance"
    CULTURE = "culture"
    COMPLAINTS = "complaints"
    BACKGROUND_CHECKS = "background-checks"
    HIRING = "hiring"


RuleId = Annotated[str, StringConstraints(pattern=r"^PL[0-9]{3,4}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Modality(StrEnum):
    """What a sentence does with the matched words (see policylint/engine/stage2/modality.py)."""

    REQUIREMENT = "requirement"  #: must, shall, have to, are required/expected to, will, imperative
    PROHIBITION = "prohibition"  #: must not, may not, cannot, not permitted, prohibited, do not
    PERMISSION = "permission"  #: may, can, are welcome/free/encouraged to, allowed to
    NEGATION = "negation"  #: not required/expected to, no need to, there is no ...
    STATEMENT = "statement"  #: none of these


class Pronoun(StrEnum):
    GENERIC = "generic"  #: not one whose antecedent is a named or titled person (conditions/antecedent.py)


class Subject(StrEnum):
    PERSON = "person"  #: a person or a group of people (employees, you, managers, a job title)


class Suggestion(Strict):
    """``replace`` maps matched words (lower case) to replacements; ``advice``
    says how to reword the sentence when no direct replacement fits."""

    replace: dict[str, str] = Field(default_factory=dict)
    advice: Text | None = None

    @field_validator("replace")
    @classmethod
    def _lower_keys(cls, value: dict[str, str]) -> dict[str, str]:
        return {" ".join(key.lower().split()): replacement for key, replacement in value.items()}

    @model_validator(mode="after")
    def _something(self) -> Suggestion:
        if not self.replace and not self.advice:
            raise ValueError("give `replace`, `advice` or both")
        return self


class FlagExample(Strict):
    """A sentence the rule must flag; optionally the words it must match and
    the replacement it must suggest."""

    text: Text
    match: Text | None = None
    suggestion: str | None = None


class Examples(Strict):
    flag: list[FlagExample | Text] = Field(min_length=1)
    ok: list[Text] = Field(min_length=1)

    def flag_examples(self) -> list[FlagExample]:
        return [FlagExample(text=e) if isinstance(e, str) else e for e in self.flag]


class Reference(Strict):
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class RuleText(Strict):
    """What every rule says about itself: its code, name, category, severity,
    message, rationale, references, suggestion and examples. Pattern rules
    (``Rule``) and the classifier's rules (policylint/model/rules.py) share it."""

    id: RuleId
    name: Slug
    category: Category
    severity: Severity = Severity.WARNING
    message: Text
    rationale: Text
    references: list[Reference] = Field(default_factory=list)
    suggestion: Suggestion
    examples: Examples


class Rule(RuleText):
    """One rule file. ``scope: sentence`` rules look for ``match`` in each
    sentence; ``scope: section`` and ``scope: document`` rules report when a
    section (whose heading matches ``sections``) or the whole document lacks
    what ``require`` describes."""

    scope: Scope = Scope.SENTENCE
    match: Patterns | None = None
    unless: list[Context] = Field(default_factory=list)
    when: list[Context] = Field(default_factory=list)
    subject: Subject | None = None
    pronoun: Pronoun | None = None
    modality: list[Modality] = Field(default_factory=list)
    sections: list[Text] = Field(default_factory=list)
    require: Require | None = None
    min_words: int | None = Field(default=None, ge=1)

    _lists = field_validator("unless", "when", mode="before")(_as_list)

    @model_validator(mode="after")
    def _fits_scope(self) -> Rule:
        if self.scope == Scope.PARAGRAPH:
            raise ValueError("scope: use sentence, section or document")
        if self.scope == Scope.SENTENCE:
            if self.match is None or self.match.is_empty():
                raise ValueError("match: give at least one of `phrases`, `patterns`, `regex`, `dependency`")
            if self.require is not None or self.min_words is not None:
                raise ValueError("require and min_words are for scope: section or scope: document")
        else:
            if self.require is None:
                raise ValueError(f"scope {self.scope.value}: give `require` (what must be there)")
            if self.match is not None or self.subject or self.modality or self.pronoun:
                raise ValueError(f"scope {self.scope.value}: match, subject and modality are for sentence rules")
            if any(c.scope in (Scope.SENTENCE, Scope.PARAGRAPH) for c in self.unless + self.when):
                raise ValueError(f"scope {self.scope.value}: `unless` and `when` need scope section or document")
            if self.scope == Scope.SECTION and not self.sections:
                raise ValueError("scope section: give `sections` (heading words of the sections to check)")
        return self

    @property
    def is_absence(self) -> bool:
        return self.scope != Scope.SENTENCE

    @property
    def needs_parse(self) -> bool:
        """True when the rule needs the trained pipeline (tagger, parser, lemmatizer)."""
        contexts = [c for c in self.unless + self.when if c.scope == Scope.SENTENCE]
        return bool(self.subject or self.modality) or any(
            p.needs_parse() for p in [self.match, *contexts] if p is not None)

    @property
    def needs_names(self) -> bool:
        """True when the rule reads person names (entity recogniser, on demand)."""
        return self.pronoun is not None

    @property
    def needs_ner(self) -> bool:
        return any(p.needs_ner() for p in [self.match, *self.unless, *self.when] if p is not None)
