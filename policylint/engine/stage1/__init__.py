"""Stage 1: what runs on every word of a document, with the tokenizer alone.

The match kinds that need no parse (``phrases``, ``concepts``, token
``patterns`` of words and gaps, ``regex`` with its guards), the stage-1
conditions (quoted words, section headings) and ``candidates``, which picks
the sentences stage 2 must parse from the words stage 1 saw. Each kind
compiles the patterns of every rule once per run and reports
``Hit(key, start, end)`` in character offsets of the text it was given.
"""

from policylint.engine.stage1.concepts import ConceptKind
from policylint.engine.stage1.phrases import PhraseKind
from policylint.engine.stage1.regex import RegexKind
from policylint.engine.stage1.tokens import TokenKind

__all__ = ["ConceptKind", "PhraseKind", "RegexKind", "TokenKind"]
