"""Export spaCy's English tokenizer rules to ``english.json`` (run after a
spaCy upgrade: ``python -m policylint.tokenizer.export``; a test fails when
the file is out of date).

The file holds the prefix, suffix, infix and URL expressions, every special
case as (text, norm) pieces, the norms that are not the lower-case text,
and the sentencizer's sentence-final characters.
spaCy is MIT-licensed; these rules are its data.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PATH = Path(__file__).with_name("english.json")


def rules() -> dict:
    import spacy
    from spacy.attrs import NORM, ORTH
    from spacy.pipeline import Sentencizer

    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    norm = nlp.vocab.lex_attr_getters[NORM]  # lower case, unless in spaCy's table of norms
    norms = {}
    for table in norm.args[1]:
        norms.update(table)
    specials = {}
    for text, pieces in tokenizer.rules.items():
        specials[text] = [[piece[ORTH], piece.get(NORM) or norm(piece[ORTH])] for piece in pieces]
    return {
        "spacy": spacy.__version__,
        "prefix": tokenizer.prefix_search.__self__.pattern,
        "suffix": tokenizer.suffix_search.__self__.pattern,
        "infix": tokenizer.infix_finditer.__self__.pattern,
        "url": tokenizer.url_match.__self__.pattern,
        "token_match": tokenizer.token_match.__self__.pattern if tokenizer.token_match else None,
        "faster_heuristics": bool(tokenizer.faster_heuristics),
        "specials": specials,
        "norms": norms,
        "sentence_ends": sorted(Sentencizer.default_punct_chars),
    }


def main() -> int:
    PATH.write_text(json.dumps(rules(), ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
