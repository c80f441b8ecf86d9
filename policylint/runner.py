"""Check files: read each one, run the engine, collect results and errors.

One unreadable file never stops the run: its problem is recorded and the
other files are still checked. ``check_one`` is the unit of work (a plain
function of picklable values, so that it can run in a worker process); it
never raises for a bad document, only for ``KeyboardInterrupt`` and the like.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from policylint.engine import Engine
from policylint.exitcodes import ModelError
from policylint.extract import ExtractError, document_from_bytes, read_document
from policylint.limits import DocumentTimeout, Limits, deadline, format_seconds
from policylint.result import FileError, FileResult
from policylint.structure import map_sections
from policylint.text import one_line


def check_files(engine: Engine, files: Iterable[Path],
                limits: Limits | None = None) -> Iterator[FileResult | FileError]:
    """Yield one result or one error per file, in the order given."""
    for path in files:
        yield check_one(engine, path, limits)


def check_one(engine: Engine, path: str | Path, limits: Limits | None = None,
              data: bytes | None = None) -> FileResult | FileError:
    """Read and check one file within ``limits`` (default ``Limits()``): its
    result, or a ``FileError`` with a one-line message for anything that went
    wrong, including a document that takes longer than ``limits.timeout``.
    With ``data`` (standard input's bytes), ``path`` is only the name to report."""
    limits = limits if limits is not None else Limits()
    name = str(path)
    try:
        with deadline(limits.timeout):
            if data is None:
                document = read_document(path, limits)
            else:
                document = document_from_bytes(data, name, suffix=Path(name).suffix.lower(), limits=limits)
            findings = engine.check(document)
            sections = map_sections(document)
    except ExtractError as exc:
        return FileError(path=name, message=one_line(str(exc)))
    except DocumentTimeout:
        return FileError(path=name, message=f"took longer than {format_seconds(limits.timeout)} to check "
                                            "(limit: --timeout)")
    except ModelError:
        raise  # the pipeline or the classifier cannot be loaded: a setup error for the whole run (exit 2)
    except (MemoryError, RecursionError) as exc:
        what = "too large" if isinstance(exc, MemoryError) else "nested too deeply"
        return FileError(path=name, message=f"the document is {what} to check")
    except Exception as exc:  # noqa: BLE001 - one document must never stop the batch
        return FileError(path=name, message=f"internal error while checking ({type(exc).__name__}: "
                                            f"{one_line(str(exc))[:200]})")
    return FileResult(
        path=name,
        format=document.format,
        sha256=document.sha256,
        words=document.words,
        pages=document.pages,
        findings=findings,
        comments=document.comments,
        sections=sections,
    )
