"""``regex``: regular expressions (case-insensitive, with a time limit per
text), widened to whole tokens with ``Doc.char_span(alignment_mode="expand")``."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from spacy.tokens import Doc

from policylint.match.base import Hit, Key

#: Seconds one expression may spend on one block before it is given up.
TIMEOUT = 1.0


class RegexKind:
    def __init__(self) -> None:
        self._compiled: list[tuple[Key, regex.Pattern]] = []
        self.timeouts: list[tuple[Key, str]] = []

    def add(self, key: Key, expressions: list[str]) -> None:
        for expression in expressions:
            self._compiled.append((key, regex.compile(expression, regex.IGNORECASE)))

    def __len__(self) -> int:
        return len(self._compiled)

    def hits(self, doc: Doc) -> Iterator[Hit]:
        text = doc.text
        for key, pattern in self._compiled:
            try:
                found = [m.span() for m in pattern.finditer(text, timeout=TIMEOUT) if m.end() > m.start()]
            except TimeoutError:
                self.timeouts.append((key, pattern.pattern))
                continue
            for start, end in found:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and span.text.strip():
                    yield Hit(key, span.start_char, span.end_char)
