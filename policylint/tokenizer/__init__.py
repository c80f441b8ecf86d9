"""English tokenizing and sentence splitting in pure Python.

policylint reads every word of a document with this module and imports
spaCy only for the sentences a rule needs parsed (see policylint/engine).
It gives the same tokens, character offsets, norms and sentence starts as
spaCy's English tokenizer and rule-based sentencizer: the prefix, suffix,
infix and URL expressions and the special cases ("don't" -> "do", "n't")
are spaCy's own, exported to ``english.json`` by
``python -m policylint.tokenizer.export``, and the algorithm follows
spaCy's ``Tokenizer.__call__`` step by step. ``tests/test_tokenizer.py``
compares the two on the samples, the rule examples and the real documents.
"""

from policylint.tokenizer.tokens import Tokenizer, Tokens, tokenizer

__all__ = ["Tokenizer", "Tokens", "tokenizer"]
