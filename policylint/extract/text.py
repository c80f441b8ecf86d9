"""Plain text: paragraphs are separated by blank lines.

A paragraph's line breaks become spaces (one character for one, so offsets in
the block are offsets into the decoded source). A short single-line paragraph
that looks like a heading ("4.2 Parental leave", "LEAVE POLICY") starts a
section; numbered headings nest by their number's depth.
"""

from __future__ import annotations

import re

from policylint.document import Block, BlockKind, Location, SourceSpan
from policylint.extract.base import Extracted, SectionTracker
from policylint.extract.textdecode import decode

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")
_BULLET = re.compile(r"^\s*(?:[-*•◦▪‣➢\uf0b7]|\d+[.)]|[a-z][.)])\s+")
_MAX_HEADING = 80


def extract(data: bytes) -> Extracted:
    text = decode(data)
    sections = SectionTracker()
    blocks: list[Block] = []
    for start, para in _paragraphs(text):
        level = heading_level(para)
        kind = BlockKind.HEADING if level else BlockKind.LIST_ITEM if _BULLET.match(para) else BlockKind.PARAGRAPH
        section = sections.heading(level, para) if level else sections.path
        blocks.append(
            Block(
                text=para.replace("\n", " "),
                kind=kind,
                location=Location(paragraph=len(blocks) + 1, section=section, line=text.count("\n", 0, start) + 1),
                source_spans=(SourceSpan(start=0, end=len(para), source_start=start),),
                line_starts=tuple(i + 1 for i, char in enumerate(para) if char == "\n"),
            )
        )
    return Extracted(blocks=blocks, title=blocks[0].text if blocks and blocks[0].kind == BlockKind.HEADING else None)


def _paragraphs(text: str):
    """Yield (offset, paragraph) for runs of non-blank lines; a line that starts
    with a list marker ("-", "•", "1.", "a)") starts a paragraph of its own."""
    start = end = None
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
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
