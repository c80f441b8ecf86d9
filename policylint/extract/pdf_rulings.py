"""PDF tables from pdfium's path objects, without a second parse of the page.

pdfplumber finds ruled tables from the *edges* of a page: the straight lines,
rectangles and curves that pdfminer builds from the page's path operators.
Parsing a page with pdfminer costs 50-150 ms; pdfium has already parsed it
while reading the glyphs. ``page_edges`` rebuilds pdfplumber's edge list from
pdfium's path objects (those inside form XObjects too), following pdfminer's
rules for turning a path into a line, rectangle or curve; ``edge_tables``
hands the edges to pdfplumber's own table finder (``TableFinder``, default
settings: lines strategy, snap/join/intersection tolerance 3), so the cells
are found by the same code as before.

Only pages in the plain geometry are done this way: no /Rotate, MediaBox
starting at (0, 0). ``page_edges`` returns None for any other page, which then
goes to pdfplumber (``pdf_tables.find_tables``) as before.

Coordinates of the edges are pdfplumber's: PDF points, origin at the top left
of the MediaBox, y growing downwards (``top`` < ``bottom``).
"""

from __future__ import annotations

import ctypes
from types import SimpleNamespace

import pypdfium2.raw as pdfium_c

from policylint.extract import pdf_calls as calls

Point = tuple[float, float]
Edge = dict[str, float | str | None]
_MIN_LENGTH = 1  # pdfplumber's ``edge_min_length_prefilter``: shorter edges are dropped first


class _Shapes:
    """Lines, rectangles and curves of one page, as pdfminer classifies them."""

    def __init__(self) -> None:
        self.lines: list[tuple[Point, Point]] = []
        self.rects: list[tuple[float, float, float, float]] = []
        self.curves: list[list[Point]] = []

    def add(self, shape: str, pts: list[Point]) -> None:
        """One subpath: ``shape`` is pdfminer's operator string ("mlllh"), ``pts``
        the end point of each operator (an "h" ends at the subpath's start)."""
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"  # a redundant "l" back to the start
            pts = pts[:-2] + pts[-1:]
        if shape in ("mlh", "ml"):
            self.lines.append((pts[0], pts[1]))
        elif shape in ("mlllh", "mllll") and pts[0] == pts[4] and _square(pts):
            (x0, y0), (x1, y1) = pts[0], pts[2]
            self.rects.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        else:
            self.curves.append(pts)

    def edges(self, height: float) -> list[Edge]:
        """pdfplumber's ``page.edges``: line edges, rectangle edges, curve edges."""
        out = [_line_edge(a, b, height) for a, b in self.lines]
        for x0, y0, x1, y1 in self.rects:
            out.extend(_rect_edges(x0, y0, x1, y1, height))
        for pts in self.curves:
            flipped = [(x, height - y) for x, y in pts]
            out.extend(_curve_edge(p, q) for p, q in zip(flipped, flipped[1:]))
        return out


def _square(pts: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _box(x0: float, y0: float, x1: float, y1: float, height: float) -> Edge:
    return {"x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0, "width": x1 - x0, "height": y1 - y0}


def _line_edge(a: Point, b: Point, height: float) -> Edge:
    edge = _box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]), height)
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"  # a slanted line counts as "v"
    return edge


def _rect_edges(x0: float, y0: float, x1: float, y1: float, height: float) -> list[Edge]:
    rect = _box(x0, y0, x1, y1, height)
    top = {**rect, "height": 0, "bottom": rect["top"], "orientation": "h"}
    bottom = {**rect, "height": 0, "top": rect["top"] + rect["height"], "orientation": "h"}
    left = {**rect, "width": 0, "x1": x0, "orientation": "v"}
    right = {**rect, "width": 0, "x0": x1, "orientation": "v"}
    return [top, bottom, left, right]


def _curve_edge(p: Point, q: Point) -> Edge:
    return {
        "x0": min(p[0], q[0]),
        "x1": max(p[0], q[0]),
        "top": min(p[1], q[1]),
        "bottom": max(p[1], q[1]),
        "width": abs(p[0] - q[0]),
        "height": abs(p[1] - q[1]),
        "orientation": "v" if p[0] == q[0] else ("h" if p[1] == q[1] else None),
    }


