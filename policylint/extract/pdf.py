"""Extract the blocks of a PDF: paragraphs, headings, list items, table cells
and footnotes, each located by page, section and paragraph number.

``extract(data)`` reads every glyph of the PDF with pypdfium2 (PDFium): its
character, loose box, baseline, font size and font (``pdf_read``, through the
unchecked calls of ``pdf_calls``; pdfium's generated characters ignored). The
rest is done here, one module per step:

1. ``pdf_glyphs``: glyphs -> fragments (runs on one baseline); spaces from
   geometry; superscript footnote references dropped ("Specialist²").
2. ``pdf_layout``: running headers, footers and page numbers dropped (text in
   the top/bottom 12 % of the page that repeats on 30 % of the pages, or is
   only a page number); fragments put in reading order, column by column.
3. ``pdf_notes``: the footnote area at the foot of each page, cut into notes.
4. ``pdf_tables`` (with ``pdf_rulings``): ruled tables, found by pdfplumber's
   table finder on the ruling lines of pdfium's path objects, read while the
   page is open for its glyphs (parsing the page again with pdfplumber would
   cost 10 times more: ``benchmarks/pdf_speed.py``).
5. ``pdf_blocks`` (with ``pdf_style``): lines -> blocks, by vertical gap,
   indentation, font size, headings (larger or bold font, short, no final
   period; level by font-size rank) and list markers; paragraphs continued
   across columns and pages.
6. ``pdf_text``: block text (hyphenation at line ends undone where the
   document's own words say so) and one ``LineBox`` per fragment.

Blocks: ``location.page`` is the 1-based page where the block starts,
``location.paragraph`` its 1-based index among all blocks returned,
``location.section`` the heading path (a heading's own path includes it; the
document title, see ``_title``, opens no section),
``location.part`` BODY or FOOTNOTE, ``location.table/row/cell`` (1-based)
for table cells. List items have their marker ("•", "1.", "a)") stripped from
the text; the box of their first line starts after it.

Coordinates (``Block.boxes``): PDF points in PDFium's page space, i.e. PDF
user space of the unrotated page, origin at the bottom left, y growing
upwards (``y0`` is the bottom of the box, ``y1`` its top). Box ``start:end``
is the range of ``Block.text`` drawn in it; the spaces put between lines and
fragments belong to no box.

Errors are ``ExtractError`` with one line for a person: an encrypted PDF that
needs a password, a PDF without any text layer, a corrupt or truncated file.
A PDF with an empty user password (owner password only) is read. Documents
and pages are closed whatever happens.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdfium2.internal import ErrorToStr

from policylint.document import Block, BlockKind, Location
from policylint.extract.base import Extracted, ExtractError, SectionTracker
from policylint.extract.pdf_blocks import Draft, make_drafts
from policylint.extract.pdf_glyphs import Glyph, build_fragments
from policylint.extract.pdf_layout import PageText, drop_running_lines, make_lines
from policylint.extract.pdf_notes import body_size, footnotes, split_footnotes
from policylint.extract.pdf_read import FontTable, read_glyphs
from policylint.extract.pdf_style import DocStyle, HeadingStyle, heading_levels
from policylint.extract.pdf_tables import Table, find_tables, page_tables, place_tables, take_tables
from policylint.extract.pdf_text import Vocabulary, block_text

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF: remove the password first",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted PDF: remove the password first",
}
_PDFIUM_ERRORS = (pdfium.PdfiumError, AssertionError, OSError, ValueError, IndexError)


def extract(data: bytes, max_pages: int = 0, *, full_table_search: bool = False) -> Extracted:
    """Blocks of the PDF in ``data``; raises ``ExtractError`` if it cannot be read
    or has more than ``max_pages`` pages (0: no limit; counted before any text is read).

    ``full_table_search``: parse every page with text again with pdfplumber to
    find its tables, instead of using pdfium's path objects (much slower; the
    reference the fast path is tested against)."""
    data = bytes(data)  # pdfium reads the buffer in place: keep one that cannot change
    pages, title, tables, rest = _read_pages(data, max_pages, full_table_search)
    if not any(p.frags for p in pages):
        raise ExtractError("no text layer: run OCR first")
    tables.update(find_tables(data, rest))
    drop_running_lines(pages)
    size = body_size(pages)
    notes = [footnotes(make_lines(p.number, split_footnotes(p, size)), size) for p in pages]
    marks = [take_tables(p, tables.get(p.number, [])) for p in pages]  # before make_lines
    flows = [place_tables(make_lines(p.number, p.frags), m) for p, m in zip(pages, marks)]
    drafts = make_drafts(flows, notes, DocStyle(flows))
    blocks = _blocks(drafts)
    if not blocks:
        raise ExtractError("no text layer: run OCR first")
    if title is None:
        title = next((b.text for b in blocks if b.kind is BlockKind.HEADING), None)
    return Extracted(blocks=blocks, title=title, pages=len(pages))


def _blocks(drafts: list[Draft]) -> list[Block]:
    """Blocks with text, boxes and locations."""
    styles = [d.heading for d in drafts if d.heading is not None]
    levels = heading_levels(styles)
    title = _title(drafts, styles, levels)
    vocab = Vocabulary(drafts)
    tracker = SectionTracker()
    blocks: list[Block] = []
    for draft in drafts:
        text, boxes = block_text(draft, vocab)
        if not text:
            continue
        kind = draft.kind
        if kind is BlockKind.HEADING and (len(text) > 200 or text.endswith((".", ","))):
            kind = BlockKind.PARAGRAPH
        if draft is title:
            section: tuple[str, ...] = (text,)
        elif kind is BlockKind.HEADING:
            section = tracker.heading(levels[draft.heading], text)
        else:
            section = tracker.path
        table, row, cell = draft.cell or (None, None, None)
        location = Location(
            paragraph=len(blocks) + 1,
            section=section,
            page=draft.page,
            part=draft.part,
            table=table,
            row=row,
            cell=cell,
        )
        blocks.append(Block(text=text, kind=kind, location=location, boxes=boxes))
    return blocks


def _title(drafts: list[Draft], styles: list[HeadingStyle], levels: dict[HeadingStyle, int]) -> Draft | None:
    """The document title, which opens no section: the first heading, on page 1,
    the only one in its style, larger than the next style, which at least two
    headings share (the top-level sections)."""
    first = next((d for d in drafts if d.heading is not None), None)
    if first is None or first.page != 1 or levels[first.heading] != 1 or styles.count(first.heading) != 1:
        return None
    second = next((s for s, level in levels.items() if level == 2), None)
    if second is None or second[0] >= first.heading[0] or styles.count(second) < 2:
        return None
    return first


def _check_bytes(data: bytes) -> None:
    head = data[:1024]
    if b"%PDF-" not in head:
        raise ExtractError("corrupt or truncated PDF (no %PDF header)")
    if data.rfind(b"%%EOF") == -1:
        raise ExtractError("corrupt or truncated PDF (the file ends early: no %%EOF marker)")


def _open(data: bytes, max_pages: int = 0) -> pdfium.PdfDocument:
    """Open with pdfium (the empty user password is tried by pdfium itself)."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        code = pdfium_c.FPDF_GetLastError()
        reason = _LOAD_ERRORS.get(code)
        if reason:
            raise ExtractError(reason)
        raise ExtractError(f"corrupt or truncated PDF (pdfium: {_pdfium_reason(code)})")
    count = pdfium_c.FPDF_GetPageCount(raw)
    if count < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        raise ExtractError("corrupt or truncated PDF (no pages)")
    if max_pages and count > max_pages:
        pdfium_c.FPDF_CloseDocument(raw)
        raise ExtractError(f"PDF has too many pages: {count:,} (limit {max_pages:,}; see --max-pages)")
    return pdfium.PdfDocument(raw)  # takes ownership of the handle; ``data`` outlives it


