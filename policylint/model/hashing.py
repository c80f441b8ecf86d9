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

Each runs in Python on one word or key (callers keep each word's id) and,
but the word hash, on numpy arrays of keys at once; tests/test_textcat.py
checks them against spaCy, thinc and each other.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from policylint.model.symbols import IDS

if TYPE_CHECKING:  # numpy is imported for large batches only (a one-line check does without it)
    import numpy

_M = 0xC6A4A7935BD1E995
_MASK = 0xFFFFFFFFFFFFFFFF
_MASK32 = 0xFFFFFFFF


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


def ngram_key(ids: tuple[int, ...] | list[int]) -> int:
    """The key of the n-gram of words whose ids are ``ids``."""
    return murmurhash64a(struct.pack(f"<{len(ids)}Q", *ids), 0)


def bucket_pair(key: int, length: int) -> tuple[int, int]:
    """The two weight rows thinc's ``SparseLinear`` reads for ``key``:
    MurmurHash3_x86_32 of its 8 bytes with seeds 0 and 1, modulo ``length``."""
    return _murmur3_u64(key, 0) % length, _murmur3_u64(key, 1) % length


def _murmur3_u64(key: int, seed: int) -> int:
    h = seed
    for k in (key & _MASK32, key >> 32):
        k = (k * 0xCC9E2D51) & _MASK32
        k = ((k << 15) | (k >> 17)) & _MASK32
        h ^= (k * 0x1B873593) & _MASK32
        h = ((h << 13) | (h >> 19)) & _MASK32
        h = (h * 5 + 0xE6546B64) & _MASK32
    h ^= 8
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK32
    return h ^ (h >> 16)


def ngram_keys(columns: list[numpy.ndarray]) -> numpy.ndarray:
    """``ngram_key`` of many n-grams at once: ``columns[i]`` holds their
    i-th words' ids (uint64 arrays of one length)."""
    import numpy

    m, r = numpy.uint64(_M), numpy.uint64(47)
    with numpy.errstate(over="ignore"):
        h = numpy.full(len(columns[0]), (len(columns) * 8 * _M) & _MASK, dtype=numpy.uint64)
        for column in columns:
            k = column * m
            k ^= k >> r
            k *= m
            h ^= k
            h *= m
        h ^= h >> r
        h *= m
        h ^= h >> r
    return h


def buckets(keys: numpy.ndarray, seed: int, length: int) -> numpy.ndarray:
    """One of ``bucket_pair`` (seed 0 or 1) for many uint64 keys at once."""
    import numpy

    def rotl(x, r: int):
        return (x << numpy.uint32(r)) | (x >> numpy.uint32(32 - r))

    with numpy.errstate(over="ignore"):
        h = numpy.full(len(keys), seed, dtype=numpy.uint32)
        for half in ((keys & numpy.uint64(_MASK32)).astype(numpy.uint32), (keys >> numpy.uint64(32)).astype(numpy.uint32)):
            h ^= rotl(half * numpy.uint32(0xCC9E2D51), 15) * numpy.uint32(0x1B873593)
            h = rotl(h, 13) * numpy.uint32(5) + numpy.uint32(0xE6546B64)
        h ^= numpy.uint32(8)
        h ^= h >> numpy.uint32(16)
        h *= numpy.uint32(0x85EBCA6B)
        h ^= h >> numpy.uint32(13)
        h *= numpy.uint32(0xC2B2AE35)
        h ^= h >> numpy.uint32(16)
    return (h % numpy.uint32(length)).astype(numpy.intp)
