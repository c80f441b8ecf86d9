"""Every rule's own examples, one test each: ``flag:`` sentences must produce
that rule's finding (with the declared words and suggestion), ``ok:``
sentences must not."""

import pytest

from policylint.examples import check_flag, check_ok
from policylint.ruleset import load_rules

_RULES = load_rules()
_CASES = [
    pytest.param(rule, kind, index, id=f"{rule.id}-{kind}{index}")
    for rule in _RULES
    for kind, items in (("flag", rule.examples.flag_examples()), ("ok", rule.examples.ok))
    for index in range(len(items))
]


@pytest.mark.parametrize(("rule", "kind", "index"), _CASES)
def test_example(engine, rule, kind, index):
    if kind == "flag":
        outcome = check_flag(engine, rule, rule.examples.flag_examples()[index])
    else:
        outcome = check_ok(engine, rule, rule.examples.ok[index])
    assert outcome.passed, f"{rule.id} {kind} example {outcome.text!r}: {outcome.problem}"


def test_every_rule_has_enough_examples():
    for rule in _RULES:
        assert len(rule.examples.flag) >= 3, f"{rule.id} needs at least 3 flag: examples"
        assert len(rule.examples.ok) >= 3, f"{rule.id} needs at least 3 ok: examples"
