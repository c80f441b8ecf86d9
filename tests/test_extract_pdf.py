"""The PDF extractor, on PDFs built here with fpdf2 and on the shared corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")

from policylint.document import Block, BlockKind, Part  # noqa: E402
from policylint.extract.base import ExtractError  # noqa: E402
from policylint.extract.pdf import extract  # noqa: E402
from policylint.extract.pdf_layout import _PAGE_NUMBER  # noqa: E402
from policylint.extract.pdf_style import list_marker  # noqa: E402
from policylint.extract.pdf_text import Vocabulary, _join  # noqa: E402

PAGE_W, PAGE_H = 612.0, 792.0  # US letter, in points
ROOT = Path(__file__).resolve().parents[1]
#: the shared corpus beside the repository (../shared), when it is there
CORPUS = ROOT.parent / "shared" / "corpus" / "converted"
SAMPLE = ROOT / "corpora" / "samples" / "handbook.pdf"


class _PDF(fpdf.FPDF):
    running_header = ""
    running_footer = ""  # "{page}" and "{pages}" are filled in
    pages_total = 0

    def header(self) -> None:
        if self.running_header:
            self.set_font("Helvetica", "", 8)
            self.text(72, 40, self.running_header)

    def footer(self) -> None:
        if self.running_footer:
            self.set_font("Helvetica", "", 8)
            text = self.running_footer.format(page=self.page_no(), pages=self.pages_total)
            self.text(PAGE_W / 2 - 30, PAGE_H - 36, text)


class Doc:
    """A PDF written line by line; ``y`` is the next baseline, from the top (fpdf2's way)."""

    def __init__(self, header: str = "", footer: str = "", pages: int = 0) -> None:
        self.pdf = _PDF(unit="pt", format="letter")
        self.pdf.core_fonts_encoding = "windows-1252"  # bullets and dashes in core fonts
        self.pdf.set_auto_page_break(False)
        self.pdf.running_header, self.pdf.running_footer, self.pdf.pages_total = header, footer, pages
        self.y = 0.0

    def page(self) -> Doc:
        self.pdf.add_page()
        self.y = 96.0
        return self

    def line(self, text: str, x: float = 72, size: float = 11, style: str = "") -> Doc:
        self.pdf.set_font("Helvetica", style, size)
        self.pdf.text(x, self.y, text)
        self.y += 1.25 * size
        return self

    def row(self, *cells: tuple[float, str], size: float = 11) -> Doc:
        """Several texts on one baseline, each at its own x."""
        self.pdf.set_font("Helvetica", "", size)
        for x, text in cells:
            self.pdf.text(x, self.y, text)
        self.y += 1.25 * size
        return self

    def para(self, *lines: str, x: float = 72, size: float = 11) -> Doc:
        for text in lines:
            self.line(text, x=x, size=size)
        self.y += 0.8 * size
        return self

    def heading(self, text: str, size: float = 16) -> Doc:
        self.y += 4
        self.line(text, size=size, style="B")
        self.y += 4
        return self

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def block_with(blocks: list[Block], needle: str) -> Block:
    found = [b for b in blocks if needle in b.text]
    assert len(found) == 1, (needle, texts(blocks))
    return found[0]


def three_page_handbook() -> bytes:
    doc = Doc(header="ACME Corp - Employee Handbook", footer="Confidential | Page {page} of {pages}", pages=3)
    doc.page().heading("1 Leave", size=18)
    doc.heading("1.1 Parental leave", size=14)
    doc.para("All employees may take parental leave after the birth", "or adoption of a child.")
    doc.para("Leave is paid at the full rate for sixteen weeks.")
    doc.page().heading("1.2 Sick leave", size=14)
    doc.para("Employees who are ill should tell their manager", "as early as they can.")
    doc.page().heading("2 Pay", size=18)
    doc.para("Salaries are paid on the last working day of the month.")
    return doc.bytes()


# -- pages, numbering, sections ---------------------------------------------------


def test_blocks_carry_pages_numbering_and_sections():
    result = extract(three_page_handbook())
    blocks = result.blocks
    assert result.pages == 3
    assert [b.location.paragraph for b in blocks] == list(range(1, len(blocks) + 1))
    assert [b.location.page for b in blocks] == [1, 1, 1, 1, 2, 2, 3, 3]
    kinds = [b.kind for b in blocks]
    assert kinds.count(BlockKind.HEADING) == 4
    parental = block_with(blocks, "parental leave after")
    assert parental.text == "All employees may take parental leave after the birth or adoption of a child."
    assert parental.section == ("1 Leave", "1.1 Parental leave")
    assert block_with(blocks, "ill should").section == ("1 Leave", "1.2 Sick leave")
    assert block_with(blocks, "Salaries").section == ("2 Pay",)
    assert block_with(blocks, "Salaries").location.part is Part.BODY


def test_running_header_footer_and_page_numbers_are_dropped():
    blocks = extract(three_page_handbook()).blocks
    joined = " ".join(texts(blocks))
    assert "ACME Corp" not in joined
    assert "Confidential" not in joined
    assert not re.search(r"Page \d", joined)


def test_page_number_alone_is_dropped_even_on_one_page():
    doc = Doc(footer="- {page} -", pages=1).page()
    doc.para("The policy applies to everyone.")
    blocks = extract(doc.bytes()).blocks
    assert texts(blocks) == ["The policy applies to everyone."]


@pytest.mark.parametrize("text", ["3", "Page 3", "page 3 of 12", "- 3 -", "(3)", "iv", "3/12"])
def test_page_number_patterns(text):
    assert _PAGE_NUMBER.match(text)


@pytest.mark.parametrize("text", ["3 days of leave", "Chapter 3", "Page layout"])
def test_page_number_pattern_leaves_text_alone(text):
    assert not _PAGE_NUMBER.match(text)


def test_repeated_body_text_is_not_taken_for_a_running_header():
    doc = Doc()
    for _ in range(3):
        doc.page().para("Questions? Ask the People team.")
        doc.para(*["Body text that fills the middle of the page."] * 2)
    blocks = extract(doc.bytes()).blocks
    assert sum(b.text == "Questions? Ask the People team." for b in blocks) == 3


# -- text: hyphens, lists, footnotes, continuation ---------------------------------


def test_hyphenation_at_line_ends():
    doc = Doc().page()
    doc.para(
        "We ask all employ-",
        "ees to read the Anti-",
        "Harassment policy. It applies to full-time and part-",
        "time staff since 2023-",
        "11-20, to people in self-",
        "managed teams and to the people-",
        "ops@example.com team.",
    )
    doc.para("Self-managed teams, part-time staff and all employees have the same rights.")
    text = extract(doc.bytes()).blocks[0].text
    assert text == (
        "We ask all employees to read the Anti-Harassment policy. It applies to full-time "
        "and part-time staff since 2023-11-20, to people in self-managed teams and to the "
        "people-ops@example.com team."
    )


def test_document_that_never_hyphenates_keeps_unknown_hyphens():
    doc = Doc().page()
    doc.para("Wear safety boots, not flip-", "flops. Use the speak-", "up line.")
    doc.para("The speak-up line is open all day.")
    assert extract(doc.bytes()).blocks[0].text == "Wear safety boots, not flip-flops. Use the speak-up line."


def test_document_that_hyphenates_drops_unknown_hyphens():
    doc = Doc().page()
    doc.para("All our employ-", "ees get a bene-", "fit pack.")
    doc.para("Employees ask about benefit rules.")
    assert extract(doc.bytes()).blocks[0].text == "All our employees get a benefit pack."


def test_soft_hyphen_break_is_undone():
    doc = Doc().page()
    doc.pdf.set_font("Helvetica", "", 11)
    doc.pdf.set_xy(72, 90)
    text = "We offer a comprehensive package of extra\u00adordinary bene\u00adfits to all staff."
    doc.pdf.multi_cell(150, 14, text)
    text = extract(doc.bytes()).blocks[0].text
    assert "extraordinary" in text
    assert "benefits" in text
    assert "\u00ad" not in text and "-" not in text


@pytest.mark.parametrize(
    ("left", "right", "words", "expected"),
    [
        ("our employ-", "ees must", "", (1, "")),
        ("the full-", "time", "full time", (0, "")),
        ("the part-", "time", "part-time", (0, "")),
        ("the work-", "load", "work load workload", (1, "")),
        ("the Anti-", "Harassment", "", (0, "")),
        ("since 2023-", "11-20", "", (0, "")),
        ("an extra\u00ad", "ordinary", "extra ordinary", (1, "")),
        ("the people-", "ops@example.com", "", (0, "")),
        ("see https://example.org/leave-", "policy", "", (0, "")),
        ("see https://example.org/", "Leave", "", (0, "")),
        ("a larger goal -", "all they want", "", (0, " ")),
        ("the", "end", "", (0, " ")),
    ],
)
def test_line_end_join_rules(left, right, words, expected):
    vocab = Vocabulary([])
    vocab.words = set(words.split())
    vocab.compounds = {w for w in words.split() if "-" in w}
    assert _join(left, right, vocab, full=False) == expected


def test_list_items_have_their_marker_stripped():
    doc = Doc().page()
    doc.para("You can take leave for:")
    doc.row((80, "\u2022"), (96, "the birth of a child,"))
    doc.row((80, "\u2022"), (96, "caring for a relative who is ill"))
    doc.row((96, "or disabled."))
    doc.y += 6
    doc.line("1. Tell your manager.").line("a) Fill in the form.")
    doc.y += 8
    doc.para("Leave is paid.")
    blocks = extract(doc.bytes()).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "You can take leave for:"),
        (BlockKind.LIST_ITEM, "the birth of a child,"),
        (BlockKind.LIST_ITEM, "caring for a relative who is ill or disabled."),
        (BlockKind.LIST_ITEM, "Tell your manager."),
        (BlockKind.LIST_ITEM, "Fill in the form."),
        (BlockKind.PARAGRAPH, "Leave is paid."),
    ]
    item = blocks[2]
    assert item.boxes[0].start == 0 and item.boxes[0].x0 >= 95  # the box starts after the bullet


