"""The rule schema: one YAML file is one ``Rule``.

Every model rejects unknown keys, so a misspelt key is a load error that
names the file and the field path. spaCy token patterns are validated with
spaCy's own schema.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import regex
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from spacy.schemas import validate_token_pattern

from policylint.finding import Severity


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


#: Token attributes that only the trained pipeline (tagger, parser, lemmatizer) sets.
PARSE_ATTRS = frozenset({"LEMMA", "POS", "TAG", "MORPH", "DEP", "ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})

RuleId = Annotated[str, StringConstraints(pattern=r"^PL[0-9]{3,4}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Patterns(_Strict):
    """What to look for (``match``) or what makes a match fine (``unless``).

    ``phrases`` match whole words, ignoring case; ``patterns`` are spaCy
    Matcher token patterns; ``regex`` are regular expressions (case-insensitive)
    matched on the text and widened to whole tokens.
    """

    phrases: list[Text] = Field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = Field(default_factory=list)
    regex: list[Text] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _valid_token_patterns(cls, value: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        problems = []
        for index, pattern in enumerate(value):
            if not pattern:
                problems.append(f"[{index}]: a pattern needs at least one token")
            for error in validate_token_pattern(pattern):
                problems.append(f"[{index}]{_spacy_path(error)}")
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("regex")
    @classmethod
    def _valid_regex(cls, value: list[str]) -> list[str]:
        for index, expression in enumerate(value):
            try:
                regex.compile(expression)
            except regex.error as exc:
                raise ValueError(f"[{index}] is not a valid regular expression: {exc}") from None
        return value

    def is_empty(self) -> bool:
        return not (self.phrases or self.patterns or self.regex)

    def needs_parse(self) -> bool:
        """True when a token pattern uses an attribute that only the trained pipeline sets."""
        return any(_uses_parse_attrs(token) for pattern in self.patterns for token in pattern)


class Suggestion(_Strict):
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


class FlagExample(_Strict):
    """A sentence the rule must flag; optionally the words it must match and
    the replacement it must suggest."""

    text: Text
    match: Text | None = None
    suggestion: str | None = None


class Examples(_Strict):
    flag: list[FlagExample | Text] = Field(min_length=1)
    ok: list[Text] = Field(min_length=1)

    def flag_examples(self) -> list[FlagExample]:
        return [FlagExample(text=e) if isinstance(e, str) else e for e in self.flag]


class Reference(_Strict):
    title: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Rule(_Strict):
    id: RuleId
    name: Slug
    category: Category
    severity: Severity = Severity.WARNING
    message: Text
    rationale: Text
    references: list[Reference] = Field(default_factory=list)
    match: Patterns
    unless: Patterns = Field(default_factory=Patterns)
    suggestion: Suggestion
    examples: Examples

    @field_validator("match")
    @classmethod
    def _match_not_empty(cls, value: Patterns) -> Patterns:
        if value.is_empty():
            raise ValueError("give at least one of `phrases`, `patterns`, `regex`")
        return value

    @property
    def needs_parse(self) -> bool:
        return self.match.needs_parse() or self.unless.needs_parse()


def _uses_parse_attrs(token: dict[str, Any]) -> bool:
    return any(key.upper() in PARSE_ATTRS for key in token)


def _spacy_path(error: str) -> str:
    """'[pattern -> 0 -> LOWERR] Extra inputs are not permitted' -> ' token 0 -> LOWERR: unknown key'."""
    if error.startswith("[pattern -> ") and "]" in error:
        path, _, text = error[len("[pattern -> ") :].partition("] ")
        head, _, rest = path.partition(" -> ")
        where = f" token {head}" + (f" -> {rest}" if rest else "")
        text = "unknown key" if text.startswith("Extra inputs") else text
        return f"{where}: {text}"
    return f": {error}"
