"""Regenerate the bundled sample documents, each as DOCX and then PDF.

    python corpora/samples/make_samples.py                 # all of them, DOCX and PDF
    python corpora/samples/make_samples.py handbook        # only the named ones
    python corpora/samples/make_samples.py --no-pdf        # only the DOCX files

The documents are ``handbook``, ``remote-and-leave-policy`` and
``hiring-and-conduct``. Each one's text is a ``content_<name>.py`` module next
to this script (``-`` in the name becomes ``_``); this script holds the
DOCX-building helpers they share. The DOCX is built with python-docx;
python-docx has no API for footnotes or text boxes, so those are added as
WordprocessingML here (a real footnotes part with its separators, styles and
settings; a DrawingML text box with its VML fallback, as Word writes it). The
PDF is made from the DOCX by LibreOffice (``libreoffice --headless
--convert-to pdf``; on Debian ``apt-get install libreoffice-writer``).
``expected.yaml`` lists the findings each document should give.

A content module defines ``NAME``, ``TITLE``, ``SUBTITLE``, ``AUTHOR``,
``HEADER_TEXT``, ``FOOTER_TEXT`` (the footer is ``FOOTER_TEXT | Page N of M``)
and ``CONTENT``, and may define ``FONT`` (body and heading font),
``HEADER_ALIGN`` (0 left, 1 centre, 2 right) and ``COVER_PAGE_BREAK`` (default
True: the title and subtitle stand on a page of their own). ``CONTENT`` is a
list of tuples:

    ("h1", text), ("h2", text), ("h3", text)   headings (Heading 1-3)
    ("p", text)                                a paragraph
    ("clause", number, text)                   a numbered policy clause ("3.2.1")
                                               with a hanging indent
    ("bullets", [text, ...])                   a bulleted list (List Bullet)
    ("numbers", [text, ...])                   a numbered list (List Number),
                                               each one starting again at 1
    ("table", rows, widths[, options])         a table; widths in inches; options:
                                               "merge": [(r0, c0, r1, c1), ...]
                                               cell spans (0-based, inclusive),
                                               "style" (default "Light Grid
                                               Accent 1"), "bold_first_column" and
                                               "bold_first_row" (label cells, bold),
                                               "fill" (their background, "RRGGBB")
    ("textbox", [text, ...])                   a floating text box anchored on
                                               the paragraph before it (the
                                               first text is its bold title)

``{fn:...}`` inside a paragraph, clause or list item is a footnote there.
"""

from __future__ import annotations

import argparse
import importlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor

HERE = Path(__file__).resolve().parent
DOCUMENTS = ("handbook", "remote-and-leave-policy", "hiring-and-conduct")
_FOOTNOTE = re.compile(r"\{fn:(.+?)\}")
_DRAWING_NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}.items())


def content(name: str) -> ModuleType:
    """The content module of document ``name`` (``content_<name>.py``)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module("content_" + name.replace("-", "_"))


def build_docx(spec: ModuleType, path: Path) -> None:
    doc = Document()
    doc.core_properties.title = spec.TITLE
    doc.core_properties.author = spec.AUTHOR
    doc.styles["Normal"].font.size = Pt(11)
    font = getattr(spec, "FONT", None)
    if font:
        for style in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
            _set_font(doc.styles[style], font)
    notes = _Footnotes(doc)
    lists = _Numbering(doc)
    doc.add_heading(spec.TITLE, level=0)
    doc.add_paragraph(spec.SUBTITLE, style="Subtitle")
    if getattr(spec, "COVER_PAGE_BREAK", True):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for kind, *args in spec.CONTENT:
        if kind == "table":
            _table(doc, *args)
        elif kind == "textbox":
            _text_box(doc.paragraphs[-1], args[0])
        elif kind == "bullets":
            for item in args[0]:
                _paragraph(doc, item, "List Bullet", notes)
        elif kind == "numbers":
            items = [_paragraph(doc, item, "List Number", notes) for item in args[0]]
            lists.restart(items)
        elif kind == "clause":
            _clause(doc, args[0], args[1], notes)
        elif kind in ("h1", "h2", "h3"):
            doc.add_heading(args[0], level=int(kind[1]))
        elif kind == "p":
            _paragraph(doc, args[0], None, notes)
        else:
            raise ValueError(f"unknown content kind {kind!r}")
    _header_footer(doc, spec)
    notes.save()
    doc.save(path)


def _set_font(style, name: str) -> None:
    """Set a style's font for every script (python-docx sets only ascii/hAnsi)."""
    style.font.name = name
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _paragraph(doc, text: str, style: str | None, notes: _Footnotes):
    """A paragraph; ``{fn:...}`` in the text becomes a real footnote there."""
    p = doc.add_paragraph(style=style)
    _runs(p, text, notes)
    return p


def _runs(p, text: str, notes: _Footnotes) -> None:
    pieces = _FOOTNOTE.split(text)
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                p.add_run(piece)
        else:
            notes.reference(p, piece)


def _clause(doc, number: str, text: str, notes: _Footnotes) -> None:
    """A numbered clause: "3.2.1", a tab, then the text, with a hanging indent."""
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Inches(0.6)
    p.paragraph_format.first_line_indent = Inches(-0.6)
    p.paragraph_format.tab_stops.add_tab_stop(Inches(0.6))
    p.add_run(number + "\t")
    _runs(p, text, notes)


