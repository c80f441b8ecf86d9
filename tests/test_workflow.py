"""Document workflows: configuration, selection, inline suppressions,
per-file-ignores, exclude, baselines, standard input, parallel jobs and the
results cache, checked as a team would set them up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument

from policylint.cli import cli

LEAVE = """# Leave policy

The chairman approves all leave.

The foreman signs the time sheets.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A small policy repository: policies/ with a Markdown file, as cwd."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "leave.md").write_text(LEAVE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYLINT_CACHE_DIR", str(tmp_path / ".cache"))
    return tmp_path


def run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def check_json(*args: str, input: str | None = None) -> tuple[int, dict]:
    result = run("check", "--format", "json", *args, input=input)
    return result.exit_code, json.loads(result.stdout)


def rules_found(data: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["text"]) for file in data["files"] for f in file["findings"]]


# -- configuration -------------------------------------------------------------


def test_pyproject_table_found_by_walking_up(project: Path, monkeypatch) -> None:
    (project / "pyproject.toml").write_text('[tool.policylint]\nignore = ["PL401"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "policies")
    code, data = check_json("leave.md")
    assert code == 0 and rules_found(data) == []
    code, data = check_json("leave.md", "--isolated")
    assert code == 1 and {rule for rule, _ in rules_found(data)} == {"PL401"}


def test_policylint_toml_wins_over_pyproject_and_options_override(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.policylint]\nignore = ["PL401"]\n', encoding="utf-8")
    (project / "policylint.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    code, data = check_json("policies")
    assert code == 0  # warnings only, fail-on error
    assert {rule for rule, _ in rules_found(data)} == {"PL401"}
    assert check_json("policies", "--fail-on", "warning")[0] == 1


def test_pyproject_without_table_is_passed_over(project: Path, monkeypatch) -> None:
    (project / "policylint.toml").write_text('ignore = ["gendered-language"]\n', encoding="utf-8")
    (project / "policies" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(project / "policies")
    assert rules_found(check_json("leave.md")[1]) == []


@pytest.mark.parametrize(("text", "expected"), [
    ('selekt = ["PL401"]\n', "policylint.toml: unknown key 'selekt' (allowed: select, ignore,"),
    ('fail-on = "fatal"\n', "policylint.toml: fail-on: 'fatal' Input should be 'error', 'warning', 'info' or 'never'"),
    ("jobs = 0\n", "policylint.toml: jobs: 0 Input should be greater than or equal to 1"),
    ('max-file-size = "lots"\n', "policylint.toml: max-file-size: 'lots'"),
    ('[severity]\nPL401 = "critical"\n', "policylint.toml: severity.PL401: 'critical'"),
    ("fail-on = \n", "policylint.toml: not valid TOML"),
    ('ignore = ["PL9999"]\n', "policylint.toml: 'PL9999' names no rule code, prefix, name or category"),
])
def test_bad_config_is_one_line_and_exit_2(project: Path, text: str, expected: str) -> None:
    (project / "policylint.toml").write_text(text, encoding="utf-8")
    result = run("check", "policies")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_config_file_named_on_the_command_line(project: Path) -> None:
    result = run("check", "policies", "--config", "nope.toml")
    assert result.exit_code == 2 and "nope.toml: no such file" in result.stderr


def test_select_ignore_and_severity_override(project: Path) -> None:
    (project / "policylint.toml").write_text(
        'select = ["gendered-language"]\n[severity]\ngendered-job-titles = "error"\n', encoding="utf-8")
    code, data = check_json("policies", "--fail-on", "error")
    assert code == 1
    severities = {f["severity"] for file in data["files"] for f in file["findings"]}
    assert severities == {"error"}
    # the more specific ignore beats the category select
    code, data = check_json("policies", "--ignore", "PL401")
    assert rules_found(data) == []


def test_init_writes_a_valid_commented_config(project: Path) -> None:
    from policylint.config import Settings, load_settings

    assert run("init").exit_code == 0
    text = (project / "policylint.toml").read_text(encoding="utf-8")
    assert load_settings(project / "policylint.toml").model_dump() == Settings().model_dump()
    # every commented example is a valid setting too
    examples = "\n".join(line[2:] for line in text.splitlines() if line.startswith("# ") and "=" in line
                         and not line.startswith("# [") and "http" not in line)
    tables = {"severity": "PL403", "per-file-ignores": '"legal/*.docx"'}
    flat = [line for line in examples.splitlines() if not any(line.startswith(v) for v in tables.values())]
    (project / "all.toml").write_text("\n".join(flat) + '\n[severity]\nPL403 = "warning"\n'
                                      '[per-file-ignores]\n"legal/*.docx" = ["PL501"]\n', encoding="utf-8")
    settings = load_settings(project / "all.toml")
    assert settings.jobs == 2 and settings.ignore == ["PL404"] and settings.max_file_size == 100 * 1024**2
    again = run("init")
    assert again.exit_code == 2 and "already exists" in again.stderr


# -- suppressions --------------------------------------------------------------


def test_markdown_directives(project: Path) -> None:
    (project / "policies" / "leave.md").write_text(
        "# Leave\n\n"
        "<!-- policylint-disable-next-line PL401 -- approved by legal -->\n"
        "The chairman approves all leave.\n\n"
        "<!-- policylint-disable -->\n"
        "The foreman signs the time sheets.\n\n"
        "<!-- policylint-enable -->\n"
        "Each salesman reports to the chairman.\n",
        encoding="utf-8")
    code, data = check_json("policies", "--select", "PL401", "--show-suppressed")
    assert rules_found(data) == [("PL401", "salesman"), ("PL401", "chairman")]
    suppressed = data["files"][0]["suppressed"]
    assert [(f["text"], f["suppression"]["justification"]) for f in suppressed] == [
        ("chairman", "approved by legal"), ("foreman", None)]
    assert data["summary"]["suppressed"] == 2


def test_text_directive_lines_are_not_part_of_the_paragraph(project: Path) -> None:
    (project / "policies" / "rules.txt").write_text(
        "The chairman approves all leave.\n"
        "<!-- policylint-disable-next-line gendered-language -->\n"
        "The foreman signs the time sheets.\n", encoding="utf-8")
    code, data = check_json("policies/rules.txt", "--select", "PL401")
    assert rules_found(data) == [("PL401", "chairman")]
    assert all("<!--" not in f["sentence"] for f in data["files"][0]["findings"])


def test_directives_that_do_nothing_or_cannot_be_read_are_reported(project: Path) -> None:
    (project / "policies" / "leave.md").write_text(
        "<!-- policylint-disable-next-line PL999 -->\nThe chairman approves all leave.\n\n"
        "<!-- policylint-disabel PL401 -->\nText.\n", encoding="utf-8")
    result = run("check", "policies", "--select", "PL401")
    assert "line 1: the directive 'policylint-disable-next-line PL999' suppressed nothing" in result.stderr
    assert "line 4: cannot read the directive 'policylint-disabel PL401'" in result.stderr
    assert result.exit_code == 1


def _docx_with_comment(path: Path, comment: str) -> None:
    document = WordDocument()
    document.add_heading("Leave", level=1)
    first = document.add_paragraph("The chairman approves all leave.")
    document.add_paragraph("The foreman signs the time sheets.")
    document.add_comment(first.runs, text=comment, author="HR", initials="HR")
    document.save(str(path))


def test_word_comment_ignores_the_paragraph_it_is_on(project: Path) -> None:
    path = project / "policies" / "leave.docx"
    _docx_with_comment(path, "policylint: ignore PL401 — the board chose this title")
    code, data = check_json(str(path), "--select", "PL401", "--show-suppressed")
    assert rules_found(data) == [("PL401", "foreman")]
    [suppressed] = data["files"][0]["suppressed"]
    assert suppressed["text"] == "chairman"
    assert suppressed["suppression"] == {"kind": "in-source", "justification": "the board chose this title",
                                         "directive": "policylint: ignore PL401 — the board chose this title"}


def test_word_comment_for_another_rule_does_not_suppress(project: Path) -> None:
    path = project / "policies" / "leave.docx"
    _docx_with_comment(path, "policylint: ignore PL101")
    code, data = check_json(str(path), "--select", "PL401")
    assert rules_found(data) == [("PL401", "chairman"), ("PL401", "foreman")]


def test_per_file_ignores_and_exclude(project: Path) -> None:
    (project / "policies" / "legacy").mkdir()
    (project / "policies" / "legacy" / "old.md").write_text("The chairman decides.\n", encoding="utf-8")
    (project / "drafts").mkdir()
    (project / "drafts" / "new.md").write_text("The chairman decides.\n", encoding="utf-8")
    (project / "policylint.toml").write_text(
        'exclude = ["drafts"]\n[per-file-ignores]\n"policies/legacy/*.md" = ["gendered-language"]\n',
        encoding="utf-8")
    code, data = check_json(".", "--select", "PL401", "--show-suppressed")
    files = {file["path"]: file for file in data["files"]}
    assert set(files) == {"policies/leave.md", "policies/legacy/old.md"}
    assert files["policies/legacy/old.md"]["findings"] == []
    assert files["policies/legacy/old.md"]["suppressed"][0]["suppression"]["kind"] == "external"


# -- baseline ------------------------------------------------------------------


def test_baseline_fails_only_on_new_findings(project: Path) -> None:
    result = run("check", "policies", "--baseline", "baseline.json", "--update-baseline")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Wrote 2 findings to the baseline" in result.stderr
    stored = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert {item["file"] for item in stored["findings"]} == {"policies/leave.md"}

    assert run("check", "policies", "--baseline", "baseline.json").exit_code == 0
    # a paragraph added above and an edit elsewhere keep the accepted findings accepted
    text = LEAVE.replace("# Leave policy\n", "# Leave policy\n\nThis policy applies from 1 May.\n")
    (project / "policies" / "leave.md").write_text(text + "\nLeave requests go to the team lead.\n",
                                                   encoding="utf-8")
    code, data = check_json("policies", "--baseline", "baseline.json")
    assert code == 0 and data["summary"]["baselined"] == 2
    # a new finding fails the run, and it is the only one reported
    (project / "policies" / "leave.md").write_text(text + "\nEach salesman files a report.\n", encoding="utf-8")
    code, data = check_json("policies", "--baseline", "baseline.json")
    assert code == 1 and rules_found(data) == [("PL401", "salesman")]


def test_baseline_from_config_and_bad_baseline(project: Path) -> None:
    (project / "policylint.toml").write_text('baseline = "accepted.json"\n', encoding="utf-8")
    missing = run("check", "policies")
    assert missing.exit_code == 2 and "accepted.json: baseline file not found" in missing.stderr
    assert run("check", "policies", "--update-baseline").exit_code == 0
    assert run("check", "policies").exit_code == 0
    (project / "accepted.json").write_text("{not json", encoding="utf-8")
    broken = run("check", "policies")
    assert broken.exit_code == 2 and "accepted.json: the baseline is not valid JSON" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_update_baseline_needs_a_file(project: Path) -> None:
    result = run("check", "policies", "--update-baseline")
    assert result.exit_code == 2 and "--update-baseline needs a baseline file" in result.stderr


# -- standard input, jobs, cache ---------------------------------------------------


def test_standard_input(project: Path) -> None:
    code, data = check_json("-", input="The chairman approves all leave.\n")
    assert code == 1 and data["files"][0]["path"] == "<stdin>"
    assert rules_found(data) == [("PL401", "chairman")]
    code, data = check_json("-", "--stdin-filename", "policies/leave.md", input=LEAVE)
    assert data["files"][0]["path"] == "policies/leave.md" and data["files"][0]["format"] == "markdown"


def test_jobs_give_the_same_report_as_one_process(project: Path) -> None:
    for name in ("a", "b", "c"):
        (project / "policies" / f"{name}.md").write_text(LEAVE.replace("chairman", f"chairman {name}"),
                                                         encoding="utf-8")
    (project / "policies" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    one = run("check", "policies", "--format", "json", "--jobs", "1", "--no-cache")
    two = run("check", "policies", "--format", "json", "--jobs", "2", "--no-cache")
    assert one.exit_code == two.exit_code == 3
    assert one.stdout == two.stdout
    assert [p["path"] for p in json.loads(two.stdout)["files"]][0] == "policies/a.md"


def test_cache_skips_unchanged_documents(project: Path, monkeypatch) -> None:
    first = run("check", "policies", "--format", "json")
    assert any((project / ".cache").rglob("*.json"))

    def fail(*args, **kwargs):
        raise AssertionError("an unchanged document was checked again")

    with monkeypatch.context() as patch:
        patch.setattr("policylint.runner.check_one", fail)
        second = run("check", "policies", "--format", "json")
        assert second.stdout == first.stdout and second.exit_code == first.exit_code
        # a changed setting that changes findings is a different cache key
        with pytest.raises(AssertionError, match="checked again"):
            run("check", "policies", "--format", "json", "--select", "PL401")
    assert run("check", "policies", "--no-cache", "--select", "PL401").exit_code == 1


def test_sarif_of_a_configured_project_is_valid_and_marks_suppressions(project: Path) -> None:
    import jsonschema

    from tests.test_sarif import SCHEMA_PATH

    (project / "policies" / "leave.md").write_text(
        "# Leave\n\n<!-- policylint-disable-next-line PL401 -- approved title -->\n"
        "The chairman approves all leave.\n\nThe foreman signs the time sheets.\n", encoding="utf-8")
    result = run("check", "policies", "--format", "sarif", "--select", "PL401")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], "suppressions" in r) for r in results] == [("PL401", True), ("PL401", False)]
    assert results[0]["suppressions"] == [{"kind": "inSource", "justification": "approved title", "properties": {
        "directive": "policylint-disable-next-line PL401 -- approved title"}}]
    assert results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 6


def test_rules_and_explain_read_the_configs_extend_rules(project: Path) -> None:
    import shutil

    from tests.conftest import ROOT

    source = next((ROOT / "rules" / "gendered-language").glob("PL401-*.yaml"))
    (project / "house").mkdir()
    text = source.read_text(encoding="utf-8").replace("PL401", "PL9901").replace("gendered-job-titles", "house-titles")
    (project / "house" / "PL9901-house-titles.yaml").write_text(text, encoding="utf-8")
    (project / "policylint.toml").write_text('extend-rules = ["house"]\n', encoding="utf-8")
    assert "PL9901" in run("rules").stdout
    assert run("explain", "PL9901").exit_code == 0
    shutil.rmtree(project / "house")



def test_a_crashing_worker_loses_only_its_own_file(project: Path, monkeypatch) -> None:
    import os

    from policylint import runner

    real = runner.check_one

    def crash_on_some(engine, path, limits=None, data=None):
        if "crash" in str(path):
            os._exit(70)  # as a library segfaulting would
        return real(engine, path, limits, data=data)

    monkeypatch.setattr(runner, "check_one", crash_on_some)
    for name in ("a", "crash", "z"):
        (project / "policies" / f"{name}.md").write_text("The chairman decides.\n", encoding="utf-8")
    result = run("check", "policies", "--format", "json", "--jobs", "2", "--no-cache", "--select", "PL401")
    data = json.loads(result.stdout)
    assert result.exit_code == 3
    assert [e["path"] for e in data["errors"]] == ["policies/crash.md"]
    assert "stopped unexpectedly" in data["errors"][0]["message"]
    assert sorted(f["path"] for f in data["files"]) == ["policies/a.md", "policies/leave.md", "policies/z.md"]
    assert all(f["findings"] for f in data["files"])


def test_init_template_names_only_real_rules_and_every_setting(project: Path) -> None:
    """Every rule selector in the template (in its comments too) names a loaded
    rule, and every key of the settings and of the README's example is there."""
    import re
    import tomllib

    from policylint.config import Settings
    from policylint.ruleset import load_rules
    from policylint.selection import unknown_selectors
    from tests.conftest import ROOT

    assert run("init").exit_code == 0
    text = (project / "policylint.toml").read_text(encoding="utf-8")
    lines = [line.removeprefix("# ") for line in text.splitlines()]
    keys = {m.group(1) for line in lines if (m := re.match(r"\[?([a-z-]+)\]? ?(=|$)", line))}
    entries = {}
    for line in lines:  # each setting, commented or not, is valid TOML on its own
        if re.match(r'[a-z-]+ = |"[^"]+" = |PL\d+ = ', line):
            entries.update(tomllib.loads(line))
    expected = {field.alias or name for name, field in Settings.model_fields.items() if not field.exclude}
    assert expected <= keys, f"missing from the template: {sorted(expected - keys)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n[tool.policylint]\n", 1)[1].split("```", 1)[0]
    top, tables = example.split("\n[", 1)
    readme_keys = set(re.findall(r"^([a-z-]+) =", top, re.M)) | set(re.findall(r"# ([a-z-]+) =", top))
    readme_keys |= set(re.findall(r"^tool\.policylint\.([a-z-]+)\]", "[" + tables, re.M))
    assert readme_keys <= keys, f"in the README but not the template: {sorted(readme_keys - keys)}"
    # every selector: the lists, the tables' keys and values, and names given as examples in the comments
    selectors = [*entries["select"], *entries["ignore"], "PL403", *entries['legal/*.docx']]
    selectors += [name for group in re.findall(r"\(([^)]*)\)", text)
                  if "..." not in group  # a range of codes (PL199 ... PL1499), not a selector
                  for name in re.findall(r"[\w-]+", group)
                  if re.fullmatch(r"PL\d+|[a-z]+(?:-[a-z]+)+", name)]
    assert unknown_selectors([s for s in selectors if s != "ALL"], load_rules()) == []
    assert "fixed-hours" in selectors and "working-time" in selectors


def test_a_bad_select_on_the_command_line_is_blamed_on_the_command_line(project: Path) -> None:
    (project / "policylint.toml").write_text('ignore = ["PL404"]\n', encoding="utf-8")
    result = run("check", "policies", "--select", "x")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("policylint: command line: 'x' names no rule code, prefix, name or category "
                                     "(see policylint rules)")
    (project / "policylint.toml").write_text('ignore = ["PL9999"]\n', encoding="utf-8")
    both = run("check", "policies", "--select", "x").stderr.strip().splitlines()
    assert len(both) == 2 and both[0].startswith("policylint: command line: 'x' names no rule")
    assert both[1].endswith("policylint.toml: 'PL9999' names no rule code, prefix, name or category "
                            "(see policylint rules)")
