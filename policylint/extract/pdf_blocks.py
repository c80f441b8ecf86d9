"""PDF, step 3: cut the lines of the document into blocks.

Lines come page by page in reading order. A line continues the current block
unless one of these says otherwise:

- it is a heading line, or the block is a heading (consecutive heading lines
  of one style, closer than 1.6 line heights, make one heading of up to three
  lines; a heading line that starts in lower case is no heading unless it
  goes on a heading, and a "heading" whose next line runs on in lower case
  without a break was the bold start of a paragraph);
- it opens a list item (see ``pdf_style.list_marker``);
- it, or the line before, is a row of cells set with tabs;
- its font size differs from the previous line's by more than 10 %;
- the space above it is larger than the usual line pitch for its size
  (``DocStyle.new_paragraph_gap``);
- its indentation differs from the block's (a first-line indent opens a
  paragraph; a list item's lines may hang under its text or its marker);
- the previous line is short (ends a quarter of the column width early) and
  ends a sentence.

A line that is only a bullet (an empty list item) is skipped. Where the text
moves to the next column or page, the block continues only if
its last line does not end a sentence (``.!?:;``) and the next line starts
with a lower-case letter; the block then keeps the page where it started and
its boxes carry both pages.

Tables (see ``pdf_tables``) come as one TABLE_CELL block per cell, at the
table's place in the reading order; they end the paragraph before them.

Footnotes (found by ``pdf_notes``) are blocks with ``Part.FOOTNOTE``; they
follow the page's body blocks (after a paragraph that continues on the next
page).
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from policylint.document import BlockKind, Part
from policylint.extract.pdf_layout import Line
from policylint.extract.pdf_style import (
    DocStyle,
    HeadingStyle,
    ends_sentence,
    is_bare_marker,
    list_marker,
    starts_lower,
)
from policylint.extract.pdf_tables import TableMark


Item = Line | TableMark


@dataclass
class Draft:
    kind: BlockKind
    lines: list[Line]
    part: Part = Part.BODY
    marker: int = 0  # characters of list marker to strip from the first line
    heading: HeadingStyle | None = None
    cell: tuple[int, int, int] | None = None  # table, row, cell (1-based)

    @property
    def page(self) -> int:
        return self.lines[0].page


@dataclass
class _Flow:
    style: DocStyle
    drafts: list[Draft] = field(default_factory=list)
    notes: list[Draft] = field(default_factory=list)  # footnotes waiting for their page to end
    tables: int = 0

    def open(self, draft: Draft) -> None:
        # footnotes of pages before the new block's page go in before it
        waiting = [n for n in self.notes if n.page < draft.page]
        if waiting:
            self.drafts.extend(waiting)
            self.notes = [n for n in self.notes if n.page >= draft.page]
        self.drafts.append(draft)


def make_drafts(flows: list[list[Item]], notes: list[list[list[Line]]], style: DocStyle) -> list[Draft]:
    """Blocks (as drafts: lines plus kind) of the whole document, in reading order.
    ``flows``: each page's lines and tables; ``notes``: each page's footnotes."""
    flow = _Flow(style)
    for lines, page_notes in zip(flows, notes):
        for line in lines:
            _feed(flow, line)
        flow.notes.extend(Draft(BlockKind.PARAGRAPH, note, part=Part.FOOTNOTE) for note in page_notes)
    flow.drafts.extend(flow.notes)
    return [d for d in flow.drafts if any(line.text for line in d.lines)]


def _feed(flow: _Flow, line: Item) -> None:
    if isinstance(line, TableMark):
        flow.tables += 1
        for row, cell, lines in line.cells:
            flow.open(Draft(BlockKind.TABLE_CELL, lines, cell=(flow.tables, row, cell)))
        return
    if is_bare_marker(line.text):
        return  # an empty list item
    style = flow.style
    current = next((d for d in reversed(flow.drafts) if d.part is Part.BODY), None)
    heading = style.heading_style(line)
    if heading and starts_lower(line.text) and (current is None or current.heading != heading):
        heading = None  # "... covered by our insurance / plan?" in bold: not a heading
    marker = None if heading else list_marker(line.text)
    if current is not None and _continues(current, line, heading, marker, style):
        current.lines.append(line)
        return
    if heading:
        flow.open(Draft(BlockKind.HEADING, [line], heading=heading))
    elif marker:
        flow.open(Draft(BlockKind.LIST_ITEM, [line], marker=marker.length))
    else:
        flow.open(Draft(BlockKind.PARAGRAPH, [line]))


def _continues(draft: Draft, line: Line, heading, marker, style: DocStyle) -> bool:
    if draft.kind is BlockKind.TABLE_CELL:
        return False
    prev = draft.lines[-1]
    em = max(prev.size, line.size)
    moved = line.page != prev.page or line.base > prev.base + 0.5 * em  # next column or page
    if moved:
        return (
            draft.kind is not BlockKind.HEADING
            and not heading
            and not marker
            and not ends_sentence(prev.text)
            and starts_lower(line.text)
        )
    gap = prev.base - line.base
    if draft.kind is BlockKind.HEADING:
        if heading == draft.heading:
            return gap <= 1.6 * style.pitch(line.size) and len(draft.lines) < 3
        if not heading and not marker and starts_lower(line.text) and not ends_sentence(prev.text):
            if gap <= style.new_paragraph_gap(em):  # a bold first line ran on: a paragraph
                draft.kind, draft.heading = BlockKind.PARAGRAPH, None
                return True
        return False
    if heading or (marker and marker.strong) or _tabbed(prev) or _tabbed(line):
        return False
    if abs(line.size - prev.size) > 0.1 * prev.size:
        return False
    if gap > style.new_paragraph_gap(em):
        return False
    if not _aligned(draft, line, em):
        return False
    col_left, col_right = prev.col
    short = prev.x1 < col_right - 0.25 * (col_right - col_left)
    if short and ends_sentence(prev.text):
        return False
    if marker and (draft.kind is BlockKind.LIST_ITEM or ends_sentence(prev.text)):
        return False  # a weak marker ("1.", "-") where a paragraph may end
    return True


#: a clause number set before the text with a tab: "3.1.2", "4.2.", "(12)"
_CLAUSE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3})+\.?\)?$|^\(\d{1,3}\)$")


def _numbered(line: Line) -> bool:
    """Does the line start with a marker or clause number set apart by a gap?"""
    if len(line.frags) < 2:
        return False
    head = line.frags[0].text.strip()
    return is_bare_marker(head) or bool(list_marker(head + " x")) or bool(_CLAUSE.match(head))


def _tabbed(line: Line) -> bool:
    """Is the line a row of cells set with tabs ("Monday      10")? A list
    marker's or clause number's gap does not count."""
    frags = line.frags[1:] if _numbered(line) else line.frags
    return any(b.x0 - a.x1 > 1.5 * a.size for a, b in zip(frags, frags[1:]))


def _indent(line: Line) -> float:
    return line.x0 - line.col[0]


def _aligned(draft: Draft, line: Line, em: float) -> bool:
    """Indentation, measured from the left of each line's column."""
    first = draft.lines[0]
    if draft.kind is BlockKind.LIST_ITEM:
        return _indent(line) >= _indent(first) - 0.5 * em
    if len(draft.lines) == 1:
        if _indent(line) <= _indent(first) + 0.5 * em:  # flush, or under a first-line indent
            return True
        # a hanging indent under the text after a clause number ("3.1.2<tab>Text ...")
        return _numbered(first) and abs(line.x0 - first.frags[1].x0) <= 0.8 * em
    return abs(_indent(line) - _indent(draft.lines[1])) <= 0.8 * em
