"""DOCX extractor: Word documents to located blocks.

Blocks come in this order: the body in reading order (paragraphs and table
cells interleaved as they appear, each text box right after the paragraph that
anchors it), then footnotes, endnotes, headers and footers (each distinct part
once). Empty paragraphs give no block. Headings (by style, by a style based on
a heading style, or by outline level) set the section path of what follows.

Mapping back into the file, for an annotator:

- ``block.source.part`` is the package part name (``/word/document.xml``,
  ``/word/footnotes.xml``, ``/word/header1.xml`` ...) and ``block.source.index``
  is ``list(part_root.iter(qn("w:p"))).index(p)`` for the block's ``w:p``.
- ``RunSpan(start, end, index)`` says that ``block.text[start:end]`` is the text
  of run ``index`` of that paragraph, counting from 0 over ``p.iter(qn("w:r"))``
  minus the runs inside the paragraph's text boxes (``w:txbxContent``); runs in
  deletions count but give no text. Only runs that give text get a span, and
  the spans tile ``block.text`` from 0 to its end with no gaps.
- Run text: ``w:t`` as is, ``w:tab``/``w:ptab`` -> ``\\t``, ``w:br``/``w:cr`` ->
  ``\\n``, ``w:noBreakHyphen`` -> ``-``; deleted text, field codes, soft hyphens,
  symbols and note reference marks give nothing. Block text is not stripped
  (a footnote's text usually starts with a space), so offsets map straight back.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from policylint.document import Block, BlockKind, Location, Part, RunSpan, SourceRef
from policylint.extract.base import Extracted, ExtractError, SectionTracker
from policylint.extract.docx_comments import body_comments
from policylint.extract.docx_package import R_NS, STRICT_W_NS, Package
from policylint.extract.docx_text import W_P, W_TBL, Styles, paragraph_text, w

_NOTE_PARTS = (("footnotes", "footnote", Part.FOOTNOTE), ("endnotes", "endnote", Part.ENDNOTE))
_CELL_CONTAINERS = {w("sdt"), w("customXml")}  # wrappers around rows, cells or blocks


@dataclass
class _Item:
    text: str
    kind: BlockKind
    part: Part
    section: tuple[str, ...]
    source: SourceRef
    runs: tuple[RunSpan, ...]
    cell: tuple[int, int, int] | None


class _Walker:
    """Walks the parts of one package and collects ``_Item``s in output order."""

    def __init__(self, package: Package, styles: Styles) -> None:
        self.package, self.styles = package, styles
        self.items: list[_Item] = []
        self.tracker = SectionTracker()
        self.tables = 0
        self.title: str | None = None
        self.first_heading: str | None = None
        self.note_sections: dict[tuple[str, str], tuple[str, ...]] = {}
        self._partname = ""
        self._p_index: dict[etree._Element, int] = {}
        self._fixed_section: tuple[str, ...] | None = None

    def part(self, partname: str, root: etree._Element, section: tuple[str, ...] | None) -> None:
        """Prepare to walk one part; ``section`` None means "track headings"."""
        self._partname = partname
        self._p_index = {p: i for i, p in enumerate(root.iter(W_P))}
        self._fixed_section = section

    @property
    def section(self) -> tuple[str, ...]:
        return self.tracker.path if self._fixed_section is None else self._fixed_section

    def blocks(self, container: etree._Element, part: Part,
               cell: tuple[int, int, int] | None = None) -> None:
        for child in container:
            if child.tag == W_P:
                self.paragraph(child, part, cell)
            elif child.tag == W_TBL:
                self.table(child, part)
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.blocks(content, part, cell)
            elif child.tag == w("customXml"):
                self.blocks(child, part, cell)

    def paragraph(self, p: etree._Element, part: Part, cell: tuple[int, int, int] | None) -> None:
        content = paragraph_text(p)
        if content.text.strip():
            kind = self._classify(p, part, cell, content.text)
            self.items.append(_Item(
                text=content.text, kind=kind, part=part, section=self.section,
                source=SourceRef(part=self._partname, index=self._p_index[p]),
                runs=tuple(RunSpan(start=s, end=e, index=i) for s, e, i in content.spans),
                cell=cell,
            ))
        for note in content.notes:
            self.note_sections.setdefault(note, self.section)
        for box in content.boxes:
            self.blocks(box, Part.TEXTBOX)

    def _classify(self, p: etree._Element, part: Part, cell: object, text: str) -> BlockKind:
        """The block kind; a body heading also enters the section path here."""
        if cell is not None:
            return BlockKind.TABLE_CELL
        ppr = p.find(w("pPr"))
        style = _attr(ppr, "pStyle")
        level = self._heading_level(ppr, style) if part is Part.BODY else None
        if level is not None:
            self.tracker.heading(level, text)
            title = " ".join(text.split())
            if self.title is None and self.styles.is_title(style):
                self.title = title
            self.first_heading = self.first_heading or title
            return BlockKind.HEADING
        num_id = _attr(ppr, "numPr", "numId")
        if (num_id != "0") if num_id is not None else self.styles.is_list(style):
            return BlockKind.LIST_ITEM
        return BlockKind.PARAGRAPH

    def _heading_level(self, ppr: etree._Element | None, style: str | None) -> int | None:
        """Outline level set on the paragraph (9 = body text), else the style's."""
        outline = _attr(ppr, "outlineLvl")
        if outline is None:
            return self.styles.heading_level(style)
        return _int(outline) + 1 if 0 <= _int(outline) < 9 else None

    def table(self, tbl: etree._Element, part: Part) -> None:
        self.tables += 1
        number = self.tables
        for row_no, tr in enumerate(_children(tbl, w("tr")), start=1):
            column = _int(_attr(tr.find(w("trPr")), "gridBefore"), 0)
            for tc in _children(tr, w("tc")):
                tcpr = tc.find(w("tcPr"))
                continued = "continue" in (_attr(tcpr, "vMerge", default="continue"),
                                           _attr(tcpr, "hMerge", default="continue"))
                if not continued:  # a merged cell's text sits in its first grid cell
                    self.blocks(tc, part, (number, row_no, column + 1))
                column += max(_int(_attr(tcpr, "gridSpan"), 1), 1)

    def notes(self, partname: str, root: etree._Element, tag: str, part: Part) -> None:
        self.part(partname, root, ())
        for note in root.iterchildren(w(tag)):
            if note.get(w("type"), "normal") != "normal":
                continue  # separators and continuation notices
            self._fixed_section = self.note_sections.get((tag, note.get(w("id"), "")), ())
            self.blocks(note, part)


