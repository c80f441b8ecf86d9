"""Ruled tables from pdfium's path objects (``pdf_rulings``) against pdfplumber
parsing the page itself (``extract(..., full_table_search=True)``).

The fast path must give the same Document (blocks, text, locations, boxes,
tables) as the full search, on hand-made pages that draw their rulings in
every way pdfminer tells apart (lines, ``re`` rectangles, closed and open
paths, curves, a form XObject, a ``cm`` transform, a rotated page, a MediaBox
not at 0, 0), on the bundled samples and, when ../shared is beside the
repository, on the real PDFs there."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from policylint.document import BlockKind
from policylint.extract.pdf import extract
from policylint.extract.pdf_rulings import page_edges

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SAMPLES = sorted((ROOT / "corpora" / "samples").glob("*.pdf"))

XS = (72, 222, 372)  # column borders
YS = (700, 680, 660, 640)  # row borders


def _cells_text() -> str:
    out = ["BT /F1 10 Tf 72 740 Td (Working hours and leave for every member of staff.) Tj ET"]
    for r, (top, bottom) in enumerate(zip(YS, YS[1:]), start=1):
        for c, (left, right) in enumerate(zip(XS, XS[1:]), start=1):
            out.append(f"BT /F1 10 Tf {left + 4} {bottom + 6} Td (Row {r} cell {c} text) Tj ET")
    out.append("BT /F1 10 Tf 72 600 Td (Requests are answered within ten working days.) Tj ET")
    return "\n".join(out)


def _lines() -> str:
    ops = [f"{XS[0]} {y} m {XS[-1]} {y} l S" for y in YS] + [f"{x} {YS[0]} m {x} {YS[-1]} l S" for x in XS]
    return "0.5 w\n" + "\n".join(ops)


def _rects() -> str:
    ops = []
    for top, bottom in zip(YS, YS[1:]):
        for left, right in zip(XS, XS[1:]):
            ops.append(f"{left} {bottom} {right - left} {top - bottom} re")
    return "0.5 w\n" + "\n".join(ops) + " S"


def _closed_lines() -> str:
    """Each rule a closed two-point path ("m l h"), one rule drawn back to its
    start before closing, the frame an open "m l l l l" path."""
    ops = [f"{XS[0]} {y} m {XS[-1]} {y} l h S" for y in YS[1:-1]]
    ops += [f"{x} {YS[0]} m {x} {YS[-1]} l {x} {YS[0]} l h S" for x in XS[1:-1]]
    ops.append(f"{XS[0]} {YS[0]} m {XS[-1]} {YS[0]} l {XS[-1]} {YS[-1]} l {XS[0]} {YS[-1]} l {XS[0]} {YS[0]} l S")
    return "0.5 w\n" + "\n".join(ops)


def _curvy() -> str:
    """The frame as a closed path that also holds a Bezier flourish under the
    table, and the rules filled (not stroked) thin rectangles."""
    x0, x1, y0, y3 = XS[0], XS[-1], YS[0], YS[-1]
    frame = f"{x0} {y0} m {x1} {y0} l {x1} {y3} l {x0} {y3} l h {x0} 625 m {x0 + 50} 635 {x0 + 90} 615 {x1} 625 c S"
    rules = "\n".join(f"{XS[0]} {y - 0.25} {XS[-1] - XS[0]} 0.5 re f" for y in YS[1:-1])
    rules += "\n" + f"{XS[1] - 0.25} {YS[-1]} 0.5 {YS[0] - YS[-1]} re f"
    return "0.5 w\n" + frame + "\n" + rules


def _scaled() -> str:
    """The grid drawn at half size under a ``cm`` that doubles it."""
    ops = [f"{XS[0] / 2} {y / 2} m {XS[-1] / 2} {y / 2} l S" for y in YS]
    ops += [f"{x / 2} {YS[0] / 2} m {x / 2} {YS[-1] / 2} l S" for x in XS]
    return "q 2 0 0 2 0 0 cm 0.25 w\n" + "\n".join(ops) + "\nQ"


def _pdf(content: str, *, form: str = "", rotate: int = 0, mediabox: str = "0 0 612 792") -> bytes:
    """A one-page PDF drawing ``content`` and the table's text; ``form``: a form
    XObject /Fm1 (shifted 10 pt right by its /Matrix) drawn after it."""
    text = _cells_text()
    body = content + ("\nq 1 0 0 1 -10 0 cm /Fm1 Do Q" if form else "") + "\n" + text
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [{mediabox}] /Rotate {rotate} /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 10 0] /Length {len(form)} >>"
        f"\nstream\n{form}\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


CASES = {
    "lines": _pdf(_lines()),
    "rectangles": _pdf(_rects()),
    "closed-and-open-paths": _pdf(_closed_lines()),
    "curves-and-filled-rules": _pdf(_curvy()),
    "transformed": _pdf(_scaled()),
    "form-xobject": _pdf("", form=_lines()),
    "rotated-page": _pdf(_lines(), rotate=90),
    "mediabox-not-at-origin": _pdf(_lines(), mediabox="0 -20 612 772"),
}


def _document(data: bytes, **options):
    extracted = extract(data, **options)
    return extracted.blocks, extracted.title, extracted.pages


@pytest.mark.parametrize("name", sorted(CASES))
def test_hand_made_tables_match_the_full_search(name):
    data = CASES[name]
    fast = _document(data)
    assert fast == _document(data, full_table_search=True)
    if name == "rotated-page":
        return  # pdfplumber's grid is in rotated coordinates, the glyphs are not: no table (as before)
    cells = [b for b in fast[0] if b.kind is BlockKind.TABLE_CELL]
    assert [(b.location.row, b.location.cell, b.text) for b in cells] == [
        (r, c, f"Row {r} cell {c} text") for r in (1, 2, 3) for c in (1, 2)
    ]


@pytest.mark.parametrize("name", sorted(n for n in CASES if n not in ("rotated-page", "mediabox-not-at-origin")))
def test_pdfium_edges_are_pdfplumbers(name):
    """Edge for edge, the same lines as pdfminer's (PDFium keeps coordinates in
    single precision, hence the tolerance)."""
    data = CASES[name]
    with pdfium.PdfDocument(data) as doc:
        page = doc[0]  # held: the raw handle lives as long as the page object
        found = page_edges(page.raw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        theirs = pdf.pages[0].edges

    def key(e):
        return (e["orientation"] or "", round(e["x0"], 1), round(e["top"], 1), round(e["x1"], 1), round(e["bottom"], 1))

    assert found is not None and len(found[1]) == len(theirs)
    for ours, other in zip(sorted(found[1], key=key), sorted(theirs, key=key)):
        assert ours["orientation"] == other["orientation"]
        for k in ("x0", "x1", "top", "bottom", "width", "height"):
            assert ours[k] == pytest.approx(other[k], abs=1e-3), (k, ours, other)


@pytest.mark.parametrize("name", ["rotated-page", "mediabox-not-at-origin"])
def test_pages_outside_the_plain_geometry_go_to_pdfplumber(name):
    with pdfium.PdfDocument(CASES[name]) as doc:
        page = doc[0]
        assert page_edges(page.raw) is None


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_match_the_full_search(path):
    data = path.read_bytes()
    fast = _document(data)
    assert fast == _document(data, full_table_search=True)


def _shared_pdfs() -> list[Path]:
    return sorted(SHARED.rglob("*.pdf")) if SHARED.is_dir() else []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("path", _shared_pdfs(), ids=lambda p: p.name)
def test_real_pdfs_match_the_full_search(path):
    data = path.read_bytes()
    assert _document(data) == _document(data, full_table_search=True)
