"""The README's examples of output are real runs on the bundled samples.

Each example in README.md is a fenced block right after a marker line

    <!-- example: check corpora/samples/handbook.docx --statistics -->

The block is ``$ policylint ARGS`` and then what that command prints, run from
the repository root with a terminal 88 columns wide and no colour (for
``--format json`` the block is the same object, indented to be read).
``tests/test_readme_examples.py`` compares every block with a fresh run;
after changing the output or the rules, rewrite the blocks with

    python -m tests.readme_examples
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- example: (?P<args>.+?) -->\n```(?P<lang>\w*)\n(?P<body>.*?)^```$", re.M | re.S)
#: the terminal width the examples are made for
COLUMNS = "88"


def run(args: str) -> str:
    """What ``policylint ARGS`` prints on standard output, run from the repository root."""
    import os

    from policylint.cli import cli

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner(env={"COLUMNS": COLUMNS, "NO_COLOR": "1"}).invoke(cli, shlex.split(args))
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.stdout


def render(args: str) -> str:
    """The block for one example: the command line, then its output."""
    output = run(args)
    if "--format json" in args:
        output = json.dumps(json.loads(output), indent=2, ensure_ascii=False) + "\n"
    return f"$ policylint {args}\n{output}"


def examples(text: str) -> list[re.Match]:
    return list(MARKER.finditer(text))


def rewrite(text: str) -> str:
    """README text with every example block made again from a real run."""
    return MARKER.sub(lambda m: f"<!-- example: {m['args']} -->\n```{m['lang']}\n{render(m['args'])}```", text)


if __name__ == "__main__":
    before = README.read_text(encoding="utf-8")
    after = rewrite(before)
    README.write_text(after, encoding="utf-8")
    print(f"{len(examples(after))} examples in README.md; {'changed' if after != before else 'unchanged'}",
          file=sys.stderr)
