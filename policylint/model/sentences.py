"""The sentences the classifier reads, exactly as the engine splits them.

The engine tokenizes each block (or piece of a very long block) with the
fast pipeline and splits it with the rule-based sentencizer; the classifier
scores those same sentences, so training (``benchmarks/train_classifier.py``)
and checking see the same units.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from policylint.document import Block, Document

#: Sentences with fewer words than this are not scored (headings, labels, numbers).
MIN_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    block: int  #: index of the block in the document
    start: int  #: offsets of the sentence in the block's text
    end: int
    span: Span  #: the sentence's tokens in the fast pipeline's Doc

    @property
    def text(self) -> str:
        return self.span.text


def sentences(pieces: Iterable[tuple[int, Block, int, str, Doc]]) -> Iterator[Sentence]:
    """The scoreable sentences of (block index, block, offset, text, fast Doc)
    pieces, the tuples the engine scans. Short sentences (headings, labels,
    numbers) are left out; long headings are not (some documents style whole
    paragraphs as headings)."""
    for number, _block, offset, _text, doc in pieces:
        for sent in doc.sents:
            if sum(1 for token in sent if token.is_alpha) < MIN_WORDS:
                continue
            # trim white space at either end (the sentencizer keeps it)
            tokens = [t for t in sent if not t.is_space]
            span = doc[tokens[0].i : tokens[-1].i + 1]
            yield Sentence(number, span.start_char + offset, span.end_char + offset, span)


def document_pieces(document: Document) -> list[tuple[int, Block, int, str, Doc]]:
    """The engine's pieces of a document, tokenized by the fast pipeline
    (for training and evaluation; the engine makes its own)."""
    from policylint import nlp as pipelines
    from policylint.engine import _PLAIN_SPACE, _pieces

    pieces = [(number, block, offset, text.translate(_PLAIN_SPACE))
              for number, block in enumerate(document.blocks) for offset, text in _pieces(block.text)]
    docs = pipelines.fast_pipeline().pipe((text for *_, text in pieces), batch_size=256)
    return [(number, block, offset, text, doc) for (number, block, offset, text), doc in zip(pieces, docs)]
