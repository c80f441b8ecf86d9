"""Stage 2: what runs only on the sentences stage 1 chose, parsed by the
trained pipeline (tagger, parser, lemmatizer).

The match kinds that read grammar (``clause`` patterns on the roles of a
clause, spaCy ``dependency`` patterns, and token patterns with LEMMA/POS in
``tokens``) and the conditions that
read a parse: ``climb`` (the clause a match belongs to), ``subject``,
``modality`` and ``antecedent`` (``pronoun: generic``).
"""
