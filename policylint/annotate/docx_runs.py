"""DOCX: from character offsets in a block to the ``w:r`` elements of its paragraph.

The DOCX extractor reads a paragraph with ``paragraph_text`` and records which
characters each run gave (``Block.runs``). Here the same function maps a
block's offsets back to the runs, and runs are split where a finding starts
or ends, so that a comment or a tracked change covers exactly the matched
words. A split run keeps its formatting: both pieces get a copy of its
``w:rPr`` (and its attributes).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from lxml import etree

from policylint.extract.docx_text import W_T, own_runs, paragraph_text, w

W_RPR = w("rPr")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: run children that give one character of text (``w:t`` gives its text)
_ONE_CHAR = {w(t) for t in ("tab", "ptab", "br", "cr", "noBreakHyphen")}

Segment = tuple[int, int, etree._Element]  # block characters start:end come from this run


def segments(p: etree._Element) -> list[Segment]:
    """The runs of ``p`` that give text, with the block characters each gives."""
    runs = own_runs(p)
    return [(start, end, runs[index]) for start, end, index in paragraph_text(p).spans]


def _length(child: etree._Element) -> int:
    if child.tag == W_T:
        return len(child.text or "")
    return 1 if child.tag in _ONE_CHAR else 0


def split_run(r: etree._Element, k: int) -> etree._Element:
    """Split run ``r`` after its first ``k`` characters; ``r`` keeps them and the
    new run, inserted right after it, gets the rest. Returns the new run."""
    right = r.makeelement(r.tag, dict(r.attrib))
    rpr = r.find(W_RPR)
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    seen = 0
    for child in [c for c in r if c.tag != W_RPR]:
        if seen >= k:
            right.append(child)  # moves it
            continue
        length = _length(child)
        if child.tag == W_T and seen + length > k:
            text = child.text or ""
            cut = k - seen
            tail = child.makeelement(W_T, {XML_SPACE: "preserve"})
            tail.text = text[cut:]
            child.text = text[:cut]
            child.set(XML_SPACE, "preserve")
            right.append(tail)
        seen += length
    r.addnext(right)
    return right


def cut_at(p: etree._Element, offsets: Iterable[int]) -> None:
    """Split runs of ``p`` so that every offset falls on a run boundary."""
    spans = segments(p)
    for offset in sorted(set(offsets), reverse=True):
        for start, end, r in spans:
            if start < offset < end:
                split_run(r, offset - start)
                break
    # going right to left, a run split twice keeps its start: no re-mapping needed


def runs_between(spans: list[Segment], start: int, end: int) -> list[etree._Element]:
    """The runs giving exactly characters ``start:end`` (after ``cut_at``)."""
    return [r for s, e, r in spans if s >= start and e <= end and s < e]


def run_at(spans: list[Segment], offset: int) -> etree._Element | None:
    """The run whose text starts at ``offset`` (None at the end of the text)."""
    return next((r for s, _, r in spans if s == offset), None)
