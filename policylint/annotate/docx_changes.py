"""DOCX: a suggested replacement written as a tracked change.

The matched runs are wrapped in one ``w:del`` (their ``w:t`` become
``w:delText``) and a ``w:ins`` right after it holds one new run with the
replacement, formatted like the first matched run. Word and LibreOffice show
both as a revision by "policylint" that the editor can accept or reject.

A change is only written where it is safe: the runs sit side by side in one
paragraph (or one hyperlink), and between them there is nothing but text runs
and bookmarks or proofing marks. A run with a field code, a note reference, a
drawing or an existing revision is never wrapped; such a finding keeps its
comment and gets no tracked change.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools

from lxml import etree

from policylint.annotate.docx_runs import W_RPR, XML_SPACE
from policylint.extract.docx_text import W_P, W_R, W_T, w

W_DEL, W_INS, W_DEL_TEXT = w("del"), w("ins"), w("delText")
_ID, _AUTHOR, _DATE = w("id"), w("author"), w("date")
#: where the runs may sit: the paragraph itself or simple inline wrappers
_PARENTS = {W_P, w("hyperlink"), w("smartTag"), w("customXml"), w("sdtContent"), w("dir"), w("bdo")}
#: what may sit between the runs of one change
_BETWEEN = {w(t) for t in ("proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd",
                           "commentRangeStart", "commentRangeEnd")}
#: what a run may hold to be deleted as plain text
_PLAIN = {W_RPR, W_T, w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen"), w("softHyphen"),
          w("lastRenderedPageBreak")}


class Revisions:
    """Writes tracked changes with unique ids, one author and one date."""

    def __init__(self, roots: list[etree._Element], author: str, date: dt.datetime, reserve: int = 0):
        """``reserve``: ids to leave free above those in use (for the comments
        to come), so that no revision shares an id with any other annotation."""
        used = [int(v) for root in roots for el in root.iter() if (v := el.get(_ID)) and v.lstrip("-").isdigit()]
        self._ids = itertools.count(max(used, default=0) + reserve + 1)
        self.author = author
        self.date = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.made: set[etree._Element] = set()  # the w:del / w:ins written here

    def _mark(self, tag: str, model: etree._Element) -> etree._Element:
        el = model.makeelement(tag, {_ID: str(next(self._ids)), _AUTHOR: self.author, _DATE: self.date})
        self.made.add(el)
        return el

    def replace(self, runs: list[etree._Element], replacement: str) -> bool:
        """Delete ``runs`` and insert ``replacement`` after them (nothing for an
        empty replacement). False, and nothing changed, when it is not safe."""
        siblings = _siblings(runs)
        if siblings is None:
            return False
        first = runs[0]
        deletion = self._mark(W_DEL, first)
        first.addprevious(deletion)
        for el in siblings:
            deletion.append(el)  # moves it
        for r in deletion.iter(W_R):
            for t in r.iter(W_T):
                t.tag = W_DEL_TEXT
        if replacement:
            insertion = self._mark(W_INS, first)
            run = first.makeelement(W_R, {})
            rpr = first.find(W_RPR)
            if rpr is not None:
                rpr = copy.deepcopy(rpr)
                for change in rpr.findall(w("rPrChange")):
                    rpr.remove(change)
                run.append(rpr)
            text = run.makeelement(W_T, {XML_SPACE: "preserve"})
            text.text = replacement
            run.append(text)
            insertion.append(run)
            deletion.addnext(insertion)
        return True

    def outer(self, el: etree._Element, end: bool) -> etree._Element:
        """The element a comment range should start before (``end`` False) or end
        after (``end`` True): a run's own deletion, and at the end the insertion
        that follows it."""
        parent = el.getparent()
        if parent is not None and parent in self.made and parent.tag == W_DEL:
            el = parent
        if end and el in self.made:
            following = el.getnext()
            if following is not None and following in self.made and following.tag == W_INS:
                el = following
        return el


def _siblings(runs: list[etree._Element]) -> list[etree._Element] | None:
    """The elements from the first run to the last, if they can be deleted as one."""
    if not runs:
        return None
    parent = runs[0].getparent()
    if parent is None or parent.tag not in _PARENTS or any(r.getparent() is not parent for r in runs):
        return None
    children = list(parent)
    first, last = children.index(runs[0]), children.index(runs[-1])
    span = children[first:last + 1]
    for el in span:
        if el.tag == W_R:
            if any(child.tag not in _PLAIN for child in el):
                return None
        elif el.tag not in _BETWEEN:
            return None
    return span
