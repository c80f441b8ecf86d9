"""The hashes spaCy and thinc give a bag-of-words classifier's features,
computed without them (policylint/model/bow.py uses them):

- a word's id is its id in a spaCy string store: a reserved symbol's number
  (policylint/model/symbols.py), else MurmurHash64A of its UTF-8 bytes with
  seed 1 (``spacy.strings.hash_utf8``);
- an n-gram's key is MurmurHash64A, seed 0, of its words' ids as n
  little-endian 64-bit numbers (thinc's ``NumpyOps.ngrams``);
- a key picks two rows of the weight table: MurmurHash3_x86_32 of the key's
  8 bytes with seeds 0 and 1, modulo the table's length (thinc's
  ``SparseLinear``).

The word hash runs in Python (callers keep each word's id); the others run
on numpy arrays of keys at once.
"""

from __future__ import annotations

import struct

import numpy

from policylint.model.symbols import IDS

_M = 0xC6A4A7935BD1E995
_MASK = 0xFFFFFFFFFFFFFFFF
_M64 = numpy.uint64(_M)
_R64 = numpy.uint64(47)


def murmurhash64a(data: bytes, seed: int) -> int:
    """MurmurHash64A (MurmurHash2, 64 bits) of ``data``, as spaCy's ``hash64``."""
    h = (seed ^ (len(data) * _M)) & _MASK
    body = len(data) - len(data) % 8
    for (k,) in struct.iter_unpack("<Q", data[:body]):
        k = (k * _M) & _MASK
        k ^= k >> 47
        h ^= (k * _M) & _MASK
        h = (h * _M) & _MASK
    if body < len(data):
        h ^= int.from_bytes(data[body:], "little")
        h = (h * _M) & _MASK
    h ^= h >> 47
    h = (h * _M) & _MASK
    return h ^ (h >> 47)


def word_id(word: str) -> int:
    """The id a spaCy string store gives ``word`` (its ``ORTH``)."""
    if not word:
        return 0
    symbol = IDS.get(word)
    return symbol if symbol is not None else murmurhash64a(word.encode("utf-8"), 1)


def ngram_keys(columns: list[numpy.ndarray]) -> numpy.ndarray:
    """The keys of n-grams whose i-th words' ids are ``columns[i]`` (uint64
    arrays of one length): MurmurHash64A, seed 0, of the 8·n bytes."""
    with numpy.errstate(over="ignore"):
        h = numpy.full(len(columns[0]), (len(columns) * 8 * _M) & _MASK, dtype=numpy.uint64)
        for column in columns:
            k = column * _M64
            k ^= k >> _R64
            k *= _M64
            h ^= k
            h *= _M64
        h ^= h >> _R64
        h *= _M64
        h ^= h >> _R64
    return h


_C1, _C2 = numpy.uint32(0xCC9E2D51), numpy.uint32(0x1B873593)


def _rotl(x: numpy.ndarray, r: int) -> numpy.ndarray:
    return (x << numpy.uint32(r)) | (x >> numpy.uint32(32 - r))


def buckets(keys: numpy.ndarray, seed: int, length: int) -> numpy.ndarray:
    """MurmurHash3_x86_32 of each uint64 key's 8 bytes with ``seed``, modulo
    ``length``: the weight rows thinc's ``SparseLinear`` reads for the key."""
    with numpy.errstate(over="ignore"):
        h = numpy.full(len(keys), seed, dtype=numpy.uint32)
        for half in ((keys & numpy.uint64(0xFFFFFFFF)).astype(numpy.uint32),
                     (keys >> numpy.uint64(32)).astype(numpy.uint32)):
            k = _rotl(half * _C1, 15) * _C2
            h ^= k
            h = _rotl(h, 13) * numpy.uint32(5) + numpy.uint32(0xE6546B64)
        h ^= numpy.uint32(8)
        h ^= h >> numpy.uint32(16)
        h *= numpy.uint32(0x85EBCA6B)
        h ^= h >> numpy.uint32(13)
        h *= numpy.uint32(0xC2B2AE35)
        h ^= h >> numpy.uint32(16)
    return (h % numpy.uint32(length)).astype(numpy.intp)
