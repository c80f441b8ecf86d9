"""What every extractor shares: its result type, its error, and section tracking."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from policylint.document import Block, Comment


class ExtractError(Exception):
    """An input cannot be read. The message is one line for a person, without the
    path (the caller adds it), e.g. ``no text layer: run OCR first``."""


@dataclass
class Extracted:
    """What an extractor returns; the registry turns it into a ``Document``."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    pages: int | None = None
    #: comments that may hold policylint directives (see ``Document.comments``)
    comments: list[Comment] = field(default_factory=list)


class SectionTracker:
    """Keeps the heading path as headings of given levels go by.

    >>> t = SectionTracker(); t.heading(1, "4 Leave"); t.heading(2, "4.2 Parental leave")
    >>> t.path
    ('4 Leave', '4.2 Parental leave')
    """

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []

    def heading(self, level: int, title: str) -> tuple[str, ...]:
        """Enter a heading; returns the path *including* it."""
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, " ".join(title.split())))
        return self.path

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._stack)


_DIRECTIVE_START = re.compile(r"<!--\s*policylint\b", re.IGNORECASE)


def directive_comments(source: str, blocks: list[Block]) -> list[Comment]:
    """The ``<!-- policylint... -->`` comments of a Markdown or text source,
    with the lines they start and end on and the block that follows them.

    Linear in the source: each comment is found by looking for its end once
    (an unclosed one ends the search), lines are counted as the search goes,
    and the following block is found by bisection (blocks are in line order)."""
    comments = []
    block_lines = [block.location.line or 0 for block in blocks]
    line, counted = 1, 0
    at = 0
    while (start := source.find("<!--", at)) >= 0:
        end = source.find("-->", start + 4)
        if end < 0:
            break  # no comment closes after this point
        at = end + 3
        opening = _DIRECTIVE_START.match(source, start)
        if opening is None:
            continue
        line += source.count("\n", counted, start)
        counted = start
        end_line = line + source.count("\n", start, at)
        following = bisect.bisect_right(block_lines, end_line)
        text = source[start + 4:end].strip()
        comments.append(Comment(text=" ".join(text.split()), line=line, end_line=end_line,
                                blocks=(blocks[following].location.paragraph,) if following < len(blocks) else ()))
    return comments
