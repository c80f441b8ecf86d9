"""The structural map: sections assigned to areas, the coverage table of the
three sample documents against corpora/samples/expected-coverage.txt, the
same table as JSON data, and the goals in the config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from policylint.cli import cli
from policylint.document import Block, BlockKind, Document, Location
from policylint.structure import map_sections

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
NAMES = ["handbook.docx", "hiring-and-conduct.docx", "remote-and-leave-policy.docx"]
EXPECTED = SAMPLES / "expected-coverage.txt"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def coverage_text(output: str) -> str:
    """Each file's name and its structural map, from the text report."""
    keep, inside = [], False
    for line in output.splitlines():
        if line and not line.startswith(" "):
            inside = line.startswith("corpora/") or line.endswith((".docx", ".pdf", ".md"))
            if inside:
                keep.append(line)
            continue
        if line.startswith("  Structural map"):
            inside = True
            keep.append(line)
        elif inside and line.startswith("    ") and keep[-1].startswith(("  Structural map", "    ")):
            keep.append(line)
    return "\n".join(keep) + "\n"


@pytest.fixture(scope="module")
def sample_report():
    paths = [f"corpora/samples/{name}" for name in NAMES]
    cwd = os.getcwd()
    os.chdir(SAMPLES.parent.parent)
    try:
        result = run("check", *paths, "--isolated", "--no-cache", "--color", "never", "--fail-on", "never")
        data = run("check", *paths, "--isolated", "--no-cache", "--format", "json", "--fail-on", "never")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0 and data.exit_code == 0, result.output + data.output
    return result.stdout, json.loads(data.stdout)


def test_coverage_table_of_the_samples(sample_report):
    text, _ = sample_report
    got = coverage_text(text)
    if os.environ.get("POLICYLINT_UPDATE_EXPECTED"):
        EXPECTED.write_text(got, encoding="utf-8")
    assert got == EXPECTED.read_text(encoding="utf-8")


def test_coverage_in_json_matches_the_table(sample_report):
    _, data = sample_report
    handbook = data["files"][0]["coverage"]
    assert [row["area"] for row in handbook][:10] == [
        "benefits", "leave", "working-time", "remote-flexible", "pay", "performance", "hiring", "complaints",
        "conduct", "dress"]
    assert all(row["present"] for row in handbook[:10])
    hiring = data["files"][1]["coverage"]
    assert [(r["area"], r["present"], [m["rule"] for m in r["missing"]]) for r in hiring
            if r["missing"] or not r["present"]] == [
        ("benefits", False, []), ("leave", False, []), ("remote-flexible", False, []), ("pay", False, []),
        ("complaints", True, ["PL1201"]), ("whole-document", False, ["PL602"])]
    total = sum(row["findings"] for row in data["files"][1]["coverage"])
    in_areas = [f for f in data["files"][1]["findings"]]
    assert total <= len(in_areas)


def _doc(*blocks: tuple[str, str, tuple[str, ...]]) -> Document:
    return Document(path="x.md", format="markdown", sha256="0", title=blocks[0][1], blocks=tuple(
        Block(text=text, kind=BlockKind(kind), location=Location(paragraph=n, section=section))
        for n, (kind, text, section) in enumerate(blocks, start=1)))


def test_sections_take_their_area_from_heading_then_parent_then_body():
    document = _doc(
        ("heading", "Staff handbook: pay, leave and hiring", ("Staff handbook: pay, leave and hiring",)),
        ("heading", "3 Hiring", ("3 Hiring",)),
        ("paragraph", "We advertise every vacancy.", ("3 Hiring",)),
        ("heading", "3.1 Our promise", ("3 Hiring", "3.1 Our promise")),
        ("paragraph", "We keep shift patterns and overtime fair, with rota swaps.", ("3 Hiring", "3.1 Our promise")),
        ("heading", "4 Other things", ("4 Other things",)),
        ("paragraph", "Report harassment or bullying; raise a grievance or a complaint.", ("4 Other things",)),
        ("heading", "5 About us", ("5 About us",)),
        ("paragraph", "We were founded in 1990.", ("5 About us",)),
    )
    assert [(s.section[-1], s.area) for s in map_sections(document)] == [
        ("Staff handbook: pay, leave and hiring", None),  # the title names several areas: the whole document
        ("3 Hiring", "hiring"),
        ("3.1 Our promise", "hiring"),        # a heading with no area term takes its parent's
        ("4 Other things", "complaints"),     # no parent: the body decides (three terms or more)
        ("5 About us", None),
    ]


def test_a_one_section_markdown_file_keeps_its_area():
    document = _doc(("heading", "Complaints", ("Complaints",)),
                    ("paragraph", "Tell your manager.", ("Complaints",)))
    assert [s.area for s in map_sections(document)] == ["complaints"]


# --------------------------------------------------------------------------- goals in the config


def _config(tmp_path: Path, goal: str) -> Path:
    (tmp_path / "p.md").write_text("# Leave\n\nAsk your manager.\n", encoding="utf-8")
    config = tmp_path / "policylint.toml"
    config.write_text(f"[[goals]]\n{goal}\n", encoding="utf-8")
    return config


GOOD = 'quarter = "2027-Q1"\nobjective = "o"\nselect = ["complaints"]\nowner = "Head of People"'


@pytest.mark.parametrize(("goal", "message"), [
    (GOOD.replace("complaints", "PL9999"), "goals.0.select: 'PL9999' names no rule code, prefix, name or category"),
    (GOOD.replace("2027-Q1", "2027-Q5"), "goals.0.quarter: '2027-Q5' must be a quarter written like \"2027-Q1\""),
    (GOOD + "\nowners = 'x'", "unknown key 'goals.0.owners' (a goal has: quarter, objective, select, target, owner)"),
    (GOOD.replace('owner = "Head of People"', ""), "goals.0.owner: Field required"),
    (GOOD + "\ntarget = -1", "goals.0.target: -1 Input should be greater than or equal to 0"),
    (GOOD.replace('["complaints"]', "[]"), "goals.0.select: List should have at least 1 item"),
])
def test_bad_goals_are_configuration_errors(tmp_path, monkeypatch, goal, message):
    config = _config(tmp_path, goal)
    monkeypatch.chdir(tmp_path)
    for args in (("check", "p.md"), ("progress",)):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("policylint: ") and f"{config.name}: {message}" in lines[0], \
            (args, result.stderr)


def test_a_goal_that_selects_nothing_is_an_error(tmp_path, monkeypatch):
    """A selector can name a rule that --ignore drops, but a goal must name a rule that exists."""
    config = _config(tmp_path, GOOD.replace('["complaints"]', '["PL12", "PL13"]'))
    monkeypatch.chdir(tmp_path)
    assert run("check", "p.md", "--fail-on", "never").exit_code == 0  # prefixes that name rules are fine
    config.write_text(config.read_text().replace('["PL12", "PL13"]', '["PL0"]'), encoding="utf-8")
    result = run("check", "p.md")
    assert result.exit_code == 2
    assert "goals.0.select: 'PL0' names no rule code, prefix, name or category" in result.stderr
