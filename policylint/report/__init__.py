"""Output formats: one module each, behind one registry.

``concise`` writes one line per finding; ``check --statistics`` uses the
``statistics`` formatter (counts per rule). Each formatter follows the same lifecycle: ``start()``, then ``handle()`` for
every checked file or unreadable input as it comes, then ``finish()`` with the
whole result. ``text``, ``json``, ``sarif``, ``csv`` and ``html`` write text;
``annotated-docx`` and ``annotated-pdf`` take one input of their format and
write the annotated copy as bytes (to the output's ``buffer``). A formatter
that cannot write raises ``OutputError`` (one line, an exit code).
"""

from __future__ import annotations

import importlib
from typing import TextIO

from policylint.report.base import Formatter, OutputError, RunInfo

#: format name -> "module:class"
FORMATTERS = {
    "text": "policylint.report.text:TextFormatter",
    "concise": "policylint.report.concise:ConciseFormatter",
    "json": "policylint.report.json:JsonFormatter",
    "sarif": "policylint.report.sarif:SarifFormatter",
    "csv": "policylint.report.csv:CsvFormatter",
    "html": "policylint.report.html:HtmlFormatter",
    "annotated-docx": "policylint.report.annotated_docx:AnnotatedDocxFormatter",
    "annotated-pdf": "policylint.report.annotated_pdf:AnnotatedPdfFormatter",
}

#: formatters the command line does not offer by name: ``check --statistics``
HIDDEN_FORMATTERS = {"statistics": "policylint.report.statistics:StatisticsFormatter"}

__all__ = ["FORMATTERS", "Formatter", "OutputError", "RunInfo", "formatter_class", "get_formatter"]


def formatter_class(name: str) -> type[Formatter]:
    module_name, _, class_name = (FORMATTERS | HIDDEN_FORMATTERS)[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def get_formatter(name: str, out: TextIO, info: RunInfo, color: bool = False) -> Formatter:
    return formatter_class(name)(out, info, color=color)
