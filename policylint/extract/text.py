"""Plain text: paragraphs are separated by blank lines.

A paragraph's line breaks become spaces (one character for one, so offsets in
the block are offsets into the decoded source). A short single-line paragraph
that looks like a heading ("4.2 Parental leave", "LEAVE POLICY") starts a
section; numbered headings nest by their number's depth.
"""

from __future__ import annotations

import re

from policylint.document import Block, BlockKind, Location, SourceSpan
from policylint.extract.base import Extracted, SectionTracker, directive_comments
from policylint.extract.textdecode import decode

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
_BULLET = re.compile(r"^\s*(?:[-*•◦▪‣➢\uf0b7]|\d+[.)]|[a-z][.)])\s+")
_MAX_HEADING = 80
#: a line holding only a policylint directive comment separates paragraphs
_DIRECTIVE_LINE = re.compile(r"^\s*<!--\s*policylint\b.*-->\s*$", re.IGNORECASE)


def extract(data: bytes) -> Extracted:
    text = decode(data)
    sections = SectionTracker()
    blocks: list[Block] = []
    line, counted = 1, 0  # lines counted as we go: counting from 0 for each paragraph is quadratic
    for start, para in _paragraphs(text):
        line, counted = line + text.count("\n", counted, start), start
        level = heading_level(para)
        kind = BlockKind.HEADING if level else BlockKind.LIST_ITEM if _BULLET.match(para) else BlockKind.PARAGRAPH
        section = sections.heading(level, para) if level else sections.path
        blocks.append(
            Block(
                text=para.replace("\n", " "),
                kind=kind,
                location=Location(paragraph=len(blocks) + 1, section=section, line=line),
                source_spans=(SourceSpan(start=0, end=len(para), source_start=start),),
                line_starts=tuple(i + 1 for i, char in enumerate(para) if char == "\n"),
            )
        )
    return Extracted(blocks=blocks, title=blocks[0].text if blocks and blocks[0].kind == BlockKind.HEADING else None,
                     comments=directive_comments(text, blocks))


def _paragraphs(text: str):
    """Yield (offset, paragraph) for runs of non-blank lines; a line that starts
    with a list marker ("-", "•", "1.", "a)") starts a paragraph of its own,
    and a line that holds only a ``<!-- policylint... -->`` comment counts as blank."""
    start = end = None
    offset = 0
    for line in text.split("\n"):
        stripped = "" if _DIRECTIVE_LINE.match(line) else line.strip()
        line_start = offset + len(line) - len(line.lstrip())
        if not stripped or (start is not None and _BULLET.match(line)):
            if start is not None:
                yield start, text[start:end]
                start = None
        if stripped:
            if start is None:
                start = line_start
            end = line_start + len(line.strip())
        offset += len(line) + 1
    if start is not None:
        yield start, text[start:end]


def heading_level(para: str) -> int:
    """0 when the paragraph is not a heading, else its level (1 = top)."""
    if "\n" in para or len(para) > _MAX_HEADING or para[-1] in ".,;:!?" or _BULLET.match(para):
        return 0
    numbered = _NUMBERED.match(para)
    if numbered:
        return numbered.group(1).count(".") + 1
    letters = [c for c in para if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return 1
    return 0