def _table(doc, rows: list[list[str]], widths: list[float], options: dict | None = None) -> None:
    options = options or {}
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = options.get("style", "Light Grid Accent 1")
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Inches(width)  # the grid, which LibreOffice reads
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).width = Inches(widths[c])
            if value:
                table.cell(r, c).text = value
            label = (options.get("bold_first_column") and c == 0) or (options.get("bold_first_row") and r == 0)
            if label:
                for run in table.cell(r, c).paragraphs[0].runs:
                    run.bold = True
                if options.get("fill"):
                    table.cell(r, c)._tc.get_or_add_tcPr().append(parse_xml(
                        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{options["fill"]}"/>'))
    for r0, c0, r1, c1 in options.get("merge", ()):  # spans; the other cells are empty
        table.cell(r0, c0).merge(table.cell(r1, c1))
    doc.add_paragraph()


def _header_footer(doc, spec: ModuleType) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.text = spec.HEADER_TEXT
    header.runs[0].font.size = Pt(9)
    header.runs[0].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    if getattr(spec, "HEADER_ALIGN", None) is not None:
        header.alignment = spec.HEADER_ALIGN
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centre
    footer.add_run(f"{spec.FOOTER_TEXT}  |  Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph, instruction: str, cached: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end)."""
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t>{cached}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


class _Numbering:
    """Numbered lists: the first uses the List Number style's own numbering; each
    later one gets a new ``w:num`` on the same definition that restarts at 1."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.lists = 0

    def restart(self, paragraphs) -> None:
        self.lists += 1
        if self.lists == 1 or not paragraphs:
            return
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles["List Number"].element.pPr.numPr.numId.val
        abstract = next(num.abstractNumId.val for num in numbering.num_lst if num.numId == style_num)
        num = numbering.add_num(abstract)
        num.append(parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
        for p in paragraphs:
            p._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num.numId
            p._p.pPr.numPr.get_or_add_ilvl().val = 0


class _Footnotes:
    """A footnotes part (with Word's two separator notes), its styles and settings."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.notes: list[str] = []

    def reference(self, paragraph, text: str) -> None:
        self.notes.append(text)
        paragraph._p.append(parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            f'<w:footnoteReference w:id="{len(self.notes)}"/></w:r>'
        ))

    def save(self) -> None:
        if not self.notes:
            return
        body = "".join(
            f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'
            for i, text in enumerate(self.notes, start=1)
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes {nsdecls("w", "r")}>'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"'
            ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing'
            ' w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            f'</w:r></w:p></w:footnote>{body}</w:footnotes>'
        )
        package = self.doc.part.package
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        self._styles()
        settings = self.doc.settings.element
        settings.find(qn("w:compat")).addprevious(parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        ))

    def _styles(self) -> None:
        styles = self.doc.styles.element
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="FootnoteText">'
            '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
            '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
        ))
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="FootnoteReference">'
            '<w:name w:val="footnote reference"/><w:uiPriority w:val="99"/>'
            '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        ))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_box(anchor, paragraphs: list[str]) -> None:
    """A floating DrawingML text box anchored on ``anchor``, with the VML fallback
    Word writes for older readers (so the same text is in the file twice)."""
    content = "".join(
        f'<w:p><w:pPr><w:spacing w:after="60"/></w:pPr><w:r>{"<w:rPr><w:b/></w:rPr>" if i == 0 else ""}'
        f'<w:t xml:space="preserve">{_escape(text)}</w:t></w:r></w:p>'
        for i, text in enumerate(paragraphs)
    )
    box = f"<w:txbxContent>{content}</w:txbxContent>"
    cx, cy = 5486400, 1188720  # 6 x 1.3 inches
    run = parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} {_DRAWING_NS}><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="91440" distB="91440" distL="114300" distR="114300" simplePos="0"'
        ' relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>91440</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapTopAndBottom/><wp:docPr id="1001" name="Text Box 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:srgbClr val="EAF1FB"/></a:solidFill>'
        '<a:ln w="12700"><a:solidFill><a:srgbClr val="4F81BD"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx>{box}</wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440"'
        ' bIns="45720" anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202"'
        ' style="position:absolute;margin-left:0;margin-top:7.2pt;width:6in;height:93.6pt;'
        'z-index:251659264;mso-position-horizontal-relative:text;mso-position-vertical-relative:text;'
        'mso-fit-shape-to-text:t" fillcolor="#eaf1fb" strokecolor="#4f81bd" strokeweight="1pt">'
        f'<v:textbox>{box}</v:textbox><w10:wrap type="topAndBottom"/></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    anchor._p.append(run)


def build_pdf(docx_path: Path, pdf_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        sys.exit("libreoffice not found: apt-get install libreoffice-writer (or use --no-pdf)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [office, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(tmp) / (docx_path.stem + ".pdf"), pdf_path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"documents to build (default: all of {', '.join(DOCUMENTS)})")
    parser.add_argument("--no-pdf", action="store_true", help="only write the .docx files")
    parser.add_argument("--outdir", type=Path, default=HERE)
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in DOCUMENTS]
    if unknown:
        parser.error(f"unknown document {unknown[0]!r} (choose from {', '.join(DOCUMENTS)})")
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name in args.names or DOCUMENTS:
        spec = content(name)
        docx_path = args.outdir / f"{spec.NAME}.docx"
        build_docx(spec, docx_path)
        print(f"wrote {docx_path}")
        if not args.no_pdf:
            pdf_path = args.outdir / f"{spec.NAME}.pdf"
            build_pdf(docx_path, pdf_path)
            print(f"wrote {pdf_path}")


if __name__ == "__main__":
    main()
