"""The DOCX extractor: structure, locations, run mapping and refusal of bad input.

Uses the bundled sample handbook (corpora/samples/handbook.docx, see its
README) and small documents built here with python-docx.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part as OpcPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.run import Run
from lxml import etree

from policylint.document import BlockKind, Part
from policylint.extract import docx_package
from policylint.extract.base import ExtractError
from policylint.extract.docx import extract

HANDBOOK = Path(__file__).resolve().parents[1] / "corpora" / "samples" / "handbook.docx"
W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def handbook_bytes() -> bytes:
    return HANDBOOK.read_bytes()


@pytest.fixture(scope="module")
def handbook(handbook_bytes):
    return extract(handbook_bytes)


def _only(blocks, text: str):
    found = [b for b in blocks if text in b.text]
    assert len(found) == 1, f"{text!r} found {len(found)} times"
    return found[0]


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _append_xml(doc, xml: str) -> None:
    """Append a body-level element (w:p or w:tbl) given as XML without namespaces."""
    element = parse_xml(xml.replace("<w:p>", f"<w:p {nsdecls('w')}>", 1)
                        if xml.startswith("<w:p>") else xml)
    doc.element.body.sectPr.addprevious(element)


def _add_notes(doc, kind: str, notes: dict[int, str]) -> None:
    """Add a footnotes or endnotes part (with separator notes) holding ``notes``."""
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for i, text in notes.items()
    )
    xml = (f'<w:{kind}s {nsdecls("w")}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r>'
           f'<w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator"'
           f' w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>{body}</w:{kind}s>')
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
    part = OpcPart(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _part_roots(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of the package as python-docx loads it, by part name."""
    package = docx.Document(io.BytesIO(data)).part.package
    roots = {}
    for part in package.iter_parts():
        if part.partname.endswith(".xml"):
            element = getattr(part, "element", None)
            roots[str(part.partname)] = (element if element is not None
                                         else parse_xml(part.blob))
    return roots


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs in document order, without those of its text boxes."""
    return [r for r in p.iter(qn("w:r"))
            if not any(a.tag == qn("w:txbxContent") for a in _ancestors_below(r, p))]


def _ancestors_below(el, top):
    el = el.getparent()
    while el is not None and el is not top:
        yield el
        el = el.getparent()


def _assert_runs_map_back(data: bytes, blocks) -> int:
    """Each block's source paragraph and run spans reproduce its text; returns runs checked."""
    roots = _part_roots(data)
    paragraphs = {name: list(root.iter(qn("w:p"))) for name, root in roots.items()}
    checked = 0
    for block in blocks:
        assert block.runs, f"block {block.location.paragraph} has no runs"
        p = paragraphs[block.source.part][block.source.index]
        runs = _own_runs(p)
        position = 0
        for span in block.runs:
            assert span.start == position < span.end  # the spans tile the text
            position = span.end
            docx_text = Run(runs[span.index], None).text
            ours = block.text[span.start:span.end]
            assert ours.replace("\n", "").replace("\t", "") == \
                docx_text.replace("\n", "").replace("\t", "")
            checked += 1
        assert position == len(block.text)
        assert "".join(Run(runs[s.index], None).text for s in block.runs).replace("\n", "") \
            == block.text.replace("\n", "")
    return checked


# --------------------------------------------------------------------------- the handbook


def test_handbook_title_and_paragraph_numbers(handbook):
    assert handbook.title == "Northwind Logistics Employee Handbook"
    assert [b.location.paragraph for b in handbook.blocks] == list(range(1, len(handbook.blocks) + 1))
    assert all(b.location.page is None and b.text.strip() for b in handbook.blocks)
    assert 2500 < sum(len(b.text.split()) for b in handbook.blocks) < 4000


