"""Annotated DOCX with hand-made findings: deletions, hyperlinks, overlapping
findings and words around a note mark, whatever the rule pack finds today."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from policylint.annotate.docx_comments import annotate_docx
from policylint.extract import document_from_bytes
from policylint.finding import Finding, FindingLocation, Suggestion, SuggestionAction
from tests.auditor import add_footnotes, anchored, comments, w

DATE = dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def source():
    doc = docx.Document()
    doc.add_paragraph("We ask the very very busy team.")
    p = doc.add_paragraph("Ask the ")
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="top"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
                          "<w:t>chairman</w:t></w:r></w:hyperlink>"))
    p.add_run(" today.")
    doc.add_paragraph("A senior salesman leads.")
    p = doc.add_paragraph("Tell your line manager")
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    p.add_run(" or HR.")
    add_footnotes(doc, {1: "Or their deputy."})
    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    return data, document_from_bytes(data, "edges.docx")


def _finding(document, paragraph: int, words: str, replacement: str | None) -> Finding:
    block = document.blocks[paragraph - 1]
    start = block.text.index(words)
    end = start + len(words)
    suggestion = None
    if replacement is not None:
        action = SuggestionAction.REPLACE if replacement else SuggestionAction.DELETE
        suggestion = Suggestion(action=action, text=replacement, start=start, end=end,
                                sentence=block.text[:start] + replacement + block.text[end:])
    return Finding(rule="PL999", name="test-rule", category="gendered-language", severity="warning",
                   message=f"“{words}” is a test.", text=words, sentence=block.text, sentence_start=0,
                   suggestion=suggestion, fingerprint=f"{paragraph}-{start}-{end}",
                   location=FindingLocation(**block.location.model_dump(), start=start, end=end))


def _annotate(data, document, findings):
    out, stats = annotate_docx(data, document, findings, suggest_changes=True, is_absence=lambda f: False,
                               date=DATE)
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        parts = {n: etree.fromstring(archive.read(n)) for n in archive.namelist()
                 if n.startswith("word/") and n.endswith(".xml")}
    return out, stats, parts


def test_a_deletion_takes_one_space_with_the_words(source):
    data, document = source
    out, stats, parts = _annotate(data, document, [_finding(document, 1, "very", "")])
    assert stats.changes == 1
    (deletion,) = parts["word/document.xml"].iter(w("del"))
    assert "".join(t.text for t in deletion.iter(w("delText"))) == "very "
    assert deletion.getnext() is None or deletion.getnext().tag != w("ins")
    assert document_from_bytes(out, "x.docx").blocks[0].text == "We ask the very busy team."


def test_words_in_a_hyperlink_are_changed_inside_it(source):
    data, document = source
    out, stats, parts = _annotate(data, document, [_finding(document, 2, "chairman", "chair")])
    assert stats.changes == 1
    link = next(parts["word/document.xml"].iter(w("hyperlink")))
    assert [child.tag for child in link] == [w("commentRangeStart"), w("del"), w("ins"), w("commentRangeEnd"), w("r")]
    inserted = link.find(f"{w('ins')}/{w('r')}")
    assert inserted.find(f"{w('rPr')}/{w('u')}") is not None  # underlined like the link text
    assert document_from_bytes(out, "x.docx").blocks[1].text == "Ask the chair today."
    (info,) = anchored(parts["word/document.xml"]).values()
    assert info["text"] == "chairman"


def test_overlapping_findings_get_comments_but_no_changes(source):
    data, document = source
    findings = [_finding(document, 3, "senior salesman", "senior salesperson"),
                _finding(document, 3, "salesman", "salesperson")]
    out, stats, parts = _annotate(data, document, findings)
    assert stats.changes == 0 and stats.comments == 2
    assert sorted(i["text"] for i in anchored(parts["word/document.xml"]).values()) == ["salesman", "senior salesman"]
    assert document_from_bytes(out, "x.docx").blocks[2].text == "A senior salesman leads."


def test_words_around_a_note_mark_are_not_deleted(source):
    data, document = source
    out, stats, parts = _annotate(data, document, [_finding(document, 4, "manager or", "manager, or")])
    assert stats.changes == 0  # deleting the words would delete the footnote too
    (info,) = anchored(parts["word/document.xml"]).values()
    assert info["text"] == "manager or"
    assert len(comments(parts)) == 1
    assert next(parts["word/document.xml"].iter(w("footnoteReference"))).get(w("id")) == "1"
