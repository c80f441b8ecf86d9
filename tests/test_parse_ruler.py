"""The attribute ruler's faster match step (policylint/engine/stage2/ruler.py)
finds exactly spaCy's matches, in the same order, on parsed sentences of the
samples and (when ../shared is beside the repository) of real documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from policylint import nlp
from policylint.engine import tokenized_pieces
from policylint.engine.stage2.ruler import RulerMatcher
from policylint.extract import read_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "real-dev" / "raw"


def _parsed_before_ruler(trained, paths, limit=4000):
    from spacy.tokens import Doc

    sentences = []
    for path in paths:
        for _, _, _, tokens in tokenized_pieces(read_document(path)):
            sentences.extend((tokens.words[s:e], tokens.spaces[s:e]) for s, e in tokens.sentences)
    docs = (Doc(trained.vocab, words=w, spaces=s) for w, s in sentences[:limit])
    for name, component in trained.pipeline:
        if name not in ("attribute_ruler", "lemmatizer", "ner"):
            docs = component.pipe(docs, batch_size=128)
    return list(docs)


def _compare(paths):
    trained = nlp.trained_pipeline(None)
    if trained is None:
        pytest.skip("no trained spaCy pipeline is installed")
    ruler = trained.get_pipe("attribute_ruler")
    fast = RulerMatcher(ruler)
    docs = _parsed_before_ruler(trained, paths)
    assert len(docs) > 100
    for doc in docs:
        assert fast.match(doc) == type(ruler).match(ruler, doc), doc.text


def test_installed_on_the_pipeline():
    trained = nlp.trained_pipeline(None)
    if trained is None:
        pytest.skip("no trained spaCy pipeline is installed")
    assert "match" in vars(trained.get_pipe("attribute_ruler"))


def test_same_matches_on_samples():
    _compare(sorted((ROOT / "corpora" / "samples").glob("*.docx")))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the repository")
def test_same_matches_on_real_documents():
    _compare(sorted(p for p in SHARED.rglob("*") if p.suffix.lower() in (".docx", ".md")))
