"""The trained sentence classifier: a spaCy ``textcat_multilabel`` component
(bag of words and word pairs) that scores each sentence for the fourteen
categories, with a probability threshold per category chosen for precision.

The model ships in the package (``policylint/models/textcat``: the
component's ``cfg`` and ``model`` weights as spaCy writes them, and
``classifier.json`` with the thresholds and how it was trained);
``benchmarks/train_classifier.py`` makes it with spaCy. A check reads and
runs it without spaCy (policylint/model/bow.py). ``$POLICYLINT_TEXTCAT`` points at another model folder (cross-validation
uses it to check each held-out organisation with the model of its fold).
Nothing is downloaded; the model is loaded on first use.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policylint.model import META, model_dir
from policylint.model.sentences import Sentence

if TYPE_CHECKING:  # spaCy is imported only to train
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: sentences scored at once (bounds the memory of one call)
CHUNK = 2048

#: The classifier's architecture (spaCy registry names), used to train and to load.
ARCHITECTURE = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,
}


def blank_component(labels: Iterable[str] = (), architecture: dict | None = None) -> tuple[Language, object]:
    """A blank English pipeline with an untrained classifier (for training and
    loading; ``architecture`` defaults to ``ARCHITECTURE``)."""
    import spacy

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": architecture or ARCHITECTURE})
    for label in labels:
        textcat.add_label(label)
    return nlp, textcat


def as_input(vocab, tokens: Span | Doc | Sentence) -> Doc:
    """What the classifier reads: the sentence's tokens, normalised (lower
    case, one kind of quote), as a spaCy Doc of its own (to train it; a
    check gives ``BagOfWords.predict`` the same words without spaCy)."""
    from spacy.tokens import Doc

    if isinstance(tokens, Sentence):
        return Doc(vocab, words=list(tokens.norms), spaces=list(tokens.spaces))
    return Doc(vocab, words=[t.norm_ for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])


@dataclass(frozen=True)
class Hit:
    index: int  #: which of the sentences given
    category: str
    score: float


class Classifier:
    def __init__(self, folder: Path):
        from policylint.model.bow import BagOfWords

        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        self.meta = meta
        #: category -> probability threshold (categories with none are never reported)
        self.thresholds: dict[str, float] = {c: t for c, t in meta["thresholds"].items() if t is not None}
        self.model = BagOfWords.from_disk(folder, meta.get("architecture") or ARCHITECTURE)
        self.labels: list[str] = self.model.labels

    def predict(self, spans: list[Span | Doc | Sentence], columns: list[int] | None = None) -> list[list[float]]:
        """Each sentence's probability per category (rows: sentences; columns:
        ``labels``, or only those at the indexes ``columns``)."""
        words = [span.norms if isinstance(span, Sentence) else [t.norm_ for t in span] for span in spans]
        return [row for start in range(0, len(words), CHUNK)
                for row in self.model.predict(words[start : start + CHUNK], columns)]

    def scores(self, spans: list[Span | Doc | Sentence]) -> list[dict[str, float]]:
        """Each sentence's probability per category."""
        return [dict(zip(self.labels, row)) for row in self.predict(spans)]

    def hits(self, spans: list[Span | Doc | Sentence], categories: Iterable[str] | None = None) -> list[Hit]:
        """The sentences whose score passes a category's threshold: the best
        such category for each (one finding per sentence)."""
        wanted = set(categories) if categories is not None else None
        columns = [(self.labels.index(c), c, t) for c, t in self.thresholds.items()
                   if c in self.labels and (wanted is None or c in wanted)]
        if not columns or not spans:
            return []
        found = []
        for index, row in enumerate(self.predict(spans, [column for column, _, _ in columns])):
            passing = [(score / t, c, score) for score, (_, c, t) in zip(row, columns) if score >= t]
            if passing:
                _, category, score = max(passing)
                found.append(Hit(index, category, score))
        return found


@functools.lru_cache(maxsize=4)
def load(folder: str | None = None) -> Classifier | None:
    """The classifier in ``folder`` (default: ``model_dir()``), or None when there is none."""
    path = Path(folder) if folder else model_dir()
    if not (path / META).is_file():
        return None
    return Classifier(path)
