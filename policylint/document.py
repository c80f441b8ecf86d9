"""The located text of one input file: a ``Document`` made of ``Block``s.

Extractors build these; the engine and the formatters only read them. Every
block keeps enough about its source (DOCX runs, PDF line boxes, Markdown and
text source offsets) for an annotator to map a character offset in the block
back into the original file.
"""

from __future__ import annotations

import bisect
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"


class Part(StrEnum):
    """Where in the document a block sits."""

    BODY = "body"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    TEXTBOX = "textbox"


class Location(_Frozen):
    """Where a block is. ``paragraph`` is the 1-based index of the block in the document."""

    paragraph: int
    section: tuple[str, ...] = ()
    page: int | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    part: Part = Part.BODY


class RunSpan(_Frozen):
    """DOCX: characters ``start:end`` of the block come from run number ``index``
    (counting the ``w:r`` elements of the paragraph in document order)."""

    start: int
    end: int
    index: int


class LineBox(_Frozen):
    """PDF: characters ``start:end`` of the block are drawn in this box on ``page``
    (PDF user-space points, origin at the bottom left)."""

    start: int
    end: int
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


class SourceSpan(_Frozen):
    """Markdown and text: characters ``start:end`` of the block are the source
    characters starting at ``source_start`` (the text may have dropped markup)."""

    start: int
    end: int
    source_start: int


class SourceRef(_Frozen):
    """DOCX: the paragraph is the ``index``-th ``w:p`` (0-based, document order)
    of the package part ``part`` (e.g. ``/word/document.xml``)."""

    part: str
    index: int


class Comment(_Frozen):
    """A comment that is not part of the text but may hold a policylint
    directive (``policylint.suppress`` reads them).

    Markdown and text: an HTML comment ``<!-- policylint... -->``, with the
    source ``line`` it starts on, the ``end_line`` it ends on and, in
    ``blocks``, the paragraph number of the block that follows it. DOCX: a
    Word comment, with the paragraph numbers of the ``blocks`` it is anchored on.
    """

    text: str
    line: int | None = None
    end_line: int | None = None
    blocks: tuple[int, ...] = ()


class Block(_Frozen):
    text: str
    kind: BlockKind
    location: Location
    source: SourceRef | None = None
    runs: tuple[RunSpan, ...] = ()
    boxes: tuple[LineBox, ...] = ()
    source_spans: tuple[SourceSpan, ...] = ()
    #: Markdown and text: offsets in ``text`` where the 2nd, 3rd, ... source line
    #: of the block begins (``location.line`` is the first line).
    line_starts: tuple[int, ...] = ()

    @property
    def section(self) -> tuple[str, ...]:
        return self.location.section

    def line_of(self, offset: int) -> int | None:
        """The source line of a character offset, for formats that have lines."""
        if self.location.line is None:
            return None
        return self.location.line + bisect.bisect_right(self.line_starts, offset)


class Document(_Frozen):
    path: str
    format: str
    sha256: str
    blocks: tuple[Block, ...] = ()
    title: str | None = None
    pages: int | None = None
    words: int = Field(default=0, description="Number of words in all blocks.")
    comments: tuple[Comment, ...] = ()
