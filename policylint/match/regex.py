"""``regex``: regular expressions (case-insensitive, with a time limit),
widened to whole tokens with ``Doc.char_span(alignment_mode="expand")``.

Expressions run over a window of blocks at once (joined with a separator no
expression is expected to cross) to find the blocks where they can match;
only those blocks are then searched one by one, so the hits are those of
searching every block on its own, with far fewer calls.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex
from spacy.tokens import Doc

from policylint.match.base import Hit, Key

#: Seconds one expression may spend on one block before it is given up there.
TIMEOUT = 1.0
#: Seconds for the search over a whole window; past it, every block is searched.
WINDOW_TIMEOUT = 5.0
_SEPARATOR = "\n\x00\n"


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
        """The hits in one Doc."""
        for key, pattern in self._compiled:
            yield from self._search(key, pattern, doc)

    def window_hits(self, docs: list[Doc]) -> list[list[Hit]]:
        """The hits in each of ``docs``, the same as ``hits`` on each one."""
        found: list[list[Hit]] = [[] for _ in docs]
        if not self._compiled or not docs:
            return found
        texts = [doc.text for doc in docs]
        joined = _SEPARATOR.join(texts)
        starts, position = [], 0
        for text in texts:
            starts.append(position)
            position += len(text) + len(_SEPARATOR)
        for key, pattern in self._compiled:
            try:
                matches = pattern.finditer(joined, timeout=WINDOW_TIMEOUT)
                where = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in matches})
            except TimeoutError:
                where = list(range(len(docs)))
            for index in where:
                found[index].extend(self._search(key, pattern, docs[index]))
        return found

    def _search(self, key: Key, pattern: regex.Pattern, doc: Doc) -> Iterator[Hit]:
        try:
            spans = [m.span() for m in pattern.finditer(doc.text, timeout=TIMEOUT) if m.end() > m.start()]
        except TimeoutError:
            self.timeouts.append((key, pattern.pattern))
            return
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.text.strip():
                yield Hit(key, span.start_char, span.end_char)