@pytest.mark.parametrize(
    ("text", "length", "strong"),
    [
        ("• Item", 2, True),
        ("\uf0b7\tItem", 2, True),
        ("➢ Item", 2, True),
        ("1. Item", 3, False),
        ("a) Item", 3, False),
    ],
)
def test_list_markers(text, length, strong):
    marker = list_marker(text)
    assert marker is not None and (marker.length, marker.strong) == (length, strong)


@pytest.mark.parametrize("text", ["2023 was a year", "e.g. this", "4.2 Parental leave", "-5 degrees"])
def test_not_list_markers(text):
    assert list_marker(text) is None


def test_footnote_reference_is_dropped_and_footnote_set_apart():
    doc = Doc().page()
    doc.pdf.set_font("Helvetica", "", 11)
    end = 72 + doc.pdf.get_string_width("Ask your HR Specialist")
    doc.line("Ask your HR Specialist")
    doc.pdf.set_font("Helvetica", "", 6.5)
    doc.pdf.text(end + 0.5, doc.y - 13.75 - 4, "2")  # raised, glued to "Specialist"
    doc.line("about leave.")
    doc.y = 700
    doc.pdf.set_font("Helvetica", "", 6.5)
    doc.pdf.text(72, doc.y - 4, "2")
    doc.line("See the intranet page on leave.", x=78, size=9)
    blocks = extract(doc.bytes()).blocks
    assert blocks[0].text == "Ask your HR Specialist about leave."
    note = blocks[1]
    assert note.text == "See the intranet page on leave."
    assert note.location.part is Part.FOOTNOTE
    assert blocks[0].location.part is Part.BODY


