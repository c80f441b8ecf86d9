"""``--format sarif``: valid against the official SARIF 2.1.0 schema, and
carrying the same findings, fingerprints and locations as the JSON output."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from policylint.cli import cli
from policylint.finding import Suppression
from policylint.report import FORMATTERS, RunInfo
from policylint.report.sarif import SarifFormatter, artifact_location
from policylint.result import CheckResult, FileError, FileResult
from tests.conftest import ROOT

#: the official schema, kept in the repository (tests/data/README.md gives its source and licence)
SCHEMA_PATH = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

MARKDOWN = (
    "# 3 Working hours\n"
    "\n"
    "## 3.2 Shifts\n"
    "\n"
    "Each warehouse shift is led by a foreman who approves breaks.\n"
    "\n"
    "The **chair**man signs off\n"
    "every request.\n"
)


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator, log: dict) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors, "\n".join(errors[:10])


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def samples():
    """SARIF and JSON output for the sample handbook (DOCX and PDF), checked by
    relative path from the repository root."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        paths = ["corpora/samples/handbook.docx", "corpora/samples/handbook.pdf"]
        sarif = run("check", *paths, "--format", "sarif")
        as_json = run("check", *paths, "--format", "json")
    assert sarif.exit_code == as_json.exit_code == 1, sarif.stderr
    return json.loads(sarif.stdout), json.loads(as_json.stdout)


def test_sarif_is_a_registered_format():
    assert "sarif" in FORMATTERS


