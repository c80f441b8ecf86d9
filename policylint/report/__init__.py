"""Output formats: one module each, behind one registry.

Each formatter follows the same lifecycle: ``start()``, then ``handle()`` for
every checked file or unreadable input as it comes, then ``finish()`` with the
whole result.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from policylint.report.base import Formatter, RunInfo

#: format name -> "module:class"
FORMATTERS = {
    "text": "policylint.report.text:TextFormatter",
    "json": "policylint.report.json:JsonFormatter",
}

__all__ = ["FORMATTERS", "Formatter", "RunInfo", "get_formatter"]


def get_formatter(name: str, out: TextIO, info: RunInfo, color: bool = False) -> Formatter:
    module_name, _, class_name = FORMATTERS[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(out, info, color=color)