def test_footnote_area_is_cut_into_notes():
    doc = Doc().page()
    doc.para("Body text with two notes.")
    doc.y = 660
    for label, lines in [("1", ["First note, which runs on", "to a second line."]), ("2", ["Second note."])]:
        doc.pdf.set_font("Helvetica", "", 6.5)
        doc.pdf.text(72, doc.y - 4, label)
        for text in lines:
            doc.line(text, x=78, size=9)
    blocks = extract(doc.bytes()).blocks
    assert [(b.text, b.location.part) for b in blocks] == [
        ("Body text with two notes.", Part.BODY),
        ("First note, which runs on to a second line.", Part.FOOTNOTE),
        ("Second note.", Part.FOOTNOTE),
    ]


def test_paragraph_continues_across_a_page_break():
    doc = Doc(footer="{page}", pages=2).page()
    doc.y = 700
    doc.para("Short paragraph first.")
    doc.line("Before you return to work, you and your manager")
    doc.page()
    doc.para("should agree on a phased return plan.")
    doc.para("Next paragraph.")
    blocks = extract(doc.bytes()).blocks
    assert texts(blocks) == [
        "Short paragraph first.",
        "Before you return to work, you and your manager should agree on a phased return plan.",
        "Next paragraph.",
    ]
    joined = blocks[1]
    assert joined.location.page == 1
    assert [box.page for box in joined.boxes] == [1, 2]
    assert blocks[2].location.page == 2


