"""Stage 2: what runs only on the sentences stage 1 chose, parsed by the
trained pipeline (tagger, parser, lemmatizer).

The match kinds that read grammar (``clause`` patterns on the roles of a
clause, spaCy ``dependency`` patterns; token patterns with LEMMA/POS run
through stage 1's TokenKind on the parsed sentence) and the conditions that
read a parse: ``climb`` (the clause a match belongs to), ``subject``,
``modality`` and ``antecedent`` (``pronoun: generic``).
"""

from policylint.engine.stage2.clause import ClauseKind
from policylint.engine.stage2.dependency import DependencyKind

__all__ = ["ClauseKind", "DependencyKind"]
