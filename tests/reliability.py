"""What the reliability tests share: running the real program, and checking
that a problem gives exactly one line on standard error, the right exit
code, no traceback, and leaves every input as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

GOOD_TEXT = "The chairman approves every request.\n\nEach salesman reports weekly.\n"
#: what the good file above gives (two gendered job titles)
GOOD_FINDINGS = 2


def write_good(folder: Path, name: str = "good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def run(args: list, cwd: Path, stdin=None, stdout=subprocess.PIPE, timeout: float = 240) -> subprocess.CompletedProcess:
    """``python -m policylint ARGS`` in ``cwd`` with its own results cache; ``args`` may hold bytes."""
    env = {**os.environ, "POLICYLINT_CACHE_DIR": str(cwd / ".cache-for-test"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "policylint", *args], cwd=cwd, env=env, stdin=stdin,
                          stdout=stdout, stderr=subprocess.PIPE, timeout=timeout)


def stderr_lines(done) -> list[str]:
    raw = done.stderr if isinstance(done.stderr, str) else done.stderr.decode("utf-8", "replace")
    return raw.splitlines()


def one_error(done, *needles: str) -> str:
    """The one ``policylint:`` line that holds every needle; fails when there
    are none, several, or a traceback."""
    lines = stderr_lines(done)
    text = "\n".join(lines)
    assert "Traceback" not in text, text
    matching = [line for line in lines if line.startswith("policylint:") and all(n in line for n in needles)]
    assert len(matching) == 1, text
    return matching[0]


def only_lines(done) -> list[str]:
    """Standard error's lines apart from the summary line (``Found ...``/``No findings``)."""
    return [line for line in stderr_lines(done) if not line.startswith(("Found ", "No findings"))]


def digests(*paths: Path | bytes) -> dict:
    return {os.fsdecode(path): hashlib.sha256(Path(os.fsdecode(path)).read_bytes()).hexdigest() for path in paths}
