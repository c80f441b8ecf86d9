"""File names as policylint shows them.

A name is kept as the operating system gave it (``os.fsdecode``: bytes that
are not UTF-8 become lone surrogates, so the name still opens the same file
and matches the same globs). Wherever a name is *shown* (an error line, the
text, JSON, CSV, SARIF and HTML reports) it goes through ``shown``, one
visible form used everywhere: an undecodable byte as ``\\xff``, a control
character as ``\\n``, ``\\t``, ``\\r`` or ``\\x1b``, and the invisible marks
that reorder text (U+202A ... U+202E, U+2066 ... U+2069, U+200E, U+200F) as
``\\u202e``. Nothing in a name can then move the cursor, retitle a terminal,
hide text or break an error line in two.
"""

from __future__ import annotations

import os
import re

_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` (a file name, or a line naming one) with everything that is not
    visible, printable text escaped; plain names come back unchanged."""
    return _HIDDEN.sub(_escape, text)


def from_os(name: str | bytes | os.PathLike) -> str:
    """A path as a ``str`` that opens the same file (undecodable bytes kept as surrogates)."""
    return os.fsdecode(name)
