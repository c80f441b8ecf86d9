"""Properties that hold for any input (hypothesis): random Unicode text in a
random block structure, checked by a random subset of the rules, never
crashes the engine; every offset lies inside its block and slices to the
reported text; the same input gives byte-identical JSON, in one process and
across processes. Random bytes never make an extractor raise anything but
``ExtractError``.

The default run is bounded (``max_examples`` below); raise it with
``--hypothesis-seed``/a profile when hunting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policylint.document import Block, BlockKind, Document, Location, Part
from policylint.engine import Engine
from policylint.extract import ExtractError, document_from_bytes
from policylint.finding import Finding
from policylint.limits import Limits
from policylint.report import RunInfo
from policylint.report.json import to_dict
from policylint.result import CheckResult, FileResult
from policylint.ruleset import RuleSet
from tests.conftest import SAMPLES

BOUNDED = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: words that make rules match (and their conditions think), mixed into the random text
TRIGGERS = [
    "chairman", "foremen", "Salesmen", "manpower", "he", "his", "she", "must", "must not", "will", "may",
    "be available", "at all times", "24/7", "8am to 6pm", "within 5 days", "young", "energetic",
    "digital native", "recent graduate", "native English speaker", "able-bodied", "stand for 8 hours",
    "maternity leave", "paternity", "wife", "husband", "salary is confidential", "discuss their pay",
    "Employees", "You", "the system", "or equivalent experience", "reasonable accommodation", "Harassment",
    "report it to your manager", "HR", "“chairman”", "'chairman'", "e.g.", "Mr.", "No.", "U.S.", "1.2.3",
]
SEPARATORS = [" ", " ", " ", "\n", "\t", ". ", ", ", "\u00a0", "\u2028", "", "  ", ".\n\n", "? ", "; "]

unicode_piece = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
piece = st.one_of(st.sampled_from(TRIGGERS), unicode_piece, st.sampled_from(SEPARATORS))
block_text = st.lists(piece, max_size=40).map("".join)


@st.composite
def documents(draw) -> Document:
    count = draw(st.integers(1, 6))
    blocks = []
    section: tuple[str, ...] = ()
    for number in range(1, count + 1):
        kind = draw(st.sampled_from(list(BlockKind)))
        text = draw(block_text)
        if kind is BlockKind.HEADING:
            section = (*section[: draw(st.integers(0, 2))], text)
        in_table = kind is BlockKind.TABLE_CELL
        location = Location(
            paragraph=number, section=section, page=draw(st.none() | st.integers(1, 5)),
            table=1 if in_table else None, row=draw(st.integers(1, 3)) if in_table else None,
            cell=draw(st.integers(1, 3)) if in_table else None, part=draw(st.sampled_from(list(Part))),
        )
        blocks.append(Block(text=text, kind=kind, location=location))
    return Document(path="random.txt", format="text", sha256="0" * 64, blocks=tuple(blocks))


@lru_cache(maxsize=16)
def _engine(ids: frozenset[str]) -> Engine:
    return Engine(RuleSet([rule for rule in _all_rules() if rule.id in ids]))


@lru_cache(maxsize=1)
def _all_rules():
    from policylint.ruleset import load_rules

    return list(load_rules())


def rule_subsets():
    """Random subsets of the rule pack (hypothesis shrinks towards few rules)."""
    ids = sorted(rule.id for rule in _all_rules())
    return st.sets(st.sampled_from(ids), min_size=1, max_size=len(ids)).map(frozenset)


def _check_offsets(document: Document, findings) -> None:
    for finding in findings:
        assert 1 <= finding.location.paragraph <= len(document.blocks)
        text = document.blocks[finding.location.paragraph - 1].text
        start, end = finding.location.start, finding.location.end
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == finding.text
        assert text[finding.sentence_start : finding.sentence_start + len(finding.sentence)] == finding.sentence
        assert finding.sentence_start <= start and end <= finding.sentence_start + len(finding.sentence)
        suggestion = finding.suggestion
        if suggestion is not None and suggestion.start is not None:
            assert 0 <= suggestion.start <= suggestion.end <= len(text)


@BOUNDED
@given(document=documents(), rules=rule_subsets())
def test_any_text_any_rules_never_crash_and_offsets_slice_to_the_text(document, rules):
    findings = _engine(rules).check(document)  # (an engine is built once per subset)
    _check_offsets(document, findings)
    assert findings == sorted(findings, key=Finding.sort_key)


@BOUNDED
@given(document=documents())
def test_the_full_rule_pack_on_any_text(engine, document):
    _check_offsets(document, engine.check(document))


def _json(engine: Engine, document: Document) -> bytes:
    findings = engine.check(document)
    result = CheckResult(files=[FileResult(path=document.path, format=document.format, sha256=document.sha256,
                                           words=document.words, pages=document.pages, findings=findings)])
    info = RunInfo(version="test", rules=len(engine.active_rules), fail_on="warning", model=engine.model_name)
    return json.dumps(to_dict(result, info, 0), indent=2, ensure_ascii=False).encode()


@BOUNDED
@given(first=documents(), other=documents())
def test_the_same_input_gives_the_same_json_whatever_ran_before(engine, first, other):
    once = _json(engine, first)
    engine.check(other)  # nothing carried over from one document to the next
    assert _json(engine, first) == once


markdown_text = st.lists(st.one_of(piece, st.sampled_from(
    ["# ", "## ", "\n- ", "\n1. ", "> ", "**", "_", "`", "```\n", "[", "](", ")", "|", "\n|---|---|\n", "<!--",
     "-->", "<b>", "---\n", "\\", "&amp;", "&#0;", "\n\n", "    "])), max_size=60).map("".join)


@BOUNDED
@given(text=markdown_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                                      "latin-1", "cp1252"]),
       suffix=st.sampled_from([".md", ".txt"]))
def test_any_markdown_or_text_in_any_encoding(engine, text, encoding, suffix):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        document = document_from_bytes(data, f"random{suffix}", suffix=suffix, limits=Limits())
    except ExtractError as exc:
        assert "\n" not in str(exc)
        return
    assert all(block.location.line is not None and block.location.line >= 1 for block in document.blocks)
    _check_offsets(document, engine.check(document))


@BOUNDED
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".md", ".txt", ".docx", ".pdf", ""]))
def test_random_bytes_give_a_document_or_a_one_line_error(data, suffix):
    try:
        document_from_bytes(data, f"random{suffix}", suffix=suffix, limits=Limits())
    except ExtractError as exc:
        assert str(exc) and "\n" not in str(exc)


@lru_cache(maxsize=1)
def _small_samples(folder: str) -> dict[str, bytes]:
    from pathlib import Path

    from tests.helpers import FLAGGED_SENTENCE, make_docx, make_pdf

    paragraphs = [FLAGGED_SENTENCE, "Each foreman records the hours.", "Report it to your manager."]
    return {"small.docx": make_docx(Path(folder) / "small.docx", paragraphs).read_bytes(),
            "small.pdf": make_pdf(Path(folder) / "small.pdf", paragraphs).read_bytes()}


@BOUNDED
@given(data=st.binary(min_size=1, max_size=64), where=st.floats(0, 1), overwrite=st.booleans())
def test_bytes_spliced_into_a_docx_or_pdf(tmp_path_factory, data, where, overwrite):
    """(``benchmarks/fuzz_extractors.py`` does this at length, on the samples.)"""
    for name, original in _small_samples(str(tmp_path_factory.getbasetemp())).items():
        at = int(where * len(original))
        mutated = original[:at] + data + original[at + len(data) if overwrite else at :]
        try:
            document_from_bytes(mutated, name, limits=Limits())
        except ExtractError as exc:
            assert "\n" not in str(exc)


def test_json_is_byte_identical_across_processes(tmp_path):
    """Two runs of the real program, with different hash seeds and one or two
    worker processes, on good and bad files: the same bytes. (JSON has no
    date; the HTML report's date is ``SOURCE_DATE_EPOCH`` when set.)"""
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    files = [str(SAMPLES / "handbook.docx"), str(SAMPLES / "hiring-and-conduct.pdf"), str(bad)]
    outputs = []
    for seed, jobs in (("1", "1"), ("2", "2")):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "policylint", "check", *files, "--format", "json",
                               "--no-cache", "--jobs", jobs], capture_output=True, env=env, timeout=600, check=False)
        assert done.returncode == 3, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["findings"] > 10
