"""Check files: read each one, run the engine, collect results and errors.

One unreadable file never stops the run: its problem is recorded and the
other files are still checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from policylint.engine import Engine
from policylint.extract import ExtractError, read_document
from policylint.result import FileError, FileResult


def check_files(engine: Engine, files: Iterable[Path]) -> Iterator[FileResult | FileError]:
    """Yield one result or one error per file, in the order given."""
    for path in files:
        try:
            document = read_document(path)
        except ExtractError as exc:
            yield FileError(path=str(path), message=str(exc))
            continue
        try:
            findings = engine.check(document)
        except Exception as exc:  # one document must never stop the batch
            yield FileError(path=str(path), message=f"internal error while checking ({type(exc).__name__}: {exc})")
            continue
        yield FileResult(
            path=str(path),
            format=document.format,
            sha256=document.sha256,
            words=document.words,
            pages=document.pages,
            findings=findings,
        )
