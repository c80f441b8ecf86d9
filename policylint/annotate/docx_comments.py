"""DOCX: a copy of the document with a Word comment at every finding.

Each finding is mapped to its block by ``location.paragraph``, to the
block's ``w:p`` by ``block.source`` (package part and paragraph index), and to
runs by character offsets (``docx_runs``); runs are split where the matched
words start and end, so the comment covers exactly them. The comment says the
rule code and name, the severity, the message and the suggestion
(``notes.note_lines``). With ``suggest_changes``, a suggestion that replaces
or deletes words is also written as a tracked change (``docx_changes``) where
it does not overlap another finding, and the comment then covers the deletion
and the insertion.

Absence findings (rules with ``scope: section`` or ``scope: document``, or an
empty match at the start of a heading) are anchored on the whole paragraph.
Findings in headers, footers, notes and text boxes get their comment in the
main text, see ``docx_anchors``. Comments are made with python-docx's
comments API (``Document.comments.add_comment``), which creates the comments
part when the document has none.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement, parse_xml
from lxml import etree

from policylint.annotate import AnnotateError
from policylint.annotate.docx_anchors import Anchor, BodyAnchors
from policylint.annotate.docx_changes import Revisions
from policylint.annotate.docx_runs import cut_at, run_at, runs_between, segments
from policylint.annotate.notes import AUTHOR, INITIALS, note_text
from policylint.document import Block, Document, Part
from policylint.extract.docx_package import Package
from policylint.extract.docx_text import W_P, paragraph_text, w
from policylint.finding import Finding, SuggestionAction

_CHANGES = (SuggestionAction.REPLACE, SuggestionAction.DELETE)


@dataclass
class DocxStats:
    comments: int = 0
    changes: int = 0
    elsewhere: int = 0  #: comments anchored away from the words (headers, notes, text boxes)


@dataclass
class _Pending:
    finding: Finding
    anchor: Anchor
    where: str | None = None


class _Parts:
    """The XML of every part a block can come from, by part name (lower case).
    Parts python-docx keeps as XML are edited in place; others (footnotes,
    endnotes) are parsed here and written back by ``store``."""

    def __init__(self, document: docx.document.Document):
        self.roots: dict[str, etree._Element] = {}
        self._raw: dict[str, object] = {}
        for part in document.part.package.iter_parts():
            name = str(part.partname).lower()
            element = getattr(part, "element", None)
            if element is not None:
                self.roots[name] = element
            elif part.content_type.endswith(("footnotes+xml", "endnotes+xml")):
                self.roots[name] = parse_xml(part.blob)
                self._raw[name] = part
        self._paragraphs: dict[str, list[etree._Element]] = {}

    def paragraph(self, block: Block) -> etree._Element | None:
        if block.source is None:
            return None
        name = block.source.part.lower()
        if name not in self.roots:
            return None
        if name not in self._paragraphs:
            self._paragraphs[name] = list(self.roots[name].iter(W_P))
        found = self._paragraphs[name]
        return found[block.source.index] if 0 <= block.source.index < len(found) else None

    def store(self) -> None:
        for name, part in self._raw.items():
            # python-docx has no footnotes part class: it keeps the bytes, so put new ones there
            part._blob = etree.tostring(self.roots[name], xml_declaration=True, encoding="UTF-8", standalone=True)


def annotate_docx(data: bytes, document: Document, findings: list[Finding], *, suggest_changes: bool,
                  is_absence: Callable[[Finding], bool], date: dt.datetime) -> tuple[bytes, DocxStats]:
    """The annotated copy of the DOCX in ``data`` (whose extraction is ``document``)."""
    Package(data).check_members()  # python-docx inflates whole members: refuse forged ones first
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on odd packages
        raise AnnotateError(f"cannot open this DOCX file for writing ({type(exc).__name__}: {exc})") from None
    parts = _Parts(word)
    main_name = str(word.part.partname).lower()
    rels = {rid: str(rel.target_part.partname).lower() for rid, rel in word.part.rels.items() if not rel.is_external}
    anchors = BodyAnchors(word.part.element, rels)
    revisions = Revisions(list(parts.roots.values()), AUTHOR, date, reserve=len(findings))
    stats = DocxStats()
    pending: list[_Pending] = []
    by_block: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_block[finding.location.paragraph].append(finding)
    for number in sorted(by_block):
        block = document.blocks[number - 1] if 0 < number <= len(document.blocks) else None
        group = by_block[number]
        p = parts.paragraph(block) if block is not None else None
        if block is None or p is None or paragraph_text(p).text != block.text:
            # the file does not match its extraction here: mark the paragraph, quote the words
            anchor = Anchor(paragraph=p) if p is not None and _in_body(p, block, main_name) else None
            pending += [_Pending(f, anchor or anchors.first_paragraph(), f"Paragraph {number}") for f in group]
            continue
        changes = _changes(group, block.text) if suggest_changes else {}
        cut_at(p, [o for f in group for o in (f.location.start, f.location.end)] +
               [o for start, end, _ in changes.values() for o in (start, end)])
        spans = segments(p)
        for start, end, text in changes.values():
            if revisions.replace(runs_between(spans, start, end), text):
                stats.changes += 1
        in_place = _in_body(p, block, main_name)
        for finding in group:
            if in_place:
                pending.append(_Pending(finding, _in_place(finding, p, spans, is_absence(finding))))
            else:
                pending.append(_elsewhere(finding, block, p, anchors))
    comments = word.comments if pending else None
    for item in pending:
        comment = comments.add_comment(note_text(item.finding, item.where), author=AUTHOR, initials=INITIALS)
        comment._comment_elm.date = date  # python-docx stamps "now"; keep one date for the whole run
        _mark(comment.comment_id, item.anchor, revisions)
        stats.comments += 1
        stats.elsewhere += item.where is not None
    parts.store()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), stats


def _changes(group: list[Finding], text: str) -> dict[Finding, tuple[int, int, str]]:
    """Findings whose suggestion is a direct change, as (start, end, new text),
    leaving out any that overlaps another finding of the block."""
    out = {}
    for finding in group:
        s = finding.suggestion
        if s is None or s.action not in _CHANGES:
            continue
        start = s.start if s.start is not None else finding.location.start
        end = s.end if s.end is not None else finding.location.end
        if not 0 <= start < end <= len(text) or text[start:end] != finding.text:
            continue
        if s.action is SuggestionAction.DELETE and end < len(text) and text[end] == " " and (
                start == 0 or text[start - 1] == " "):
            end += 1  # take one space with the words, or two would be left
        others = [f.location for f in group if f is not finding]
        if any(o.start < end and start < o.end for o in others):
            continue
        out[finding] = (start, end, s.text if s.action is SuggestionAction.REPLACE else "")
    return out


def _in_body(p: etree._Element | None, block: Block, main_name: str) -> bool:
    """True for a paragraph of the main text (not a text box, header or note)."""
    return (block.source is not None and block.source.part.lower() == main_name
            and block.location.part is not Part.TEXTBOX)


def _in_place(finding: Finding, p: etree._Element, spans, absence: bool) -> Anchor:
    loc = finding.location
    if absence or (loc.start == loc.end == 0):
        return Anchor(paragraph=p)
    runs = runs_between(spans, loc.start, loc.end)
    if runs:
        return Anchor(first=runs[0], last=runs[-1])
    return Anchor(first=run_at(spans, loc.start), paragraph=p, point=True)


def _elsewhere(finding: Finding, block: Block, p: etree._Element, anchors: BodyAnchors) -> _Pending:
    part = block.location.part
    if part in (Part.FOOTNOTE, Part.ENDNOTE):
        found = anchors.note(p)
        if found is not None:
            anchor, name = found
            return _Pending(finding, anchor, f"In {name}")
        return _Pending(finding, anchors.first_paragraph(), f"In a {part.value}")
    if part is Part.TEXTBOX:
        anchor = anchors.textbox(p)
        if anchor is not None:
            return _Pending(finding, anchor, "In a text box")
        kind = anchors.header_kind(block.source.part)
        return _Pending(finding, anchors.section_start(block.source.part), f"In a text box in the {kind}")
    return _Pending(finding, anchors.section_start(block.source.part), f"In the {part.value}")


def _mark(cid: int, anchor: Anchor, revisions: Revisions) -> None:
    """Put commentRangeStart / commentRangeEnd / the reference run for comment ``cid``."""
    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(cid)})
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(cid)})
    reference = _reference_run(cid)
    if anchor.first is not None and not anchor.point:
        revisions.outer(anchor.first, end=False).addprevious(start)
        last = revisions.outer(anchor.last, end=True)
        last.addnext(end)
        end.addnext(reference)
        return
    if anchor.point and anchor.first is not None:
        for el in (start, end, reference):
            revisions.outer(anchor.first, end=False).addprevious(el)
        return
    p = anchor.paragraph
    ppr = p.find(w("pPr"))
    p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
    if anchor.point:
        start.addnext(end)
        end.addnext(reference)
    else:
        p.append(end)
        p.append(reference)


def _reference_run(cid: int) -> etree._Element:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    run.append(rpr)
    run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(cid)}))
    return run
