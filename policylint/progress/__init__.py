"""``policylint progress``: goals and quarters, read from the history.

``measure`` computes everything; each output format is a module of its own
(``text``, ``markdown``, ``json``, and ``week``: the owner's weekly update in
Markdown), each with ``render(history) -> str``.
"""

from __future__ import annotations

import importlib

FORMATS = {"text": "policylint.progress.text", "markdown": "policylint.progress.markdown",
           "json": "policylint.progress.json"}


def render(fmt: str, history) -> str:
    return importlib.import_module(FORMATS[fmt]).render(history)