def test_new_sentence_on_next_page_is_a_new_paragraph():
    doc = Doc().page()
    doc.y = 700
    doc.para("The first page ends here.")
    doc.page().para("the next page starts in lower case after a full stop.")
    assert len(extract(doc.bytes()).blocks) == 2


# -- layout: columns and boxes --------------------------------------------------------

LEFT = [
    "Column one starts the story of how",
    "leave works: every employee gets",
    "twenty days each year.",
]
RIGHT = [
    "Column two goes on with the rules",
    "for carrying days over into the",
    "next year, up to five days.",
]


def two_column_page() -> bytes:
    doc = Doc().page().heading("Annual leave", size=16)
    top = doc.y
    for i, (left, right) in enumerate(zip(LEFT, RIGHT)):  # content order reads across
        doc.y = top + i * 13.75
        doc.line(left, x=72)
        doc.y = top + i * 13.75
        doc.line(right, x=320)
    return doc.bytes()


def test_two_columns_are_read_one_after_the_other():
    blocks = extract(two_column_page()).blocks
    assert texts(blocks) == ["Annual leave", " ".join(LEFT), " ".join(RIGHT)]
    assert blocks[1].section == blocks[2].section == ("Annual leave",)


def _check_boxes(block: Block) -> None:
    assert block.boxes, block.text
    covered = 0
    for box in block.boxes:
        gap = block.text[covered : box.start]
        assert gap.strip() == "", (block.text, box)  # only inserted spaces between boxes
        assert box.end > box.start
        covered = box.end
    assert covered == len(block.text)
    for box in block.boxes:
        assert 0 <= box.x0 < box.x1 <= PAGE_W and 0 <= box.y0 < box.y1 <= PAGE_H


@pytest.mark.parametrize("make", [three_page_handbook, two_column_page])
def test_boxes_tile_the_text_and_lie_on_the_page(make):
    for block in extract(make()).blocks:
        _check_boxes(block)


def test_boxes_are_where_the_text_was_drawn():
    blocks = extract(two_column_page()).blocks
    right = blocks[2]
    first = right.boxes[0]
    assert right.text[first.start : first.end] == RIGHT[0]
    assert first.x0 == pytest.approx(320, abs=1)
    baseline = PAGE_H - (96 + 4 + 20 + 4)  # heading pushes the columns down
    assert first.y0 < baseline < first.y1
    assert [box.y1 for box in right.boxes] == sorted((box.y1 for box in right.boxes), reverse=True)


