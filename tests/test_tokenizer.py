"""policylint's own tokenizer (policylint/tokenizer) against spaCy's English
tokenizer and sentencizer: the same tokens, offsets, norms, spaces and
sentence starts, on the bundled samples, the rule examples, the sentence
corpus and (when ../shared is beside the repository) the real documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policylint import nlp
from policylint.extract import document_from_bytes
from policylint.tokenizer import tokenizer
from policylint.tokenizer.export import PATH, rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

#: edge cases of white space and special cases
EDGES = ["", " ", "  ", " a", "a ", "a  ", "\n", "a\n", " \n a  b \t", "don't  go", "Mr. Smith's car, U.S.A.",
         "9am-5pm e-mail", "gonna ’s Dont", ":) ok :-) (a) ...", "“Quoted” – dash — ‘single’", "a.m. p.m. e.g. i.e.",
         "US$ 5 £10 ¥", "x@y.com http://a.b/c?d=1 www.example.org", "Co-op's ca n't can't", "1,000.50 1/2 3rd"]


def _same(texts: list[str]) -> None:
    ours = tokenizer()
    fast = nlp.fast_pipeline()
    for text, doc in zip(texts, fast.pipe(texts)):
        mine = ours(text)
        expected = [(t.text, t.norm_, bool(t.whitespace_), t.idx) for t in doc]
        assert list(zip(mine.words, mine.norms, mine.spaces, mine.starts)) == expected, text[:200]
        assert [start for start, _ in mine.sentences] == [s.start for s in doc.sents], text[:200]
        for name in ("IS_PUNCT", "LIKE_NUM", "IS_TITLE", "IS_ALPHA"):
            assert mine.classes(name) == [getattr(t, name.lower()) for t in doc], (name, text[:200])


def _blocks(paths) -> list[str]:
    from policylint.engine import _PLAIN_SPACE

    texts = []
    for path in paths:
        document = document_from_bytes(path.read_bytes(), str(path), suffix=path.suffix.lower())
        texts.extend(block.text.translate(_PLAIN_SPACE) for block in document.blocks)
    return texts


def test_rules_file_is_spacys_current_rules():
    assert json.loads(PATH.read_text(encoding="utf-8")) == json.loads(json.dumps(rules())), \
        "run python -m policylint.tokenizer.export"


def test_edge_cases():
    _same(EDGES)


def test_samples():
    samples = ROOT / "corpora" / "samples"
    _same(_blocks(sorted(p for p in samples.iterdir() if p.suffix in (".docx", ".pdf"))))


def test_rule_examples_and_sentence_corpus(ruleset):
    texts = [e if isinstance(e, str) else e.text for rule in ruleset for e in [*rule.examples.flag, *rule.examples.ok]]
    corpus = ROOT / "corpora" / "sentences"
    for path in sorted(corpus.rglob("*.yaml")):
        texts.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    _same(texts)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the repository")
def test_real_documents():
    paths = sorted(p for p in SHARED.rglob("*") if p.is_file() and p.suffix.lower() in (".docx", ".pdf", ".md", ".txt"))
    _same(_blocks(paths))


def test_words_of_letters_are_single_tokens_as_in_spacy(ruleset):
    """The tokenizer takes a word of letters alone as one token without trying
    the affix rules: true of every such word in the rule examples and the
    sentence corpus, and of letters beyond English (checked against spaCy itself)."""
    import re

    texts = [e if isinstance(e, str) else e.text for rule in ruleset for e in [*rule.examples.flag, *rule.examples.ok]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "sentences").rglob("*.yaml"))]
    words = sorted({w for text in texts for w in re.findall(r"\w+", text) if w.isalpha()})
    assert len(words) > 2000
    words += ["naïve", "Übermensch", "straße", "İstanbul", "café", "Ωmega", "фонд", "日本語", "ǅemal", "ﬁnance"]
    _same([" ".join(words[i : i + 200]) for i in range(0, len(words), 200)])