def test_handbook_headings_and_sections(handbook):
    title = handbook.blocks[0]
    assert title.kind is BlockKind.HEADING and title.section == (title.text,)
    heading = _only(handbook.blocks, "5.2 Maternity leave")
    assert heading.kind is BlockKind.HEADING
    assert heading.section == ("5 Leave", "5.2 Maternity leave")
    body = _only(handbook.blocks, "Female employees who are expecting a baby")
    assert body.kind is BlockKind.PARAGRAPH and body.section == heading.section
    deep = _only(handbook.blocks, "5.2.1 Keeping in touch")
    assert deep.section == ("5 Leave", "5.2 Maternity leave", "5.2.1 Keeping in touch and returning to work")
    # a new top-level heading closes the old path, and the Title leaves it too
    assert _only(handbook.blocks, "1 Welcome to Northwind").section == ("1 Welcome to Northwind Logistics",)
    assert _only(handbook.blocks, "Private health insurance").section == ("6 Benefits", "6.1 Health and wellbeing")
    headings = [b for b in handbook.blocks if b.kind is BlockKind.HEADING]
    assert len(headings) > 40 and all(b.location.part is Part.BODY for b in headings)


def test_handbook_list_items(handbook):
    bullet = _only(handbook.blocks, "Work hard, play hard")
    numbered = _only(handbook.blocks, "A valid driver's license is required")
    assert bullet.kind is BlockKind.LIST_ITEM and bullet.section[-1] == "1.2 Our values"
    assert numbered.kind is BlockKind.LIST_ITEM and numbered.section[-1] == "8.2 Job requirements"
    assert _only(handbook.blocks, "Some requirements apply").kind is BlockKind.PARAGRAPH


def test_handbook_tables(handbook):
    cells = [b for b in handbook.blocks if b.kind is BlockKind.TABLE_CELL]
    assert {b.location.table for b in cells} == {1, 2}
    salesman = _only(handbook.blocks, "Senior Salesman")
    assert (salesman.location.table, salesman.location.row, salesman.location.cell) == (1, 3, 2)
    assert salesman.section == ("4 Promotion and pay", "4.1 Pay bands")
    spouse = _only(handbook.blocks, "husband or wife")
    assert (spouse.location.table, spouse.location.row, spouse.location.cell) == (2, 4, 3)
    # the pay-band table's last row is one cell merged across four columns
    last_row = [b for b in cells if b.location.table == 1 and b.location.row == 6]
    assert [(b.location.cell, b.text[:5]) for b in last_row] == [(1, "Bands")]
    first_row = [b.text for b in cells if b.location.table == 2 and b.location.row == 1]
    assert first_row == ["Leave type", "Entitlement", "Notes"]
    # cells come in reading order, between the paragraphs around the table
    numbers = [b.location.paragraph for b in cells if b.location.table == 1]
    before = _only(handbook.blocks, "The table below shows the current bands")
    assert numbers[0] == before.location.paragraph + 1
    assert all(b.location.table is None for b in handbook.blocks if b.kind is not BlockKind.TABLE_CELL)


def test_handbook_text_box_once_after_its_anchor(handbook):
    boxed = [b for b in handbook.blocks if b.location.part is Part.TEXTBOX]
    assert [b.text for b in boxed] == [
        "Remote work at a glance",
        "Agree your pattern with your manager and record it in the HR system.",
        "The chairman holds an open video call for remote staff on the first Friday of every month.",
    ]  # once, though the file has it in mc:Choice and again in the VML mc:Fallback
    anchor = _only(handbook.blocks, "You may work from home up to three days a week")
    assert boxed[0].location.paragraph == anchor.location.paragraph + 1
    assert "chairman" not in anchor.text and "glance" not in anchor.text
    assert all(b.section == ("3 Remote work",) for b in boxed)
    assert boxed[0].source.part == anchor.source.part == "/word/document.xml"


