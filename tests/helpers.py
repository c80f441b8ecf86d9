"""Builders for small test inputs (good and bad documents)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from fpdf import FPDF

FLAGGED_SENTENCE = "The chairman of the committee signs off every request."


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    document.add_heading("Policy", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def make_pdf(path: Path, paragraphs: list[str], *, password: str | None = None) -> Path:
    pdf = FPDF()
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 6, text)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path, pages: int = 2) -> Path:
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_fill_color(120, 120, 120)
        pdf.rect(20, 20, 150, 80, style="F")
    pdf.output(str(path))
    return path


def truncated(path: Path, source: Path, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def zip_without_document(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    path.write_bytes(buffer.getvalue())
    return path
