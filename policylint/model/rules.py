"""The classifier's findings as rules: one rule per category, ``PL199``
(working-time) ... ``PL1499`` (hiring), named ``model-<category>``.

Each is described by a YAML file in ``policylint/model/rules/`` (message,
rationale, references, advice, and ``flag:``/``ok:`` examples, like a rule
file). Its optional ``reads:`` names concepts: the classifier then reads for
that category only the sentences with a term of one of them (a sentence
about no leave, benefit or relative is not a family-status finding), which
also means a document without such sentences never loads the model. They load
with the built-in rule pack, so ``--select``, ``--ignore``, categories,
severities, ``policylint rules`` and ``policylint explain`` treat them like
any rule. Only the categories the shipped model has a threshold for get a
rule: a category it was not precise enough for has none.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from policylint.finding import Severity
from policylint.rule import Category, Rule, RuleText
from policylint.rule_clause import default_concepts

if TYPE_CHECKING:
    from collections.abc import Iterable

#: rule code -> the concepts of its ``reads:`` (filled as the model rules load)
READS: dict[str, tuple[str, ...]] = {}


class ModelRuleFile(RuleText):
    """One ``policylint/model/rules/*.yaml`` file: a rule's text, no patterns."""

    severity: Severity = Severity.INFO
    #: concepts a sentence needs a term of to be read for this category (none: every sentence)
    reads: list[str] = []


def model_code(category: str) -> str:
    """``PL199`` for the first category ... ``PL1499`` for the fourteenth."""
    return f"PL{list(Category).index(Category(category)) + 1}99"


def is_model_rule(rule: Rule) -> bool:
    """Whether a rule's findings come from the classifier (not from patterns)."""
    return rule.name == f"model-{rule.category.value}" and rule.id == model_code(rule.category.value)


def rules_dir() -> Path:
    return Path(str(resources.files("policylint.model") / "rules"))


def model_rules(problems: list[str], categories: Iterable[str] | None = None) -> list[tuple[Rule, Path]]:
    """The classifier's rules with their files, for the categories the model
    reports (default: those with a threshold in the installed model; none when
    no model is installed). Problems are appended to ``problems``."""
    if categories is None:
        from policylint.model import enabled_categories

        categories = enabled_categories()
    import yaml

    wanted = set(categories)
    found = []
    for path in sorted(rules_dir().glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("category") not in wanted:
                continue  # the model does not report this category
            spec = ModelRuleFile.model_validate(data)
        except (yaml.YAMLError, ValidationError, OSError) as exc:
            problems.append(f"{path}: {str(exc).splitlines()[0]}")
            continue
        if not is_model_rule(spec):  # type: ignore[arg-type]
            problems.append(f"{path}: a model rule is named model-<category> with code {model_code(spec.category)}")
            continue
        unknown = default_concepts().unknown(spec.reads)
        if unknown:
            problems.append(f"{path}: reads: no concept is named {', '.join(map(repr, unknown))}")
            continue
        # a Rule without match patterns: the classifier finds what it reports
        fields = {k: v for k, v in dict(spec).items() if k != "reads"}
        found.append((Rule.model_construct(**fields), path))
        READS[spec.id] = tuple(spec.reads)
    return found