def test_handbook_notes_header_footer_and_order(handbook):
    rank = {Part.BODY: 0, Part.TEXTBOX: 0, Part.FOOTNOTE: 1, Part.ENDNOTE: 2,
            Part.HEADER: 3, Part.FOOTER: 4}
    ranks = [rank[b.location.part] for b in handbook.blocks]
    assert ranks == sorted(ranks) and set(ranks) == {0, 1, 3, 4}
    notes = [b for b in handbook.blocks if b.location.part is Part.FOOTNOTE]
    assert len(notes) == 3
    assert notes[0].section == ("5 Leave", "5.3 Adoption, surrogacy and shared leave")
    assert notes[2].section == ("11 Background checks",)
    assert all(b.source.part == "/word/footnotes.xml" for b in notes)
    # the reference mark gives no text, in the note or in the body
    assert notes[0].text.lstrip().startswith("The full parental leave policy")
    referencing = _only(handbook.blocks, "We offer parental leave for all parents")
    assert referencing.text.endswith("at the same time.")
    header = [b for b in handbook.blocks if b.location.part is Part.HEADER]
    footer = [b for b in handbook.blocks if b.location.part is Part.FOOTER]
    assert [b.text for b in header] == ["Northwind Logistics \u2014 Employee Handbook"]
    assert len(footer) == 1 and "Page 1 of 1" in footer[0].text and "PAGE" not in footer[0].text
    assert all(b.section == () for b in header + footer)


def test_handbook_runs_map_back_to_the_file(handbook_bytes, handbook):
    assert _assert_runs_map_back(handbook_bytes, handbook.blocks) >= len(handbook.blocks)
    box = _only(handbook.blocks, "The chairman holds")
    assert box.source.part == "/word/document.xml"


# --------------------------------------------------------------------------- small documents


def test_headings_by_style_chain_and_outline_level():
    doc = docx.Document()
    custom = doc.styles.add_style("Policy Heading", 1)  # paragraph style based on Heading 2
    custom.base_style = doc.styles["Heading 2"]
    outlined = doc.styles.add_style("Chapter", 1)  # no heading name, but an outline level
    outlined.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    doc.add_paragraph("A Chapter", style="Chapter")
    doc.add_paragraph("Intro text.")
    doc.add_paragraph("Custom level two", style="Policy Heading")
    doc.add_paragraph("Under the custom heading.")
    direct = doc.add_paragraph("Direct outline level three")
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    body_text = doc.add_heading("Heading style, body-text outline", level=1)
    body_text._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    doc.add_paragraph("Last.")
    blocks = extract(_save(doc)).blocks
    kinds = [(b.text, b.kind, b.section) for b in blocks]
    assert kinds == [
        ("A Chapter", BlockKind.HEADING, ("A Chapter",)),
        ("Intro text.", BlockKind.PARAGRAPH, ("A Chapter",)),
        ("Custom level two", BlockKind.HEADING, ("A Chapter", "Custom level two")),
        ("Under the custom heading.", BlockKind.PARAGRAPH, ("A Chapter", "Custom level two")),
        ("Direct outline level three", BlockKind.HEADING,
         ("A Chapter", "Custom level two", "Direct outline level three")),
        ("Heading style, body-text outline", BlockKind.PARAGRAPH,
         ("A Chapter", "Custom level two", "Direct outline level three")),
        ("Last.", BlockKind.PARAGRAPH, ("A Chapter", "Custom level two", "Direct outline level three")),
    ]


def test_title_falls_back_to_core_properties_then_first_heading():
    doc = docx.Document()
    doc.add_heading("First heading", level=1)
    assert extract(_save(doc)).title == "First heading"
    doc.core_properties.title = "Core title"
    assert extract(_save(doc)).title == "Core title"
    doc.add_heading("The Title", level=0)
    assert extract(_save(doc)).title == "The Title"


