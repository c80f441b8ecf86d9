"""Conditions a sentence rule can put on a match, each in its own module:
``subject`` and ``modality`` read the parse of the sentence; ``sections``
reads the block's heading path. Scoped ``unless``/``when`` live in
policylint/context.py."""
