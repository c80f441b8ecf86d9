"""The classifier run without spaCy (policylint/model/bow.py, hashing.py,
symbols.py) against spaCy's own ``textcat`` predict: the same word ids and
n-gram keys, the same probabilities (to float32 rounding) and the same hits,
on the rule examples, the sentence corpus, the bundled samples and, when
../shared is beside the repository, every sentence of the real documents;
and on small models of other shapes trained here. A check imports neither
spaCy nor thinc to classify."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

from benchmarks.corpus import load_corpus
from policylint.document import Block, BlockKind, Document, Location
from policylint.exitcodes import ModelError
from policylint.extract import read_document
from policylint.model import META, model_dir
from policylint.model.bow import BagOfWords
from policylint.model.classifier import Classifier, blank_component, load
from policylint.model.hashing import ngram_keys, word_id
from policylint.model.sentences import document_pieces, sentences

spacy = pytest.importorskip("spacy", reason="spaCy (a dependency of policylint) is needed to compare with")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
SHARED = ROOT.parent / "shared" / "corpus"
_FORMATS = (".docx", ".pdf", ".md", ".txt")
#: the largest difference allowed between our probabilities and spaCy's (float32 sums in another order)
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def reference():
    """spaCy's textcat with the packaged weights, and its vocabulary."""
    folder = model_dir()
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    nlp, textcat = blank_component(architecture=meta["architecture"])
    textcat.from_disk(folder, exclude=["vocab"])
    return nlp.vocab, textcat


def _spacy_predict(vocab, textcat, word_lists) -> numpy.ndarray:
    from spacy.tokens import Doc

    rows = [textcat.predict([Doc(vocab, words=list(words)) for words in word_lists[start : start + 512]])
            for start in range(0, len(word_lists), 512)]
    return numpy.concatenate(rows)


def _document(texts: list[str]) -> Document:
    blocks = tuple(Block(text=text, kind=BlockKind.PARAGRAPH, location=Location(paragraph=number))
                   for number, text in enumerate(texts, start=1))
    return Document(path="<texts>", format="text", sha256="", blocks=blocks)


def _compare(documents: list[Document], reference) -> int:
    """Our scores against spaCy's on every sentence of ``documents`` (those the
    classifier reads, and every other sentence and whole piece as words), and
    the same hits; returns how many word sequences were compared."""
    vocab, textcat = reference
    classifier = load()
    scored, words = [], []
    for document in documents:
        pieces = document_pieces(document)
        scored += sentences(pieces)
        for _, _, _, tokens in pieces:
            words += [tokens.norms[first:last] for first, last in tokens.sentences if last > first]
            if tokens.norms:
                words.append(tokens.norms)
    words += [sentence.norms for sentence in scored]
    ours, theirs = numpy.array(classifier.model.predict(words)), _spacy_predict(vocab, textcat, words)
    assert ours.shape == theirs.shape == (len(words), len(classifier.labels))
    worst = int(numpy.abs(ours - theirs).max(axis=1).argmax())
    assert abs(ours[worst] - theirs[worst]).max() <= TOLERANCE, words[worst]
    # the hits: the same sentences over the same thresholds, the same categories and scores
    theirs_scored = theirs[len(words) - len(scored):]
    mine = classifier.hits(scored)
    expected = [(i, c) for i, row in enumerate(theirs_scored) for c, t in classifier.thresholds.items()
                if row[classifier.labels.index(c)] >= t]
    assert {(hit.index, hit.category) for hit in mine} <= set(expected)
    assert {hit.index for hit in mine} == {i for i, _ in expected}
    for hit in mine:
        assert abs(hit.score - theirs_scored[hit.index][classifier.labels.index(hit.category)]) <= TOLERANCE
    return len(words)


def test_reserved_symbols_are_spacys():
    from spacy.strings import SYMBOLS_BY_INT

    from policylint.model.symbols import NAMES

    assert [""] + NAMES == list(SYMBOLS_BY_INT)


