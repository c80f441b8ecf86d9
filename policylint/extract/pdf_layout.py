"""PDF, step 2: drop running headers/footers, put fragments in reading order, make lines.

Running headers and footers: on every page, the outermost rows (fragments
sharing a baseline) inside the top or bottom ``BAND`` of the page are
candidates. A candidate is dropped when its text, with digits replaced by
``#``, comes back in the same band on at least ``REPEAT_SHARE`` of the pages
(and on two pages at least), or when it is only a page number ("3",
"Page 3 of 12", "- 3 -", "iv").

Reading order is a recursive cut of the page: fragments are first grouped
into horizontal slabs separated by vertical white space; consecutive slabs
are kept together while they share a vertical gutter (a white column wider
than ``GUTTER_EM`` em, leaving at least ``MIN_COLUMN_SHARE`` of the width
being ordered on each side, with a fragment at least 2.5 em wide on each
side); a group with a gutter is read left column first, then right, each
column ordered the same way. A full-width line (a title, a spanning
paragraph) therefore closes the column group above it, so a page that starts
in one column and continues in two reads correctly. Text set in narrow
columns with tabs (a first column under a quarter of the width) is read row
by row; wider tab-set tables without ruling lines are read column by column.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from policylint.extract.pdf_glyphs import FontStyle, Fragment

BAND = 0.12  # share of the page height at the top and at the bottom
REPEAT_SHARE = 0.3
OUTERMOST_ROWS = 3
GUTTER_EM = 0.75
MIN_COLUMN_SHARE = 0.25  # a column is at least a quarter of the width being ordered (3 columns fit)

_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pg\.?)?\s*[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"\s*(?:(?:of|/)\s*\d{1,4})?$",
    re.I,
)


@dataclass
class PageText:
    number: int  # 1-based
    y0: float  # bottom of the page box (PDF points)
    y1: float  # top of the page box
    frags: list[Fragment] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Line:
    """Fragments of one line of one column, left to right.

    ``text``, ``size`` and ``font`` are worked out once, when first asked for: a line's
    fragments are all in place before that (``make_lines``, ``pdf_tables``)."""

    page: int
    frags: list[Fragment]

    @cached_property
    def text(self) -> str:
        return " ".join([f.text for f in self.frags if f.text])

    @cached_property
    def font(self) -> tuple[FontStyle | None, float]:
        """The most used font style of the line's glyphs and the share of them that are bold."""
        fonts: Counter[FontStyle] = Counter()
        for f in self.frags:
            fonts.update([g.font for g in f.glyphs if not g.sup and not g.ch.isspace()])
        total = sum(fonts.values())
        if not total:
            return None, 0.0
        bold = sum(n for st, n in fonts.items() if st.bold)
        return fonts.most_common(1)[0][0], bold / total

    @property
    def first(self) -> Fragment:
        return self.frags[0]

    @property
    def base(self) -> float:
        return self.frags[0].base

    @cached_property
    def size(self) -> float:
        return max([f.size for f in self.frags])

    @property
    def x0(self) -> float:
        return self.frags[0].x0

    @property
    def x1(self) -> float:
        return self.frags[-1].x1

    @property
    def top(self) -> float:
        return max(f.top for f in self.frags)

    @property
    def col(self) -> tuple[float, float]:
        return self.frags[0].col


def _rows(frags: list[Fragment]) -> list[list[Fragment]]:
    rows: list[list[Fragment]] = []
    for f in sorted(frags, key=lambda f: -f.base):
        if rows and rows[-1][0].base - f.base <= 0.3 * min(rows[-1][0].size, f.size):
            rows[-1].append(f)
        else:
            rows.append([f])
    return rows


def _row_text(row: list[Fragment]) -> str:
    return " ".join(f.text for f in sorted(row, key=lambda f: f.x0) if f.text).strip()


def _band_rows(page: PageText) -> list[tuple[str, list[Fragment]]]:
    rows = _rows(page.frags)
    band = BAND * page.height
    top = [r for r in rows[:OUTERMOST_ROWS] if min(f.bottom for f in r) >= page.y1 - band]
    bottom = [r for r in rows[-OUTERMOST_ROWS:] if max(f.top for f in r) <= page.y0 + band]
    out = [("top", r) for r in top]
    out += [("bottom", r) for r in bottom if not any(r is t for t in top)]
    return out