def page_height(page) -> float | None:
    """The page height pdfplumber would use, or None if the page is not in the
    plain geometry this module handles (rotated, or a MediaBox not at 0, 0)."""
    if pdfium_c.FPDFPage_GetRotation(page) != 0:
        return None
    box = [ctypes.c_float() for _ in range(4)]
    if not pdfium_c.FPDFPage_GetMediaBox(page, *box):
        return None
    left, bottom, right, top = (v.value for v in box)
    if left != 0 or bottom != 0 or right <= 0 or top <= 0:
        return None
    return top


def page_edges(page) -> tuple[float, list[Edge]] | None:
    """The page height and pdfplumber's edges of a pdfium page (``FPDF_PAGE``),
    or None if the page's geometry is not handled here."""
    height = page_height(page)
    if height is None:
        return None
    shapes = _Shapes()
    objects = [pdfium_c.FPDFPage_GetObject(page, k) for k in range(pdfium_c.FPDFPage_CountObjects(page))]
    _walk(objects, [], shapes)
    return height, shapes.edges(height)


def _walk(objects, outer: list[tuple[float, ...]], shapes: _Shapes) -> None:
    """Add the paths among ``objects`` (and inside their forms) to ``shapes``;
    ``outer``: the matrices of the enclosing forms, innermost first."""
    matrix = pdfium_c.FS_MATRIX()
    for obj in objects:
        kind = calls.OBJECT_TYPE(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        chain = [(matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), *outer]
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            _walk(inner, chain, shapes)
        else:
            _path(obj, chain, shapes)


def _path(obj, chain: list[tuple[float, ...]], shapes: _Shapes) -> None:
    """Cut a path object into subpaths the way pdfminer does and classify each."""
    x, y = ctypes.c_float(), ctypes.c_float()
    x_p, y_p = ctypes.byref(x), ctypes.byref(y)
    get_segment, get_point, get_type, get_close = (
        calls.PATH_SEGMENT,
        calls.SEGMENT_POINT,
        calls.SEGMENT_TYPE,
        calls.SEGMENT_CLOSE,
    )
    segments = []  # (type, point in page space, closes the subpath)
    for k in range(calls.COUNT_SEGMENTS(obj)):
        seg = get_segment(obj, k)
        if not seg or not get_point(seg, x_p, y_p):
            continue
        px, py = x.value, y.value
        for a, b, c, d, e, f in chain:
            px, py = a * px + c * py + e, b * px + d * py + f
        segments.append((get_type(seg), (px, py), bool(get_close(seg))))
    shape, pts, bezier = "", [], 0
    for kind, point, close in segments:
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            _flush(shape, pts, shapes)
            shape, pts, bezier = "m", [point], 0
            continue
        if not shape:
            continue  # pdfminer drops a path that does not start with a move
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only the curve's end
            op = "c"
        else:
            op = "l"
        if close and op == "l" and point == pts[0]:
            op = "h"  # pdfium's closing line back to the start is pdfminer's "h"
        shape += op
        pts.append(point)
        if close and op != "h":
            shape += "h"
            pts.append(pts[0])
    _flush(shape, pts, shapes)


def _flush(shape: str, pts: list[Point], shapes: _Shapes) -> None:
    if len(shape) > 1:
        shapes.add(shape, pts)


def edge_tables(edges: list[Edge]) -> list:
    """pdfplumber ``Table`` objects found by its table finder on ``edges``
    (default settings, as ``page.find_tables()``). A cell needs two horizontal
    and two vertical edges: with fewer, there is no table, and pdfplumber (a
    slow import) is not loaded."""
    across = sum(1 for e in edges if e["orientation"] == "h" and e["width"] >= _MIN_LENGTH)
    down = sum(1 for e in edges if e["orientation"] == "v" and e["height"] >= _MIN_LENGTH)
    if across < 2 or down < 2:
        return []
    from pdfplumber.table import TableFinder, TableSettings  # lazy: see above

    return TableFinder(SimpleNamespace(edges=edges), TableSettings()).tables
