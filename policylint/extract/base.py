"""What every extractor shares: its result type, its error, and section tracking."""

from __future__ import annotations

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


#: an HTML comment whose text starts with "policylint" (Markdown and text files)
_DIRECTIVE_COMMENT = re.compile(r"<!--\s*(policylint\b.*?)\s*-->", re.DOTALL | re.IGNORECASE)


def directive_comments(source: str, blocks: list[Block]) -> list[Comment]:
    """The ``<!-- policylint... -->`` comments of a Markdown or text source,
    with the lines they start and end on and the block that follows them."""
    comments = []
    for match in _DIRECTIVE_COMMENT.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        end_line = line + match.group(0).count("\n")
        following = next((b.location.paragraph for b in blocks if (b.location.line or 0) > end_line), None)
        comments.append(Comment(text=" ".join(match.group(1).split()), line=line, end_line=end_line,
                                blocks=(following,) if following else ()))
    return comments
