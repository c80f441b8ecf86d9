"""Word lists the engine's conditions use, read from plain text files in
policylint/lexicons/ (one entry per line, "#" starts a comment)."""

from __future__ import annotations

import functools
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("policylint.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


@functools.cache
def words(name: str) -> frozenset[str]:
    """A list file as a set of lower-case entries."""
    return frozenset(line.lower() for line in _lines(name))


@functools.cache
def keyed(name: str) -> dict[str, tuple[str, ...]]:
    """A "key: word word ..." file as a mapping."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        key, _, values = line.partition(":")
        table[key.strip().lower()] = tuple(values.lower().split())
    return table
