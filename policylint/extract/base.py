"""What every extractor shares: its result type, its error, and section tracking."""

from __future__ import annotations

from dataclasses import dataclass, field

from policylint.document import Block


class ExtractError(Exception):
    """An input cannot be read. The message is one line for a person, without the
    path (the caller adds it), e.g. ``no text layer: run OCR first``."""


@dataclass
class Extracted:
    """What an extractor returns; the registry turns it into a ``Document``."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    pages: int | None = None


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
