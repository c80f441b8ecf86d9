"""Markdown: headings give sections; markup is stripped with markdown-it-py.

Each paragraph, heading, list item paragraph and table cell is one block. The
block text is the visible text (emphasis, link targets and inline HTML
dropped; a soft line break becomes a space). ``Block.source_spans`` maps each
stretch of block text back to its offset in the decoded source, so findings
can point at the exact source characters.
"""

from __future__ import annotations

import bisect

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policylint.document import Block, BlockKind, Location, SourceSpan
from policylint.extract.base import Extracted, SectionTracker, directive_comments
from policylint.extract.markdown_dropped import dropped_paragraphs
from policylint.extract.textdecode import decode

_TEXT_CHILDREN = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}
#: how far past the end of one piece of text the next is looked for (markup between them: links, tags)
_WINDOW = 8192


def extract(data: bytes) -> Extracted:
    source = _blank_front_matter(decode(data))
    line_starts = _line_starts(source)
    tokens = MarkdownIt("commonmark").enable("table").disable("text_join").parse(source)
    sections = SectionTracker()
    found: list[tuple] = []  # (first line, kind, section, table, row, cell, text, spans, breaks)
    context: list[str] = []  # open container tags (li, th, td, ...)
    heading_level = 0
    table = row = cell = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "table_open":
            table += 1
            row = 0
        elif token.type == "tr_open":
            row, cell = row + 1, 0
        elif token.type in ("th_open", "td_open"):
            cell += 1
        if token.nesting == 1:
            context.append(token.tag)
        elif token.nesting == -1 and context:
            context.pop()
        if token.type != "inline" or token.map is None:
            continue
        text, spans, breaks = _inline_text(token, source, line_starts[token.map[0]], line_starts[token.map[1]])
        if not text.strip():
            continue
        if heading_level:
            kind, section = BlockKind.HEADING, sections.heading(heading_level, text)
            heading_level = 0
        else:
            section = sections.path
            kind = _kind(context)
        in_table = kind == BlockKind.TABLE_CELL
        found.append((token.map[0], kind, section, table if in_table else None, row if in_table else None,
                      cell if in_table else None, text, spans, breaks))
    found += _dropped(tokens, line_starts, source, found)
    blocks = [Block(text=text, kind=kind, source_spans=spans, line_starts=breaks,
                    location=Location(paragraph=number, section=section, line=line + 1, table=table, row=row,
                                      cell=cell))
              for number, (line, kind, section, table, row, cell, text, spans, breaks)
              in enumerate(sorted(found, key=lambda entry: entry[0]), start=1)]
    title = next((b.text for b in blocks if b.kind == BlockKind.HEADING), None)
    return Extracted(blocks=blocks, title=title, comments=directive_comments(source, blocks))


def _dropped(tokens: list[Token], line_starts: list[int], source: str, found: list[tuple]) -> list[tuple]:
    """Paragraphs of the lines the parser left out (nested past its limit),
    in the section of the block before them."""
    extra = []
    lines = [entry[0] for entry in found]
    for line, text, spans, breaks in dropped_paragraphs(tokens, line_starts, source):
        before = bisect.bisect_right(lines, line) - 1
        section = found[before][2] if before >= 0 else ()
        extra.append((line, BlockKind.PARAGRAPH, section, None, None, None, text, spans, breaks))
    return extra


def _kind(context: list[str]) -> BlockKind:
    if "th" in context or "td" in context:
        return BlockKind.TABLE_CELL
    if "li" in context:
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


def _inline_text(token: Token, source: str, cursor: int, limit: int) -> tuple[str, tuple[SourceSpan, ...], tuple[int, ...]]:
    """The visible text of an inline token, where each piece sits in the source,
    and the offsets in the text where a new source line begins.

    Each piece is looked for in the source from where the previous one ended,
    no further than the block's end (``limit``) and ``_WINDOW`` characters
    past the cursor, so a block of many pieces costs time in proportion to
    its length. Character entities and backslash escapes (``&amp;``, ``\\*``)
    are pieces of their own (text_join is off) whose source is their markup:
    the cursor moves past them, and their text gets no span (it is not the
    source's text)."""
    parts: list[str] = []
    breaks: list[int] = []
    spans: list[SourceSpan] = []
    length = 0
    for child in token.children or ():
        if child.type in _BREAKS:
            piece, written = " ", None
            breaks.append(length + 1)
        elif child.type in _TEXT_CHILDREN:
            piece = written = child.content
        elif child.type == "text_special":  # an entity or an escape: "&" written "&amp;"
            piece, written = child.content, child.markup
        elif child.type == "html_inline":  # not text, but skip over it in the source
            piece, written = "", child.content
        else:
            continue
        if written:
            found = source.find(written, cursor, min(limit, cursor + len(written) + _WINDOW))
            if found >= 0:
                if piece == written:
                    spans.append(SourceSpan.model_construct(start=length, end=length + len(piece), source_start=found))
                cursor = found + len(written)
        if piece:
            parts.append(piece)
            length += len(piece)
    text = "".join(parts)
    stripped = text.rstrip()
    return stripped, tuple(s for s in spans if s.start < len(stripped)), tuple(breaks)


def _blank_front_matter(source: str) -> str:
    """YAML front matter ("---" ... "---" at the very top) is metadata, not
    text: blank it out, keeping every offset and line number."""
    if not source.startswith("---\n"):
        return source
    for closing in ("\n---\n", "\n...\n"):
        end = source.find(closing, 3)
        if end >= 0:
            end += len(closing)
            return "".join(c if c == "\n" else " " for c in source[:end]) + source[end:]
    return source


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(source):
        if char == "\n":
            starts.append(index + 1)
    starts.append(len(source))
    return starts
