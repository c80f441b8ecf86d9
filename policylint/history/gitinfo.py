"""The git commit and branch of the work tree the documents are in, if any."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_state(folder: Path) -> tuple[str | None, str | None]:
    """(commit, branch) of the work tree holding ``folder``; (None, None)
    outside a work tree or without git; branch None on a detached HEAD."""
    commit = _git(folder, "rev-parse", "--verify", "-q", "HEAD")
    if commit is None:
        return None, None
    branch = _git(folder, "symbolic-ref", "-q", "--short", "HEAD")
    return commit, branch


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return out if done.returncode == 0 and out else None
