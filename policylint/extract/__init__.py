"""Read a file into a ``Document``: sniff the format, then run its extractor.

One module per format (``docx``, ``pdf``, ``markdown``, ``text``), each with
``extract(data: bytes) -> Extracted``. Every failure is an ``ExtractError``
with a one-line cause; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from policylint.document import Document
from policylint.extract.base import ExtractError, Extracted
from policylint.extract.sniff import FOLDER_SUFFIXES, FORMATS, sniff
from policylint.text import count_words

__all__ = ["ExtractError", "FOLDER_SUFFIXES", "FORMATS", "document_from_bytes", "read_bytes", "read_document"]

_MODULES = {"docx": "docx", "pdf": "pdf", "markdown": "markdown", "text": "text"}


def read_document(path: str | Path) -> Document:
    """Read and extract one file. Raises ``ExtractError`` for anything unreadable."""
    path = Path(path)
    return document_from_bytes(read_bytes(path), str(path), suffix=path.suffix.lower())


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, or ``ExtractError`` saying in one line why not."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ExtractError("is a directory") from None
    except FileNotFoundError:
        raise ExtractError("no such file" if not path.is_symlink() else "broken symbolic link") from None
    except PermissionError:
        raise ExtractError("permission denied: cannot read the file") from None
    except OSError as exc:
        raise ExtractError(f"cannot read the file: {exc.strerror or exc}") from None


def document_from_bytes(data: bytes, name: str, suffix: str = "") -> Document:
    fmt = sniff(data, suffix)
    extracted = _run_extractor(fmt, data)
    if not any(block.text.strip() for block in extracted.blocks):
        raise ExtractError("empty document: no text found")
    return Document(
        path=name,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=tuple(extracted.blocks),
        title=extracted.title,
        pages=extracted.pages,
        words=sum(count_words(block.text) for block in extracted.blocks),
    )


def _run_extractor(fmt: str, data: bytes) -> Extracted:
    module = importlib.import_module(f"policylint.extract.{_MODULES[fmt]}")
    try:
        return module.extract(data)
    except ExtractError:
        raise
    except RecursionError:
        raise ExtractError(f"{fmt} structure is nested too deeply to read") from None
    except MemoryError:
        raise ExtractError(f"{fmt} file is too large to read in memory") from None
    except Exception as exc:  # an extractor bug or a library failing on odd input
        raise ExtractError(f"cannot read this {fmt} file ({type(exc).__name__}: {exc})") from None
