"""The pattern part of the rule schema: what to look for, and where.

``Patterns`` holds the four match kinds (phrases, spaCy token patterns,
regular expressions, spaCy dependency patterns). ``Context`` is patterns plus
the scope they are looked for in (``unless`` and ``when`` conditions).
``Require`` is what a section or document must contain (absence rules).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import regex
from pydantic import (
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from policylint.schema_base import Strict, Text

#: Token attributes that only the trained pipeline (tagger, parser, lemmatizer) sets.
PARSE_ATTRS = frozenset({"LEMMA", "POS", "TAG", "MORPH", "DEP", "ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})
NER_ATTRS = frozenset({"ENT_TYPE", "ENT_IOB", "ENT_ID", "ENT_KB_ID"})
_REL_OPS = {"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--", ">+", ">-", ">++", ">--", "<+",
            "<-", "<++", "<--"}

TokenPattern = list[dict[str, Any]]
__all__ = ["Context", "DependencyPattern", "Patterns", "Require", "Scope", "Strict", "Text", "TokenPattern"]


from policylint.concepts import Words
from policylint.rule_clause import ClausePattern, default_concepts, registry


def _spacy_validator():
    """spaCy's check of a token pattern (spaCy is imported only when rules are compiled from YAML)."""
    from policylint.spacy_import import load

    load()
    from spacy.schemas import validate_token_pattern

    return validate_token_pattern


class Scope(StrEnum):
    SENTENCE = "sentence"
    PARAGRAPH = "paragraph"
    SECTION = "section"
    DOCUMENT = "document"


