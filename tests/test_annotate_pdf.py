"""``policylint annotate FILE.pdf``: one highlight per finding and page, on the
right page, over exactly the matched words, with the note as its text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from policylint.extract import read_document
from tests.auditor import check_json, run
from tests.conftest import SAMPLES
from tests.helpers import FLAGGED_SENTENCE, make_pdf

HANDBOOK = SAMPLES / "handbook.pdf"
SLACK = 0.6  # points: rounding of the stored coordinates


def _highlights(path: Path) -> dict[str, list[tuple[int, dict]]]:
    """/NM -> [(page number, annotation)] for the highlights policylint wrote."""
    found: dict[str, list[tuple[int, dict]]] = {}
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Highlight" and str(annot.get("/NM", "")).startswith("policylint-"):
                found.setdefault(str(annot["/NM"]), []).append((number, annot))
    return found


def _quads(annot) -> list[tuple[float, float, float, float]]:
    q = [float(v) for v in annot["/QuadPoints"]]
    return [(min(q[i], q[i + 4]), min(q[i + 5], q[i + 7]), max(q[i + 2], q[i + 6]), max(q[i + 1], q[i + 3]))
            for i in range(0, len(q), 8)]


def _pieces(block, start: int, end: int) -> list[tuple[int, str]]:
    """(page, text) of each line piece of block text start:end, from the extractor's boxes."""
    out = []
    for box in block.boxes:
        s, e = max(start, box.start), min(end, box.end)
        if s < e and block.text[s:e].strip():
            out.append((box.page, block.text[s:e].strip()))
    return out


def _char_boxes(pdf: pdfium.PdfDocument, page: int, text: str) -> list[list[tuple[float, float, float, float]]]:
    """Every occurrence of ``text`` on the page, as the ink boxes of its characters."""
    textpage = pdf[page - 1].get_textpage()
    searcher = textpage.search(text, match_case=True)
    found = []
    while (hit := searcher.get_next()) is not None:
        index, count = hit
        found.append([textpage.get_charbox(i) for i in range(index, index + count)
                      if not textpage.get_text_range(i, 1).isspace()])
    return found


def _inside(box, rect) -> bool:
    return (box[0] >= rect[0] - SLACK and box[1] >= rect[1] - SLACK
            and box[2] <= rect[2] + SLACK and box[3] <= rect[3] + SLACK)


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "handbook.reviewed.pdf"
    before = HANDBOOK.read_bytes()
    result = run("annotate", HANDBOOK, "-o", out)
    assert result.exit_code == 0, result.output
    assert HANDBOOK.read_bytes() == before
    return {"out": out, "findings": check_json(HANDBOOK), "document": read_document(HANDBOOK)}


def test_one_highlight_per_finding_and_page(handbook):
    highlights = _highlights(handbook["out"])
    assert set(highlights) == {f"policylint-{f['fingerprint']}" for f in handbook["findings"]}
    for finding in handbook["findings"]:
        block = handbook["document"].blocks[finding["location"]["paragraph"] - 1]
        pages = sorted({page for page, _ in _pieces(block, finding["location"]["start"], finding["location"]["end"])})
        assert [page for page, _ in highlights[f"policylint-{finding['fingerprint']}"]] == pages
        assert pages[0] >= finding["location"]["page"]


def test_a_match_across_a_page_break_is_highlighted_on_both_pages(handbook):
    highlights = _highlights(handbook["out"])
    spread = [f for f in handbook["findings"] if len(highlights[f"policylint-{f['fingerprint']}"]) > 1]
    assert spread, "the sample has 'young and energetic' across pages 8 and 9"


def test_highlights_cover_exactly_the_matched_words(handbook):
    pdf = pdfium.PdfDocument(handbook["out"])
    highlights = _highlights(handbook["out"])
    for finding in handbook["findings"]:
        block = handbook["document"].blocks[finding["location"]["paragraph"] - 1]
        placed = highlights[f"policylint-{finding['fingerprint']}"]
        for page, text in _pieces(block, finding["location"]["start"], finding["location"]["end"]):
            quads = [q for number, annot in placed if number == page for q in _quads(annot)]
            occurrences = _char_boxes(pdf, page, text)
            assert occurrences, (page, text)
            # some occurrence of the words lies inside one quad, and that quad is no wider than the words
            assert any(
                all(_inside(box, quad) for box in boxes)
                and quad[2] - quad[0] <= (max(b[2] for b in boxes) - min(b[0] for b in boxes)) + 4
                for boxes in occurrences for quad in quads
            ), (finding["text"], page, text, quads)
    pdf.close()


def test_the_note_says_rule_message_and_suggestion(handbook):
    highlights = _highlights(handbook["out"])
    for finding in handbook["findings"]:
        (page, annot), *_ = highlights[f"policylint-{finding['fingerprint']}"]
        contents = str(annot["/Contents"])
        assert contents.startswith(f"{finding['rule']} {finding['name']} ({finding['severity']})")
        assert finding["message"] in contents
        assert "Suggestion: " in contents
        assert str(annot["/T"]) == "policylint" and "/AP" in annot


def test_the_original_bytes_are_kept_and_only_annotations_added(tmp_path):
    source = make_pdf(tmp_path / "policy.pdf", ["Leave policy", FLAGGED_SENTENCE])
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "policy.reviewed.pdf"
    result = run("annotate", source, "-o", out)
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert out.read_bytes().startswith(source.read_bytes())  # an incremental update
    assert "1 highlight" in result.stderr
    assert [b.text for b in read_document(out).blocks] == [b.text for b in read_document(source).blocks]


def test_the_highlight_is_visible_when_the_page_is_drawn(tmp_path):
    source = make_pdf(tmp_path / "policy.pdf", ["Leave policy", FLAGGED_SENTENCE])
    out = tmp_path / "policy.reviewed.pdf"
    assert run("annotate", source, "-o", out).exit_code == 0
    (_, annot), = next(iter(_highlights(out).values()))
    x0, y0, x1, y1 = _quads(annot)[0]

    def blue(path: Path) -> float:
        pdf = pdfium.PdfDocument(path)
        page = pdf[0]
        height = page.get_height()
        image = page.render(scale=1, draw_annots=True).to_pil().convert("RGB")
        region = image.crop((int(x0) + 1, int(height - y1) + 1, int(x1) - 1, int(height - y0) - 1))
        pdf.close()
        return ImageStat.Stat(region).mean[2]

    assert blue(out) < blue(source) - 60  # yellow over the words: much less blue than the white page


def test_pages_with_a_moved_origin_or_rotation_are_highlighted_in_place(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", ["Leave policy", FLAGGED_SENTENCE])
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.pages[0].mediabox = RectangleObject((-30, -40, 600, 850))  # user space origin inside the page
    writer.pages[0].rotate(90)
    source = tmp_path / "moved.pdf"
    writer.write(source)
    out = tmp_path / "moved.reviewed.pdf"
    assert run("annotate", source, "-o", out).exit_code == 0
    (_, annot), = next(iter(_highlights(out).values()))
    pdf = pdfium.PdfDocument(out)
    (boxes,) = _char_boxes(pdf, 1, "chairman")
    assert all(_inside(box, _quads(annot)[0]) for box in boxes)
    pdf.close()
