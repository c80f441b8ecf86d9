"""How fast can we get text (and what we need for layout) out of a PDF?

    python benchmarks/pdf_extractors.py [--repeat N] [file.pdf ...]

Without files, runs on the shared corpus PDFs and on a 60-page document made
by joining two of them (18F, 43 pages, + HackerBay, 17 pages). For each file
and approach, prints pages, seconds (best of ``--repeat`` runs) and pages/s.

Approaches:

- ``pdfium-text``: pypdfium2, plain text of each page (``get_text_range``).
- ``pdfium-glyphs``: pypdfium2, every glyph with its box, baseline, size and
  font, which is what policylint's layout analysis needs.
- ``plumber-text``: pdfplumber ``extract_text()`` of each page.
- ``plumber-words``: pdfplumber ``extract_words()`` with size and font name.
- ``plumber-tables``: pdfplumber ``find_tables()`` on each page.
- ``policylint``: the whole PDF extractor, ``policylint.extract.pdf.extract``.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from policylint.extract.pdf import extract
from policylint.extract.pdf_read import FontTable, read_glyphs

CORPUS = Path("/work/shared/corpus/converted")
DEFAULT_FILES = [
    CORPUS / "hackerbay-handbook-2col.pdf",
    CORPUS / "18f-tts-hr-policies-footnotes.pdf",
    CORPUS / "sourcegraph-people-policies.pdf",
]


def pdfium_text(data: bytes) -> int:
    with pdfium.PdfDocument(data) as doc:
        for page in doc:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(doc)


def pdfium_glyphs(data: bytes) -> int:
    fonts = FontTable()
    with pdfium.PdfDocument(data) as doc:
        for page in doc:
            textpage = page.get_textpage()
            read_glyphs(textpage, fonts)
            textpage.close()
            page.close()
        return len(doc)


def _plumber(data: bytes, work: Callable) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            work(page)
            page.close()
        return len(pdf.pages)


def plumber_text(data: bytes) -> int:
    return _plumber(data, lambda page: page.extract_text())


def plumber_words(data: bytes) -> int:
    return _plumber(data, lambda page: page.extract_words(extra_attrs=["size", "fontname"]))


def plumber_tables(data: bytes) -> int:
    return _plumber(data, lambda page: page.find_tables())


def policylint(data: bytes) -> int:
    return extract(data).pages or 0


APPROACHES: dict[str, Callable[[bytes], int]] = {
    "pdfium-text": pdfium_text,
    "pdfium-glyphs": pdfium_glyphs,
    "plumber-text": plumber_text,
    "plumber-words": plumber_words,
    "plumber-tables": plumber_tables,
    "policylint": policylint,
}


def joined_document(parts: list[Path], target: Path) -> Path:
    """A document made of the pages of ``parts``, one after the other."""
    out = pdfium.PdfDocument.new()
    for part in parts:
        with pdfium.PdfDocument(part) as src:
            out.import_pages(src)
    out.save(target)
    out.close()
    return target


def measure(path: Path, repeat: int) -> None:
    data = path.read_bytes()
    for name, run in APPROACHES.items():
        best = float("inf")
        pages = 0
        for _ in range(repeat):
            start = time.perf_counter()
            pages = run(data)
            best = min(best, time.perf_counter() - start)
        print(f"{path.name:40} {name:15} {pages:5d} {best:8.2f} {pages / best:9.1f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is shown")
    args = parser.parse_args(argv)
    print(f"{'file':40} {'approach':15} {'pages':>5} {'seconds':>8} {'pages/s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files
        if not files:
            files = [p for p in DEFAULT_FILES if p.exists()]
            if len(files) >= 2:
                files.append(joined_document(files[1::-1], Path(tmp) / "joined-60-pages.pdf"))
        if not files:
            print("no PDF files given and the shared corpus is missing", file=sys.stderr)
            return 2
        for path in files:
            measure(path, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