# -- tables -----------------------------------------------------------------------------

LEAVE_TABLE = [
    ("Leave type", "Entitlement", "Notes"),
    ("Annual leave", "25 days", "Rising to 28 days after five years of service with the company"),
    ("Compassionate leave", "5 days", "On the death of your husband or wife"),
]


def table_page() -> bytes:
    doc = Doc().page().heading("5 Leave", size=16)
    doc.para("The table below lists the leave types.")
    doc.pdf.set_font("Helvetica", "", 11)
    doc.pdf.set_y(doc.y)
    with doc.pdf.table(col_widths=(120, 100, 200), text_align="LEFT", first_row_as_headings=False) as table:
        for cells in LEAVE_TABLE:
            row = table.row()
            for text in cells:
                row.cell(text)
    doc.y = doc.pdf.get_y() + 30
    doc.para("Ask your manager about leave.")
    return doc.bytes()


def test_ruled_table_gives_one_block_per_cell_in_place():
    blocks = extract(table_page()).blocks
    cells = [b for b in blocks if b.kind is BlockKind.TABLE_CELL]
    assert [(b.location.table, b.location.row, b.location.cell) for b in cells] == [
        (1, r, c) for r in (1, 2, 3) for c in (1, 2, 3)
    ]
    assert [b.text for b in cells] == [text for row in LEAVE_TABLE for text in row]  # wrapped cell joined
    assert texts(blocks)[:2] == ["5 Leave", "The table below lists the leave types."]
    assert texts(blocks)[-1] == "Ask your manager about leave."
    assert all(b.section == ("5 Leave",) for b in blocks[1:])  # header cells are not headings
    for block in blocks:
        _check_boxes(block)


def test_text_aligned_with_tabs_is_read_by_rows():
    doc = Doc().page()
    doc.para("Hours per day:")
    for day, hours in [("Day", "Hours"), ("Monday", "10"), ("Tuesday", "9"), ("Wednesday", "6")]:
        doc.row((72, day), (200, hours))
    doc.y += 8
    doc.para("A paragraph of text follows the little table and runs the full width of the page, as text does.")
    lines = texts(extract(doc.bytes()).blocks)
    rows = ["Day Hours", "Monday 10", "Tuesday 9", "Wednesday 6"]
    assert [lines.index(row) for row in rows] == sorted(lines.index(row) for row in rows)


# -- errors ---------------------------------------------------------------------------


def simple_pdf(**encryption) -> bytes:
    doc = Doc().page().para("Confidential policy text.")
    if encryption:
        doc.pdf.set_encryption(**encryption)
    return doc.bytes()


def test_encrypted_pdf_needs_the_password_removed():
    data = simple_pdf(owner_password="owner", user_password="secret")
    with pytest.raises(ExtractError, match=r"^encrypted PDF: remove the password first$"):
        extract(data)


def test_pdf_with_owner_password_only_is_read():
    data = simple_pdf(owner_password="owner")
    assert texts(extract(data).blocks) == ["Confidential policy text."]


def test_pdf_without_text_layer():
    doc = Doc().page()
    doc.pdf.rect(72, 72, 300, 400, style="F")
    with pytest.raises(ExtractError, match=r"^no text layer: run OCR first$"):
        extract(doc.bytes())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: simple_pdf()[: len(simple_pdf()) // 2], id="truncated"),
        pytest.param(lambda: simple_pdf()[:-200], id="cut-before-eof"),
        pytest.param(lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF", id="garbage-with-header"),
        pytest.param(lambda: b"PK\x03\x04 this is a zip file", id="not-a-pdf"),
        pytest.param(lambda: b"", id="empty"),
    ],
)
def test_corrupt_or_truncated_pdf(data):
    with pytest.raises(ExtractError) as info:
        extract(data())
    message = str(info.value)
    assert message.startswith("corrupt or truncated PDF (")
    assert "\n" not in message


