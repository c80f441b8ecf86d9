"""The README's rule table is generated from the rule YAML and must be current."""

from policylint.ruledocs import markdown_table
from tests.conftest import ROOT


def test_readme_rule_table_is_current(ruleset):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table(ruleset) in readme, "run: policylint rules --format markdown, and paste it into README.md"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python -m pip install -e '.[test]' && python -m pytest"
    assert command in readme
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
