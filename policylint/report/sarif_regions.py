"""Where a finding sits in the source of a Markdown or text file, as a SARIF
text region (lines and columns, 1-based; ``endColumn`` is one past the last
character).

A finding knows its block and the character offsets in the block's text;
the block's ``source_spans`` map those back to the decoded source, markup
and all. So the file is read again, and used only if it still has the
SHA-256 it was checked with. Columns count Unicode code points (the run
says ``columnKind: unicodeCodePoints``); a byte-order mark is not counted
and a CR LF line end is one line end, as SARIF requires.

DOCX and PDF files get no region: SARIF allows only byte ranges in binary
files, and a byte range inside a ZIP package or a PDF content stream would
point nowhere useful. Their paragraph, page and section go in the
location's logical locations and properties instead (sarif.py).
"""

from __future__ import annotations

import bisect
import hashlib
from pathlib import Path
from typing import Any

from policylint import sources
from policylint.document import Block
from policylint.extract import ExtractError, document_from_bytes
from policylint.extract.textdecode import decode

TEXT_FORMATS = ("markdown", "text")


class TextSource:
    """The decoded source of one Markdown or text file and its blocks."""

    def __init__(self, source: str, blocks: tuple[Block, ...]):
        self.source = source
        self.blocks = blocks
        self._line_starts = [0] + [i + 1 for i, char in enumerate(source) if char == "\n"]

    @classmethod
    def read(cls, path: str, sha256: str) -> TextSource | None:
        """The file at ``path`` if it can still be read and is unchanged, else None."""
        try:
            data = sources.read_url(path) if sources.is_url(path) else Path(path).read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                return None
            suffix = sources.url_suffix(path) if sources.is_url(path) else Path(path).suffix.lower()
            document = document_from_bytes(data, path, suffix=suffix)
            if document.format not in TEXT_FORMATS:
                return None
            return cls(decode(data), document.blocks)
        except (OSError, ExtractError):
            return None

    def region(self, paragraph: int, start: int, end: int) -> dict[str, Any] | None:
        """Block characters ``start:end`` of block number ``paragraph`` as a
        region with its source text as the snippet; None if they cannot be mapped."""
        span = self._source_span(paragraph, start, end)
        if span is None:
            return None
        first, last = span
        start_line, start_column = self._position(first)
        end_line, end_column = self._position(last, end=True) if last > first else (start_line, start_column)
        return {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
            "snippet": {"text": self.source[first:last]},
        }

    def is_plain(self, paragraph: int, start: int, end: int) -> bool:
        """True when block characters ``start:end`` are exactly the same source
        characters (no markup in between), so replacing them in the file is safe."""
        span = self._source_span(paragraph, start, end)
        block = self._block(paragraph)
        return span is not None and block is not None and self.source[span[0] : span[1]] == block.text[start:end]

    # -- mapping ---------------------------------------------------------------

    def _block(self, paragraph: int) -> Block | None:
        if 1 <= paragraph <= len(self.blocks):
            return self.blocks[paragraph - 1]
        return None

    def _source_span(self, paragraph: int, start: int, end: int) -> tuple[int, int] | None:
        block = self._block(paragraph)
        if block is None or not block.source_spans or not 0 <= start <= end <= len(block.text):
            return None
        first = _source_start(block, start)
        last = _source_end(block, end)
        if first is None or last is None or last < first:
            return None
        return first, last

    def _position(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(line, column) of the character at ``offset``; with ``end``, of the
        point just after the character before ``offset``."""
        anchor = offset - 1 if end else offset
        line = bisect.bisect_right(self._line_starts, anchor)
        return line, offset - self._line_starts[line - 1] + 1


def _source_start(block: Block, position: int) -> int | None:
    """The source offset of block character ``position`` (or of the next
    character that has one, when it is a line break that became a space)."""
    for span in block.source_spans:
        if span.end > position:
            return span.source_start + max(position - span.start, 0)
    return None


def _source_end(block: Block, position: int) -> int | None:
    """The source offset just after block character ``position - 1``."""
    for span in reversed(block.source_spans):
        if span.start < position:
            return span.source_start + min(position, span.end) - span.start
    return None
