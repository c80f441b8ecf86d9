"""Tell a file's format from its bytes, not only from its name."""

from __future__ import annotations

import io
import re
import zipfile

from policylint.extract.base import ExtractError
from policylint.text import one_line

#: The formats policylint reads, and the file endings picked up in folders.
FORMATS = ("docx", "pdf", "markdown", "text")
FOLDER_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, suffix: str) -> str:
    """Return one of ``FORMATS`` for these bytes, or raise ``ExtractError``.

    ``suffix`` (the file ending, lower case) decides between Markdown and
    plain text, which no byte signature tells apart, and whether a ``.txt`` or
    ``.md`` file that mentions ``%PDF-`` near its start is text (see ``_is_pdf``).
    """
    if not data or data.isspace():  # (no stripped copy of a large file)
        raise ExtractError("empty file: there is no text to check")
    head = data[:1024]
    if _is_pdf(data, head, suffix):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    if data.startswith(_OLE):
        raise ExtractError("legacy Word .doc (or another Office 97-2003 file) is not supported: save it as .docx")
    if head.lstrip().startswith(b"{\\rtf"):
        raise ExtractError("RTF is not supported: save it as .docx")
    if _looks_binary(head):
        raise ExtractError("unknown format: not a DOCX, PDF, Markdown or text file")
    return "markdown" if suffix in (".md", ".markdown") else "text"


#: the PDF header: "%PDF-" and a version, at the start or (as readers allow) within the first 1024 bytes
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
#: what every PDF has at its end: "startxref", an offset, "%%EOF" (a truncated file may lack it)
_PDF_TAIL = re.compile(rb"startxref\s+\d+\s+%%EOF")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def _is_pdf(data: bytes, head: bytes, suffix: str) -> bool:
    """A PDF by structure: a header at the very start is a PDF whatever its
    name (so a broken one is reported as a broken PDF). A header further into
    the first 1024 bytes counts only with PDF structure behind it (objects,
    ``startxref`` and ``%%EOF``), and never for a file named .txt or .md unless
    it has that structure: a text that mentions "%PDF-1.7" stays text."""
    found = _PDF_HEADER.search(head)
    if found is None:
        return head.startswith(b"%PDF-") and suffix not in _TEXT_SUFFIXES
    if found.start() == 0:
        return suffix not in _TEXT_SUFFIXES or _has_pdf_structure(data)
    return _has_pdf_structure(data)


def _has_pdf_structure(data: bytes) -> bool:
    return bool(_PDF_OBJECT.search(data, 0, 65536)) and bool(_PDF_TAIL.search(data[-2048:]))


def name_hint(suffix: str) -> str:
    """What a file's ending adds to its bytes when sniffing: ``markdown``,
    ``text`` or ``other`` (a cached result is only valid for the same hint)."""
    return "markdown" if suffix in (".md", ".markdown") else "text" if suffix == ".txt" else "other"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception as exc:  # noqa: BLE001 - zipfile raises BadZipFile, NotImplementedError, ...
        raise ExtractError(f"corrupt or truncated file: not a readable ZIP/DOCX archive ({one_line(str(exc))})") \
            from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise ExtractError("OpenDocument (.odt) is not supported: save it as .docx")
    raise ExtractError("unknown format: a ZIP archive that is not a Word document")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False  # text with a byte-order mark
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte; anything else is binary
        even, odd = head[0::2], head[1::2]
        return not (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.1