def test_word_ids_and_ngram_keys_are_spacys(reference):
    from thinc.api import NumpyOps

    vocab, _ = reference
    words = ["number", "root", "mark", "a", "naïve", "’s", "x" * 17, "abcdefgh", "abcdefghi", "PERSON", " ", "\n",
             "🙂", "employees", "parental-leave"]
    assert [word_id(word) for word in words] == [vocab.strings[word] for word in words]
    assert word_id("") == 0
    ids = numpy.array([word_id(word) for word in words], dtype=numpy.uint64)
    for n in (2, 3):
        expected = NumpyOps().ngrams(n, ids)
        assert (ngram_keys([ids[i : len(ids) - n + 1 + i] for i in range(n)]) == expected).all()


def test_same_scores_on_examples_corpus_and_samples(ruleset, reference):
    texts = [e.text for rule in ruleset for e in rule.examples.flag_examples()]
    texts += [text for rule in ruleset for text in rule.examples.ok]
    texts += [entry.item.text for entry in load_corpus()]
    assert len(texts) > 1000
    documents = [_document(texts)] + [read_document(p) for p in sorted(SAMPLES.iterdir()) if p.suffix in _FORMATS]
    assert _compare(documents, reference) > 3000


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus (the real documents) is not beside the repository")
def test_same_scores_on_real_documents(reference):
    paths = sorted(p for p in SHARED.rglob("*") if p.is_file() and p.suffix.lower() in _FORMATS
                   and p.name != "README.md")
    assert len(paths) >= 10
    assert _compare([read_document(path) for path in paths], reference) > 10_000


def test_plain_python_and_numpy_add_up_the_same(ruleset):
    """Few words are scored in plain Python, many with numpy: the same sums, to the last bit."""
    model = load().model
    texts = [e.text for rule in ruleset for e in rule.examples.flag_examples()]
    texts += [entry.item.text for entry in load_corpus()]
    words = [tokens.norms for _, _, _, tokens in document_pieces(_document(texts))]
    assert len(words) > 1000
    every = list(range(len(model.labels)))
    assert model._sums_small(words, every) == model._sums_numpy(words, every)
    assert model._sums_small([[], ["a"]], every) == model._sums_numpy([[], ["a"]], every)
    some = [model.labels.index("family-status"), 0]
    assert model.predict(words, some) == [[row[c] for c in some] for row in model.predict(words)]


def test_predict_uses_both_ways(monkeypatch):
    from policylint.model import bow

    model = load().model
    sentence = "staff may take leave to care for a partner , child or parent .".split()
    expected = model.predict([sentence])
    monkeypatch.setattr(bow, "SMALL", 0)  # every batch through numpy
    assert model.predict([sentence]) == expected
    assert model.predict([sentence] * 40) == expected * 40


def test_sentence_without_words_scores_the_bias():
    model = load().model
    empty = model.predict([[]])
    assert len(empty) == 1 and len(empty[0]) == len(model.labels)
    assert numpy.allclose(empty[0], 1 / (1 + numpy.exp(-numpy.array(model.bias))), atol=1e-7)
    assert model.predict([]) == []


def _small_model(folder: Path, ruleset, component: str, architecture: dict):
    """A small classifier of ``architecture`` trained by spaCy on the rule
    examples (a made-up category per sentence) and saved in ``folder``."""
    from spacy.training import Example

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(component, config={"model": architecture})
    labels = ["one", "two", "three"]
    for label in labels:
        textcat.add_label(label)
    texts = [e.text for rule in ruleset for e in rule.examples.flag_examples()][:300]
    examples = [Example.from_dict(nlp.make_doc(text), {"cats": {label: float(len(text) % 3 == i)
                                                                for i, label in enumerate(labels)}})
                for text in texts]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    textcat.to_disk(folder, exclude=["vocab"])
    return textcat, [nlp.make_doc(text) for text in texts]


