"""What the annotated-copy formatters share (``annotated_docx``, ``annotated_pdf``).

An annotated copy is the one checked file with its findings marked in it, so
such a formatter takes exactly one input of its format and writes bytes, not
text: to the ``-o`` file (atomically, by the command) or to standard output
when that is not a terminal. The original is read again, checked against the
SHA-256 taken when it was checked (a file that changed in between is
refused), and never written to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from policylint.annotate import AnnotateError
from policylint.document import Document
from policylint.extract import ExtractError, document_from_bytes, read_bytes
from policylint.limits import Limits
from policylint.text import one_line
from policylint.finding import Finding
from policylint.report.base import Formatter, OutputError
from policylint.result import CheckResult, FileError, FileResult


class AnnotatingFormatter(Formatter):
    needs_rules = True

    #: the one input format this formatter annotates
    input_format = ""

    def __init__(self, out, info, color: bool = False):
        super().__init__(out, info, color)
        self.file: FileResult | None = None
        self.done = ""  # what was written, for the summary line

    @property
    def name(self) -> str:
        return f"annotated-{self.input_format}"

    def start(self) -> None:
        if getattr(self.out, "isatty", lambda: False)():
            raise OutputError(f"{self.name} writes a .{self.input_format} file: give -o FILE")

    def handle(self, item: FileResult | FileError) -> None:
        if isinstance(item, FileError):
            return
        if self.file is not None:
            raise OutputError(f"{self.name} makes one annotated copy: give one input file")
        if item.format != self.input_format:
            raise OutputError(f"{item.path}: {self.name} annotates .{self.input_format} files; this is {item.format}")
        self.file = item

    def finish(self, result: CheckResult, exit_code: int) -> None:
        if self.file is None:  # the input could not be read; that was reported already
            raise OutputError("", exit_code=exit_code or 3)
        path = self.file.path
        try:
            data = read_bytes(path, Limits(max_file_size=0))  # refuses what is no longer a regular file
            if hashlib.sha256(data).hexdigest() != self.file.sha256:
                raise OutputError(f"{path}: the file changed while it was being checked; run again", 3)
            document = document_from_bytes(data, path, suffix=Path(path).suffix.lower())
            copy = self.annotate(data, document, self.file.findings)
        except OSError as exc:
            raise OutputError(f"{path}: cannot read the file again ({exc.strerror or exc})", 3) from None
        except (ExtractError, AnnotateError) as exc:
            raise OutputError(f"{path}: {one_line(str(exc))}", 3) from None
        except OutputError:
            raise
        except Exception as exc:  # a document this code does not handle must not end in a traceback
            raise OutputError(f"{path}: cannot write the annotated copy (internal error: {type(exc).__name__}: {exc})",
                              3) from None
        self.out.flush()
        binary = getattr(self.out, "buffer", None)
        if binary is None:
            raise OutputError(f"{self.name} cannot write to this output: give -o FILE")
        binary.write(copy)
        binary.flush()

    def annotate(self, data: bytes, document: Document, findings: list[Finding]) -> bytes:
        raise NotImplementedError

    def summary_line(self, result: CheckResult) -> str:
        line = super().summary_line(result)
        return f"{line} {self.done}" if self.done else line

    def is_absence(self, finding: Finding) -> bool:
        """True for findings of rules that report what is missing (scope section or document)."""
        rule = self.info.ruleset.get(finding.rule) if self.info.ruleset is not None else None
        return bool(getattr(rule, "is_absence", False))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
