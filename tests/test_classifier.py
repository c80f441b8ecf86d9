"""The trained sentence classifier shipped in the package (policylint/model):
it loads, scores sentences, and its findings are rules like any other
(codes PL199 ... PL1499, selectable, ignorable, explained). The model rules'
own flag:/ok: examples run in test_rule_examples.py with the other rules'."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import policylint
from policylint.cli import cli
from policylint.model import enabled_categories, read_meta
from policylint.model.classifier import load
from policylint.model.rules import is_model_rule, model_code
from policylint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model_rules():
    rules = [rule for rule in load_rules() if is_model_rule(rule)]
    assert rules, "the packaged classifier reports no category"
    return {rule.category.value: rule for rule in rules}


@pytest.fixture(scope="module")
def flagged(model_rules):
    """(rule, sentence) for a sentence of the rule's own flag: examples (written for these tests)."""
    rule = next(iter(model_rules.values()))
    return rule, rule.examples.flag_examples()[0].text


def test_packaged_model_loads_and_scores_sentences():
    classifier = load()
    assert classifier is not None
    scores = classifier.scores([_doc("Night-shift staff may swap shifts with a colleague if their manager agrees.")])
    assert set(scores[0]) == set(read_meta()["labels"]) and len(scores[0]) == 14
    assert all(0.0 <= value <= 1.0 for value in scores[0].values())


def test_model_is_small_and_thresholds_are_for_precision():
    folder = ROOT / "policylint" / "models" / "textcat"
    assert sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) < 20 * 1024**2
    meta = read_meta()
    for category in enabled_categories():
        assert meta["thresholds"][category] >= 0.5
        assert meta["out_of_fold"][category]["precision"] >= 0.8, category


def test_model_rules_have_category_codes(model_rules):
    for category, rule in model_rules.items():
        assert rule.id == model_code(category) and rule.name == f"model-{category}"
        assert rule.id.endswith("99") and int(rule.id[2:]) // 100 == list(policylint.rule.Category).index(
            rule.category) + 1


def test_model_finding_is_reported_with_its_code(flagged):
    rule, sentence = flagged
    findings = policylint.check_text(sentence)
    mine = [f for f in findings if f.rule == rule.id]
    assert len(mine) == 1
    assert mine[0].name == rule.name and mine[0].category == rule.category.value
    assert mine[0].text == sentence and mine[0].suggestion is not None


@pytest.mark.parametrize("how", ["code", "name", "category", "setting"])
def test_model_findings_can_be_turned_off(flagged, how):
    rule, sentence = flagged
    config = {"code": {"ignore": [rule.id]}, "name": {"ignore": [rule.name]},
              "category": {"ignore": [rule.category.value]}, "setting": {"model-findings": False}}[how]
    assert not [f for f in policylint.check_text(sentence, config=config) if f.rule == rule.id]


def test_select_only_the_model_rule(flagged):
    rule, sentence = flagged
    findings = policylint.check_text(sentence, config={"select": [rule.id]})
    assert [f.rule for f in findings] == [rule.id]


def test_model_finding_dropped_where_a_rule_flags_the_sentence(model_rules):
    findings = policylint.check_path(ROOT / "corpora" / "samples" / "handbook.docx")
    by_sentence = {}
    for finding in findings:
        by_sentence.setdefault((finding.location.paragraph, finding.sentence_start), []).append(finding)
    for group in by_sentence.values():
        if any(f.name.startswith("model-") for f in group):
            assert len(group) == 1, [f.rule for f in group]


def test_cli_lists_explains_and_ignores_model_rules(tmp_path, flagged):
    rule, sentence = flagged
    runner = CliRunner()
    listed = runner.invoke(cli, ["rules"])
    assert listed.exit_code == 0 and rule.id in listed.output and rule.name in listed.output
    explained = runner.invoke(cli, ["explain", rule.id])
    assert explained.exit_code == 0 and rule.rationale.split()[0] in explained.output
    document = tmp_path / "policy.md"
    document.write_text(sentence + "\n", encoding="utf-8")
    base = ["check", str(document), "--isolated", "--no-cache", "--format", "json", "--fail-on", "never"]
    done = runner.invoke(cli, base)
    assert done.exit_code == 0, done.output
    found = json.loads(done.output)
    assert rule.id in {f["rule"] for f in found["files"][0]["findings"]}
    for option in (["--ignore", rule.id], ["--no-model-findings"]):
        done = runner.invoke(cli, base + option)
        assert done.exit_code == 0, (option, done.output)
        result = json.loads(done.output)
        assert rule.id not in {f["rule"] for f in result["files"][0]["findings"]}, option


def test_classifier_runs_on_a_real_document():
    """Needs the labelled real documents beside the project (../shared)."""
    from benchmarks.realdocs import CorpusMissing, load as load_real

    try:
        docs = load_real()
    except CorpusMissing as exc:
        pytest.skip(f"the labelled real documents are not here: {exc}")
    from policylint.extract import read_document
    from policylint.model.sentences import document_pieces, sentences

    smallest = min(docs, key=lambda d: d.path.stat().st_size)
    found = list(sentences(document_pieces(read_document(smallest.path))))
    assert len(found) > 20
    hits = load().hits(found)
    assert len(hits) < len(found) / 5  # a precise model flags few sentences


def _doc(text):
    from policylint.nlp import fast_pipeline

    return fast_pipeline()(text)
