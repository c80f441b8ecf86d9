"""Read a file into a ``Document``: sniff the format, then run its extractor.

One module per format (``docx``, ``pdf``, ``markdown``, ``text``), each with
``extract(data: bytes) -> Extracted``. Every failure is an ``ExtractError``
with a one-line cause; nothing else escapes.

Files are opened read-only. ``Limits`` are enforced here: a file that is not
a regular file (a folder, a named pipe, a device) or is larger than
``max_file_size`` is refused before a byte is read; a PDF with more than
``max_pages`` pages is refused before its text is read; a document with more
than ``max_words`` words is refused once extracted.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from policylint.document import Document
from policylint.extract.base import ExtractError, Extracted
from policylint.extract.sniff import FOLDER_SUFFIXES, FORMATS, sniff
from policylint.limits import Limits, format_size
from policylint.text import count_words, one_line

__all__ = ["ExtractError", "FOLDER_SUFFIXES", "FORMATS", "document_from_bytes", "read_bytes", "read_document",
           "read_stream"]

_MODULES = {"docx": "docx", "pdf": "pdf", "markdown": "markdown", "text": "text"}


def read_document(path: str | Path, limits: Limits | None = None) -> Document:
    """Read and extract one file within ``limits`` (default: ``Limits()``).
    Raises ``ExtractError`` for anything unreadable or over a limit. A
    ``path`` that is an fsspec URL is read through ``policylint.sources``."""
    limits = limits if limits is not None else Limits()
    from policylint import sources

    if sources.is_url(path):
        return document_from_bytes(sources.read_url(path, limits), path, suffix=sources.url_suffix(path),
                                   limits=limits)
    path = Path(path)
    return document_from_bytes(read_bytes(path, limits), str(path), suffix=path.suffix.lower(), limits=limits)


def read_bytes(path: str | Path, limits: Limits | None = None) -> bytes:
    """The bytes of a regular file no larger than ``limits.max_file_size``
    (default: ``Limits()``), or ``ExtractError`` saying in one line why not."""
    path = Path(path)
    limit = (limits if limits is not None else Limits()).max_file_size
    try:
        info = os.stat(path)
        _refuse_special(info.st_mode)
        _refuse_size(info.st_size, limit)
        # O_NONBLOCK: a file swapped for a named pipe since the stat must not block the open
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _refuse_special(info.st_mode)
            _refuse_size(info.st_size, limit)
            data = handle.read(limit + 1 if limit else -1)
    except IsADirectoryError:
        raise ExtractError("is a directory") from None
    except FileNotFoundError:
        raise ExtractError("no such file" if not path.is_symlink() else "broken symbolic link") from None
    except PermissionError:
        raise ExtractError("permission denied: cannot read the file") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ExtractError("the name is longer than the system allows: cannot open the file") from None
        raise ExtractError(f"cannot read the file: {exc.strerror or exc}") from None
    _refuse_size(len(data), limit)  # it grew while being read
    return data


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_special(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _SPECIAL_FILES if test(mode)), "not a file")
        raise ExtractError(f"not a regular file: {kind}")


def read_stream(stream: BinaryIO, limits: Limits | None = None) -> bytes:
    """All of ``stream`` (standard input), read a piece at a time and never
    more than ``limits.max_file_size`` (default: ``Limits()``): an endless
    stream (``< /dev/zero``) is an ``ExtractError`` once past the limit."""
    limit = (limits if limits is not None else Limits()).max_file_size
    pieces, size = [], 0
    while True:
        piece = stream.read(min(_PIECE, limit + 1 - size) if limit else _PIECE)
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        size += len(piece)
        if limit and size > limit:
            raise ExtractError(f"standard input is larger than the limit of {format_size(limit)} "
                               "(see --max-file-size); reading stopped there")


_PIECE = 1024 * 1024


def _refuse_size(size: int, limit: int) -> None:
    if limit and size > limit:
        raise ExtractError(f"file is too large: {format_size(size)} (limit {format_size(limit)}; see --max-file-size)")


def document_from_bytes(data: bytes, name: str, suffix: str = "", limits: Limits | None = None) -> Document:
    """Extract a ``Document`` from bytes already read (a file, standard
    input). ``limits`` are only applied when given: bytes that were accepted
    once (an annotated copy reads its input again) need no second check."""
    if limits is not None:
        _refuse_size(len(data), limits.max_file_size)
    fmt = sniff(data, suffix)
    max_pages = limits.max_pages if limits is not None else 0
    extracted = _run_extractor(fmt, data, max_pages)
    if not any(block.text.strip() for block in extracted.blocks):
        raise ExtractError("empty document: no text found")
    words = sum(count_words(block.text) for block in extracted.blocks)
    if limits is not None and limits.max_words and words > limits.max_words:
        raise ExtractError(f"document is too long: {words:,} words (limit {limits.max_words:,}; see --max-words)")
    return Document(
        path=name,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=tuple(extracted.blocks),
        title=extracted.title,
        pages=extracted.pages,
        words=words,
        comments=tuple(extracted.comments),
    )


def _run_extractor(fmt: str, data: bytes, max_pages: int) -> Extracted:
    module = importlib.import_module(f"policylint.extract.{_MODULES[fmt]}")
    try:
        if fmt == "pdf":
            return module.extract(data, max_pages=max_pages)
        return module.extract(data)
    except ExtractError:
        raise
    except RecursionError:
        raise ExtractError(f"{fmt} structure is nested too deeply to read") from None
    except MemoryError:
        raise ExtractError(f"{fmt} file is too large to read in memory") from None
    except Exception as exc:  # an extractor bug or a library failing on odd input
        raise ExtractError(f"cannot read this {fmt} file ({type(exc).__name__}: {one_line(str(exc))[:200]})") from None