def _pdfium_reason(code: int) -> str:
    return ErrorToStr.get(code, f"error {code}").lower()


def _read_pages(
    data: bytes, max_pages: int = 0, plumber: bool = False
) -> tuple[list[PageText], str | None, dict[int, list[Table]], list[int]]:
    """Glyphs of every page as fragments, the document title, the tables by page
    number, and the numbers of the pages with text whose tables are still to be
    found by pdfplumber (all of them if ``plumber``)."""
    _check_bytes(data)
    doc = _open(data, max_pages)
    glyphs: list[tuple[float, float, list[Glyph]]] = []  # page bottom, top, glyphs
    tables: dict[int, list[Table]] = {}
    rest: list[int] = []
    fonts = FontTable()
    seen: dict = {}  # tables by the edges they were found on (see page_tables)
    try:
        title = (doc.get_metadata_value("Title") or "").strip() or None
        for index in range(len(doc)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    _, bottom, _, top = page.get_bbox()
                    glyphs.append((bottom, top, read_glyphs(textpage, fonts)))
                    if glyphs[-1][2]:
                        found = None if plumber else page_tables(page.raw, seen)
                        if found is None:
                            rest.append(index + 1)
                        elif found:
                            tables[index + 1] = found
                finally:
                    textpage.close()
            finally:
                page.close()
    except _PDFIUM_ERRORS as exc:
        raise ExtractError(f"corrupt or truncated PDF ({_one_line(exc)})") from None
    finally:
        doc.close()
    pages = [PageText(n, bottom, top, build_fragments(g)) for n, (bottom, top, g) in enumerate(glyphs, 1)]
    return pages, title, tables, rest


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]
