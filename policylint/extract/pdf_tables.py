"""PDF tables: pdfplumber's table finder, run only on pages with ruling lines.

pdfium tells cheaply whether a page draws at least two thin horizontal and two
thin vertical paths, or two boxes (``has_rulings``); only those pages go to
pdfplumber, whose ``find_tables`` (lines strategy) returns the cell grid. The
cells' text still comes from our own glyphs (``take_tables``), so spacing,
hyphenation and boxes work as everywhere else; each non-empty cell becomes one
TABLE_CELL block with 1-based ``table`` (in the document), ``row`` and
``cell`` (counting the cells of the row, a merged cell once). Tables without
ruling lines (text aligned with tabs) are read as ordinary lines.

If pdfplumber cannot read a page that pdfium could, the page is read without
table detection rather than failing (whatever pdfplumber raises: it fails in
many ways on files pdfium reads, and losing a table's grid loses no text).
pdfminer's log messages about broken files are kept off standard error.
"""

from __future__ import annotations

import ctypes
import io
import logging
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2.raw as pdfium_c

from policylint.extract.pdf_glyphs import Fragment, Glyph, build_fragments
from policylint.extract.pdf_layout import Line, PageText

log = logging.getLogger(__name__)
logging.getLogger("pdfminer").addHandler(logging.NullHandler())  # no "last resort" printing on stderr
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, y up


@dataclass
class Table:
    box: Box
    cells: list[tuple[int, int, Box]]  # row, cell, box


@dataclass
class TableMark:
    """A table's place in the reading order of its page, with the lines of its cells."""

    page: int
    box: Box
    cells: list[tuple[int, int, list[Line]]] = field(default_factory=list)


def has_rulings(page) -> bool:
    """Does the pdfium page draw at least two horizontal and two vertical rules
    (thin paths), or two boxes (paths that may be cell borders)?"""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    across = down = boxes = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if height < 2.5 and width > 5:
            across += 1
        elif width < 2.5 and height > 5:
            down += 1
        elif width > 5 and height > 5:
            boxes += 1
        if (across >= 2 and down >= 2) or boxes >= 2:
            return True
    return False


def find_tables(data: bytes, numbers: list[int]) -> dict[int, list[Table]]:
    """Tables on the given pages (1-based), by page number."""
    found: dict[int, list[Table]] = {}
    if not numbers:
        return found
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                tables = [_table(t, page.height) for t in page.find_tables()]
                found[number] = [t for t in tables if len(t.cells) >= 2]
                page.close()
    except Exception as exc:  # noqa: BLE001 - best effort: see the module docstring
        log.debug("table detection skipped: %s", exc)
    return found


def _table(table, height: float) -> Table:
    def flip(box) -> Box:
        x0, top, x1, bottom = box
        return x0, height - bottom, x1, height - top

    cells = []
    for r, row in enumerate(table.rows, start=1):
        present = [box for box in row.cells if box is not None]
        cells.extend((r, c, flip(box)) for c, box in enumerate(present, start=1))
    return Table(flip(table.bbox), cells)


def _inside(x: float, y: float, box: Box, pad: float = 0.0) -> bool:
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def take_tables(page: PageText, tables: list[Table]) -> list[TableMark]:
    """Move the glyphs inside the tables out of the page, into cell lines."""
    marks = []
    for table in tables:
        inside = [f for f in page.frags if _inside((f.x0 + f.x1) / 2, f.base + 0.3 * f.size, table.box, 1)]
        if not inside:
            continue
        page.frags = [f for f in page.frags if not any(f is g for g in inside)]
        glyphs = [g for f in inside for g in f.glyphs]
        mark = TableMark(page.number, table.box)
        for row, cell, box in table.cells:
            mine = [g for g in glyphs if _inside((g.x0 + g.x1) / 2, g.base + 0.3 * g.size, box)]
            if mine:
                mark.cells.append((row, cell, _cell_lines(page.number, mine, box)))
        marks.append(mark)
    return marks


def _cell_lines(page: int, glyphs: list[Glyph], box: Box) -> list[Line]:
    lines: list[Line] = []
    for frag in sorted(build_fragments(glyphs), key=lambda f: (-f.base, f.x0)):
        frag.col = (box[0], box[2])
        last: Fragment | None = lines[-1].frags[-1] if lines else None
        if last is not None and abs(last.base - frag.base) <= 0.3 * min(last.size, frag.size):
            lines[-1].frags.append(frag)
        else:
            lines.append(Line(page, [frag]))
    return lines


def place_tables(lines: list[Line], marks: list[TableMark]) -> list[Line | TableMark]:
    """The page's reading order with each table before the first line below it."""
    flow: list[Line | TableMark] = list(lines)
    for mark in sorted(marks, key=lambda m: -m.box[3]):
        x0, y0, x1, _ = mark.box
        at = next(
            (
                i
                for i, item in enumerate(flow)
                if isinstance(item, Line) and item.base < y0 and item.x0 < x1 and item.x1 > x0
            ),
            len(flow),
        )
        flow.insert(at, mark)
    return flow
