"""Small text helpers shared by extractors, the engine and the formatters."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) made one
    space: messages name files and zip parts, whose names may hold anything."""
    return " ".join(text.split())