def test_samples_are_valid_sarif(validator, samples):
    log, _ = samples
    assert_valid(validator, log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_samples_results_match_the_json_output(samples):
    log, data = samples
    run_ = log["runs"][0]
    findings = [(f["rule"], f["severity"], f["fingerprint"], file["path"])
                for file in data["files"] for f in file["findings"]]
    results = [(r["ruleId"], r["level"], r["partialFingerprints"]["policylint/v1"],
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run_["results"]]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert results == [(rule, levels[severity], fp, path) for rule, severity, fp, path in findings]
    assert {"PL401", "PL301"} <= {r[0] for r in results}
    # every result points at its rule and its artifact
    rules = run_["tool"]["driver"]["rules"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run_["artifacts"][location["index"]]["location"]["uri"] == location["uri"]
        assert location["uriBaseId"] == "%SRCROOT%"
    assert [a["hashes"]["sha-256"] for a in run_["artifacts"]] == [f["sha256"] for f in data["files"]]
    assert run_["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]


def test_docx_and_pdf_results_have_no_text_region_but_say_where(samples):
    log, _ = samples
    results = log["runs"][0]["results"]
    foreman = [r for r in results if r["properties"]["text"] == "foreman"]
    assert foreman, "the sample handbook has a foreman"
    for result in results:
        location = result["locations"][0]
        assert "region" not in location["physicalLocation"]  # binary artifacts: no line/column regions
        assert "paragraph" in location["message"]["text"]
        assert location["properties"]["paragraph"] >= 1
    pdf = [r for r in foreman if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".pdf")]
    kinds = {item["kind"]: item for item in pdf[0]["locations"][0]["logicalLocations"]}
    assert kinds["page"]["name"] == f"page {pdf[0]['locations'][0]['properties']['page']}"
    assert " > " in kinds["section"]["fullyQualifiedName"]
    assert "Suggested rewrite:" in pdf[0]["message"]["text"] and "supervisor" in pdf[0]["message"]["text"]


def test_every_active_rule_is_described(samples, ruleset):
    log, _ = samples
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert list(rules) == [rule.id for rule in ruleset]
    pl401, info_rule = rules["PL401"], rules["PL403"]
    assert pl401["name"] == "gendered-job-titles"
    assert pl401["shortDescription"]["text"] == "“…” names a role or a group by one gender."
    assert pl401["fullDescription"]["text"] == ruleset.get("PL401").rationale
    assert pl401["defaultConfiguration"]["level"] == "warning"
    assert info_rule["defaultConfiguration"]["level"] == "note"
    assert pl401["properties"]["tags"] == ["gendered-language"]
    for part in ("Why it matters", "chairman", "https://doi.org/10.1037/a0022530", "Each warehouse shift is led"):
        assert part in pl401["help"]["text"]
    assert "[Gaucher, Friesen & Kay" in pl401["help"]["markdown"]
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "policylint" and driver["semanticVersion"] == driver["version"]


def test_markdown_regions_fixes_and_context(validator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("leave policy.md").write_text(MARKDOWN, encoding="utf-8")
    result = run("check", "leave policy.md", "--format", "sarif")
    assert result.exit_code == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    by_text = {r["properties"]["text"]: r for r in log["runs"][0]["results"]}

    foreman = by_text["foreman"]["locations"][0]["physicalLocation"]
    assert foreman["artifactLocation"]["uri"] == "leave%20policy.md"
    assert foreman["region"] == {"startLine": 5, "startColumn": 34, "endLine": 5, "endColumn": 41,
                                 "snippet": {"text": "foreman"}}
    assert foreman["contextRegion"]["snippet"]["text"] == "Each warehouse shift is led by a foreman who approves breaks."
    fix = by_text["foreman"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix == {"deletedRegion": {"startLine": 5, "startColumn": 34, "endLine": 5, "endColumn": 41},
                   "insertedContent": {"text": "supervisor"}}

    # markup inside the words: the region covers the source, and no fix is offered
    chairman = by_text["chairman"]
    region = chairman["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (7, 7, "chair**man")
    assert "fixes" not in chairman
    context = chairman["locations"][0]["physicalLocation"]["contextRegion"]
    assert (context["startLine"], context["endLine"]) == (7, 8)
    assert log["runs"][0]["artifacts"][0]["mimeType"] == "text/markdown"


def test_unreadable_input_is_an_error_notification(validator, tmp_path):
    good = tmp_path / "policy.md"
    good.write_text(MARKDOWN, encoding="utf-8")
    missing = tmp_path / "gone.pdf"
    result = run("check", str(good), str(missing), "--format", "sarif")
    assert result.exit_code == 3
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 3
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith(f"{missing}: ")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == missing.as_uri()
    # the readable file is still reported, by absolute file:// URI
    assert [a["location"]["uri"] for a in log["runs"][0]["artifacts"]] == [good.as_uri()]
    assert log["runs"][0]["results"]


def _format(result: CheckResult, ruleset, exit_code: int = 1) -> dict:
    out = io.StringIO()
    formatter = SarifFormatter(out, RunInfo(version="0.1.0", rules=len(ruleset), fail_on="warning", ruleset=ruleset))
    for item in [*result.files, *result.errors]:
        formatter.handle(item)
    formatter.finish(result, exit_code)
    return json.loads(out.getvalue())


def test_suppressed_findings_are_results_with_suppressions(validator, engine, ruleset):
    found = engine.check_text("The chairman signs off. Each shift is led by a foreman. Ask the salesman.",
                              name="policy.txt")
    assert [f.text for f in found] == ["chairman", "foreman", "salesman"]
    chairman, foreman, salesman = found
    in_source = foreman.model_copy(update={"suppression": Suppression(
        kind="in-source", directive="policylint-disable-next-line PL401", justification="quoted from the old policy")})
    external = salesman.model_copy(update={"suppression": Suppression(kind="external", directive="PL401")})
    file = FileResult(path="policy.txt", format="text", sha256="0" * 64, words=13, findings=[chairman],
                      suppressed=[in_source, external])
    log = _format(CheckResult(files=[file]), ruleset)
    assert_valid(validator, log)
    results = log["runs"][0]["results"]
    assert [r["properties"]["text"] for r in results] == ["chairman", "foreman", "salesman"]
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [{"kind": "inSource", "justification": "quoted from the old policy",
                                           "properties": {"directive": "policylint-disable-next-line PL401"}}]
    assert results[2]["suppressions"] == [{"kind": "external", "properties": {"directive": "PL401"}}]
    # the file's bytes are not these (sha256 is made up): lines only, no columns or fixes
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert all("fixes" not in r for r in results)


def test_output_is_deterministic_and_has_no_timestamps(engine, ruleset):
    found = engine.check_text("The chairman signs off.", name="a.txt")
    result = CheckResult(files=[FileResult(path="a.txt", format="text", sha256="0" * 64, words=4, findings=found)],
                         errors=[FileError(path="b.pdf", message="no text layer: run OCR first")])
    first, second = _format(result, ruleset, 3), _format(result, ruleset, 3)
    assert first == second
    assert "Utc" not in json.dumps(first)


@pytest.mark.parametrize(("path", "uri"), [
    ("policies/leave.md", "policies/leave.md"),
    ("./policies/leave.md", "policies/leave.md"),
    ("policies/Équipe leave #2.md", "policies/%C3%89quipe%20leave%20%232.md"),
])
def test_relative_paths_are_relative_uris(path, uri):
    assert artifact_location(path) == {"uri": uri, "uriBaseId": "%SRCROOT%"}


def test_absolute_paths_are_file_uris():
    assert artifact_location("/srv/policies/leave policy.md", 2) == {
        "uri": "file:///srv/policies/leave%20policy.md", "index": 2}
