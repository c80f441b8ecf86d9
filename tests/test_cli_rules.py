"""``policylint explain CODE``, ``policylint rules`` and ``policylint rules test DIR``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policylint.cli import cli

GOOD_RULE = """\
id: PL990
name: night-owl
category: working-time
severity: info
message: "“{text}” expects people to work late."
rationale: Work that runs late into the night shuts out carers.
references:
  - title: Working Time Regulations 1998
    url: https://www.legislation.gov.uk/uksi/1998/1833
match:
  phrases: [night owl, night owls]
suggestion:
  replace: {night owl: flexible worker}
  advice: Say which hours the role needs.
examples:
  flag:
    - text: "We want a night owl for this team."
      match: night owl
      suggestion: flexible worker
    - "Night owls will love this job."
  ok:
    - "We want a flexible worker for this team."
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def rule_folder(tmp_path, text: str = GOOD_RULE, name: str = "PL990-night-owl.yaml"):
    folder = tmp_path / "my-rules"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- explain


@pytest.mark.parametrize("key", ["PL401", "pl401", "gendered-job-titles"])
def test_explain_by_code_or_name(key):
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["explain", key], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("PL401 gendered-job-titles\nCategory: gendered-language · Severity: warning\n")
    for part in ("What it finds", "“…” names a role or a group by one gender.", "Why it matters",
                 "How to fix it", "“foreman” → “supervisor”", "References", "https://doi.org/10.1037/a0022530",
                 "Flags, for example", "  - Each warehouse shift is led by a foreman.",
                 "Does not flag, for example", "  - The chair of the safety committee reviews incidents monthly."):
        assert part in out, part
    assert max(len(line) for line in out.splitlines()) <= 80  # wrapped to the terminal's width


def test_explain_json():
    result = run("explain", "PL101", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["id"], data["name"], data["category"], data["severity"]) == (
        "PL101", "always-available", "working-time", "warning")
    assert data["examples"]["flag"][0] == {"text": "All employees must be available 24/7 to respond to client "
                                                   "emergencies.", "match": "available 24/7"}
    assert "The payroll system must be available 24/7." in data["examples"]["ok"]
    assert data["source"].endswith("PL101-always-available.yaml")


@pytest.mark.parametrize(("key", "suggested"), [("gendered-job-title", "gendered-job-titles"), ("PL4O1", "PL401")])
def test_explain_unknown_code_suggests_close_matches(key, suggested):
    result = run("explain", key)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"policylint: no rule {key!r}: did you mean ") and suggested in result.stderr


def test_explain_unknown_code_without_close_matches():
    result = run("explain", "zzzz")
    assert result.exit_code == 2
    assert result.stderr == "policylint: no rule 'zzzz' (policylint rules lists them all)\n"


def test_explain_a_custom_rule(tmp_path):
    folder = rule_folder(tmp_path)
    assert run("explain", "PL990").exit_code == 2
    result = run("explain", "night-owl", "--extend-rules", str(folder))
    assert result.exit_code == 0
    assert "PL990 night-owl" in result.stdout and "“night owl” → “flexible worker”" in result.stdout


# --------------------------------------------------------------------------- rules


def test_rules_listing_keeps_working_with_extra_rules(tmp_path):
    folder = rule_folder(tmp_path)
    result = run("rules", "--format", "json", "--extend-rules", str(folder))
    assert result.exit_code == 0
    assert {"id": "PL990", "name": "night-owl", "category": "working-time", "severity": "info",
            "message": "“{text}” expects people to work late."} in json.loads(result.stdout)
    assert run("rules", "--format", "markdown").stdout.startswith("<!-- rules-table:begin")


def test_rules_test_passes(tmp_path):
    result = run("rules", "test", str(rule_folder(tmp_path)))
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 rule, 3 examples: all passed.\n"


def test_rules_test_shows_a_failing_example(tmp_path):
    failing = GOOD_RULE.replace('- "We want a flexible worker for this team."',
                                '- "We want a flexible worker for this team."\n    - "Night owls need not apply."')
    failing = failing.replace("suggestion: flexible worker", "suggestion: night worker")
    folder = rule_folder(tmp_path, failing)
    result = run("rules", "test", str(folder))
    assert result.exit_code == 1
    out = result.stdout
    assert f"FAIL PL990 ok example ({folder / 'PL990-night-owl.yaml'}):\n       Night owls need not apply.\n" in out
    assert "     expected: not flagged\n     got:      flagged on 'Night owls'\n" in out
    assert "FAIL PL990 flag example" in out
    assert ("     expected: flagged on the words 'night owl' with the suggestion 'night worker'\n"
            "     got:      the suggestion 'flexible worker'\n") in out
    assert out.endswith("1 rule, 4 examples: 2 passed, 2 failed.\n")


def test_rules_test_names_file_and_field_of_a_misspelt_key(tmp_path):
    folder = rule_folder(tmp_path, GOOD_RULE.replace("severity: info", "severty: info"))
    result = run("rules", "test", str(folder))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"policylint: rule error: {folder / 'PL990-night-owl.yaml'}: severty -> unknown key\n"


def test_rules_test_reports_a_code_clash_with_the_built_in_rules(tmp_path):
    folder = rule_folder(tmp_path, GOOD_RULE.replace("id: PL990", "id: PL401"), name="PL401-night-owl.yaml")
    result = run("rules", "test", str(folder))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"policylint: rule error: {folder / 'PL401-night-owl.yaml'}: id 'PL401' is already used by ")
    assert line.endswith("PL401-gendered-job-titles.yaml")


def test_rules_test_on_a_folder_without_rules(tmp_path):
    result = run("rules", "test", str(tmp_path))
    assert result.exit_code == 2
    assert "no rule files" in result.stderr


def test_rules_test_does_not_pass_rules_it_could_not_run(tmp_path, monkeypatch):
    from policylint import nlp

    monkeypatch.setattr(nlp, "installed_model", lambda name=None: None)
    folder = rule_folder(tmp_path, GOOD_RULE.replace("match:\n  phrases", "subject: person\nmatch:\n  phrases"))
    result = run("rules", "test", str(folder))
    assert result.exit_code == 1
    assert "got:      not run: the rule needs a trained spaCy pipeline, and none is installed" in result.stdout
    assert result.stdout.endswith("1 rule, 3 examples: 0 passed, 3 failed.\n")
