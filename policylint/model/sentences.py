"""The sentences the classifier reads, exactly as the engine splits them.

The engine tokenizes each block (or piece of a very long block) and splits
it into sentences (policylint/tokenizer); the classifier
scores those same sentences, so training (``benchmarks/train_classifier.py``)
and checking see the same units.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from policylint.document import Block, Document
from policylint.tokenizer import Tokens

#: Sentences with fewer words than this are not scored (headings, labels, numbers).
MIN_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    block: int  #: index of the block in the document
    start: int  #: offsets of the sentence in the block's text
    end: int
    text: str
    norms: tuple[str, ...]  #: the tokens' norms and trailing spaces: what the classifier reads
    spaces: tuple[bool, ...]
    lower: tuple[str, ...] = ()  #: the tokens in lower case (for concepts)


def sentences(pieces: Iterable[tuple[int, Block, int, Tokens]]) -> Iterator[Sentence]:
    """The scoreable sentences of (block index, block, offset, tokens) pieces,
    the tuples the engine scans. Short sentences (headings, labels, numbers)
    are left out; long headings are not (some documents style whole
    paragraphs as headings)."""
    for number, _block, offset, tokens in pieces:
        alpha, space = tokens.classes("IS_ALPHA"), tokens.classes("IS_SPACE")
        for first, last in tokens.sentences:
            if sum(alpha[first:last]) < MIN_WORDS:
                continue
            # trim white space at either end (the sentencizer keeps it)
            kept = [i for i in range(first, last) if not space[i]]
            a, b = kept[0], kept[-1] + 1
            start, end = tokens.span_chars(a, b)
            yield Sentence(number, start + offset, end + offset, tokens.text[start:end],
                           tuple(tokens.norms[a:b]), tuple(tokens.spaces[a:b]), tuple(tokens.lower[a:b]))


def document_pieces(document: Document) -> list[tuple[int, Block, int, Tokens]]:
    """The engine's pieces of a document, tokenized (for training and
    evaluation; the engine makes its own)."""
    from policylint.engine import tokenized_pieces

    return list(tokenized_pieces(document))