def test_list_items_and_empty_paragraphs():
    doc = docx.Document()
    doc.add_paragraph("By style", style="List Number")
    direct = doc.add_paragraph("By numPr")
    direct._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    removed = doc.add_paragraph("Numbering removed", style="List Bullet")
    removed._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))
    doc.add_paragraph("")
    doc.add_paragraph("   \t ")
    doc.add_paragraph("Plain")
    blocks = extract(_save(doc)).blocks
    assert [(b.text, b.kind) for b in blocks] == [
        ("By style", BlockKind.LIST_ITEM), ("By numPr", BlockKind.LIST_ITEM),
        ("Numbering removed", BlockKind.PARAGRAPH), ("Plain", BlockKind.PARAGRAPH),
    ]
    assert [b.location.paragraph for b in blocks] == [1, 2, 3, 4]


def test_paragraph_text_rules():
    doc = docx.Document()
    _append_xml(doc, (
        "<w:p>"
        "<w:r><w:t>Keep</w:t><w:tab/><w:t xml:space=\"preserve\">this </w:t></w:r>"
        "<w:hyperlink r:id=\"rId99\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<w:r><w:t>link</w:t></w:r></w:hyperlink>"
        "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>DELETED</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> inserted</w:t></w:r></w:ins>"
        "<w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t xml:space=\"preserve\"> tagged</w:t></w:r></w:smartTag>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space=\"preserve\">"
        " control</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:br/><w:t>line</w:t><w:cr/><w:t>non</w:t><w:noBreakHyphen/><w:t>break soft</w:t>"
        "<w:softHyphen/><w:t>hyphen</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0E0\"/></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\"> 7</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "</w:p>"
    ))
    data = _save(doc)
    [block] = extract(data).blocks
    assert block.text == "Keep\tthis link inserted tagged control\nline\nnon-break softhyphen 7"
    assert "DELETED" not in block.text
    # run 2 is the deleted one: it is counted, but has no span
    assert [s.index for s in block.runs] == [0, 1, 3, 4, 5, 6, 10]
    _assert_runs_map_back(data, [block])


def test_tables_nested_and_merged():
    doc = docx.Document()
    doc.add_paragraph("Before")
    outer = doc.add_table(rows=3, cols=3)
    outer.cell(0, 0).merge(outer.cell(0, 1))  # horizontal: grid columns 1-2
    outer.cell(0, 0).text = "wide"
    outer.cell(0, 2).text = "c"
    outer.cell(1, 0).merge(outer.cell(2, 0))  # vertical: rows 2-3 of column 1
    outer.cell(1, 0).text = "tall"
    outer.cell(1, 1).text = "r2c2"
    inner = outer.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "inner a"
    inner.cell(0, 1).text = "inner b"
    outer.cell(2, 1).paragraphs[0].text = "first para"
    outer.cell(2, 1).add_paragraph("second para")
    doc.add_paragraph("Between")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "third table"
    blocks = extract(_save(doc)).blocks
    got = [(b.text, b.kind.value, b.location.table, b.location.row, b.location.cell) for b in blocks]
    assert got == [
        ("Before", "paragraph", None, None, None),
        ("wide", "table-cell", 1, 1, 1),
        ("c", "table-cell", 1, 1, 3),
        ("tall", "table-cell", 1, 2, 1),
        ("r2c2", "table-cell", 1, 2, 2),
        ("first para", "table-cell", 1, 3, 2),
        ("second para", "table-cell", 1, 3, 2),
        ("inner a", "table-cell", 2, 1, 1),
        ("inner b", "table-cell", 2, 1, 2),
        ("Between", "paragraph", None, None, None),
        ("third table", "table-cell", 3, 1, 1),
    ]