class DependencyPattern(Strict):
    """A spaCy DependencyMatcher pattern. ``highlight`` names the nodes
    (RIGHT_IDs) whose words are reported; by default all of them."""

    pattern: list[dict[str, Any]] = Field(min_length=1)
    highlight: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _valid(self) -> DependencyPattern:
        problems, declared = [], set()
        for index, node in enumerate(self.pattern):
            where = f"pattern[{index}]"
            unknown = set(node) - {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"}
            if unknown:
                problems.append(f"{where} -> {', '.join(sorted(unknown))}: unknown key")
            if "RIGHT_ID" not in node or "RIGHT_ATTRS" not in node:
                problems.append(f"{where}: needs RIGHT_ID and RIGHT_ATTRS")
                continue
            if index and (node.get("LEFT_ID") not in declared or node.get("REL_OP") not in _REL_OPS):
                problems.append(f"{where}: needs LEFT_ID (an earlier node) and a valid REL_OP")
            declared.add(node["RIGHT_ID"])
            problems.extend(f"{where} -> RIGHT_ATTRS{_spacy_path(e, token=False)}"
                            for e in _spacy_validator()([node["RIGHT_ATTRS"]]))
        problems.extend(f"highlight: {name!r} is not a node of the pattern" for name in self.highlight
                        if name not in declared)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def nodes(self) -> list[dict[str, Any]]:
        return [node["RIGHT_ATTRS"] for node in self.pattern]


class Patterns(Strict):
    """``phrases`` match whole words, ignoring case; ``concepts`` match any
    term of the named concepts; ``patterns`` are spaCy Matcher token patterns
    (with ``CONCEPT`` tokens); ``regex`` are case-insensitive regular
    expressions widened to whole tokens, for numbers, times and dates;
    ``clause`` are conditions on the roles of a parsed clause;
    ``dependency`` are spaCy DependencyMatcher patterns.

    ``CONCEPT`` tokens are expanded into plain token patterns while the file
    is validated (see policylint/concepts.py); the words of ``concepts`` are
    resolved then too (``concept_words``)."""

    phrases: list[Text] = Field(default_factory=list)
    concepts: list[Text] = Field(default_factory=list)
    patterns: list[TokenPattern] = Field(default_factory=list)
    regex: list[Text] = Field(default_factory=list)
    clause: list[ClausePattern] = Field(default_factory=list)
    dependency: list[DependencyPattern] = Field(default_factory=list)

    _concept_words: dict[str, Words] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        if self.concepts:
            concepts = (context or {}).get("concepts") if isinstance(context, dict) else None
            concepts = concepts or default_concepts()
            self._concept_words = {name: concepts.words((name,)) for name in self.concepts}

    def concept_words(self) -> dict[str, Words]:
        """The words of each concept named in ``concepts``."""
        return self._concept_words

    @model_validator(mode="before")
    @classmethod
    def _expand_concepts(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, dict) and (data.get("concepts") or _mentions_concept(data.get("patterns"))):
            return registry(info).expand_block(data)
        return data

    @field_validator("patterns")
    @classmethod
    def _valid_token_patterns(cls, value: list[TokenPattern]) -> list[TokenPattern]:
        validate_token_pattern = _spacy_validator()
        problems = []
        for index, pattern in enumerate(value):
            if not pattern:
                problems.append(f"[{index}]: a pattern needs at least one token")
            problems.extend(f"[{index}]{_spacy_path(error)}" for error in validate_token_pattern(pattern))
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
        return not (self.phrases or self.concepts or self.patterns or self.regex or self.dependency or self.clause)

    def needs_parse(self) -> bool:
        """True when matching needs the trained pipeline (clause and dependency
        patterns, or token patterns using LEMMA, POS, TAG, MORPH, DEP or entity
        attributes)."""
        return bool(self.dependency or self.clause) or any(map(token_pattern_needs_parse, self.patterns))

    def split_patterns(self) -> tuple[list[TokenPattern], list[TokenPattern]]:
        """The token patterns for stage 1, and those that need the parse."""
        parsed = [p for p in self.patterns if token_pattern_needs_parse(p)]
        return [p for p in self.patterns if not token_pattern_needs_parse(p)], parsed

    def needs_ner(self) -> bool:
        nodes = [t for p in self.patterns for t in p] + [n for d in self.dependency for n in d.nodes()]
        return any(_uses(token, NER_ATTRS) for token in nodes)


class Context(Patterns):
    """Patterns looked for around a match: in its sentence (default), its
    paragraph, its section (the blocks under the same heading) or the document."""

    scope: Scope = Scope.SENTENCE

    @model_validator(mode="after")
    def _stage1_beyond_sentence(self) -> Context:
        if self.is_empty():
            raise ValueError("give at least one of `phrases`, `concepts`, `patterns`, `regex`, `clause`, "
                             "`dependency`")
        if self.scope != Scope.SENTENCE and self.needs_parse():
            raise ValueError(f"scope {self.scope.value}: only phrases, concepts, regex and token patterns without "
                             "LEMMA/POS/TAG/MORPH/DEP can look beyond the sentence")
        return self


class Require(Patterns):
    """What a section or document must contain. Without ``groups``: any one of
    the patterns. With ``groups``: at least ``at_least`` of the named groups
    (e.g. distinct reporting channels)."""

    groups: dict[str, Patterns] = Field(default_factory=dict)
    at_least: int = Field(default=1, ge=1)
    #: false: report only when some, but too few, groups are found (a section
    #: that names no reporting channel at all is about something else)
    flag_if_none: bool = True

    @model_validator(mode="after")
    def _something(self) -> Require:
        if self.is_empty() and not self.groups:
            raise ValueError("give patterns or `groups`")
        if self.groups and not self.is_empty():
            raise ValueError("give either patterns or `groups`, not both")
        if self.at_least > max(len(self.groups), 1):
            raise ValueError(f"at_least is {self.at_least} but there are only {len(self.groups)} groups")
        for name, group in self.groups.items():
            if group.is_empty() or group.needs_parse():
                raise ValueError(f"groups.{name}: give phrases, concepts, regex or token patterns without parse "
                                 "attributes")
        if self.needs_parse():
            raise ValueError("only phrases, concepts, regex and token patterns without parse attributes are allowed")
        return self

    def alternatives(self) -> dict[str, Patterns]:
        return self.groups or {"": self}


def _mentions_concept(patterns: Any) -> bool:
    return isinstance(patterns, list) and any(
        isinstance(token, dict) and any(str(key).upper() == "CONCEPT" for key in token)
        for pattern in patterns if isinstance(pattern, list) for token in pattern)


def token_pattern_needs_parse(pattern: TokenPattern) -> bool:
    return any(_uses(token, PARSE_ATTRS) for token in pattern)


def _uses(token: dict[str, Any], attrs: frozenset[str]) -> bool:
    return any(key.upper() in attrs for key in token)


def _spacy_path(error: str, token: bool = True) -> str:
    """'[pattern -> 0 -> LOWERR] Extra inputs are not permitted' -> ' token 0 -> LOWERR: unknown key'."""
    if error.startswith("[pattern -> ") and "]" in error:
        path, _, text = error[len("[pattern -> ") :].partition("] ")
        head, _, rest = path.partition(" -> ")
        where = (f" token {head}" if token else "") + (f" -> {rest}" if rest else "")
        text = "unknown key" if text.startswith("Extra inputs") else text
        return f"{where}: {text}"
    return f": {error}"
