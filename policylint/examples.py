"""Run each rule's own ``flag:`` and ``ok:`` examples (used by the tests and,
later, ``policylint rules test``)."""

from __future__ import annotations

from dataclasses import dataclass

from policylint.engine import Engine
from policylint.extract import document_from_bytes
from policylint.finding import Finding
from policylint.rule import FlagExample, Rule


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    kind: str  #: "flag" or "ok"
    text: str
    problem: str | None  #: None when the example behaves as declared

    @property
    def passed(self) -> bool:
        return self.problem is None


def run_examples(engine: Engine, rule: Rule) -> list[ExampleOutcome]:
    flags = [check_flag(engine, rule, example) for example in rule.examples.flag_examples()]
    return flags + [check_ok(engine, rule, text) for text in rule.examples.ok]


def findings_for(engine: Engine, rule: Rule, text: str) -> list[Finding]:
    """The rule's findings on an example. An example with a line break or a
    leading "#" is a small Markdown document (headings give sections);
    anything else is one paragraph. Examples are short by nature, so a
    document rule's ``min_words`` does not apply to them."""
    if "\n" in text or text.lstrip().startswith("#"):
        document = document_from_bytes(text.encode("utf-8"), "<example>", suffix=".md")
        if rule.min_words:
            document = document.model_copy(update={"words": max(document.words, rule.min_words)})
        found = engine.check(document)
    else:
        found = engine.check_sentence(text)
    return [f for f in found if f.rule == rule.id]


def check_flag(engine: Engine, rule: Rule, example: FlagExample) -> ExampleOutcome:
    own = findings_for(engine, rule, example.text)
    problem = None
    if not own:
        problem = "not flagged"
    elif example.match is not None and example.match not in [f.text for f in own]:
        problem = f"flagged {[f.text for f in own]}, expected the words {example.match!r}"
    elif example.suggestion is not None:
        suggested = [f.suggestion.text for f in own if f.suggestion is not None]
        if example.suggestion not in suggested:
            problem = f"suggested {suggested}, expected {example.suggestion!r}"
    return ExampleOutcome(rule.id, "flag", example.text, problem)


def check_ok(engine: Engine, rule: Rule, text: str) -> ExampleOutcome:
    own = findings_for(engine, rule, text)
    return ExampleOutcome(rule.id, "ok", text, f"flagged {[f.text for f in own]}" if own else None)
