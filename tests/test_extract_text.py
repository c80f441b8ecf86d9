"""Plain-text and Markdown extraction, decoding and format sniffing."""

import codecs

import pytest

from policylint.document import BlockKind
from policylint.extract import ExtractError, document_from_bytes
from policylint.extract.sniff import sniff

HANDBOOK_TXT = """EMPLOYEE HANDBOOK

1 Working hours

Core hours are 10am to 3pm.
Outside them, plan your own day.

1.1 Overtime

- Overtime is voluntary.
- It is paid at 1.5x.

2 Leave

All parents get 20 weeks of paid leave.
"""


def _doc(text: str, suffix: str = ".txt", encoding: str = "utf-8"):
    return document_from_bytes(text.encode(encoding), f"x{suffix}", suffix=suffix)


def test_text_paragraphs_sections_and_lines():
    doc = _doc(HANDBOOK_TXT)
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "EMPLOYEE HANDBOOK"
    assert "Core hours are 10am to 3pm. Outside them, plan your own day." in texts
    para = next(b for b in doc.blocks if b.text.startswith("Core hours"))
    assert para.location.section == ("1 Working hours",)
    assert para.location.line == 5
    assert para.line_of(para.text.index("Outside")) == 6
    item = next(b for b in doc.blocks if b.text.startswith("- It is paid"))
    assert item.kind == BlockKind.LIST_ITEM
    assert item.location.section == ("1 Working hours", "1.1 Overtime")
    leave = doc.blocks[-1]
    assert leave.location.section == ("2 Leave",)
    assert [b.location.paragraph for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))
    assert _doc("- All parents get 20 weeks of paid leave (part-time staff too).").words == 11


def test_text_source_spans_point_into_the_source():
    source = HANDBOOK_TXT
    for block in _doc(source).blocks:
        (span,) = block.source_spans
        assert source[span.source_start : span.source_start + len(block.text)].replace("\n", " ") == block.text


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b"")],
)
def test_text_encodings(encoding, bom):
    data = bom + "Café policy\n\nThe chairman’s rôle.\n".encode(encoding)
    doc = document_from_bytes(data, "x.txt", suffix=".txt")
    assert [b.text for b in doc.blocks] == ["Café policy", "The chairman’s rôle."]


def test_latin1_text():
    doc = document_from_bytes("Caf\xe9 r\xf4le for everyone.".encode("latin-1"), "x.txt", suffix=".txt")
    assert doc.blocks[0].text == "Café rôle for everyone."


def test_crlf_line_endings():
    doc = document_from_bytes(b"One line\r\nsame paragraph.\r\n\r\nNext.", "x.txt", suffix=".txt")
    assert [b.text for b in doc.blocks] == ["One line same paragraph.", "Next."]


MARKDOWN = """# Handbook

## Leave

Parents get *twenty* weeks of [paid leave](https://example.org)
for each child.

- The **chairman** approves leave.
- Leave is `unpaid` after that.

| Leave | Weeks |
| --- | --- |
| Parental | 20 |

<!-- policylint-disable PL401 -->

```
code is not checked
```
"""


def test_markdown_blocks_sections_tables():
    doc = _doc(MARKDOWN, ".md")
    assert doc.format == "markdown"
    texts = [b.text for b in doc.blocks]
    assert "Parents get twenty weeks of paid leave for each child." in texts
    assert "code is not checked" not in " ".join(texts)
    assert not any("policylint-disable" in t for t in texts)
    para = next(b for b in doc.blocks if b.text.startswith("Parents"))
    assert para.location.section == ("Handbook", "Leave")
    assert para.location.line == 5
    assert para.line_of(para.text.index("for each")) == 6
    item = next(b for b in doc.blocks if "chairman" in b.text)
    assert item.kind == BlockKind.LIST_ITEM and item.text == "The chairman approves leave."
    cells = [b for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    assert [(c.text, c.location.table, c.location.row, c.location.cell) for c in cells] == [
        ("Leave", 1, 1, 1), ("Weeks", 1, 1, 2), ("Parental", 1, 2, 1), ("20", 1, 2, 2)]
    assert doc.title == "Handbook"


def test_markdown_source_spans_slice_to_the_text():
    for block in _doc(MARKDOWN, ".md").blocks:
        assert block.source_spans, block.text
        for span in block.source_spans:
            piece = block.text[span.start : span.end]
            assert MARKDOWN[span.source_start : span.source_start + len(piece)] == piece


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7\n...", ".docx", "pdf"),
        (b"# Title\n", ".md", "markdown"),
        (b"# Title\n", ".txt", "text"),
        (b"plain words", "", "text"),
    ],
)
def test_sniff_by_bytes(data, suffix, expected):
    assert sniff(data, suffix) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Word .doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "unknown format"),
        (b"PK\x03\x04garbage", "corrupt or truncated"),
    ],
)
def test_sniff_rejects(data, message):
    with pytest.raises(ExtractError, match=message):
        sniff(data, ".docx")


def test_markdown_with_only_markup_is_empty():
    with pytest.raises(ExtractError, match="empty document"):
        _doc("```\ncode\n```\n\n<!-- comment -->\n", ".md")
