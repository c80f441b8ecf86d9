"""PDF: document-wide text statistics and the line tests built on them.

``DocStyle`` learns, from all lines of the document, the body font size and
family and the usual line pitch per font size; the tests below use it:

- a *heading* line is short (at most 20 words, 150 characters), has a letter,
  does not end with ``.`` or ``;``, does not start with a bullet, is not made
  of separate cells ("Day    Hours"), and is set larger than the body (x1.12),
  or bold at body size, or in a rare font family (under 10 % of the text,
  not monospace);
- a *list marker* is a bullet glyph (• ◦ ▪ ‣ ➢ ... and private-use symbol-font
  bullets such as U+F0B7) or an ordered marker ("1.", "a)", "(iv)") or a dash
  ("-", "–", "*") followed by a space. Bullets always open a list item; the
  weaker ordered and dash markers only where a paragraph could end anyway.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policylint.extract.pdf_glyphs import FontStyle
from policylint.extract.pdf_layout import Line

BULLETS = "•◦▪▫‣⁃➢➤►▸▶■□●○◆◇✓✔✗❖➔→·"
_BARE = set(BULLETS + "-–—* ")
_ORDERED = re.compile(r"^\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)](?=\s)\s*")
_DASH = re.compile(r"^[-–—*]\s+(?=\S)")
_BULLET = re.compile(rf"^[{BULLETS}\uf000-\uf8ff]\s*(?=\S)")
_OPEN_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_NUMBER = re.compile(r"^\(?[\dA-Za-z]{1,3}(?:[.)]\d{1,3})*[.)]?$")  # "1.", "2.3", "A)"

HeadingStyle = tuple[float, bool, bool, bool]  # (size, bold, rare family, italic)


@dataclass(frozen=True)
class Marker:
    length: int  # characters of the line text the marker takes, spaces included
    strong: bool


def line_font(line: Line) -> tuple[FontStyle | None, float]:
    """The line's most used font style and the share of its glyphs that are bold."""
    return line.font


class DocStyle:
    def __init__(self, flows: list[list[Line]]) -> None:
        sizes: Counter[float] = Counter()
        families: Counter[str] = Counter()
        gaps: dict[float, Counter[float]] = {}
        for lines in flows:
            prev = None
            for line in lines:
                if not isinstance(line, Line):
                    prev = None
                    continue
                n = len(line.text)
                sizes[_round(line.size)] += n
                font, _ = line_font(line)
                if font is not None:
                    families[font.family] += n
                if prev is not None and _round(prev.size) == _round(line.size):
                    gap = prev.base - line.base
                    if 0.8 * line.size < gap < 2.0 * line.size:
                        gaps.setdefault(_round(line.size), Counter())[_round(gap)] += 1
                prev = line
        self.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        total = sum(families.values()) or 1
        self.rare_families = {fam for fam, n in families.items() if n / total < 0.10}
        self._pitch = {size: c.most_common(1)[0][0] for size, c in gaps.items()}

    def pitch(self, size: float) -> float:
        return self._pitch.get(_round(size), 1.2 * size)

    def new_paragraph_gap(self, size: float) -> float:
        """A baseline-to-baseline distance above this ends a paragraph."""
        pitch = self.pitch(size)
        return max(1.2 * pitch, pitch + 0.25 * size)

    def heading_style(self, line: Line) -> HeadingStyle | None:
        text = line.text.strip()
        if not text or len(text) > 150 or len(text.split()) > 20:
            return None
        if text[-1] in ".;" or not any(c.isalpha() for c in text):
            return None
        if _BULLET.match(text) or text[0] in BULLETS:
            return None
        if any(not _NUMBER.match(f.text) for f in line.frags[:-1]):
            return None  # cells of a table row, not a heading ("Day    Hours")
        font, bold_share = line_font(line)
        size = _round(line.size)
        if font is None:
            return None
        bold = bold_share >= 0.8
        if size >= 1.12 * self.body_size:
            return size, bold, False, font.italic
        if bold and size >= 0.9 * self.body_size:
            return size, True, False, font.italic
        if (
            font.family in self.rare_families
            and not font.mono
            and size >= 0.95 * self.body_size
            and len(text.split()) <= 8
        ):
            return size, False, True, font.italic
        return None


def heading_levels(styles: list[HeadingStyle]) -> dict[HeadingStyle, int]:
    """Levels for heading styles given in document order: larger first; at one
    size, the style that appears first in the document is the higher level."""
    first = {}
    for i, style in enumerate(styles):
        first.setdefault(style, i)
    ranked = sorted(first, key=lambda s: (-s[0], first[s]))
    return {style: i + 1 for i, style in enumerate(ranked)}


def list_marker(text: str) -> Marker | None:
    m = _BULLET.match(text)
    if m:
        return Marker(m.end(), True)
    m = _ORDERED.match(text) or _DASH.match(text)
    if m and m.end() < len(text):
        return Marker(m.end(), False)
    return None


def is_bare_marker(text: str) -> bool:
    """A bullet or dash with nothing after it (an empty list item)."""
    text = text.strip()
    return bool(text) and all(c in _BARE or "\uf000" <= c <= "\uf8ff" for c in text)


def ends_sentence(text: str) -> bool:
    return bool(_OPEN_END.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.islower()
        if c not in "\"'“‘([":
            return False
    return False


def _round(x: float) -> float:
    return round(x * 2) / 2
