"""PDF, step 1: group the glyphs of a page (read by ``pdf_read``) into fragments.

A *fragment* is a run of glyphs on one baseline with no wide gap in it: a whole
line of a one-column page, one column's part of a line on a two-column page,
or a table cell's text. Later steps order fragments and join them into lines
and blocks (``pdf_layout``, ``pdf_blocks``).

Everything here works in pdfium's page space: PDF points, origin at the bottom
left of the page, y growing upwards. Glyph boxes are pdfium's *loose* boxes
(advance width by font ascent/descent), so that boxes of one line line up.

Text decisions made here:

- Spaces come from geometry: a real space glyph, or a gap wider than
  ``SPACE_GAP`` em between two glyphs. pdfium's *generated* spaces and line
  breaks are ignored, as its guesses follow content order, not the page.
- Superscripts (glyphs clearly smaller than, and raised above, the line they
  touch) are merged into that line. Superscript digits and note symbols glued
  to a word are footnote references ("Specialist²") and are dropped from the
  text; at the very start of a line they are a footnote *label*, kept aside in
  ``Fragment.label``.
- A hyphen pdfium found at a line end (read as "-", see ``pdf_read``) is
  kept here; ``pdf_blocks`` decides. Soft hyphens (U+00AD) inside a line are
  dropped; at a line end they become U+00AD for ``pdf_blocks``.
- No-break and other spaces become spaces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

SPACE_GAP = 0.15  # em: a wider gap between two glyphs is a word space
SPLIT_GAP = 0.8  # em: a wider gap ends the fragment (column gutter, tab stop)
SOFT_HYPHEN = "\u00ad"
NOTE_SYMBOLS = set("0123456789*†‡§¹²³⁰⁴⁵⁶⁷⁸⁹")
SPACES = {" ", "\u00a0", "\t", "\u2002", "\u2003", "\u2009", "\u202f"}


@dataclass(frozen=True, slots=True, eq=False)  # interned by FontTable: identity is enough
class FontStyle:
    family: str
    bold: bool
    italic: bool
    mono: bool


@dataclass(slots=True)
class Glyph:
    ch: str
    x0: float
    x1: float
    bottom: float
    top: float
    base: float  # baseline (the glyph origin's y)
    size: float
    font: FontStyle
    index: int = 0  # pdfium's character index
    sup: bool = False


@dataclass(slots=True)
class Fragment:
    """Glyphs on one baseline, left to right, and the text they make.

    ``xs[i]`` is the horizontal extent of the glyph that produced ``text[i]``
    (an inserted space gets the gap it stands for)."""

    glyphs: list[Glyph]
    text: str = ""
    xs: list[tuple[float, float]] = field(default_factory=list)
    label: str = ""  # footnote label (superscript digits opening the line)
    base: float = 0.0
    size: float = 0.0
    bottom: float = 0.0
    top: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    col: tuple[float, float] = (0.0, 0.0)  # set by pdf_layout: the column it sits in

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Recompute text and geometry from the glyphs."""
        glyphs = self.glyphs
        glyphs.sort(key=_X0)
        main = [g for g in glyphs if not g.sup and g.ch not in SPACES] or glyphs
        self.size = _median([g.size for g in main])
        self.base = _median([g.base for g in main])
        self.bottom = min([g.bottom for g in main])
        self.top = max([g.top for g in main])
        self.x0 = glyphs[0].x0  # sorted by x0
        self.x1 = max([g.x1 for g in glyphs])
        self.text, self.xs, self.label = _spell(glyphs, self.size)


_X0 = attrgetter("x0")
_BASE = attrgetter("base")


def _median(values: list[float]) -> float:
    """``statistics.median``, the same value, without its overhead (called per fragment)."""
    values.sort()
    half = len(values) // 2
    return values[half] if len(values) % 2 else (values[half - 1] + values[half]) / 2


