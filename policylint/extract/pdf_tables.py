"""PDF tables: pdfplumber's table finder (lines strategy) on the page's ruling lines.

The edges (straight lines, rectangles and curves drawn on the page) come from
the path objects pdfium has already parsed (``pdf_rulings``), and pdfplumber's
``TableFinder`` turns them into the cell grid (``page_tables``). A page that
``pdf_rulings`` does not handle (rotated, or a MediaBox not at 0, 0) is read
by pdfplumber itself (``find_tables``), as are all pages when the full search
is asked for (``extract(..., full_table_search=True)``, the reference the fast
path is tested against). The cells' text still comes from our own glyphs
(``take_tables``), so spacing, hyphenation and boxes work as everywhere else;
each non-empty cell becomes one TABLE_CELL block with 1-based ``table`` (in
the document), ``row`` and ``cell`` (counting the cells of the row, a merged
cell once). Tables without ruling lines (text aligned with tabs) are read as
ordinary lines.

If pdfplumber cannot read a page that pdfium could, the page is read without
table detection rather than failing (whatever pdfplumber raises: it fails in
many ways on files pdfium reads, and losing a table's grid loses no text).
pdfminer's log messages about broken files are kept off standard error.
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from policylint.extract.pdf_glyphs import Fragment, Glyph, build_fragments
from policylint.extract.pdf_layout import Line, PageText
from policylint.extract.pdf_rulings import edge_tables, page_edges

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


def page_tables(page, seen: dict | None = None) -> list[Table] | None:
    """Tables of a pdfium page (``FPDF_PAGE``) found on its path objects, or None
    if the page must go to pdfplumber (``find_tables``) instead. ``seen``: the
    tables of the document's other pages by their edges (the same rulings on
    another page, as a letterhead frame or a repeated form, give the same
    tables: the table finder runs once for them); read and filled in."""
    found = page_edges(page)
    if found is None:
        return None
    height, edges = found
    if not edges:
        return []
    key = (height, tuple([tuple(e.items()) for e in edges])) if seen is not None else None
    if key is not None and key in seen:
        return seen[key]  # (tables are read, never changed, afterwards)
    try:
        tables = _keep([_table(t, height) for t in edge_tables(edges)])
    except Exception as exc:  # noqa: BLE001 - best effort, as for pdfplumber: see the module docstring
        log.debug("table detection skipped: %s", exc)
        tables = []
    if key is not None:
        seen[key] = tables
    return tables


def find_tables(data: bytes, numbers: list[int]) -> dict[int, list[Table]]:
    """Tables on the given pages (1-based), by page number."""
    found: dict[int, list[Table]] = {}
    if not numbers:
        return found
    import pdfplumber  # a slow import: only for the pages pdf_rulings cannot do

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                found[number] = _keep([_table(t, page.height) for t in page.find_tables()])
                page.close()
    except Exception as exc:  # noqa: BLE001 - best effort: see the module docstring
        log.debug("table detection skipped: %s", exc)
    return found


def _keep(tables: list[Table]) -> list[Table]:
    return [t for t in tables if len(t.cells) >= 2]


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
        taken = {id(f) for f in inside}
        page.frags = [f for f in page.frags if id(f) not in taken]
        glyphs = [g for f in inside for g in f.glyphs]
        # each glyph's anchor, as _inside tests it; by x, to find a cell's glyphs by bisection
        points = sorted(((g.x0 + g.x1) / 2, g.base + 0.3 * g.size, i) for i, g in enumerate(glyphs))
        xs = [x for x, _, _ in points]
        mark = TableMark(page.number, table.box)
        for row, cell, (x0, y0, x1, y1) in table.cells:
            found = [i for _, y, i in points[bisect_left(xs, x0) : bisect_right(xs, x1)] if y0 <= y <= y1]
            mine = [glyphs[i] for i in sorted(found)]  # in the order of the fragments
            if mine:
                mark.cells.append((row, cell, _cell_lines(page.number, mine, (x0, y0, x1, y1))))
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
