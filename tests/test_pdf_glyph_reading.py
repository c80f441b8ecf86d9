"""The fast glyph reader (``pdf_read.read_glyphs`` with ``pdf_calls``) against
a reference, and the PDF blocks against those of the extractor before the speed
work.

1. Glyph for glyph: ``read_glyphs`` asks pdfium for each glyph's box and origin
   without ctypes' argument checks, and for font size and style once per text
   object. ``_reference_glyphs`` below asks for everything of every glyph through
   pypdfium2's checked functions, as the extractor did before. Every field of
   every glyph must be equal, on hand-made PDFs (fpdf2, the ruled pages of
   ``test_pdf_table_paths``), the bundled samples and the real PDFs in
   ``../shared/corpus`` (skipped where that folder is absent).
2. Block for block: ``tests/data/pdf_blocks.json`` holds, for the samples and
   the PDFs in ``../shared/corpus``, a digest of the blocks (text, kind,
   location, boxes) starting on each page, as the extractor gave them before
   the speed work (commit 50d227a). Boxes depend on pdfium's build, so the
   comparison runs only with the build that recorded them (the file names it)
   and is skipped with a reason otherwise. When a change of the blocks is
   intended, review it and record again:
   ``python tests/test_pdf_glyph_reading.py --record``.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

from policylint.extract import pdf_calls  # noqa: E402
from policylint.extract.pdf import extract  # noqa: E402
from policylint.extract.pdf_glyphs import SPACES, Glyph  # noqa: E402
from policylint.extract.pdf_read import FontTable, read_glyphs  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "corpora" / "samples"
DIGESTS = ROOT / "tests" / "data" / "pdf_blocks.json"


def _reference_glyphs(textpage, fonts: FontTable) -> list[Glyph]:
    """The glyphs as the extractor read them before: every value of every glyph
    through pypdfium2's checked functions, one character at a time."""
    raw = textpage.raw
    glyphs = []
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for k in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(raw, k))
        if ch in "\r\n" or (ch in SPACES and pdfium_c.FPDFText_IsGenerated(raw, k)):
            continue
        if ch in ("\x02", "\ufffe"):
            ch = "-"
        elif ch < " " or ch == "\ufeff":
            continue
        elif "\ufb00" <= ch <= "\ufb06":
            ch = unicodedata.normalize("NFKC", ch)
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, k, rect):
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, k, ox, oy)
        size = pdfium_c.FPDFText_GetFontSize(raw, k)
        if size <= 1.0:
            size = max(rect.top - rect.bottom, 1.0)
        font = fonts.style(raw, k)
        glyphs.append(Glyph(ch, rect.left, rect.right, rect.bottom, rect.top, oy.value, size, font, k))
    return glyphs


def _assert_same_glyphs(data: bytes) -> int:
    """Compare the two readers on every page; the number of glyphs compared."""
    fonts = FontTable()  # shared: the same style objects on both sides
    count = 0
    with pdfium.PdfDocument(data) as doc:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                fast, reference = read_glyphs(textpage, fonts), _reference_glyphs(textpage, fonts)
                assert len(fast) == len(reference), f"page {index + 1}"
                for ours, theirs in zip(fast, reference):
                    assert ours == theirs, f"page {index + 1}, character {theirs.index}"
                count += len(fast)
            finally:
                textpage.close()
                page.close()
    return count


def _hand_made() -> dict[str, bytes]:
    from tests.test_pdf_table_paths import CASES

    return {f"ruled-{name}": data for name, data in CASES.items()}


@pytest.mark.parametrize("name", sorted(_hand_made()))
def test_glyphs_of_hand_made_ruled_pages(name):
    assert _assert_same_glyphs(_hand_made()[name]) > 100


