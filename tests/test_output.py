"""Files policylint writes are written atomically and get the usual modes:
what the umask allows for a new file, the old mode for a file replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from policylint.cli import cli
from policylint.output import atomic_output
from tests.conftest import SAMPLES


@pytest.fixture
def umask():
    """Set the process umask for one test and restore it afterwards."""
    old = os.umask(0o022)
    try:
        yield lambda mask: os.umask(mask)
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    target = tmp_path / "report.json"
    with atomic_output(target) as out:
        out.write("{}")
    assert mode(target) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_a_replaced_file_keeps_its_mode(tmp_path, umask):
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    with atomic_output(target) as out:
        out.write("new")
    assert (target.read_text(), mode(target)) == ("new", 0o640)


def test_reports_and_the_config_template_get_0644_under_umask_022(tmp_path, umask, monkeypatch):
    umask(0o022)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    sample = str(SAMPLES / "handbook.docx")
    assert runner.invoke(cli, ["check", sample, "--format", "sarif", "-o", "out.sarif"]).exit_code == 1
    assert runner.invoke(cli, ["check", sample, "--format", "csv", "-o", "out.csv"]).exit_code == 1
    assert runner.invoke(cli, ["init"]).exit_code == 0
    for name in ("out.sarif", "out.csv", "policylint.toml"):
        assert mode(tmp_path / name) == 0o644, name
