"""What the engine reports: immutable ``Finding`` values with a stable order."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from policylint.document import Location


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class SuggestionAction(StrEnum):
    REPLACE = "replace"
    DELETE = "delete"
    INSERT = "insert"
    REWRITE = "rewrite"


class Suggestion(BaseModel):
    """How to fix a finding.

    ``replace``: put ``text`` in place of block characters ``start:end``;
    ``sentence`` is then the whole sentence with the change made.
    ``rewrite``: ``text`` is advice on how to reword the sentence.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    action: SuggestionAction
    text: str
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    advice: str | None = None


class FindingLocation(Location):
    """A block's location plus the character offsets of the match in the block."""

    start: int
    end: int


class Suppression(BaseModel):
    """Why a finding is not reported: a directive in the document itself
    (``in-source``: a Markdown/text comment or a Word comment) or the
    configuration (``external``: ``per-file-ignores``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: Literal["in-source", "external"]
    #: the directive as written, e.g. ``policylint-disable-next-line PL101``
    directive: str
    #: the reason a person gave, if any (the text after "—" in a Word comment)
    justification: str | None = None


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    text: str
    sentence: str
    #: offset of ``sentence`` in the block, so ``location.start - sentence_start``
    #: is where the matched words begin in the sentence
    sentence_start: int
    suggestion: Suggestion | None
    location: FindingLocation
    fingerprint: str
    #: set only on suppressed findings (``FileResult.suppressed``)
    suppression: Suppression | None = None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.paragraph, loc.start, loc.end, self.rule)


def fingerprint(rule: str, sentence: str, text: str, occurrence: int) -> str:
    """A fingerprint that survives edits elsewhere in the document.

    It depends only on the rule, the words of the sentence (white space and
    case folded), the matched words and which occurrence of that same
    (rule, sentence, words) triple this is, never on positions.
    """
    norm = " ".join(sentence.lower().split())
    key = "\x1f".join((rule, norm, " ".join(text.lower().split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