@pytest.mark.parametrize("component, shape", [
    ("textcat_multilabel", {"ngram_size": 1, "length": 1000}),
    ("textcat_multilabel", {"ngram_size": 3, "length": 2**12}),
    ("textcat_multilabel", {"ngram_size": 2, "length": 2**12, "no_output_layer": True}),
    ("textcat", {"ngram_size": 2, "length": 2**12, "exclusive_classes": True}),
])
def test_other_shapes_of_the_model(tmp_path, ruleset, component, shape):
    architecture = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
                    "no_output_layer": False, **shape}
    textcat, docs = _small_model(tmp_path, ruleset, component, architecture)
    ours = numpy.array(BagOfWords.from_disk(tmp_path, architecture).predict([[t.text for t in doc] for doc in docs]))
    theirs = textcat.predict(docs)
    assert ours.shape == theirs.shape and numpy.abs(ours - theirs).max() <= TOLERANCE
    model = BagOfWords.from_disk(tmp_path, architecture)
    assert model.predict([[t.text for t in docs[0]]], [2, 0]) == [[ours[0][2], ours[0][0]]]
    assert numpy.abs(theirs).max() > 0 and len({tuple(row) for row in theirs.round(3)}) > 10  # not a constant


def test_unreadable_models_are_clear_errors(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("cfg", META):
        (folder / name).write_bytes((model_dir() / name).read_bytes())
    (folder / "model").write_bytes((model_dir() / "model").read_bytes()[:1000])
    with pytest.raises(ModelError, match="cannot read the classifier"):
        Classifier(folder)
    (folder / "model").unlink()
    with pytest.raises(ModelError, match="cannot read the classifier"):
        Classifier(folder)
    architecture = {"@architectures": "spacy.TextCatEnsemble.v2"}
    with pytest.raises(ModelError, match="TextCatEnsemble.*retrain"):
        BagOfWords.from_disk(model_dir(), architecture)


def test_command_line_reports_a_damaged_model(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("cfg", META):
        (folder / name).write_bytes((model_dir() / name).read_bytes())
    (folder / "model").write_bytes(b"not a model")
    policy = tmp_path / "policy.txt"
    policy.write_text("Our office is closed on public holidays.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "policylint", "check", "--no-cache", str(policy)],
                          capture_output=True, text=True, cwd=ROOT, check=False,
                          env={**_environ(), "POLICYLINT_TEXTCAT": str(folder)})
    # one file: the model is loaded while checking it; several files with --jobs 2: before the workers
    # start; either way a setup error (exit 2) in one line naming the model
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert str(folder) in done.stderr and "cannot read the classifier" in done.stderr
    other = tmp_path / "other.txt"
    other.write_text("Staff may take unpaid leave to care for a relative.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "policylint", "check", "--no-cache", "--jobs", "2", str(policy),
                           str(other)], capture_output=True, text=True, cwd=ROOT, check=False,
                          env={**_environ(), "POLICYLINT_TEXTCAT": str(folder)})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and str(folder) in done.stderr and "cannot read the classifier" in done.stderr
    assert policy.read_text(encoding="utf-8") == "Our office is closed on public holidays.\n"


def test_classifying_imports_neither_spacy_nor_thinc():
    program = ("import sys\n"
               "from policylint.extract import read_document\n"
               "from policylint.model.classifier import load\n"
               "from policylint.model.sentences import document_pieces, sentences\n"
               f"found = list(sentences(document_pieces(read_document({str(SAMPLES / 'handbook.docx')!r}))))\n"
               "assert len(found) > 20 and len(load().scores(found)) == len(found)\n"
               "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT,
                          env=_environ(), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _environ() -> dict[str, str]:
    import os

    return {key: value for key, value in os.environ.items() if key != "POLICYLINT_TEXTCAT"}
