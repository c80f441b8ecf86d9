"""The Python API: ``policylint.check_path``, ``check_paths`` and ``check_text``."""

from __future__ import annotations

from pathlib import Path

import pytest

import policylint
from tests.conftest import SAMPLES


def test_check_text_returns_findings() -> None:
    [finding] = policylint.check_text("The chairman approves all leave.", config={"select": ["PL401"]})
    assert isinstance(finding, policylint.Finding)
    assert (finding.rule, finding.text, finding.suggestion.sentence) == (
        "PL401", "chairman", "The chair approves all leave.")


def test_check_text_applies_inline_directives() -> None:
    text = "<!-- policylint-disable-next-line PL401 -->\nThe chairman approves.\n\nThe foreman signs.\n"
    assert [f.text for f in policylint.check_text(text, markdown=True, config={"select": ["PL401"]})] == ["foreman"]


def test_check_path_matches_the_command_line(tmp_path: Path) -> None:
    findings = policylint.check_path(SAMPLES / "handbook.docx")
    assert len(findings) > 10 and all(f.fingerprint for f in findings)
    with pytest.raises(policylint.CheckError, match="missing.docx: no such file"):
        policylint.check_path(tmp_path / "missing.docx")


def test_check_paths_reports_unreadable_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The chairman decides.\n", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 not a zip")
    result = policylint.check_paths([tmp_path], config=policylint.Settings(select=["gendered-language"]))
    assert [f.path for f in result.files] == [str(tmp_path / "a.md")]
    assert [e.path for e in result.errors] == [str(tmp_path / "b.docx")]
    assert [f.rule for f in result.findings()] == ["PL401"]