def test_headers_footers_notes_once_and_in_order():
    doc = docx.Document()
    doc.add_heading("Leave", level=1)
    p = doc.add_paragraph("Parents get leave.")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    doc.add_heading("Pay", level=1)
    q = doc.add_paragraph("Pay is reviewed.")
    q._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:endnoteReference w:id="1"/></w:r>'))
    doc.sections[0].header.paragraphs[0].text = "Shared header"
    doc.sections[0].footer.paragraphs[0].text = "   "  # empty footer: no block
    doc.add_section()  # the new section links to the previous header
    second = doc.add_section()
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Second header"
    _add_notes(doc, "footnote", {1: "A footnote."})
    _add_notes(doc, "endnote", {1: "An endnote."})
    data = _save(doc)
    blocks = extract(data).blocks
    tail = [(b.location.part, b.text.strip(), b.section) for b in blocks[4:]]
    assert tail == [
        (Part.FOOTNOTE, "A footnote.", ("Leave",)),
        (Part.ENDNOTE, "An endnote.", ("Pay",)),
        (Part.HEADER, "Shared header", ()),
        (Part.HEADER, "Second header", ()),
    ]
    assert blocks[1].text == "Parents get leave."
    assert {b.source.part for b in blocks[4:]} == {
        "/word/footnotes.xml", "/word/endnotes.xml", blocks[6].source.part, blocks[7].source.part}
    assert blocks[6].source.part != blocks[7].source.part
    assert blocks[4].source.index == 2  # after the two separator notes' paragraphs
    _assert_runs_map_back(data, blocks)


def test_vml_only_text_box_is_read():
    doc = docx.Document()
    doc.add_paragraph("Anchor text.")._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:100pt;height:40pt"><v:textbox>'
        '<w:txbxContent><w:p><w:r><w:t>Boxed words</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'))
    doc.add_paragraph("After.")
    data = _save(doc)
    blocks = extract(data).blocks
    assert [(b.text, b.location.part) for b in blocks] == [
        ("Anchor text.", Part.BODY), ("Boxed words", Part.TEXTBOX), ("After.", Part.BODY)]
    assert (blocks[0].source.index, blocks[1].source.index) == (0, 1)  # box p after anchor p
    _assert_runs_map_back(data, blocks)


# --------------------------------------------------------------------------- bad input


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


def test_truncated_file(handbook_bytes):
    with pytest.raises(ExtractError, match=r"^corrupt or truncated DOCX file \(") as info:
        extract(handbook_bytes[: len(handbook_bytes) // 2])
    assert "\n" not in str(info.value)


def test_random_bytes_are_refused():
    with pytest.raises(ExtractError, match="corrupt or truncated"):
        extract(os.urandom(5000))


def test_random_bytes_inside_the_zip():
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": os.urandom(4000)})
    with pytest.raises(ExtractError, match=r"invalid XML in /word/document.xml"):
        extract(data)


def test_damaged_member_fails_its_checksum(handbook_bytes):
    data = bytearray(handbook_bytes)
    offset = data.find(b"word/document.xml") + 200  # inside the first member's deflate stream
    data[offset:offset + 40] = bytes(40)
    with pytest.raises(ExtractError, match="corrupt or truncated|invalid XML"):
        extract(bytes(data))


def test_zip_without_document_xml():
    with pytest.raises(ExtractError, match="no word/document.xml"):
        extract(_zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}))


def test_not_a_word_body():
    data = _zip({"word/document.xml": f'<w:document xmlns:w="{W_MAIN}"/>'.encode()})
    with pytest.raises(ExtractError, match="not a Word document"):
        extract(data)


def test_zip_bomb_by_ratio():
    # 20 MB of zeros deflate to about 20 KB: a ratio of about 1,000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    with pytest.raises(ExtractError, match=r"^DOCX expands to 20 MB when unzipped: refusing \(zip bomb\?\)$"):
        extract(buffer.getvalue())


def test_zip_bomb_by_total_size(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    data = _zip({"word/document.xml": os.urandom(1536 * 1024)}, zipfile.ZIP_STORED)
    with pytest.raises(ExtractError, match="DOCX expands to 2 MB when unzipped: refusing"):
        extract(data)


def test_entities_are_not_expanded():
    evil = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="' + W_MAIN.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t>'
            b'</w:r></w:p></w:body></w:document>')
    with pytest.raises(ExtractError, match="DOCTYPE is not allowed"):
        extract(_zip({"word/document.xml": evil}))
