"""PDF footnotes: the footnote area at the foot of a page, cut into notes.

A footnote *label* is a run of superscript digits (or note symbols) opening a
fragment, or a fragment of at most four such characters in a font smaller
than 0.8 of the body text (a label on a line of its own). The footnote area
of a page starts at the highest label in the bottom half of the page that
stands at the left of the text (within 2 em of its left edge) and has text
below or beside it; it takes every fragment from that label's line down.
Each label starts a note; lines without a label continue the note above
(a note carried over from the previous page starts without one).
"""

from __future__ import annotations

from collections import Counter

from policylint.extract.pdf_glyphs import NOTE_SYMBOLS, Fragment
from policylint.extract.pdf_layout import Line, PageText


def body_size(pages: list[PageText]) -> float:
    """The font size of most of the text (by characters)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for f in page.frags:
            sizes[round(f.size * 2) / 2] += len(f.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _label(frag: Fragment, body: float) -> str:
    if frag.label:
        return frag.label
    text = frag.text
    if text and len(text) <= 4 and all(c in NOTE_SYMBOLS for c in text) and frag.size <= 0.8 * body:
        return text
    return ""


def split_footnotes(page: PageText, body: float) -> list[Fragment]:
    """Take the footnote area's fragments out of ``page`` and return them."""
    if not page.frags:
        return []
    half = page.y0 + page.height / 2
    left = min(f.x0 for f in page.frags)
    labels = [f for f in page.frags if f.base < half and f.x0 <= left + 2 * body and _label(f, body)]
    for label in sorted(labels, key=lambda f: -f.base):
        zone = [f for f in page.frags if f.top <= label.top + 1 or f.base <= label.base]
        if any(not _label(f, body) or f.label for f in zone):
            page.frags = [f for f in page.frags if not any(f is z for z in zone)]
            return zone
    return []


def footnotes(lines: list[Line], body: float) -> list[list[Line]]:
    """The footnote area's lines, grouped into notes (labels left out)."""
    notes: list[list[Line]] = []
    fresh = True
    for line in lines:
        label = _label(line.first, body)
        if label and label == line.text:
            fresh = True  # a label alone; its text follows on the next line
            continue
        if label or fresh or not notes:
            notes.append([line])
        else:
            notes[-1].append(line)
        fresh = False
    return notes
