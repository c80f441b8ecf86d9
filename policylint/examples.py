"""Run each rule's own ``flag:`` and ``ok:`` examples (used by the tests and
by ``policylint rules test``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policylint.engine import Engine
from policylint.extract import document_from_bytes
from policylint.finding import Finding
from policylint.rule import FlagExample, Rule
from policylint.ruleset import RuleLoadError, RuleSet, builtin_rules_dir, load_rules, rule_files

NOT_RUN = "not run: the rule needs a trained spaCy pipeline, and none is installed"


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    kind: str  #: "flag" or "ok"
    text: str
    #: what the example declares, in words ("flagged", "not flagged", ...)
    expected: str
    #: what the engine did instead; None when the example behaves as declared
    got: str | None = None

    @property
    def passed(self) -> bool:
        return self.got is None

    @property
    def problem(self) -> str | None:
        return None if self.got is None else f"expected {self.expected}, got {self.got}"


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
    words = [f.text for f in own]
    expected = "flagged"
    if example.match is not None:
        expected += f" on the words {example.match!r}"
    if example.suggestion is not None:
        expected += f" with the suggestion {example.suggestion!r}"
    got = None
    if not own:
        got = "not flagged"
    elif example.match is not None and example.match not in words:
        got = f"flagged on {_listed(words)}"
    elif example.suggestion is not None:
        suggested = [f.suggestion.text for f in own if f.suggestion is not None]
        if example.suggestion not in suggested:
            got = f"the suggestion {_listed(suggested)}" if suggested else "no suggestion"
    return ExampleOutcome(rule.id, "flag", example.text, expected, got)


def check_ok(engine: Engine, rule: Rule, text: str) -> ExampleOutcome:
    own = findings_for(engine, rule, text)
    return ExampleOutcome(rule.id, "ok", text, "not flagged", f"flagged on {_listed([f.text for f in own])}"
                          if own else None)


def _listed(items: list[str]) -> str:
    return ", ".join(repr(item) for item in items)


# --------------------------------------------------------------------------- a folder of custom rules


@dataclass
class FolderReport:
    """What ``policylint rules test DIR`` found: load problems (one line each,
    ``file: field -> problem``; nothing is run when there are any), the rules
    of DIR with the file each came from, and every example's outcome."""

    problems: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)
    outcomes: list[ExampleOutcome] = field(default_factory=list)

    @property
    def failures(self) -> list[ExampleOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]


def check_rule_folder(folder: str | Path, model: str | None = None) -> FolderReport:
    """Load the rule files in ``folder`` together with the built-in pack (so
    that a code or name already in use is a problem) and run the examples of
    the folder's rules with the real engine."""
    folder = Path(folder)
    report = FolderReport()
    if folder.is_dir() and not rule_files(folder):
        report.problems.append(f"{folder}: no rule files (*.yaml, *.yml) in this folder")
        return report
    # the built-in pack itself is tested on its own, not against itself
    builtin = folder.resolve() != builtin_rules_dir().resolve()
    try:
        ruleset = load_rules([folder], builtin=builtin)
    except RuleLoadError as exc:
        report.problems.extend(exc.problems)
        return report
    mine = folder.resolve()
    report.rules = [rule for rule in ruleset if mine in ruleset.sources[rule.id].resolve().parents]
    report.sources = {rule.id: ruleset.sources[rule.id] for rule in report.rules}
    engine = Engine(RuleSet(report.rules), model=model)
    skipped = {rule.id for rule in engine.skipped}
    for rule in report.rules:
        if rule.id in skipped:
            report.outcomes += [ExampleOutcome(rule.id, kind, text, "flagged" if kind == "flag" else "not flagged",
                                               NOT_RUN) for kind, text in _all_examples(rule)]
        else:
            report.outcomes += run_examples(engine, rule)
    return report


def _all_examples(rule: Rule) -> list[tuple[str, str]]:
    return [("flag", e.text) for e in rule.examples.flag_examples()] + [("ok", text) for text in rule.examples.ok]
