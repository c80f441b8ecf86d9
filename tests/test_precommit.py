"""The pre-commit hook manifest runs a real command on the right files."""

from __future__ import annotations

import re
import shlex
import tomllib

import yaml

from policylint.cli import cli
from tests.conftest import ROOT, SAMPLES


def _hook() -> dict:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_hook_runs_the_check_command_of_the_installed_script():
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["id"] == "policylint" and hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is False
    script, command = shlex.split(hook["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts[script] == "policylint.cli:main"
    assert command in cli.commands


def test_hook_files_are_the_formats_policylint_reads():
    pattern = re.compile(_hook()["files"])
    samples = sorted(path.name for path in SAMPLES.iterdir() if path.suffix in (".docx", ".pdf"))
    assert len(samples) == 6
    for name in samples + ["policies/leave.md", "handbook.markdown", "notes/Remote Work.TXT", "HANDBOOK.DOCX"]:
        assert pattern.search(name), name
    for name in ["make_samples.py", "expected.yaml", "handbook.docx.bak", "scan.png", "handbook.doc"]:
        assert not pattern.search(name), name
    # pre-commit ANDs `types` with `files`, and tags DOCX and PDF as binary: no types filter
    assert "types" not in _hook() and "types_or" not in _hook()