def _spell(glyphs: list[Glyph], size: float) -> tuple[str, list[tuple[float, float]], str]:
    out: list[str] = []
    xs: list[tuple[float, float]] = []
    label = ""
    prev: Glyph | None = None  # last glyph that was written
    prev_ch, prev_x1 = "", 0.0  # its character and right edge
    pending_space = False
    space_gap = SPACE_GAP * size
    for g in glyphs:
        ch = g.ch
        if ch in SPACES:
            pending_space = bool(out)
            continue
        x0 = g.x0
        if (
            ch == prev_ch
            and prev is not None
            and abs(g.index - prev.index) > 1  # (a ligature's letters share one box)
            and abs(x0 - prev.x0) < 0.3 * (prev_x1 - prev.x0 + 0.1)
        ):
            continue  # the same glyph printed twice (fake bold)
        if g.sup and ch in NOTE_SYMBOLS:
            if not out:
                label += ch  # footnote label at the start of a line
            elif prev is not None and x0 - prev_x1 <= space_gap:
                prev, prev_ch, prev_x1 = g, ch, g.x1  # a reference glued to a word: not text, but it takes room
            continue
        if ch == SOFT_HYPHEN:
            continue  # an invisible break opportunity; a line-end one is re-added below
        if out and (pending_space or (prev is not None and x0 - prev_x1 > space_gap)):
            gap_from = prev_x1 if prev is not None else x0
            out.append(" ")
            xs.append((gap_from, gap_from if gap_from >= x0 else x0))
        x1 = g.x1
        if len(ch) == 1:
            out.append(ch)
            xs.append((x0, x0 + (x1 - x0)))  # (the arithmetic of the ligature case below)
        else:
            step = (x1 - x0) / len(ch)  # an expanded ligature shares its box
            for i, c in enumerate(ch):
                out.append(c)
                xs.append((x0 + i * step, x0 + (i + 1) * step))
        prev, prev_ch, prev_x1 = g, ch, x1
        pending_space = False
    if glyphs and glyphs[-1].ch == SOFT_HYPHEN and out:
        out.append(SOFT_HYPHEN)
        xs.append((glyphs[-1].x0, glyphs[-1].x1))
    return "".join(out), xs, label


def build_fragments(glyphs: list[Glyph]) -> list[Fragment]:
    """Group a page's glyphs by baseline, attach superscripts, split at wide gaps."""
    rows = _rows(glyphs)
    _attach_superscripts(rows)
    frags: list[Fragment] = []
    for row in rows:
        row.sort(key=_X0)
        run: list[Glyph] = []
        last_x1 = None
        for g in row:
            if g.ch in SPACES:
                if run:
                    run.append(g)
                continue
            if run and last_x1 is not None:
                em = g.size if g.size >= run[0].size else run[0].size
                if g.x0 - last_x1 > SPLIT_GAP * em:
                    frags.append(Fragment(_trim(run)))
                    run = []
            run.append(g)
            last_x1 = g.x1
        if _trim(run):
            frags.append(Fragment(run))
    return [f for f in frags if f.text or f.label]


def _trim(run: list[Glyph]) -> list[Glyph]:
    while run and run[-1].ch in SPACES:
        run.pop()
    return run


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    rows: list[list[Glyph]] = []
    ref = None
    row: list[Glyph] = []
    ref_base = ref_size = 0.0
    for g in sorted(glyphs, key=_BASE, reverse=True):  # (stable: ties keep their order)
        size = g.size
        if ref is not None and ref_base - g.base <= 0.3 * (ref_size if ref_size <= size else size):
            row.append(g)
        else:
            row = [g]
            rows.append(row)
            ref, ref_base, ref_size = g, g.base, size
    return rows


def _attach_superscripts(rows: list[list[Glyph]]) -> None:
    """Move small raised glyphs (footnote marks) into the row they sit on, in place."""
    if not rows:
        return
    biggest = max([max([g.size for g in row]) for row in rows])
    # per row: median baseline, median size, left, right, of the row as it was
    # before any glyph moved (worked out when first needed: a row only receives
    # glyphs after its figures were needed to accept them)
    stats: list[list[float] | None] = [None] * len(rows)

    def figures(j: int) -> list[float]:
        found = stats[j]
        if found is None:
            row = rows[j]
            size = _median([g.size for g in row])
            found = stats[j] = [_median([g.base for g in row]), size, min([g.x0 for g in row]), max([g.x1 for g in row])]
        return found

    for i, row in enumerate(rows):
        smallest = min([g.size for g in row])
        if smallest > 0.85 * biggest:
            continue
        hosts = range(i + 1, min(i + 4, len(rows)))
        low, high = min([g.base for g in row]), max([g.base for g in row])
        if not any(_may_sit_on(smallest, low, high, figures(j)) for j in hosts):
            continue  # (no glyph of the row passes the size and height tests of _sits_on)
        keep = []
        for g in sorted(row, key=_X0):
            host = next((j for j in hosts if _sits_on(g, figures(j))), None)
            if host is None:
                keep.append(g)
            else:
                g.sup = True
                rows[host].append(g)
                host_figures = figures(host)
                host_figures[3] = max(host_figures[3], g.x1)  # "Leave¹⁰²": the next digit follows
        row[:] = keep
    rows[:] = [row for row in rows if row]


def _may_sit_on(smallest: float, low: float, high: float, row: list[float]) -> bool:
    """Could a glyph of a row (sizes from ``smallest``, baselines ``low`` to
    ``high``) pass ``_sits_on`` for ``row``?"""
    base, size = row[0], row[1]
    return smallest <= 0.85 * size and high - base >= 0.1 * size and low - base <= 0.75 * size


def _sits_on(g: Glyph, row: list[float]) -> bool:
    base, size, x0, x1 = row
    return (
        g.size <= 0.85 * size
        and 0.1 * size <= g.base - base <= 0.75 * size
        and x0 - 1.2 * size <= g.x0
        and g.x1 <= x1 + 0.8 * size
    )