def test_many_files_in_a_row_do_not_leak_or_fail():
    good, bad = three_page_handbook(), simple_pdf(owner_password="o", user_password="u")
    for _ in range(50):
        assert extract(good).pages == 3
        with pytest.raises(ExtractError):
            extract(bad)


# -- real documents -------------------------------------------------------------------


@pytest.mark.skipif(not (CORPUS / "hackerbay-handbook-2col.pdf").exists(),
                    reason="needs ../shared/corpus/converted beside the repository")
def test_hackerbay_two_column_handbook():
    result = extract((CORPUS / "hackerbay-handbook-2col.pdf").read_bytes())
    blocks = result.blocks
    assert result.pages == 17
    joined = "\n".join(texts(blocks))
    assert "HackerBay, Inc. - Employee Handbook" not in joined  # running header
    assert "Confidential | Page" not in joined  # running footer
    pages = [b.location.page for b in blocks]
    assert pages == sorted(pages) and pages[-1] == 17
    # a paragraph that runs from the foot of column one to the top of column two
    worship = block_with(blocks, "It keeps all of us afloat")
    assert worship.text.endswith("letting him know in advance will not be tolerated.")
    assert {box.x0 < 300 for box in worship.boxes} == {True, False}
    headings = [b.text for b in blocks if b.kind is BlockKind.HEADING]
    order = [headings.index(h) for h in ("Work Ethic", "Basic Etiquette", "Anti-Harassment Policy")]
    assert order == sorted(order)
    assert block_with(blocks, "These are few basic rules").section[-1] == "Basic Etiquette"
    for block in blocks:
        _check_boxes(block)


@pytest.mark.skipif(not SAMPLE.exists(), reason="corpora/samples/handbook.pdf not generated yet")
def test_sample_handbook_pages_and_sections():
    result = extract(SAMPLE.read_bytes())
    blocks = result.blocks
    assert result.pages and result.pages >= 1
    pages = [b.location.page for b in blocks if b.location.part is Part.BODY]
    assert all(1 <= p <= result.pages for p in pages)
    assert pages == sorted(pages)
    assert any(b.kind is BlockKind.HEADING for b in blocks)
    body = [b for b in blocks if b.kind is not BlockKind.HEADING]
    assert body and sum(bool(b.section) for b in body) >= len(body) / 2
    joined = "\n".join(texts(blocks))
    assert "Northwind Logistics \u2014 Employee Handbook" not in joined  # running header
    assert not re.search(r"\bPage \d+ of \d+", joined)  # running footer
    # what corpora/samples/README.md says about the sample
    manpower = block_with(blocks, "manpower planning team")
    assert manpower.section[-1].startswith("2.1 ")
    salesman = block_with(blocks, "Senior Salesman")
    assert salesman.kind is BlockKind.TABLE_CELL
    assert (salesman.location.table, salesman.location.row, salesman.location.cell) == (1, 3, 2)
    graduates = block_with(blocks, "young and energetic")  # runs across a page break
    assert "recent graduates: we want young and energetic people" in graduates.text
    assert {box.page for box in graduates.boxes} == {graduates.location.page, graduates.location.page + 1}
    assert sum(b.location.part is Part.FOOTNOTE for b in blocks) == 3


def test_title_opens_no_section():
    doc = Doc().page().heading("Staff Handbook", size=24)
    doc.heading("1 Leave", size=16).para("Leave text.")
    doc.heading("2 Pay", size=16).para("Pay text.")
    result = extract(doc.bytes())
    assert result.title == "Staff Handbook"
    assert block_with(result.blocks, "Leave text").section == ("1 Leave",)
    assert block_with(result.blocks, "Pay text").section == ("2 Pay",)
