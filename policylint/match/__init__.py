"""The match kinds. Each one compiles the patterns of every rule once per run
and reports hits as ``Hit(key, start, end)`` in character offsets of the
text it was given. ``key`` names the rule and whether the hit is a match or an
``unless`` exception."""

from policylint.match.base import Hit, Key, Role
from policylint.match.clause import ClauseKind
from policylint.match.concepts import ConceptKind
from policylint.match.dependency import DependencyKind
from policylint.match.phrases import PhraseKind
from policylint.match.regex import RegexKind
from policylint.match.tokens import TokenKind

__all__ = ["ClauseKind", "ConceptKind", "DependencyKind", "Hit", "Key", "PhraseKind", "RegexKind", "Role", "TokenKind"]
