"""The text report a person reads to the end: wrapped to the terminal, the
sentence once (trimmed around the match), the fix as the changed words,
repeats grouped; ``--verbose``, ``--no-group``, ``--statistics`` and
``--format concise``."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from policylint.cli import cli

# our own sentences: one rule on the same words in three paragraphs (four times), a
# sentence with two matches of one rule, a long sentence, a slip for "or"
POLICY = (
    "# Volunteers\n\n"
    "Each volunteer signs his or her rota sheet and returns his or her badge.\n\n"
    "A volunteer who is late tells his or her team lead.\n\n"
    "Every volunteer keeps his or her locker tidy.\n\n"
    "## Meetings\n\n"
    "The chairman opens each meeting. Volunteers are entitled to 26 weeks of Maternity leave.\n\n"
    "Before the quarterly planning session begins, and after every visiting group has signed the register at "
    "the front desk, the foreman walks the whole site with the duty manager and the caretaker, checking every "
    "fire exit, every first-aid box and every ladder against the written list that is kept in the office.\n\n"
    "A helper who leaves returns his of her keys.\n"
)


@pytest.fixture
def policy(tmp_path):
    path = tmp_path / "volunteers.md"
    path.write_text(POLICY, encoding="utf-8")
    return path


def run(*args, columns: int = 80):
    return CliRunner(env={"COLUMNS": str(columns), "NO_COLOR": "1"}).invoke(cli, [str(a) for a in args])


def findings(path) -> list[dict]:
    return json.loads(run("check", path, "--format", "json").stdout)["files"][0]["findings"]


def test_lines_fit_the_terminal_and_each_sentence_is_shown_once(policy):
    for columns in (60, 80, 120):
        out = run("check", policy, columns=columns).stdout
        assert max(len(line) for line in out.splitlines()[1:-1]) <= columns, columns
    out = run("check", policy).stdout
    assert out.count("The «chairman» opens each meeting.") == 1
    assert "Rewrite:" not in out and "Suggested rewrite" not in out


def test_the_fix_is_the_changed_words_and_covers_every_match_in_the_sentence(policy):
    out = run("check", policy).stdout
    assert "Fix: his or her → their\n" in out
    assert "Fix: chairman → chair\n" in out
    assert "Fix: Maternity → Parental\n" in out  # the capital is kept
    assert "Fix: his of her → their\n" in out  # the slip is replaced whole, not "their of her"
    first = [f for f in findings(policy) if f["rule"] == "PL403" and f["location"]["paragraph"] == 2]
    assert len(first) == 2
    assert {f["suggestion"]["sentence"] for f in first} == {
        "Each volunteer signs their rota sheet and returns their badge."}
    assert [f["suggestion"]["text"] for f in first] == ["their", "their"]  # each its own replacement


def test_verbose_shows_the_whole_sentence_and_rewrite(policy):
    out = run("check", policy, "--verbose", columns=500).stdout
    assert "Rewrite: Each volunteer signs their rota sheet and returns their badge." in out
    assert "the «foreman» walks the whole site" in out and "kept in the office." in out


def test_a_long_sentence_is_trimmed_around_the_match(policy):
    out = run("check", policy, "--select", "PL401", columns=200).stdout
    line = next(line for line in out.splitlines() if "«foreman»" in line)
    assert line.strip().startswith("…") and line.strip().endswith("…")
    assert len(line.strip()) < 200


def test_repeats_are_grouped_with_where_the_others_are(policy):
    out = run("check", policy).stdout
    pronouns = [block for block in out.split("\n\n") if "binary-pronouns" in block and "his or her" in block]
    assert len(pronouns) == 1
    assert "Also in paragraphs 2, 3 and 4: 4 in all." in pronouns[0]
    assert "3 repeated findings of the same rule on the same words shown once each (--no-group lists every" \
           " one)." in " ".join(out.split())
    assert out.strip().splitlines()[-1].startswith("Found 9 findings")


def test_no_group_lists_every_finding(policy):
    out = run("check", policy, "--no-group").stdout
    assert out.count("binary-pronouns") == 5  # four "his or her" and the slip
    assert "Also in" not in out and "repeated" not in out


def test_statistics_counts_per_rule_most_first(policy):
    result = run("check", policy, "--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert re.split(r"\s+", lines[0].strip()) == ["count", "code", "name", "severity", "category"]
    rows = [re.split(r"\s+", line.strip()) for line in lines[1:-1]]
    assert rows[0] == ["5", "PL403", "binary-pronouns", "info", "gendered-language"]
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True) and sum(counts) == 9
    assert lines[-1].startswith("Found 9 findings")


def test_statistics_refuses_machine_formats(policy):
    result = run("check", policy, "--statistics", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("policylint: --statistics prints a table for people; it does not go with "
                                     "--format json")


def test_concise_is_one_line_per_finding(policy):
    result = run("check", policy, "--format", "concise")
    lines = result.stdout.splitlines()
    assert len(lines) == 10 and lines[-1].startswith("Found 9 findings")
    assert lines[1] == (f"{policy}:2: PL403 “his or her” assumes everyone is either a man or a woman.")
    for line in lines[:-1]:
        assert re.fullmatch(rf"{re.escape(str(policy))}:\d+: PL\d+ \S.*", line)