def _children(parent: etree._Element, tag: str):
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _CELL_CONTAINERS:
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


def _attr(props: etree._Element | None, *path: str, default: str | None = None) -> str | None:
    """``w:val`` of ``props/path``; ``default`` when the element exists without it."""
    if props is None:
        return None
    el = props.find("/".join(w(t) for t in path))
    if el is None:
        return None
    return el.get(w("val"), default)


def _int(value: str | None, default: int = 9) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _header_footer_parts(
    package: Package, main: str, body: etree._Element
) -> list[tuple[str, Part]]:
    """Distinct header parts, then footer parts, in the order sections use them."""
    rels = package.rels(main)
    found: dict[str, Part] = {}
    for tag, part in (("headerReference", Part.HEADER), ("footerReference", Part.FOOTER)):
        for ref in body.iter(w(tag)):
            rel = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if rel and package.has(rel[1]) and rel[1] not in found:
                found[rel[1]] = part
    return list(found.items())


def _walk(package: Package) -> tuple[_Walker, str, etree._Element]:
    main = package.main_document()
    root = package.xml(main)
    if root.tag == f"{{{STRICT_W_NS}}}document":
        raise ExtractError("Strict Open XML documents are not supported: save as a normal .docx")
    body = root.find(w("body"))
    if root.tag != w("document") or body is None:
        raise ExtractError(f"not a Word document: {main} has no w:body")
    styles_part = package.related(main, "styles")
    walker = _Walker(package, Styles(package.xml(styles_part) if styles_part else None))
    walker.part(main, root, None)
    walker.blocks(body, Part.BODY)
    for kind, tag, part in _NOTE_PARTS:
        name = package.related(main, kind)
        if name:
            walker.notes(name, package.xml(name), tag, part)
    for name, part in _header_footer_parts(package, main, body):
        part_root = package.xml(name)
        walker.part(name, part_root, ())
        walker.blocks(part_root, part)
    return walker, main, root


def extract(data: bytes) -> Extracted:
    """Read the bytes of a .docx file; raise ``ExtractError`` when they cannot be read."""
    try:
        package = Package(data)
        walker, main, root = _walk(package)
        core_title = package.core_title()
    except ExtractError:
        raise
    except (etree.LxmlError, ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ExtractError(f"unexpected DOCX structure ({type(exc).__name__}: {exc})") from None
    blocks = [
        Block(
            text=item.text, kind=item.kind, source=item.source, runs=item.runs,
            location=Location(
                paragraph=number, section=item.section, part=item.part,
                table=item.cell[0] if item.cell else None,
                row=item.cell[1] if item.cell else None,
                cell=item.cell[2] if item.cell else None,
            ),
        )
        for number, item in enumerate(walker.items, start=1)
    ]
    try:
        comments = body_comments(package, main, root, blocks)
    except (etree.LxmlError, ValueError, KeyError) as exc:
        raise ExtractError(f"unexpected DOCX comments ({type(exc).__name__}: {exc})") from None
    return Extracted(blocks=blocks, title=walker.title or core_title or walker.first_heading, comments=comments)
