"""PDF: a copy of the document with a highlight annotation at every finding.

Each finding becomes one Highlight annotation per page it is on, with one
quadrilateral per line piece (``pdf_boxes``), coloured by severity (error
red, warning yellow, info blue), printable, and with the note
(``notes.note_lines``) as its text, "policylint" as its author, the rule as
its subject and ``policylint-<fingerprint>`` as its name (``/NM``). Each has
its own appearance stream (a multiplied colour fill), so that every viewer
and printer shows the same thing.

The copy is written with pypdf as an incremental update: the original bytes
come first, unchanged, and the annotations are appended after them, so the
rest of the file (and any signature over it) stays as it was. Encrypted PDFs
are refused: an incremental update cannot re-encrypt.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight
from pypdf.constants import AnnotationFlag
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from policylint.annotate import AnnotateError
from policylint.annotate.notes import AUTHOR, note_text
from policylint.annotate.pdf_boxes import PageChars, Rect, match_pieces
from policylint.document import Document
from policylint.finding import Finding, Severity

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # its warnings on odd files stay off stderr

COLOURS = {Severity.ERROR: (1.0, 0.55, 0.55), Severity.WARNING: (1.0, 0.9, 0.2), Severity.INFO: (0.6, 0.82, 1.0)}


@dataclass
class PdfStats:
    highlights: int = 0
    findings: int = 0
    interpolated: int = 0  #: line pieces whose edges were estimated
    unplaced: int = 0  #: findings without a box (their block has none)


def annotate_pdf(data: bytes, document: Document, findings: list[Finding], *,
                 date: dt.datetime) -> tuple[bytes, PdfStats]:
    """The annotated copy of the PDF in ``data`` (whose extraction is ``document``)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AnnotateError("encrypted PDF: remove the password to annotate it")
        writer = PdfWriter(reader, incremental=True)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise AnnotateError(f"cannot open this PDF for writing ({type(exc).__name__}: {exc})") from None
    stats = PdfStats()
    stamp = "D:" + date.strftime("%Y%m%d%H%M%S") + "Z"
    pdf = pdfium.PdfDocument(data)
    try:
        chars = PageChars(pdf)
        for finding in findings:
            number = finding.location.paragraph
            block = document.blocks[number - 1] if 0 < number <= len(document.blocks) else None
            pieces = match_pieces(chars, block, finding.location.start, finding.location.end) if block else []
            if not pieces and block is not None and block.boxes:  # an absence finding: the whole block
                pieces = match_pieces(chars, block, 0, len(block.text))
            if not pieces:
                stats.unplaced += 1
                continue
            stats.findings += 1
            stats.interpolated += sum(not p.exact for p in pieces)
            for page in sorted({p.page for p in pieces}):
                rects = [p.rect for p in pieces if p.page == page]
                writer.add_annotation(page - 1, _highlight(writer, finding, rects, stamp))
                stats.highlights += 1
    finally:
        pdf.close()
    out = io.BytesIO()
    try:
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise AnnotateError(f"cannot write this PDF ({type(exc).__name__}: {exc})") from None
    return out.getvalue(), stats


def _highlight(writer: PdfWriter, finding: Finding, rects: list[Rect], stamp: str) -> Highlight:
    quads = ArrayObject()
    for x0, y0, x1, y1 in rects:  # per line: top left, top right, bottom left, bottom right
        quads.extend(FloatObject(round(v, 2)) for v in (x0, y1, x1, y1, x0, y0, x1, y0))
    bbox = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
    colour = COLOURS[finding.severity]
    annotation = Highlight(rect=bbox, quad_points=quads, highlight_color=_hex(colour), printing=True,
                           title_bar=AUTHOR)
    annotation.flags = AnnotationFlag.PRINT
    annotation.update({
        NameObject("/Contents"): TextStringObject(note_text(finding)),
        NameObject("/Subj"): TextStringObject(f"{finding.rule} {finding.name}"),
        NameObject("/NM"): TextStringObject(f"policylint-{finding.fingerprint}"),
        NameObject("/M"): TextStringObject(stamp),
        NameObject("/CreationDate"): TextStringObject(stamp),
        NameObject("/CA"): FloatObject(1),
        # a stream must be an indirect object; pypdf adds objects with _add_object
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(_appearance(rects, bbox, colour))}),
    })
    return annotation


def _appearance(rects: list[Rect], bbox: Rect, colour: tuple[float, float, float]) -> DecodedStreamObject:
    """A form XObject that fills each line piece with the colour, multiplied
    over the page (so the words stay readable)."""
    ops = ["/GS0 gs", " ".join(f"{c:.3f}" for c in colour) + " rg"]
    ops += [f"{x0:.2f} {y0:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f" for x0, y0, x1, y1 in rects]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(round(v, 2)) for v in bbox),
        NameObject("/Resources"): DictionaryObject({
            NameObject("/ExtGState"): DictionaryObject({
                NameObject("/GS0"): DictionaryObject({
                    NameObject("/Type"): NameObject("/ExtGState"),
                    NameObject("/BM"): NameObject("/Multiply"),
                }),
            }),
        }),
    })
    return stream


def _hex(colour: tuple[float, float, float]) -> str:
    return "".join(f"{round(c * 255):02x}" for c in colour)
