"""A spaCy bag-of-words text classifier (``spacy.TextCatBOW.v3``, as
``textcat`` or ``textcat_multilabel``) read from the files spaCy writes and
run without spaCy or thinc: a check need not import them (about a second)
nor build a spaCy ``Doc`` per sentence.

What spaCy computes, and so this module: the features of a sentence are the
ids of its words (``ORTH``) and the keys of its n-grams up to ``ngram_size``
(policylint/model/hashing.py); each feature adds, per category, two rows of
the weight table (picked by hashing its key) times the number of times it
occurs; the sum plus the bias goes through a sigmoid (several categories at
once) or a softmax (exclusive categories). tests/test_textcat.py checks the
probabilities against spaCy's own to float32 rounding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy

from policylint.exitcodes import ModelError
from policylint.model.hashing import buckets, ngram_keys, word_id

#: the architectures this module reads (the others need spaCy: retrain with benchmarks/train_classifier.py)
ARCHITECTURES = ("spacy.TextCatBOW.v3",)
#: spaCy's id of the ``ORTH`` attribute (the features are the words as written)
ORTH = 65
#: word ids kept between calls (a document's vocabulary is a few thousand words)
MEMO = 200_000


class BagOfWords:
    """The weights of one classifier and what they are applied to."""

    def __init__(self, labels: list[str], weights: numpy.ndarray, bias: numpy.ndarray, ngram_size: int,
                 exclusive: bool = False, output_layer: bool = True):
        self.labels = labels
        self.weights = weights  #: (categories, length) float32
        self.bias = bias  #: (categories,) float32
        self.ngram_size = ngram_size
        self.exclusive = exclusive
        self.output_layer = output_layer
        self._ids: dict[str, int] = {}

    @classmethod
    def from_disk(cls, folder: Path, architecture: dict) -> BagOfWords:
        """The classifier spaCy saved in ``folder`` (its ``cfg`` and ``model``
        files); ``architecture`` is the model config it was trained with."""
        name = architecture.get("@architectures")
        if name not in ARCHITECTURES:
            raise ModelError(f"{folder}: the classifier's architecture {name!r} is not one policylint reads "
                             f"({', '.join(ARCHITECTURES)}); retrain it with benchmarks/train_classifier.py")
        try:
            labels = json.loads((folder / "cfg").read_text(encoding="utf-8"))["labels"]
            nodes = _read_thinc((folder / "model").read_bytes())
            linear = nodes["sparse_linear"]
            ngrams = nodes["extract_ngrams"]
            weights, bias = linear["params"]["W"], linear["params"]["b"]
            length, width = linear["dims"]["length"], linear["dims"]["nO"]
            if ngrams["attrs"].get("attr") != ORTH or linear["attrs"].get("v1_indexing"):
                raise ValueError("features other than the words' ORTH with v2 indexing")
            weights = weights.reshape(width, length)
            if bias.shape != (width,) or len(labels) != width:
                raise ValueError(f"{len(labels)} labels for {width} outputs")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{folder}: cannot read the classifier's weights ({exc})") from None
        return cls(list(labels), weights, bias, int(ngrams["attrs"]["ngram_size"]),
                   exclusive=bool(architecture.get("exclusive_classes")),
                   output_layer=not architecture.get("no_output_layer"))

    def predict(self, sentences: Sequence[Sequence[str]]) -> numpy.ndarray:
        """Each sentence's (a sequence of words) probability per category:
        rows are sentences, columns ``labels`` (float32)."""
        rows = numpy.arange(len(sentences))
        lengths = numpy.fromiter((len(words) for words in sentences), dtype=numpy.intp, count=len(sentences))
        ids = numpy.fromiter((self._id(word) for words in sentences for word in words), dtype=numpy.uint64,
                             count=int(lengths.sum()))
        owner = numpy.repeat(rows, lengths)  # the sentence of each word
        keys, owners = [ids], [owner]
        for n in range(2, min(self.ngram_size, len(ids)) + 1):
            # the n-grams that start at each word and stay inside its sentence
            starts = len(ids) - n + 1
            inside = owner[:starts] == owner[n - 1:]
            keys.append(ngram_keys([ids[i : starts + i][inside] for i in range(n)]))
            owners.append(owner[:starts][inside])
        keys_, owner = numpy.concatenate(keys), numpy.concatenate(owners)
        length = self.weights.shape[1]
        picked = self.weights[:, buckets(keys_, 0, length)] + self.weights[:, buckets(keys_, 1, length)]
        scores = numpy.stack([numpy.bincount(owner, weights=column, minlength=len(sentences)) for column in picked],
                             axis=1).reshape(len(sentences), len(self.labels))
        return self._activate((scores + self.bias).astype(numpy.float32))

    def _activate(self, scores: numpy.ndarray) -> numpy.ndarray:
        """thinc's output layer: a sigmoid (inputs clipped to ±20) or a softmax."""
        if not self.output_layer:
            return scores
        if self.exclusive:
            exp = numpy.exp(scores - scores.max(axis=1, keepdims=True))
            return exp / exp.sum(axis=1, keepdims=True)
        return numpy.float32(1.0) / (numpy.float32(1.0) + numpy.exp(-numpy.clip(scores, -20.0, 20.0)))

    def _id(self, word: str) -> int:
        found = self._ids.get(word)
        if found is None:
            if len(self._ids) >= MEMO:
                self._ids.clear()
            found = self._ids[word] = word_id(word)
        return found


def _read_thinc(data: bytes) -> dict[str, dict]:
    """A thinc model's msgpack serialisation (``Model.to_bytes``) as
    {node name: {"dims", "attrs", "params"}}, arrays as numpy arrays."""
    import msgpack

    message = msgpack.unpackb(data, raw=False, object_hook=_array)
    nodes = {}
    for node, attrs, params in zip(message["nodes"], message["attrs"], message["params"]):
        nodes[node["name"]] = {"dims": node["dims"], "params": params,
                               "attrs": {key: msgpack.unpackb(value, raw=False) for key, value in attrs.items()}}
    return nodes


def _array(obj: dict):
    """msgpack-numpy's encoding of an array (as srsly writes it) decoded."""
    if obj.get(b"nd") is True:
        return numpy.frombuffer(obj[b"data"], dtype=numpy.dtype(obj[b"type"])).reshape(obj[b"shape"])
    return obj