def _key(side: str, text: str) -> tuple[str, str]:
    return side, re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def drop_running_lines(pages: list[PageText]) -> None:
    """Remove running headers, footers and page numbers from every page, in place."""
    seen: Counter[tuple[str, str]] = Counter()
    bands = [_band_rows(p) for p in pages]
    for rows in bands:
        seen.update({_key(side, _row_text(r)) for side, r in rows})
    need = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    for page, rows in zip(pages, bands):
        drop: set[int] = set()
        for side, row in rows:
            text = _row_text(row)
            if seen[_key(side, text)] >= need or _PAGE_NUMBER.match(text):
                drop.update(id(f) for f in row)
        if drop:
            page.frags = [f for f in page.frags if id(f) not in drop]


# -- reading order ---------------------------------------------------------------


def _core(f: Fragment) -> tuple[float, float]:
    """The vertical extent that matters for slabs: roughly baseline to x-height."""
    return f.base - 0.15 * f.size, f.base + 0.6 * f.size


def _slabs(frags: list[Fragment]) -> list[list[Fragment]]:
    """Split into horizontal slabs, top to bottom, at vertical white space."""
    items = sorted(frags, key=lambda f: -_core(f)[1])
    slabs: list[list[Fragment]] = []
    low = math.inf
    for f in items:
        lo, hi = _core(f)
        if slabs and hi >= low:
            slabs[-1].append(f)
            low = min(low, lo)
        else:
            slabs.append([f])
            low = lo
    return slabs


def _gutter(frags: list[Fragment], region: tuple[float, float]) -> float | None:
    """x of the widest vertical white column through ``frags`` that leaves at least
    ``MIN_COLUMN_SHARE`` of ``region`` (the x extent being ordered) on each side,
    and a fragment at least 2.5 em wide on each side (a column of bullets or
    list numbers is no column)."""
    if len(frags) < 2:
        return None
    spans = sorted([(f.x0, f.x1) for f in frags])
    em = sorted([f.size for f in frags])[len(frags) // 2]
    min_side = max(MIN_COLUMN_SHARE * (region[1] - region[0]), 3 * em)
    min_text = 2.5 * em
    widest_right = [0.0] * len(spans)  # widest fragment from here on
    widest = 0.0
    for i in range(len(spans) - 1, -1, -1):
        x0, x1 = spans[i]
        width = x1 - x0
        if width > widest:
            widest = width
        widest_right[i] = widest
    best, best_gap = None, max(GUTTER_EM * em, 6.0)
    reach, widest_left = spans[0][1], spans[0][1] - spans[0][0]
    for i in range(1, len(spans)):
        x0, x1 = spans[i]
        gap = x0 - reach
        if (
            gap >= best_gap
            and reach - region[0] >= min_side
            and region[1] - x0 >= min_side
            and widest_left >= min_text
            and widest_right[i] >= min_text
        ):
            best, best_gap = (reach + x0) / 2, gap
        if x1 > reach:
            reach = x1
        if x1 - x0 > widest_left:
            widest_left = x1 - x0
    return best


def reading_order(frags: list[Fragment]) -> list[Fragment]:
    """Fragments in reading order; sets each fragment's ``col`` (its column's x extent)."""
    if not frags:
        return []
    out: list[Fragment] = []
    _order(frags, out)
    return out


def _order(frags: list[Fragment], out: list[Fragment]) -> None:
    col = (min(f.x0 for f in frags), max(f.x1 for f in frags))
    groups: list[list[Fragment]] = []
    for slab in _slabs(frags):
        if groups and _gutter(groups[-1] + slab, col) is not None:
            groups[-1] = groups[-1] + slab
        else:
            groups.append(slab)
    for group in groups:
        cut = _gutter(group, col)
        if cut is not None:
            _order([f for f in group if f.x1 <= cut], out)
            _order([f for f in group if f.x1 > cut], out)
        else:
            for f in sorted(group, key=lambda f: (-f.base, f.x0)):
                f.col = col
                out.append(f)


def make_lines(number: int, frags: list[Fragment]) -> list[Line]:
    """Lines in reading order (fragments of one baseline and column joined)."""
    lines: list[Line] = []
    for f in reading_order(frags):
        last = lines[-1].frags[-1] if lines else None
        if (
            last is not None
            and abs(last.base - f.base) <= 0.3 * min(last.size, f.size)
            and f.x0 >= last.x1 - 1
            and f.col == last.col
        ):
            lines[-1].frags.append(f)
        else:
            lines.append(Line(number, [f]))
    return lines
