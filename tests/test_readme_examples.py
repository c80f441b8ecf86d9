"""Every output example in README.md is what policylint prints for it (see
tests/readme_examples.py, which also rewrites them)."""

from __future__ import annotations

import json

import pytest

from tests.readme_examples import README, examples, render

BLOCKS = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_from_real_runs():
    commands = [m["args"] for m in BLOCKS]
    assert len(commands) >= 4
    assert any("--statistics" in c for c in commands) and any("--format json" in c for c in commands)
    assert any("--format concise" in c for c in commands)


@pytest.mark.parametrize("block", BLOCKS, ids=[m["args"] for m in BLOCKS])
def test_readme_example_is_real_output(block):
    expected = render(block["args"])
    shown = block["body"]
    hint = "README.md is out of date: run  python -m tests.readme_examples"
    if "--format json" in block["args"]:
        command, _, body = shown.partition("\n")
        assert command == f"$ policylint {block['args']}", hint
        assert json.loads(body) == json.loads(expected.partition("\n")[2]), hint
    else:
        assert shown == expected, hint
