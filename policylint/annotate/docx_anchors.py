"""DOCX: where a comment goes when Word cannot show it on the words themselves.

Word keeps comment ranges only in the main text: it ignores
``w:commentRangeStart`` in headers, footers, text boxes, footnotes and
endnotes ([MS-OI29500] 2.1.315 c), and offers no "New Comment" there. So a
finding in one of those places gets its comment in the main text, as close
as the document allows, and the comment quotes the words and says where
they are:

- footnote or endnote: on the note's reference mark in the text;
- text box: on the character that anchors the text box;
- header or footer (or a text box in one): a point at the start of the first
  paragraph of the first section that uses that header or footer.

Tracked changes need no such detour: Word records revisions in all of these
places, so they are written where the words are.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from policylint.extract.docx_text import W_P, W_R, W_TXBX, paragraph_text, w

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NOTES = {w("footnote"): ("footnoteReference", "footnote"), w("endnote"): ("endnoteReference", "endnote")}


@dataclass
class Anchor:
    """Where a comment's markers go: around ``first``..``last`` (elements of
    one or more paragraphs), over the whole of ``paragraph``, or, with
    ``point``, just before ``first`` (or at the start of ``paragraph``)."""

    first: etree._Element | None = None
    last: etree._Element | None = None
    paragraph: etree._Element | None = None
    point: bool = False


class BodyAnchors:
    """Finds main-text anchors for paragraphs of other stories."""

    def __init__(self, main: etree._Element, rels: dict[str, str]):
        """``main``: root of the main document part; ``rels``: its relationship
        ids -> target part names (lower case)."""
        self.main = main
        body = main.find(w("body"))
        self.body = body if body is not None else main
        self._sections = _sections(self.body, rels)

    def textbox(self, p: etree._Element) -> Anchor | None:
        """The run that holds the drawing of the text box ``p`` is in (in the
        main text), or None when the box is not in the main text."""
        anchor, el = None, p.getparent()
        while el is not None:
            if el.tag == W_R:
                anchor = el
            el = el.getparent()
        if anchor is None or not _in_body(anchor, self.body):
            return None
        return Anchor(first=anchor, last=anchor)

    def note(self, p: etree._Element) -> tuple[Anchor, str] | None:
        """The reference mark of the foot- or endnote ``p`` is in, and the
        note's name as the reader sees it ("footnote 2")."""
        note = p.getparent()
        while note is not None and note.tag not in _NOTES:
            note = note.getparent()
        if note is None:
            return None
        tag, name = _NOTES[note.tag]
        note_id = note.get(w("id"))
        order: list[str] = []
        for ref in self.body.iter(w(tag)):
            if ref.get(w("id")) not in order:
                order.append(ref.get(w("id")))
            if ref.get(w("id")) == note_id and ref.getparent() is not None and ref.getparent().tag == W_R:
                run = ref.getparent()
                number = order.index(note_id) + 1
                return Anchor(first=run, last=run), f"{name} {number}"
        return None

    def section_start(self, partname: str) -> Anchor:
        """A point at the start of the first section that uses header/footer
        ``partname`` (the first section when none names it)."""
        paragraphs = next((ps for parts, ps in self._sections if partname.lower() in parts), None)
        if not paragraphs:
            paragraphs = next((ps for _, ps in self._sections if ps), [])
        return self.first_paragraph(paragraphs)

    def first_paragraph(self, paragraphs: list[etree._Element] | None = None) -> Anchor:
        """A point at the start of the first paragraph with text (of ``paragraphs``,
        else of the document)."""
        candidates = paragraphs if paragraphs else list(self.body.iter(W_P))
        for p in candidates:
            if paragraph_text(p).text.strip() and not _in_textbox(p):
                return Anchor(paragraph=p, point=True)
        return Anchor(paragraph=candidates[0] if candidates else None, point=True)

    def header_kind(self, partname: str) -> str:
        for parts, _ in self._sections:
            kind = parts.get(partname.lower())
            if kind:
                return kind
        return "header"


def _sections(body: etree._Element, rels: dict[str, str]) -> list[tuple[dict[str, str], list[etree._Element]]]:
    """Per section: {header/footer part name: "header"|"footer"} and its top-level paragraphs."""
    out: list[tuple[dict[str, str], list[etree._Element]]] = []
    paragraphs: list[etree._Element] = []
    for child in body:
        if child.tag == W_P:
            paragraphs.append(child)
            sect = child.find(f"{w('pPr')}/{w('sectPr')}")
            if sect is not None:
                out.append((_references(sect, rels), paragraphs))
                paragraphs = []
        elif child.tag == w("tbl"):
            paragraphs.extend(child.iter(W_P))
        elif child.tag == w("sectPr"):
            out.append((_references(child, rels), paragraphs))
            paragraphs = []
    if paragraphs:
        out.append(({}, paragraphs))
    return out


def _references(sect: etree._Element, rels: dict[str, str]) -> dict[str, str]:
    found = {}
    for tag, kind in (("headerReference", "header"), ("footerReference", "footer")):
        for ref in sect.iter(w(tag)):
            target = rels.get(ref.get(R_ID, ""))
            if target:
                found[target.lower()] = kind
    return found


def _in_body(el: etree._Element, body: etree._Element) -> bool:
    while el is not None:
        if el is body:
            return True
        el = el.getparent()
    return False


def _in_textbox(p: etree._Element) -> bool:
    return any(a.tag == W_TXBX for a in p.iterancestors())
