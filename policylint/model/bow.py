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

A few sentences are scored in plain Python, so that a short check does not
import numpy either; larger batches with numpy. Both add the same numbers in
the same order, in double precision, so they give the same probabilities.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

from policylint.exitcodes import ModelError
from policylint.model.hashing import bucket_pair, buckets, ngram_key, ngram_keys, word_id

#: the architectures this module reads (the others need spaCy: retrain with benchmarks/train_classifier.py)
ARCHITECTURES = ("spacy.TextCatBOW.v3",)
#: spaCy's id of the ``ORTH`` attribute (the features are the words as written)
ORTH = 65
#: word ids kept between calls (a document's vocabulary is a few thousand words)
MEMO = 200_000
#: batches of up to this many words are scored in plain Python (numpy pays off above it)
SMALL = 300


class BagOfWords:
    """The weights of one classifier and what they are applied to."""

    def __init__(self, labels: list[str], weights: bytes, bias: Sequence[float], length: int, ngram_size: int,
                 exclusive: bool = False, output_layer: bool = True):
        self.labels = labels
        self.weights = array("f", weights)  #: (categories × length) float32, a category's row after another
        if sys.byteorder != "little":
            self.weights.byteswap()
        if len(self.weights) != len(labels) * length:
            raise ValueError(f"{len(self.weights)} weights for {len(labels)} labels of {length}")
        self.bias = [float(b) for b in bias]
        self.length = length
        self.ngram_size = ngram_size
        self.exclusive = exclusive
        self.output_layer = output_layer
        self._ids: dict[str, int] = {}
        self._table = None  # the weights as a numpy array, made on first use

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
            linear, ngrams = nodes["sparse_linear"], nodes["extract_ngrams"]
            if ngrams["attrs"].get("attr") != ORTH or linear["attrs"].get("v1_indexing"):
                raise ValueError("features other than the words' ORTH, or SparseLinear.v1 indexing")
            weights, bias = linear["params"]["W"], linear["params"]["b"]
            if weights.dtype != "<f4" or bias.dtype != "<f4":
                raise ValueError(f"weights of type {weights.dtype}, not little-endian float32")
            if len(labels) != linear["dims"]["nO"]:
                raise ValueError(f"{len(labels)} labels for {linear['dims']['nO']} outputs")
            return cls(list(labels), weights.data, array("f", bias.data), linear["dims"]["length"],
                       int(ngrams["attrs"]["ngram_size"]), exclusive=bool(architecture.get("exclusive_classes")),
                       output_layer=not architecture.get("no_output_layer"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"{folder}: cannot read the classifier's weights ({exc})") from None

    def predict(self, sentences: Sequence[Sequence[str]], columns: Sequence[int] | None = None) -> list[list[float]]:
        """Each sentence's (a sequence of words) probability per category, in
        the order of ``labels`` (float32 values); with ``columns`` (indexes
        in ``labels``), of those categories only."""
        every = list(range(len(self.labels)))
        chosen = every if columns is None else list(columns)
        summed = every if self.exclusive else chosen  # a softmax needs every category's sum
        words = sum(len(sentence) for sentence in sentences)
        rows = [self._activate(row) for row in
                (self._sums_small if words <= SMALL else self._sums_numpy)(sentences, summed)]
        return rows if summed is chosen else [[row[c] for c in chosen] for row in rows]

    # -- the sums of weights, two ways ---------------------------------------

    def _sums_small(self, sentences: Sequence[Sequence[str]], columns: list[int]) -> list[list[float]]:
        weights, length, rows = self.weights, self.length, []
        for sentence in sentences:
            ids = self._word_ids(sentence)
            keys = ids + [ngram_key(ids[i : i + n]) for n in range(2, self.ngram_size + 1)
                          for i in range(len(ids) - n + 1)]
            pairs = [bucket_pair(key, length) for key in keys]
            row = []
            for category in columns:
                base, total = category * length, 0.0
                for first, second in pairs:
                    total += weights[base + first] + weights[base + second]
                row.append(total + self.bias[category])
            rows.append(row)
        return rows

    def _sums_numpy(self, sentences: Sequence[Sequence[str]], columns: list[int]) -> list[list[float]]:
        """As ``_sums_small`` for many sentences at once: each sentence's words,
        then its n-grams, added in that order (``numpy.bincount``)."""
        import numpy

        if self._table is None:
            self._table = numpy.frombuffer(self.weights, dtype=numpy.float32).reshape(len(self.labels), self.length)
        lengths = numpy.fromiter((len(sentence) for sentence in sentences), dtype=numpy.intp, count=len(sentences))
        ids = numpy.array(self._word_ids([word for sentence in sentences for word in sentence]), dtype=numpy.uint64)
        owner = numpy.repeat(numpy.arange(len(sentences)), lengths)  # the sentence of each word
        keys, owners = [ids], [owner]
        for n in range(2, min(self.ngram_size, len(ids)) + 1):
            starts = len(ids) - n + 1  # the n-grams that start at each word and stay inside its sentence
            inside = owner[:starts] == owner[n - 1:]
            keys.append(ngram_keys([ids[i : starts + i][inside] for i in range(n)]))
            owners.append(owner[:starts][inside])
        keys_, owner = numpy.concatenate(keys), numpy.concatenate(owners)  # per sentence: words, then n-grams
        table = self._table[columns]
        picked = table[:, buckets(keys_, 0, self.length)].astype(numpy.float64) \
            + table[:, buckets(keys_, 1, self.length)]
        sums = numpy.stack([numpy.bincount(owner, weights=row, minlength=len(sentences)) for row in picked], axis=1)
        return (sums.reshape(len(sentences), len(columns)) + numpy.array([self.bias[c] for c in columns])).tolist()

    def _activate(self, sums: list[float]) -> list[float]:
        """thinc's output layer on one sentence's float32 sums: a sigmoid
        (inputs clipped to ±20) or a softmax; in double precision, rounded to float32."""
        sums = array("f", sums).tolist()
        if not self.output_layer:
            return sums
        if self.exclusive:
            top = max(sums)
            exp = [math.exp(value - top) for value in sums]
            total = math.fsum(exp)
            return array("f", [value / total for value in exp]).tolist()
        return array("f", [1.0 / (1.0 + math.exp(-min(max(value, -20.0), 20.0))) for value in sums]).tolist()

    def _word_ids(self, words: Sequence[str]) -> list[int]:
        """The words' ids (spaCy's ``ORTH``), each word hashed once."""
        known = self._ids
        ids = [known.get(word) for word in words]
        if None in ids:
            if len(known) >= MEMO:
                known.clear()
            for i, word in enumerate(words):
                if ids[i] is None:
                    found = known.get(word)
                    ids[i] = found if found is not None else known.setdefault(word, word_id(word))
        return ids


def _read_thinc(data: bytes) -> dict[str, dict]:
    """A thinc model's msgpack serialisation (``Model.to_bytes``) as
    {node name: {"dims", "attrs", "params"}}, arrays as ``Packed``."""
    import msgpack

    message = msgpack.unpackb(data, raw=False, object_hook=_packed)
    nodes = {}
    for node, attrs, params in zip(message["nodes"], message["attrs"], message["params"]):
        nodes[node["name"]] = {"dims": node["dims"], "params": params,
                               "attrs": {key: msgpack.unpackb(value, raw=False) for key, value in attrs.items()}}
    return nodes


class Packed:
    """An array as msgpack-numpy encodes it (srsly writes thinc's weights so):
    its dtype (e.g. ``<f4``), shape and bytes, read without numpy."""

    def __init__(self, dtype: str, shape: list[int], data: bytes):
        self.dtype, self.shape, self.data = dtype, shape, data


def _packed(obj: dict):
    if obj.get(b"nd") is True:
        return Packed(obj[b"type"], obj[b"shape"], obj[b"data"])
    return obj
