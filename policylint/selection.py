"""Which rules run, and at what severity: ``select``, ``ignore`` and ``severity``.

A selector names rules by code (``PL101``), code prefix (``PL1``, ``PL``),
rule name (``fixed-core-hours``), category (``working-time``) or ``ALL``.
When a rule matches both a ``select`` and an ``ignore`` entry, the more
specific one wins (an exact code or name beats a prefix, a longer prefix a
shorter one, a prefix a category); on a tie, ``ignore`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from policylint.finding import Severity

if TYPE_CHECKING:
    from policylint.rule import Rule

_EXACT = 1000


def specificity(selector: str, rule: Rule) -> int | None:
    """How specifically ``selector`` names ``rule`` (higher is more specific), or
    None when it does not name it at all."""
    return score(selector, rule.id, rule.name, rule.category.value)


def score(selector: str, code: str, name: str, category: str) -> int | None:
    """``specificity`` for a rule given by its code, name and category."""
    key = selector.strip()
    if key.upper() == "ALL":
        return 0
    if key.upper() == code or key.lower() == name:
        return _EXACT
    if code.startswith(key.upper()) and key[:1].isalpha():
        return len(key)
    if key.lower() == category:
        return 1
    return None


def names(selectors: Iterable[str], code: str, name: str, category: str) -> bool:
    """Whether any of ``selectors`` names the rule (an empty list names every rule)."""
    selectors = list(selectors)
    return not selectors or any(score(s, code, name, category) is not None for s in selectors)


def best(selectors: Iterable[str], rule: Rule) -> int | None:
    scores = [score for selector in selectors if (score := specificity(selector, rule)) is not None]
    return max(scores, default=None)


def is_selected(rule: Rule, select: Iterable[str] | None, ignore: Iterable[str]) -> bool:
    chosen = best(["ALL"] if select is None else select, rule)
    dropped = best(ignore, rule)
    return chosen is not None and (dropped is None or chosen > dropped)


def severity_for(rule: Rule, overrides: Mapping[str, Severity]) -> Severity:
    """The severity the most specific override gives ``rule`` (else its own)."""
    scored = [(score, severity) for selector, severity in overrides.items()
              if (score := specificity(selector, rule)) is not None]
    return max(scored, key=lambda item: item[0])[1] if scored else rule.severity


def unknown_selectors(selectors: Iterable[str], rules: Iterable[Rule]) -> list[str]:
    """The selectors that name no rule (a typo such as ``PL9999``)."""
    rules = list(rules)
    return [s for s in selectors if not any(specificity(s, rule) is not None for rule in rules)]


def choose(rules: Iterable[Rule], select: Iterable[str] | None, ignore: Iterable[str],
           overrides: Mapping[str, Severity]) -> list[Rule]:
    """The selected rules, each with its severity override applied."""
    chosen = []
    for rule in rules:
        if is_selected(rule, select, ignore):
            severity = severity_for(rule, overrides)
            chosen.append(rule if severity == rule.severity else rule.model_copy(update={"severity": severity}))
    return chosen
