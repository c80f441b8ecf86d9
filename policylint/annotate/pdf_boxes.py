"""PDF: the boxes of the matched words, for highlights.

A PDF block carries one ``LineBox`` per line fragment: the characters of the
block text it holds and its box. A highlight must cover the matched words
only, so the PDF is opened again with pypdfium2 and the characters drawn in
the line box are aligned with the line's text: each text character is paired
with the next PDF character that reads the same (ligatures expanded, pdfium's
line-end hyphen mark read as "-"), skipping at most a few PDF characters the
extractor left out (superscript note marks, soft hyphens). The highlight of a
line piece then runs from the left edge of its first character to the right
edge of its last (pdfium's loose boxes, widened to the glyphs' ink boxes),
and from the bottom to the top of the line box. Only where a line cannot be
aligned (an odd font without a Unicode map) are its edges interpolated along
the line box by character count.

Coordinates are PDF user space of the unrotated page, origin at the bottom
left: what the extractor's boxes use and what annotations need.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from policylint.document import Block, LineBox

Rect = tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top)
_LOOKAHEAD = 4  # PDF characters that may be skipped between two text characters
_DASHES = {"\x02": "-", "\ufffe": "-", "\u00ad": "-", "\u2010": "-", "\u2011": "-"}


@dataclass(frozen=True)
class _Char:
    text: str  # what the character reads as (a ligature reads as two or three)
    loose: Rect
    tight: Rect


@dataclass(frozen=True)
class Piece:
    """The part of a match on one line: its page (1-based) and box."""

    page: int
    rect: Rect
    exact: bool  #: False when the edges were interpolated


class PageChars:
    """The characters of each page of an open PDF, read once per page."""

    def __init__(self, pdf: pdfium.PdfDocument):
        self.pdf = pdf
        self._pages: dict[int, list[_Char]] = {}

    def page(self, number: int) -> list[_Char]:
        if number not in self._pages:
            self._pages[number] = _read(self.pdf, number)
        return self._pages[number]


def _read(pdf: pdfium.PdfDocument, number: int) -> list[_Char]:
    page = pdf[number - 1]
    try:
        textpage = page.get_textpage()
        try:
            raw = textpage.raw
            chars = []
            for k in range(textpage.count_chars()):
                ch = chr(pdfium_c.FPDFText_GetUnicode(raw, k))
                if ch.isspace() or pdfium_c.FPDFText_IsGenerated(raw, k) == 1:
                    continue
                ch = _DASHES.get(ch, ch)
                if ch < " ":
                    continue
                chars.append(_Char(unicodedata.normalize("NFKC", ch).casefold(),
                                   textpage.get_charbox(k, loose=True), textpage.get_charbox(k)))
            return chars
        finally:
            textpage.close()
    finally:
        page.close()


def match_pieces(chars: PageChars, block: Block, start: int, end: int) -> list[Piece]:
    """One piece per line box that holds part of ``block.text[start:end]``."""
    pieces = []
    for box in block.boxes:
        s, e = max(start, box.start), min(end, box.end)
        while s < e and block.text[s].isspace():
            s += 1
        while e > s and block.text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        rect = _exact(chars.page(box.page), box, block.text, s, e)
        pieces.append(Piece(box.page, rect or _interpolated(box, s, e), rect is not None))
    return pieces


def _exact(page_chars: list[_Char], box: LineBox, text: str, s: int, e: int) -> Rect | None:
    inside = sorted((c for c in page_chars if _centre_in(c.loose, box)), key=lambda c: c.loose[0])
    expanded = [(letter, c) for c in inside for letter in c.text]
    matched: list[_Char | None] = []
    j = 0
    for ch in text[box.start:box.end]:
        if ch.isspace():
            matched.append(None)
            continue
        want = unicodedata.normalize("NFKC", _DASHES.get(ch, ch)).casefold()
        hit = next((k for k in range(j, min(j + _LOOKAHEAD, len(expanded))) if expanded[k][0] == want[:1]), None)
        if hit is None:
            matched.append(None)
            continue
        matched.append(expanded[hit][1])
        j = hit + 1
    found = [c for c in matched[s - box.start:e - box.start] if c is not None]
    if not found or len(found) < (e - s) // 2 or matched[s - box.start] is None or matched[e - 1 - box.start] is None:
        return None
    x0 = min(min(c.loose[0], c.tight[0]) for c in found)
    x1 = max(max(c.loose[2], c.tight[2]) for c in found)
    y0 = min([box.y0] + [c.tight[1] for c in found])
    y1 = max([box.y1] + [c.tight[3] for c in found])
    return (x0, y0, x1, y1)


def _centre_in(rect: Rect, box: LineBox, slack: float = 0.5) -> bool:
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return box.x0 - slack <= x <= box.x1 + slack and box.y0 - slack <= y <= box.y1 + slack


def _interpolated(box: LineBox, s: int, e: int) -> Rect:
    width = (box.x1 - box.x0) / max(box.end - box.start, 1)
    return (box.x0 + (s - box.start) * width, box.y0, box.x0 + (e - box.start) * width, box.y1)
