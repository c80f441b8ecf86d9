"""A small git repository of policies recorded across commits and fake
dates, for the history and progress tests.

The runs (SOURCE_DATE_EPOCH gives each its date):

| run | date       | handbook.md                                  | leave.md        |
| --- | ---------- | -------------------------------------------- | --------------- |
| R1  | 2026-12-15 | PL1201, PL1202, PL1206, PL401 "foreman"      | (not there)     |
| R2  | 2027-01-10 | routes added: PL1202, PL401 "foreman"        | PL401 "chairman" (new) |
| R3  | 2027-02-01 | retaliation protection, "supervisor": none   | "chair": none   |
| R4  | 2027-02-20 | "foreman" comes back: PL401 (re-opened)      | none            |
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from policylint.cli import cli

CONFIG = """\
fail-on = "never"

[[goals]]
quarter = "2027-Q1"
objective = "Everyone can report harassment outside their own line"
select = ["complaints"]
target = 0
owner = "Head of People"

[[goals]]
quarter = "2027-Q1"
objective = "Job titles fit anyone"
select = ["gendered-language"]
target = 0
owner = "Comms lead"

[[goals]]
quarter = "2026-Q4"
objective = "No foremen"
select = ["PL401"]
target = 0
owner = "Ops director"

[[goals]]
quarter = "2027-Q2"
objective = "Appeals for every decision"
select = ["PL1212"]
target = 0
owner = "Head of People"
"""

_COMPLAINTS_V1 = "# Complaints\n\nIf you experience harassment, report it to your manager.\n\n"
_COMPLAINTS_V2 = ("# Complaints\n\nIf you experience harassment, report it to your manager, to the People team or "
                  "through the confidential ethics line.\n\n")
_PROTECTION = "We do not tolerate retaliation against anyone who raises a concern.\n\n"


def _roles(title: str) -> str:
    return f"# Roles\n\nEach shift is led by a {title}.\n"


def _leave(title: str) -> str:
    return f"# Leave\n\nAsk the {title} of the leave panel for extra days.\n"


#: (date, {file: text}) for R1 ... R4
RUNS = [
    ("2026-12-15", {"handbook.md": _COMPLAINTS_V1 + _roles("foreman")}),
    ("2027-01-10", {"handbook.md": _COMPLAINTS_V2 + _roles("foreman"), "leave.md": _leave("chairman")}),
    ("2027-02-01", {"handbook.md": _COMPLAINTS_V2 + _PROTECTION + _roles("supervisor"), "leave.md": _leave("chair")}),
    ("2027-02-20", {"handbook.md": _COMPLAINTS_V2 + _PROTECTION + _roles("foreman"), "leave.md": _leave("chair")}),
]


def epoch(day: str) -> str:
    return str(int(dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()))


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(folder),
                               "GIT_CONFIG_NOSYSTEM": "1"})
    return done.stdout.strip()


class Estate:
    def __init__(self, root: Path):
        self.root = root
        self.commits: list[str] = []

    def invoke(self, *args: str, day: str):
        return CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": epoch(day),
                                                        "POLICYLINT_CACHE_DIR": str(self.root / ".cache")},
                                  catch_exceptions=False)

    def commit_and_record(self, day: str, files: dict[str, str]) -> None:
        for name, text in files.items():
            (self.root / "policies" / name).write_text(text, encoding="utf-8")
        git(self.root, "add", "policies")
        git(self.root, "commit", "-q", "-m", f"policies as of {day}")
        self.commits.append(git(self.root, "rev-parse", "HEAD"))
        result = self.invoke("check", "policies", "--record", "--format", "json", day=day)
        assert result.exit_code == 0, result.output

    @property
    def db(self) -> Path:
        return self.root / ".policylint" / "history.sqlite"


def make_estate(root: Path, monkeypatch, runs=RUNS) -> Estate:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (root / "policies").mkdir(parents=True)
    (root / "policylint.toml").write_text(CONFIG, encoding="utf-8")
    (root / ".gitignore").write_text(".policylint/\n.cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".gitignore", "policylint.toml")
    git(root, "commit", "-q", "-m", "config")
    monkeypatch.chdir(root)
    estate = Estate(root)
    for day, files in runs:
        estate.commit_and_record(day, files)
    return estate