def test_glyphs_of_a_generated_pdf_with_odd_spaces_and_three_fonts(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    text = "Leave\u00a0policy: staff's rights - at 50 % pay.\tTabbed\u00adword"
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 8, "A bold heading", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Courier", size=6)
    pdf.multi_cell(0, 3, "1 A small footnote in a monospace font", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "mixed.pdf"
    pdf.output(str(path))
    assert _assert_same_glyphs(path.read_bytes()) > 60


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.name)
def test_glyphs_of_the_samples(path):
    assert _assert_same_glyphs(path.read_bytes()) > 1000


def _shared_pdfs() -> list[Path]:
    return sorted(SHARED.rglob("*.pdf")) if SHARED.is_dir() else []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the repository")
@pytest.mark.parametrize("path", _shared_pdfs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_glyphs_of_the_real_pdfs(path):
    assert _assert_same_glyphs(path.read_bytes()) > 1000


def test_glyphs_without_text_objects_in_pdfium(monkeypatch):
    """With a pdfium too old for FPDFText_GetTextObject, every glyph asks for
    its own font size and style: the same glyphs."""
    monkeypatch.setattr(pdf_calls, "TEXT_OBJECT", None)
    assert _assert_same_glyphs((SAMPLES / "handbook.pdf").read_bytes()) > 1000


# -- blocks against those recorded before the speed work ---------------------------


def _pdfium_build() -> str:
    return str(pdfium.PDFIUM_INFO.build)


def _documents() -> dict[str, Path]:
    """Recorded documents by name: ``samples/...`` and ``shared/...`` (relative
    to ../shared/corpus)."""
    docs = {f"samples/{p.name}": p for p in sorted(SAMPLES.glob("*.pdf"))}
    docs.update({f"shared/{p.relative_to(SHARED).as_posix()}": p for p in _shared_pdfs()})
    return docs


def _page_digests(data: bytes) -> dict[str, object]:
    """Title, page count and, per page, a digest of the blocks starting on it."""
    extracted = extract(data)
    pages: dict[int, hashlib._Hash] = {}
    for block in extracted.blocks:
        record = json.dumps(block.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        pages.setdefault(block.location.page, hashlib.sha256()).update(record.encode() + b"\n")
    return {
        "title": hashlib.sha256((extracted.title or "").encode()).hexdigest()[:16],
        "pages": extracted.pages,
        "blocks": len(extracted.blocks),
        "digests": {str(page): digest.hexdigest()[:16] for page, digest in sorted(pages.items())},
    }


def _recorded() -> dict:
    if not DIGESTS.is_file():
        return {"pdfium": None, "documents": {}}  # (test_every_sample_is_recorded fails)
    return json.loads(DIGESTS.read_text(encoding="utf-8"))


def _recorded_names() -> list[str]:
    return sorted(_recorded()["documents"])


@pytest.mark.parametrize("name", _recorded_names())
def test_blocks_are_those_recorded_before_the_speed_work(name):
    recorded = _recorded()
    if recorded["pdfium"] != _pdfium_build():
        pytest.skip(f"digests recorded with pdfium {recorded['pdfium']}, this is pdfium {_pdfium_build()}")
    path = _documents().get(name)
    if path is None:
        pytest.skip(f"{name} is not here (../shared/corpus is not beside the repository)")
    want = recorded["documents"][name]
    got = _page_digests(path.read_bytes())
    assert (got["title"], got["pages"], got["blocks"]) == (want["title"], want["pages"], want["blocks"])
    changed = [page for page, digest in want["digests"].items() if got["digests"].get(page) != digest]
    assert not changed and got["digests"].keys() == want["digests"].keys(), f"blocks differ on pages {changed}"


def test_every_sample_is_recorded():
    assert {f"samples/{p.name}" for p in SAMPLES.glob("*.pdf")} <= set(_recorded()["documents"])


def _record() -> None:
    documents = {name: _page_digests(path.read_bytes()) for name, path in _documents().items()}
    payload = {"pdfium": _pdfium_build(), "documents": documents}
    DIGESTS.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(documents)} documents in {DIGESTS}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/test_pdf_glyph_reading.py --record")
    _record()
