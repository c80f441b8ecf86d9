"""The command line: exit codes, inputs, bad inputs, output options."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policylint import __version__
from policylint.cli import cli
from tests.helpers import (
    FLAGGED_SENTENCE,
    make_docx,
    make_image_only_pdf,
    make_pdf,
    truncated,
    zip_without_document,
)

CLEAN = "All parents may take twenty weeks of paid leave."


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def clean_txt(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN + "\n")
    return path


@pytest.fixture
def flagged_md(tmp_path):
    path = tmp_path / "flagged.md"
    path.write_text(f"# Committees\n\n{FLAGGED_SENTENCE}\n")
    return path


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"policylint {__version__}"


def test_clean_file_exits_0(clean_txt):
    result = run("check", str(clean_txt))
    assert result.exit_code == 0, result.output
    assert "No findings in 1 file" in result.output


def test_findings_exit_1_and_report(flagged_md):
    result = run("check", str(flagged_md))
    assert result.exit_code == 1
    out = result.output
    assert "PL401" in out and "«chairman»" in out
    assert "Committees" in out and "line 3" in out
    assert "Fix: chairman → chair" in out and "signs off every request.\n    “chairman”" in out
    verbose = run("check", str(flagged_md), "--verbose").output
    assert "Rewrite: The chair of the committee signs off every request." in verbose
    assert out.strip().splitlines()[-1].startswith("Found 1 finding (1 warning) in 1 file")


@pytest.mark.parametrize(("fail_on", "code"), [("info", 1), ("warning", 1), ("error", 0), ("never", 0)])
def test_fail_on(flagged_md, fail_on, code):
    assert run("check", str(flagged_md), "--fail-on", fail_on).exit_code == code


def test_json_output_fields(flagged_md, clean_txt):
    result = run("check", str(flagged_md), str(clean_txt), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["tool"]["name"] == "policylint" and data["tool"]["version"] == __version__
    assert [f["path"] for f in data["files"]] == [str(flagged_md), str(clean_txt)]
    first = data["files"][0]
    assert first["format"] == "markdown" and len(first["sha256"]) == 64 and first["words"] == 10
    (finding,) = first["findings"]
    for key in ("rule", "name", "category", "severity", "message", "text", "sentence", "suggestion", "location",
                "fingerprint"):
        assert key in finding
    assert finding["rule"] == "PL401" and finding["text"] == "chairman"
    assert finding["suggestion"]["action"] == "replace" and finding["suggestion"]["text"] == "chair"
    loc = finding["location"]
    assert loc["paragraph"] == 2 and loc["section"] == ["Committees"] and loc["page"] is None
    assert FLAGGED_SENTENCE[loc["start"] : loc["end"]] == "chairman"
    assert "table" not in loc
    assert data["errors"] == []
    assert data["summary"]["findings"] == 1 and data["summary"]["files"] == 2
    assert data["summary"]["by_severity"]["warning"] == 1 and data["summary"]["exit_code"] == 1


def test_folder_recursion_picks_supported_files(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.md").write_text(FLAGGED_SENTENCE)
    (tmp_path / "sub" / "b.txt").write_text(CLEAN)
    make_docx(tmp_path / "sub" / "deeper" / "c.docx", [FLAGGED_SENTENCE])
    make_pdf(tmp_path / "sub" / "d.pdf", [FLAGGED_SENTENCE])
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.md").write_text(FLAGGED_SENTENCE)
    data = json.loads(run("check", str(tmp_path), "--format", "json").stdout)
    paths = sorted(os.path.relpath(f["path"], tmp_path) for f in data["files"])
    assert paths == ["a.md", "sub/b.txt", "sub/d.pdf", "sub/deeper/c.docx"]
    counts = {os.path.basename(f["path"]): len(f["findings"]) for f in data["files"]}
    assert counts == {"a.md": 1, "b.txt": 0, "c.docx": 1, "d.pdf": 1}
    pdf_finding = next(f for f in data["files"] if f["path"].endswith(".pdf"))["findings"][0]
    assert pdf_finding["location"]["page"] == 1


def test_empty_folder_warns(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 0
    assert "no .docx, .pdf, .md or .txt files found" in result.stderr


BAD_INPUTS = {
    "missing.docx": (None, "no such file"),
    "scan.pdf": ("image_pdf", "no text layer: run OCR first"),
    "locked.pdf": ("encrypted_pdf", "encrypted PDF"),
    "broken.docx": ("truncated_docx", "corrupt or truncated"),
    "broken.pdf": ("truncated_pdf", "corrupt or truncated"),
    "old.doc": ("legacy_doc", "legacy Word .doc"),
    "blank.txt": ("empty", "empty file"),
    "nothing.docx": ("empty_docx", "empty document"),
    "data.bin": ("unknown", "unknown format"),
    "archive.docx": ("zip_no_document", "not a Word document"),
}


def _make_bad(kind, path, tmp_path):
    good_docx = make_docx(tmp_path / "good-source.docx", [CLEAN] * 30)
    good_pdf = make_pdf(tmp_path / "good-source.pdf", [CLEAN] * 30)
    builders = {
        "image_pdf": lambda: make_image_only_pdf(path),
        "encrypted_pdf": lambda: make_pdf(path, [FLAGGED_SENTENCE], password="secret"),
        "truncated_docx": lambda: truncated(path, good_docx),
        "truncated_pdf": lambda: truncated(path, good_pdf),
        "legacy_doc": lambda: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
        "empty": lambda: path.write_bytes(b""),
        "empty_docx": lambda: make_docx(path, []),
        "unknown": lambda: path.write_bytes(bytes(range(256)) * 4),
        "zip_no_document": lambda: zip_without_document(path),
    }
    if kind is not None:
        builders[kind]()
    good_docx.unlink()
    good_pdf.unlink()


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exit_3_one_line_and_others_still_checked(tmp_path, name, flagged_md):
    kind, message = BAD_INPUTS[name]
    bad = tmp_path / name
    _make_bad(kind, bad, tmp_path)
    if name == "nothing.docx":  # a heading only: make it truly empty
        make_docx_empty(bad)
    result = CliRunner().invoke(cli, ["check", str(bad), str(flagged_md), "--format", "json"])
    assert result.exit_code == 3, result.output + result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith(f"policylint: {bad}")]
    assert len(error_lines) == 1 and message in error_lines[0], result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert [e["path"] for e in data["errors"]] == [str(bad)]
    assert message in data["errors"][0]["message"]
    assert [f["path"] for f in data["files"]] == [str(flagged_md)] and data["files"][0]["findings"]


def make_docx_empty(path):
    import docx

    docx.Document().save(path)


def test_directory_and_unreadable_inputs(tmp_path, flagged_md):
    locked = tmp_path / "locked.txt"
    locked.write_text(CLEAN)
    locked.chmod(0)
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    result = CliRunner().invoke(cli, ["check", str(link), str(flagged_md)])
    assert result.exit_code == 3
    assert f"policylint: {link}: broken symbolic link" in result.stderr
    if os.geteuid() != 0:  # root can read anything
        result = CliRunner().invoke(cli, ["check", str(locked)])
        assert result.exit_code == 3 and "permission denied" in result.stderr


def test_input_is_never_modified(tmp_path):
    path = make_docx(tmp_path / "h.docx", [FLAGGED_SENTENCE])
    before = path.read_bytes(), path.stat().st_mtime_ns
    run("check", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_output_file_is_written_and_never_over_an_input(flagged_md, tmp_path):
    out = tmp_path / "report.json"
    result = run("check", str(flagged_md), "--format", "json", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["findings"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    before = flagged_md.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(flagged_md), "-o", str(flagged_md)])
    assert result.exit_code == 2 and "refusing to write the report over an input" in result.stderr
    assert flagged_md.read_bytes() == before


def test_usage_errors_exit_2(flagged_md):
    assert run("check").exit_code == 2
    assert run("check", str(flagged_md), "--format", "nope").exit_code == 2
    assert run("check", str(flagged_md), "--fail-on", "sometimes").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_bad_rule_folder_exits_2_naming_file_and_field(tmp_path, flagged_md):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "PL999-bad.yaml").write_text(
        "id: PL999\nname: bad\ncategory: age\nmessage: m\nrationale: r\n"
        "match:\n  patterns:\n    - [{LOWERR: young}]\nsuggestion:\n  advice: a\n"
        "examples:\n  flag: [x]\n  ok: [y]\n"
    )
    result = CliRunner().invoke(cli, ["check", str(flagged_md), "--extend-rules", str(rules)])
    assert result.exit_code == 2
    assert f"{rules / 'PL999-bad.yaml'}: match.patterns[0] token 0 -> LOWERR: unknown key" in result.stderr


def test_rules_listing():
    result = run("rules")
    assert result.exit_code == 0
    assert "PL401" in result.output and "gendered-job-titles" in result.output
    data = json.loads(run("rules", "--format", "json").stdout)
    assert {"id", "name", "category", "severity"} <= set(data[0])


def test_console_script_has_no_traceback_on_bad_input(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    proc = subprocess.run([sys.executable, "-m", "policylint", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 3
    assert proc.stderr.strip() .count("\n") == 0 and "Traceback" not in proc.stderr
    assert str(bad) in proc.stderr


def test_unknown_model_exits_2(flagged_md):
    result = CliRunner().invoke(cli, ["check", str(flagged_md), "--model", "en_core_web_nope"])
    assert result.exit_code == 2
    assert "cannot load the spaCy pipeline 'en_core_web_nope'" in result.stderr


def test_without_a_trained_pipeline_grammar_rules_are_skipped_with_one_warning(flagged_md, monkeypatch):
    from policylint import nlp

    monkeypatch.setattr(nlp, "installed_model", lambda name=None: None)
    result = CliRunner().invoke(cli, ["check", str(flagged_md)])
    assert result.exit_code == 1  # PL401 needs no grammar and still runs
    warnings = [line for line in result.stderr.splitlines() if "no trained spaCy pipeline" in line]
    assert len(warnings) == 1 and "PL101" in warnings[0] and "PL401" not in warnings[0]
