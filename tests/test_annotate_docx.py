"""``policylint annotate FILE.docx``: Word comments on the matched words, tracked
changes with --suggest-changes, findings in tables, headers, footers, notes
and text boxes, and a copy that Word's text (and LibreOffice) still read."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from policylint.extract import read_document
from tests.auditor import (
    anchored,
    apply_replacements,
    check_json,
    comments,
    convert_to_pdf,
    docx_parts,
    libreoffice,  # noqa: F401 (fixture)
    make_rich_docx,
    reject_all,
    run,
    tracked,
    w,
)
from tests.conftest import SAMPLES

HANDBOOK = SAMPLES / "handbook.docx"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """The small DOCX, its findings, and its annotated copies (plain and with changes)."""
    folder = tmp_path_factory.mktemp("rich")
    source = make_rich_docx(folder / "rich.docx")
    before = _sha(source)
    plain, changes = folder / "plain.docx", folder / "changes.docx"
    first = run("annotate", source, "-o", plain)
    second = run("annotate", source, "-o", changes, "--suggest-changes")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert _sha(source) == before  # the input is only read
    return {"source": source, "findings": check_json(source), "plain": plain, "changes": changes,
            "stderr": second.stderr}


def _by_comment(path: Path, findings: list[dict], parts=None):
    """(finding, comment text, anchored range, part name) in finding order:
    comments are numbered in document order, as the findings are."""
    parts = parts or docx_parts(path)
    texts = comments(parts)
    ranges = {cid: (info, name) for name, root in parts.items() for cid, info in anchored(root).items()}
    assert sorted(texts, key=int) == sorted(ranges, key=int)
    ids = sorted(texts, key=int)
    assert len(ids) == len(findings)
    return [(f, texts[cid], *ranges[cid]) for f, cid in zip(findings, ids, strict=True)]


def test_the_sample_exercises_every_place(rich):
    places = {(f["location"]["part"], "table" in f["location"]) for f in rich["findings"]}
    assert {("body", False), ("body", True), ("header", False), ("footer", False), ("footnote", False)} <= places


@pytest.mark.parametrize("copy", ["plain", "changes"])
def test_one_comment_per_finding_on_the_matched_words(rich, copy):
    for finding, text, info, part in _by_comment(rich[copy], rich["findings"]):
        lines = text.splitlines()
        assert lines[0] == f"{finding['rule']} {finding['name']} ({finding['severity']})"
        assert finding["message"] in lines
        if finding["suggestion"]["action"] == "replace":
            expected = f"Suggestion: replace “{finding['text']}” with “{finding['suggestion']['text']}”"
            assert any(line.startswith(expected) for line in lines)
        assert part == "word/document.xml"  # Word shows comments only in the main text
        where = finding["location"]["part"]
        if where == "body":
            assert info["text"] == finding["text"]
            assert len(info["paragraphs"]) == 1
        else:
            assert f"“{finding['text']}”" in text and info["text"] == ""


def test_comments_for_headers_footers_and_notes_sit_in_the_main_text(rich):
    parts = docx_parts(rich["plain"])
    for name, root in parts.items():
        if name != "word/document.xml":
            assert next(root.iter(w("commentRangeStart")), None) is None, name
    body = parts["word/document.xml"]
    first_paragraph = next(p for p in body.iter(w("p")) if "".join(t.text or "" for t in p.iter(w("t"))).strip())
    for finding, text, info, _ in _by_comment(rich["plain"], rich["findings"], parts):
        part = finding["location"]["part"]
        if part in ("header", "footer"):
            assert text.splitlines()[1] == f"In the {part}: “{finding['text']}”"
            assert info["start"].getparent() is first_paragraph  # a point at the start of the section
        elif part == "footnote":
            assert text.splitlines()[1] == f"In footnote 1: “{finding['text']}”"
            start = info["start"]
            reference = start.getnext()
            assert reference.find(w("footnoteReference")).get(w("id")) == "1"
            assert reference.getnext().tag == w("commentRangeEnd")


def test_split_runs_keep_their_formatting(rich):
    body = docx_parts(rich["plain"])["word/document.xml"]
    paragraphs = {"".join(t.text or "" for t in p.iter(w("t"))): p for p in body.iter(w("p"))}
    italic = paragraphs["Each foreman records the man-hours worked by the crew."]
    pieces = [r for r in italic.iter(w("r")) if r.find(w("t")) is not None]
    assert [r.find(w("t")).text for r in pieces] == ["Each ", "foreman", " records the ", "man-hours",
                                                    " worked by the crew."]
    assert all(r.find(f"{w('rPr')}/{w('i')}") is not None for r in pieces)
    mixed = paragraphs["The chairman of the committee signs off every request."]
    bold = {r.find(w("t")).text: r.find(f"{w('rPr')}/{w('b')}") is not None
            for r in mixed.iter(w("r")) if r.find(w("t")) is not None}
    assert bold == {"The ": False, "chair": True, "man": False, " of the committee signs off every request.": False}


def test_without_changes_the_text_is_identical(rich):
    original, annotated = read_document(rich["source"]), read_document(rich["plain"])
    assert [(b.text, b.location) for b in annotated.blocks] == [(b.text, b.location) for b in original.blocks]
    assert next(docx_parts(rich["plain"])["word/document.xml"].iter(w("del")), None) is None


def test_tracked_changes_replace_exactly_the_matched_words(rich, tmp_path):
    parts = docx_parts(rich["changes"])
    deletions = [d for root in parts.values() for d in root.iter(w("del")) if d.getparent().tag != w("rPr")]
    changes = tracked(rich["findings"])
    assert len(changes) >= 7  # chairman, foreman, man-hours, Salesman, and in the header, footer and footnote
    assert len(deletions) == len(changes)
    for deletion in deletions:
        assert deletion.get(w("author")) == "policylint" and deletion.get(w("date"))
        insertion = deletion.getnext()
        assert insertion.tag == w("ins") and insertion.get(w("author")) == "policylint"
    assert f"{len(changes)} tracked changes" in rich["stderr"]
    original = read_document(rich["source"])
    # accepted (as the extractor reads it: insertions in, deletions out) = the suggestions applied
    accepted = read_document(rich["changes"])
    by_block = defaultdict(list)
    for finding in changes:
        by_block[finding["location"]["paragraph"]].append(finding)
    assert [b.text for b in accepted.blocks] == [
        apply_replacements(b.text, by_block[n]) for n, b in enumerate(original.blocks, start=1)]
    # rejected = the original, word for word
    rejected = read_document(reject_all(rich["changes"], tmp_path / "rejected.docx"))
    assert [b.text for b in rejected.blocks] == [b.text for b in original.blocks]


def test_inserted_words_are_formatted_like_the_words_they_replace(rich):
    body = docx_parts(rich["changes"])["word/document.xml"]
    inserted = {"".join(t.text for t in ins.iter(w("t"))): ins.find(f"{w('r')}/{w('rPr')}")
                for ins in body.iter(w("ins"))}
    assert inserted["supervisor"].find(w("i")) is not None  # the italic paragraph
    assert inserted["chair"].find(w("b")) is not None  # like the first replaced run, "chair" in bold


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handbook")
    out = folder / "handbook.reviewed.docx"
    result = run("annotate", HANDBOOK, "-o", out, "--suggest-changes")
    assert result.exit_code == 0, result.output
    return {"out": out, "findings": check_json(HANDBOOK), "folder": folder}


def test_handbook_every_finding_has_its_comment(handbook):
    findings = handbook["findings"]
    assert len(findings) >= 20
    for finding, text, info, _ in _by_comment(handbook["out"], findings):
        assert text.startswith(f"{finding['rule']} {finding['name']}")
        if finding["location"]["part"] == "body":
            assert info["text"] == finding["text"], finding
        else:  # the text box: its comment is on the character that anchors the box
            assert finding["location"]["part"] == "textbox"
            assert "In a text box" in text and info["text"] == ""
            anchor_run = info["start"].getnext()
            assert anchor_run.tag == w("r") and next(anchor_run.iter(w("txbxContent")), None) is not None


def test_handbook_rejecting_every_change_gives_the_original(handbook):
    original = read_document(HANDBOOK)
    rejected = read_document(reject_all(handbook["out"], handbook["folder"] / "rejected.docx"))
    assert [b.text for b in rejected.blocks] == [b.text for b in original.blocks]
    changed = read_document(handbook["out"])
    assert len(changed.blocks) == len(original.blocks)
    assert any("chair holds an open video call" in b.text for b in changed.blocks)  # the text box, changed in place


def test_libreoffice_opens_and_converts_the_annotated_copy(handbook, libreoffice, tmp_path):
    pdf = convert_to_pdf(libreoffice, handbook["out"], tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 5
    notes = [a.get_object() for page in reader.pages for a in (page.get("/Annots") or [])
             if a.get_object().get("/Subtype") == "/Text"]
    assert len(notes) == len(handbook["findings"])  # LibreOffice read every comment
    assert any("PL401 gendered-job-titles" in str(n.get("/Contents")) for n in notes)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "supervisor" in text and "Employee Handbook" in text


def test_absence_findings_mark_the_whole_heading(tmp_path):
    doc = docx.Document()
    doc.add_heading("Harassment", level=1)
    doc.add_paragraph("If you are harassed, tell your manager.")
    doc.save(tmp_path / "complaints.docx")
    findings = [f for f in check_json(tmp_path / "complaints.docx") if f["rule"] == "PL1201"]
    assert findings, "PL1201 (single reporting channel) reports the section"
    out = tmp_path / "complaints.reviewed.docx"
    assert run("annotate", tmp_path / "complaints.docx", "-o", out).exit_code == 0
    parts = docx_parts(out)
    texts = comments(parts)
    ranges = anchored(parts["word/document.xml"])
    (cid,) = [c for c, text in texts.items() if text.startswith("PL1201")]
    assert ranges[cid]["text"] == "Harassment"
    heading = ranges[cid]["start"].getparent()
    assert heading.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "Heading1"
    before = list(heading)[1:list(heading).index(ranges[cid]["start"])]
    assert all(el.tag == w("commentRangeStart") for el in before)  # right after the paragraph properties


def test_summary_says_plainly_where_comments_were_put(rich):
    """The header, footer and footnote findings of the small DOCX are commented in the main text."""
    line = rich["stderr"].strip().splitlines()[0]
    assert "Annotated copy: 7 comments, 7 tracked changes. 3 comments are" in line
    assert line.endswith(". 3 comments are about words in a header, footer, footnote or text box: Word cannot "
                         "show comments there, so each is placed in the main text and quotes the words.")


def test_tracked_changes_keep_the_capitals_of_the_words_they_replace(tmp_path):
    source = tmp_path / "leave.docx"
    doc = docx.Document()
    doc.add_paragraph("Employees are entitled to 26 weeks of Maternity leave.")
    doc.add_paragraph("Each new starter returns his or her keys, and his or her badge, on the last day.")
    doc.save(source)
    out = tmp_path / "changes.docx"
    assert run("annotate", source, "-o", out, "--suggest-changes").exit_code == 0
    body = docx_parts(out)["word/document.xml"]
    inserted = ["".join(t.text or "" for t in ins.iter(w("t"))) for ins in body.iter(w("ins"))]
    deleted = ["".join(t.text or "" for t in d.iter(w("delText"))) for d in body.iter(w("del"))]
    assert "Parental leave" in inserted and "Maternity leave" in deleted
    assert inserted.count("their") == 2 and deleted.count("his or her") == 2  # every match in the sentence
