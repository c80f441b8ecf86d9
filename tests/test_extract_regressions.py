"""Inputs that once crashed, hung or were wrongly refused, found by
``benchmarks/fuzz_extractors.py``, by the hypothesis properties and by
probing with pathological documents; each rebuilt here from small bytes."""

from __future__ import annotations

import gc
import io
import struct
import subprocess
import sys
import time

import pdfplumber
import pytest
from fpdf import FPDF

from policylint.extract import ExtractError, document_from_bytes, text
from tests.helpers import FLAGGED_SENTENCE
from tests.hostile_files import document_xml, paragraph, zip_bytes


def _ruled_pdf_with_a_broken_info_dictionary() -> bytes:
    """A page with a ruled table (so pdfplumber is asked for tables) and junk
    in the document information dictionary, which pdfium ignores and pdfminer
    cannot parse (fuzzing: a mutated outline entry did the same)."""
    pdf = FPDF()
    pdf.set_title("Leave policy")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, FLAGGED_SENTENCE)
    with pdf.table() as table:
        for cells in (["Role", "Who"], ["Chair", "The chairman"], ["Lead", "A foreman"]):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    data = bytes(pdf.output())
    at = data.index(b"/Title")
    return data[:at] + b"\xf6\xc1 /a /b 8 " + data[at:]


def test_a_pdf_that_pdfminer_cannot_parse_is_read_without_table_detection():
    data = _ruled_pdf_with_a_broken_info_dictionary()
    # the premise: pdfplumber fails on it
    with pytest.raises(Exception, match="Invalid dictionary construct"), pdfplumber.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].find_tables()
    document = document_from_bytes(data, "broken-info.pdf")  # was: "cannot read this pdf file (PdfminerException ...)"
    texts = [block.text for block in document.blocks]
    assert FLAGGED_SENTENCE in texts and any("The chairman" in text for text in texts)


def test_library_warnings_stay_off_standard_error():
    """pdfminer (fonts, broken objects) and pypdf log warnings through
    ``logging``; with no handler set up, Python prints them on standard
    error, as extra lines in a run's output (fuzzing showed hundreds). In a
    fresh interpreter, since pytest sets up logging handlers of its own."""
    code = ("import logging, policylint.extract.pdf_tables, policylint.annotate.pdf_highlights\n"
            "logging.getLogger('pdfminer.pdffont').warning('Could not get FontBBox from font descriptor')\n"
            "logging.getLogger('pypdf._reader').warning('incorrect startxref pointer')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == ""


def test_a_zip_with_an_unknown_version_is_a_corrupt_file():
    """zipfile raises ``NotImplementedError`` for a "version needed to extract"
    it does not know; sniffing let it escape (found by hypothesis)."""
    data = bytearray(zip_bytes({"word/document.xml": document_xml(paragraph(FLAGGED_SENTENCE))}))
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 6, 64)  # version needed to extract: 6.4
    with pytest.raises(ExtractError, match=r"^corrupt or truncated file: not a readable ZIP/DOCX archive "
                                           r"\(zip file version 6.4\)$"):
        document_from_bytes(bytes(data), "x.docx")


def test_a_text_file_with_very_many_paragraphs_is_read_in_linear_time():
    """Each paragraph's line number was counted from the start of the file:
    quadratic (4,000 paragraphs of 1 KB took 12 s more than they do now; a
    3 MB file of short paragraphs, minutes)."""
    paragraph_text = " ".join(["word"] * 200) + "\n\n"
    timings = []
    gc.disable()  # no collection pauses in the timings
    try:
        for count in (1000, 4000):
            data = (paragraph_text * count).encode()
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                extracted = text.extract(data)
                best = min(best, time.perf_counter() - started)
            timings.append(best)
    finally:
        gc.enable()
    assert [b.location.line for b in extracted.blocks[-2:]] == [2 * 4000 - 3, 2 * 4000 - 1]
    assert timings[1] < 8 * timings[0]  # four times the text: about four times the time, not sixteen
