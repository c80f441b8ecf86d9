"""The sample documents in corpora/samples against their expected findings.

For every document in ``corpora/samples/expected.yaml``, in both formats
(``<name>.docx`` and ``<name>.pdf``, made by ``make_samples.py``):

- extraction sanity: headings give sections, tables are found, the PDF has pages;
- every expected sentence (and hard negative) is extracted, exactly once, in one
  block (and, for the DOCX, in the section expected.yaml names);
- every expected finding with a rule is reported: a finding of that rule and
  category whose sentence contains, or is contained in, the expected sentence;
- no finding lies inside a hard-negative sentence.

Test ids are ``<document>-<format>``; a failure lists everything that was
missed, so one run shows the state of the whole rule pack on a document.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from policylint.document import BlockKind, Document, Part
from policylint.extract import read_document
from policylint.finding import Finding
from policylint.ruleset import load_rules

SAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "samples"
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))
DOCUMENTS = EXPECTED["documents"]
FORMATS = ("docx", "pdf")
CASES = [pytest.param(name, fmt, id=f"{name}-{fmt}") for name in DOCUMENTS for fmt in FORMATS]
CATEGORIES = {"working-time", "advancement", "pay", "gendered-language", "family-status", "disability", "age",
              "education", "national-origin", "appearance", "culture", "complaints", "background-checks", "hiring"}
ITEM_KEYS = {"sentence", "section", "category", "kind", "rule"}
OPTIONAL_KEYS = {"where", "scope"}
WHERE = {"paragraph": Part.BODY, "list item": Part.BODY, "table cell": Part.BODY, "text box": Part.TEXTBOX,
         "footnote": Part.FOOTNOTE, "header": Part.HEADER, "footer": Part.FOOTER}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _document(name: str, fmt: str) -> Document:
    path = SAMPLES / f"{name}.{fmt}"
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run python corpora/samples/make_samples.py")
    return read_document(path)


_FINDINGS: dict[tuple[str, str], list[Finding]] = {}


@pytest.fixture
def findings(engine):
    def get(name: str, fmt: str) -> list[Finding]:
        if (name, fmt) not in _FINDINGS:
            _FINDINGS[name, fmt] = engine.check(_document(name, fmt))
        return _FINDINGS[name, fmt]
    return get


def _sentence_items(name: str) -> list[dict]:
    return [item for item in DOCUMENTS[name]["expected"] if not item.get("scope")]


def _describe(item: dict) -> str:
    scope = f" [{item['scope']}]" if item.get("scope") else ""
    return f"{item['rule'] or '(no rule)'} {item['category']}{scope}: {item['kind']}\n    {item['sentence']!r}"


# -- expected.yaml itself ------------------------------------------------------------


def test_expected_file_is_valid():
    rules = {rule.id: rule for rule in load_rules()}
    problems = []
    assert EXPECTED.get("version") == 1
    for name, spec in DOCUMENTS.items():
        if not (SAMPLES / f"content_{name.replace('-', '_')}.py").exists():
            problems.append(f"{name}: no content_{name.replace('-', '_')}.py")
        if set(spec) != {"title", "expected", "hard_negatives"}:
            problems.append(f"{name}: keys {sorted(spec)}")
        seen = set()
        for n, item in enumerate(spec.get("expected") or [], 1):
            where = f"{name} expected[{n}]"
            if not ITEM_KEYS <= set(item) <= ITEM_KEYS | OPTIONAL_KEYS:
                problems.append(f"{where}: keys {sorted(item)}")
                continue
            if item["category"] not in CATEGORIES:
                problems.append(f"{where}: unknown category {item['category']!r}")
            if item["rule"] is not None:
                rule = rules.get(item["rule"])
                if rule is None:
                    problems.append(f"{where}: unknown rule {item['rule']}")
                elif rule.category.value != item["category"]:
                    problems.append(f"{where}: {item['rule']} is in {rule.category.value}, not {item['category']}")
            if item.get("where", "paragraph") not in WHERE:
                problems.append(f"{where}: where {item['where']!r}")
            if item.get("scope") not in (None, "section", "document"):
                problems.append(f"{where}: scope {item['scope']!r}")
            key = (item["sentence"], item["rule"], item["kind"])
            if key in seen:
                problems.append(f"{where}: listed twice")
            seen.add(key)
        overlap = {i["sentence"] for i in spec.get("expected") or []} & set(spec.get("hard_negatives") or [])
        if overlap:
            problems.append(f"{name}: both expected and hard negative: {sorted(overlap)}")
    assert not problems, "\n".join(problems)


# -- extraction ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_extraction_sanity(name, fmt):
    doc = _document(name, fmt)
    blocks = doc.blocks
    headings = [b for b in blocks if b.kind == BlockKind.HEADING and b.location.part == Part.BODY]
    assert doc.title == DOCUMENTS[name]["title"]
    assert len(headings) >= 10, [b.text for b in headings]
    assert len({b.section for b in blocks if b.section}) >= 10
    assert sum(1 for b in blocks if b.kind == BlockKind.LIST_ITEM) >= 3
    tables = {b.location.table for b in blocks if b.kind == BlockKind.TABLE_CELL}
    assert len(tables) >= 2
    assert any(b.location.part == Part.FOOTNOTE for b in blocks)
    assert doc.words >= 1800
    if fmt == "pdf":
        assert doc.pages is not None and doc.pages >= 5
        assert {b.location.page for b in blocks} == set(range(1, doc.pages + 1))
        # running headers and footers ("Page 3 of 6") are dropped from the text
        assert not any(re.search(r"\bPage \d+ of \d+\b", b.text) for b in blocks)
    else:
        parts = {b.location.part for b in blocks}
        assert {Part.HEADER, Part.FOOTER, Part.FOOTNOTE} <= parts


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_expected_sentences_are_extracted(name, fmt):
    """Each expected sentence and hard negative is in exactly one block, once
    (the DOCX also in the section given); a section or document expectation
    names a heading that is extracted as one."""
    doc = _document(name, fmt)
    texts = [_norm(b.text) for b in doc.blocks]
    problems = []
    for item in DOCUMENTS[name]["expected"]:
        if item.get("scope"):
            if not any(b.kind == BlockKind.HEADING and _norm(b.text) == item["sentence"] for b in doc.blocks):
                problems.append(f"no heading {item['sentence']!r}")
            continue
        problems += _occurs_once(doc, texts, item["sentence"], item["section"] if fmt == "docx" else None)
    for sentence in DOCUMENTS[name]["hard_negatives"]:
        problems += _occurs_once(doc, texts, sentence, None)
    assert not problems, f"{len(problems)} sentences not extracted as expected:\n" + "\n".join(problems)


def _occurs_once(doc: Document, texts: list[str], sentence: str, section: str | None) -> list[str]:
    target = _norm(sentence)
    hits = [(i, text.count(target)) for i, text in enumerate(texts) if target in text]
    if not hits:
        return [f"not found: {sentence!r}"]
    if len(hits) > 1 or hits[0][1] > 1:
        return [f"found {sum(n for _, n in hits)} times: {sentence!r}"]
    found = " > ".join(doc.blocks[hits[0][0]].section)
    if section is not None and found != section:
        return [f"in section {found!r}, not {section!r}: {sentence!r}"]
    return []


# -- findings ------------------------------------------------------------------------


def _matches(finding: Finding, item: dict) -> bool:
    if finding.rule != item["rule"] or finding.category != item["category"]:
        return False
    found, wanted = _norm(finding.sentence), _norm(item["sentence"])
    return bool(found) and (wanted in found or found in wanted)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_expected_findings(name, fmt, findings):
    found = findings(name, fmt)
    missed = [item for item in DOCUMENTS[name]["expected"]
              if item["rule"] is not None and not any(_matches(f, item) for f in found)]
    lines = []
    for item in missed:
        lines.append(_describe(item))
        near = sorted({f"{f.rule} ({f.text!r})" for f in found
                       if _norm(f.sentence) and (_norm(item["sentence"]) in _norm(f.sentence)
                                                 or _norm(f.sentence) in _norm(item["sentence"]))})
        if near:
            lines.append(f"    reported there instead: {', '.join(near)}")
    assert not missed, f"{len(missed)} expected findings missed in {name}.{fmt}:\n" + "\n".join(lines)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_no_findings_in_hard_negatives(name, fmt, findings):
    doc = _document(name, fmt)
    wrong = []
    for finding in findings(name, fmt):
        block = doc.blocks[finding.location.paragraph - 1]
        for sentence in DOCUMENTS[name]["hard_negatives"]:
            start = block.text.find(sentence)
            while start >= 0:
                if finding.location.start < start + len(sentence) and start < finding.location.end:
                    wrong.append(f"{finding.rule} {finding.name} on {finding.text!r} in\n    {sentence!r}")
                start = block.text.find(sentence, start + 1)
    assert not wrong, f"{len(wrong)} findings in hard-negative sentences of {name}.{fmt}:\n" + "\n".join(wrong)
