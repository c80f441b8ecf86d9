"""Markdown text the parser leaves out, found and kept.

markdown-it stops descending past a nesting limit (about 20 block quotes or
lists inside each other): the lines inside are in no token at all, so
without this their text would never be checked (200,000 levels of ``>``
came back as an empty document). ``dropped_lines`` finds every non-blank
line that no leaf token covers; ``dropped_paragraphs`` groups them into
paragraphs with the quote and list markers taken off, each piece mapped back
to its source offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markdown_it.token import Token

from policylint.document import SourceSpan

#: tokens that stand for source lines (text, code, HTML, rules): their lines were read
_LEAVES = {"inline", "fence", "code_block", "html_block", "hr", "front_matter"}
#: container markers at the start of a line: quotes, bullets, numbers, and the spaces between them
_MARKERS = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*")


def dropped_lines(tokens: Iterable[Token], line_starts: list[int], source: str) -> list[int]:
    """The 0-based numbers of the non-blank lines no leaf token covers."""
    lines = len(line_starts) - 1
    covered = bytearray(lines)
    for token in tokens:
        if token.type in _LEAVES and token.map is not None:
            begin, end = token.map
            covered[begin:end] = b"\x01" * (min(end, lines) - begin)
    return [number for number in range(lines) if not covered[number]
            and _MARKERS.match(source, line_starts[number]).end() < _line_end(source, line_starts, number)]


def _line_end(source: str, line_starts: list[int], number: int) -> int:
    end = line_starts[number + 1]
    return end - 1 if end > line_starts[number] and source[end - 1:end] == "\n" else end


def dropped_paragraphs(tokens: list[Token], line_starts: list[int],
                       source: str) -> Iterator[tuple[int, str, tuple[SourceSpan, ...], tuple[int, ...]]]:
    """(first line, text, source spans, line starts in the text) for each run
    of consecutive dropped lines."""
    run: list[int] = []
    for number in dropped_lines(tokens, line_starts, source) + [-2]:
        if run and number != run[-1] + 1:
            yield _paragraph(run, line_starts, source)
            run = []
        run.append(number)


def _paragraph(run: list[int], line_starts: list[int],
               source: str) -> tuple[int, str, tuple[SourceSpan, ...], tuple[int, ...]]:
    parts: list[str] = []
    spans: list[SourceSpan] = []
    breaks: list[int] = []
    length = 0
    for number in run:
        start = _MARKERS.match(source, line_starts[number]).end()
        piece = source[start:_line_end(source, line_starts, number)].rstrip()
        if parts:
            parts.append(" ")
            length += 1
            breaks.append(length)
        spans.append(SourceSpan.model_construct(start=length, end=length + len(piece), source_start=start))
        parts.append(piece)
        length += len(piece)
    return run[0], "".join(parts), tuple(spans), tuple(breaks)
