"""Words in quotation marks are mentioned, not used.

Guidance that quotes the words to avoid ("say 'chair', not 'chairman'"),
a definition ("'spouse' means ..."), a title in quotes: a match wrapped in
quotation marks (with at most closing punctuation inside them) is not a
finding.
"""

from __future__ import annotations

_OPEN = "\"'“‘«"
_CLOSE = "\"'”’»"
_INSIDE = ".,;:!?"


def is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after_index = end
    while after_index < len(text) and text[after_index] in _INSIDE:
        after_index += 1
    after = text[after_index] if after_index < len(text) else ""
    if not before or not after or before not in _OPEN or after not in _CLOSE:
        return False
    # an apostrophe after a word ("employees' ") is not a closing quote of this match
    if after in "'’" and before not in "'‘":
        return False
    return not (before == "'" and start >= 2 and text[start - 2].isalnum())
