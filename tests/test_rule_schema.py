"""Rule files: the schema's errors, and the built-in pack's layout."""

from pathlib import Path

import pytest
import yaml

from policylint.rule import Category
from policylint.ruleset import RuleLoadError, builtin_rules_dir, load_rules, rule_files

VALID = {
    "id": "PL799",
    "name": "test-rule",
    "category": "age",
    "severity": "info",
    "message": "“{text}” is age-coded.",
    "rationale": "Because.",
    "match": {"phrases": ["digital native"]},
    "suggestion": {"advice": "Describe the skills instead."},
    "examples": {"flag": ["We want a digital native."], "ok": ["We want someone fluent with our tools."]},
}


def _write(folder: Path, data: dict, name: str = "PL799-test-rule.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _problems(folder: Path) -> list[str]:
    with pytest.raises(RuleLoadError) as info:
        load_rules([folder], builtin=False)
    return info.value.problems


def test_valid_rule_loads(tmp_path):
    _write(tmp_path / "r", VALID)
    rules = load_rules([tmp_path / "r"], builtin=False)
    assert [r.id for r in rules] == ["PL799"] and rules.get("test-rule").id == "PL799"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"mesage": "typo"}, "mesage -> unknown key"),
        ({"severity": "fatal"}, "severity -> Input should be 'info', 'warning' or 'error'"),
        ({"category": "ageism"}, "category -> Input should be"),
        ({"id": "X1"}, "id -> String should match pattern"),
        ({"match": {"phrases": []}}, "match: give at least one of"),
        ({"match": {"regex": ["(unclosed"]}}, "match.regex[0] is not a valid regular expression"),
        ({"match": {"patterns": [[{"LOWER": "a"}], [{"LOWER": "b", "OPP": "?"}]]}},
         "match.patterns[1] token 0 -> OPP: unknown key"),
        ({"suggestion": {}}, "suggestion -> give `replace`, `advice` or both"),
        ({"examples": {"flag": ["x"], "ok": []}}, "examples.ok -> List should have at least 1 item"),
    ],
)
def test_schema_errors_name_file_and_field(tmp_path, change, expected):
    path = _write(tmp_path / "r", {**VALID, **change})
    problems = _problems(tmp_path / "r")
    assert any(p.startswith(f"{path}: ") and expected in p for p in problems), problems


def test_missing_key_and_bad_yaml(tmp_path):
    data = dict(VALID)
    del data["rationale"]
    path = _write(tmp_path / "r", data)
    (tmp_path / "r" / "PL798-broken.yaml").write_text("id: PL798\nname: [unclosed\n")
    problems = _problems(tmp_path / "r")
    assert f"{path}: rationale -> required key is missing" in problems
    assert any("PL798-broken.yaml: line" in p and "invalid YAML" in p for p in problems)


def test_duplicate_ids_are_rejected(tmp_path):
    _write(tmp_path / "r", VALID)
    _write(tmp_path / "r", {**VALID, "name": "other-name"}, "PL799-other-name.yaml")
    assert any("id 'PL799' is already used by" in p for p in _problems(tmp_path / "r"))


def test_builtin_pack_layout():
    """rules/<category>/<id>-<name>.yaml: path, id and category agree; ids and names unique."""
    from policylint.model.rules import is_model_rule  # the classifier's rules live in policylint/model/rules

    root = builtin_rules_dir()
    rules = [rule for rule in load_rules() if not is_model_rule(rule)]
    files = rule_files(root)
    assert len(files) == len(rules) >= 10
    for path in files:
        data = yaml.safe_load(path.read_text())
        assert path.parent.name == data["category"], path
        assert path.name == f"{data['id']}-{data['name']}.yaml", path
    assert len({r.category for r in rules}) >= 6
    assert {r.category for r in rules} <= set(Category)


def test_category_codes_follow_the_numbering():
    order = list(Category)
    for rule in load_rules():
        assert int(rule.id[2:]) // 100 == order.index(rule.category) + 1, rule.id
