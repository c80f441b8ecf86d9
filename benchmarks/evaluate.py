"""Measure the rule pack's precision and recall on the labelled sentence corpus.

    python benchmarks/evaluate.py                      # table + every error, by category
    python benchmarks/evaluate.py --category age       # one category (repeatable)
    python benchmarks/evaluate.py --json               # machine-readable
    python benchmarks/evaluate.py --fail-under-precision 0.92 --fail-under-recall 0.88
    python benchmarks/evaluate.py --check-overlap      # corpus vs the rules' own examples

The corpus is ``corpora/sentences/*.yaml`` (one file per category; format in
``benchmarks/corpus.py``). The held-out set ``corpora/sentences/heldout-*.yaml``
(sentences the rules were not tuned on) is left out of it and scored on its
own: ``python benchmarks/evaluate.py --corpus corpora/sentences/heldout-v1.yaml``. Each item is checked on its own: an item with a
``section:`` becomes a small Markdown document with those headings and the
sentence as its paragraph (``Engine.check_text(..., markdown=True)``, keeping
only findings in that paragraph); any other item goes through
``Engine.check_sentence``. Findings of absence rules (``scope: section`` or
``document``) are ignored: they are measured on the sample documents.

Scoring is per sentence and per category. An item's predicted categories are
the categories of its findings. For a flag item of category C: a true
positive (TP) when C is predicted, else a false negative (FN). Every predicted
category that is not the item's own flag category is a false positive (FP),
so a flag item caught by another category's rule counts as an FN for its own
category and an FP for the other. Precision = TP/(TP+FP), recall =
TP/(TP+FN), F1 their harmonic mean; "overall" sums the counts of the
categories shown. Precision is "-" when a category predicted nothing.

The report prints the corpus counts, the table, how many items each rule
fired on (rightly / as a false alarm; 0/0: it never fired), then every error grouped by
category: missed sentences (FN, with the rule expected where the item names
one) and false alarms (FP, with the rule and the matched words; "[hard]" marks
hard negatives). With thresholds, the run fails (exit 1) when overall
precision or recall is below ``--fail-under-precision``/``--fail-under-recall``,
or when any category shown has precision or recall below ``--category-floor``
(default 0.80); the report says which. ``--check-overlap`` instead lists
corpus sentences identical or near-identical (the same lower-cased words, in
any order) to a rule's own examples, and exits 1 if there are any; close but
different sentences (80% of words shared) are listed as warnings.

Exit codes: 0 fine, 1 thresholds missed or overlap found, 2 invalid corpus,
rules or options.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import (
    CATEGORIES,
    CORPUS_DIR,
    CorpusError,
    Entry,
    load_corpus,
    overlaps,
)

SCHEMA_VERSION = 1


# -- running the engine ---------------------------------------------------------


def markdown_for(entry: Entry) -> str:
    """A Markdown document: the item's headings (one level each) and its sentence."""
    headings = [f"{'#' * level} {text}" for level, text in enumerate(entry.item.headings, start=1)]
    return "\n\n".join([*headings, entry.item.text]) + "\n"


def predictor(engine, absence: set[str]):
    """A function from a corpus entry to the findings that count (no absence rules)."""

    def predict(entry: Entry) -> list:
        if entry.item.section:
            paragraph = len(entry.item.headings) + 1
            found = [f for f in engine.check_text(markdown_for(entry), name=entry.where, markdown=True)
                     if f.location.paragraph == paragraph]
        else:
            found = engine.check_sentence(entry.item.text)
        return [f for f in found if f.rule not in absence]

    return predict


# -- scoring --------------------------------------------------------------------


@dataclass
class Counts:
    items: int = 0
    flag: int = 0
    ok: int = 0
    hard: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return data | {"precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}


@dataclass
class Error:
    kind: str  #: "FN" (a flag item missed) or "FP" (a category predicted where it should not be)
    category: str  #: the category the error counts against
    entry: Entry
    findings: list  #: FP: the findings of ``category``; FN: every finding on the item

    def as_dict(self) -> dict:
        item = self.entry.item
        return {
            "kind": self.kind, "category": self.category, "file": self.entry.file,
            "line": self.entry.line, "item": self.entry.index, "text": item.text, "section": item.section,
            "verdict": item.verdict, "item_category": item.category.value, "hard": item.hard,
            "expected_rule": item.rule,
            "findings": [{"rule": f.rule, "category": f.category, "text": f.text} for f in self.findings],
        }


@dataclass
class Report:
    categories: list[str]
    counts: dict[str, Counts]
    errors: list[Error] = field(default_factory=list)
    #: rule id -> [items where it fired rightly, items where it was a false alarm],
    #: for the rules of the categories shown (every such rule, in rule order)
    rule_hits: dict[str, list[int]] = field(default_factory=dict)
    rule_categories: dict[str, str] = field(default_factory=dict)

    @property
    def rules(self) -> list[str]:
        return list(self.rule_categories)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for category in self.categories:
            total.add(self.counts[category])
        return total


def score(entries: list[Entry], predict, categories: list[str] | None = None,
          rules: dict[str, str] | None = None) -> Report:
    """Score every entry (see the module docstring). ``categories`` limits the
    report to those categories; every entry is still run, since a rule of one
    category can fire on any sentence. ``rules`` (id -> category) lists the
    rules that ran, for the per-rule hit counts."""
    shown = categories or CATEGORIES
    report = Report(shown, {category: Counts() for category in shown})
    report.rule_categories = dict(rules or {})
    report.rule_hits = {rule: [0, 0] for rule, category in report.rule_categories.items() if category in shown}
    for entry in entries:
        item, own = entry.item, entry.item.category.value
        found = predict(entry)
        predicted = {f.category for f in found}
        for rule, category in sorted({(f.rule, f.category) for f in found}):
            if category in shown:
                right = item.verdict == "flag" and category == own
                report.rule_hits.setdefault(rule, [0, 0])[0 if right else 1] += 1
        if own in report.counts:
            counts = report.counts[own]
            counts.items += 1
            counts.flag += item.verdict == "flag"
            counts.ok += item.verdict == "ok"
            counts.hard += item.hard_negative
            if item.verdict == "flag":
                if own in predicted:
                    counts.tp += 1
                else:
                    counts.fn += 1
                    report.errors.append(Error("FN", own, entry, found))
        for category in sorted(predicted & set(shown)):
            if item.verdict == "flag" and category == own:
                continue
            report.counts[category].fp += 1
            report.errors.append(Error("FP", category, entry, [f for f in found if f.category == category]))
    return report


def threshold_failures(report: Report, precision: float | None, recall: float | None,
                       floor: float | None) -> list[str]:
    """What misses the targets, one line each (empty: all met)."""
    failures = []
    overall = report.overall
    for name, value, target in (("precision", overall.precision, precision), ("recall", overall.recall, recall)):
        if target is not None and (value is None or value < target):
            failures.append(f"overall {name} {_pct(value)} is below {_pct(target)}")
    if floor is not None:
        for category in report.categories:
            counts = report.counts[category]
            for name, value in (("precision", counts.precision), ("recall", counts.recall)):
                if value is not None and value < floor:
                    failures.append(f"{category}: {name} {_pct(value)} is below the floor {_pct(floor)}")
    return failures


# -- output ---------------------------------------------------------------------


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}" if value < 1 else "100%"


def _num(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def render_text(report: Report, failures: list[str] | None, show_errors: bool = True) -> str:
    lines: list[str] = []
    overall = report.overall
    share = overall.hard / overall.items if overall.items else 0
    lines.append(f"Corpus: {overall.items} items ({overall.flag} flag, {overall.ok} ok, "
                 f"{overall.hard} hard negatives = {share:.1%} of items); {len(report.rules)} sentence rules")
    lines.append("")
    header = f"{'category':<18} {'items':>5} {'flag':>4} {'ok':>3} {'hard':>4}  {'TP':>3} {'FP':>3} {'FN':>3}  " \
             f"{'prec':>5} {'recall':>6} {'F1':>5}"
    lines += [header, "-" * len(header)]
    rows = [(category, report.counts[category]) for category in report.categories] + [("overall", overall)]
    for index, (name, c) in enumerate(rows):
        if index == len(rows) - 1:
            lines.append("-" * len(header))
        lines.append(f"{name:<18} {c.items:>5} {c.flag:>4} {c.ok:>3} {c.hard:>4}  {c.tp:>3} {c.fp:>3} {c.fn:>3}  "
                     f"{_num(c.precision):>5} {_num(c.recall):>6} {_num(c.f1):>5}")
    if report.rule_hits:
        lines += ["", "Items each rule fired on (right/false alarm):"]
        for category in report.categories:
            hits = [f"{rule} {right}/{wrong}" for rule, (right, wrong) in report.rule_hits.items()
                    if report.rule_categories.get(rule, category) == category]
            if hits:
                lines.append(f"  {category + ':':<19}" + ", ".join(hits))
    if show_errors and report.errors:
        lines += ["", "Errors by category (FN: missed flag sentence; FP: false alarm, with rule and matched words)"]
        for category in report.categories:
            errors = [e for e in report.errors if e.category == category]
            if not errors:
                continue
            missed = [e for e in errors if e.kind == "FN"]
            alarms = [e for e in errors if e.kind == "FP"]
            lines += ["", f"== {category}: {len(missed)} missed, {len(alarms)} false alarms"]
            lines += [_error_line(e) for e in missed + alarms]
    if failures is not None:
        lines.append("")
        if failures:
            lines.append("FAILED:")
            lines += [f"  - {failure}" for failure in failures]
        else:
            lines.append("All targets met.")
    return "\n".join(lines)


def _error_line(error: Error) -> str:
    item = error.entry.item
    own = item.category.value
    tags = []
    if error.kind == "FP":
        kind = "flag item" if item.verdict == "flag" else "hard negative" if item.hard else "ok item"
        tags.append(kind if own == error.category else f"{kind} of {own}")
    elif item.rule:
        tags.append(f"expected {item.rule}")
    if item.section:
        tags.append(f"section: {item.section}")
    text = f'  {error.kind} "{item.text}"' + (f"  [{'; '.join(tags)}]" if tags else "")
    text += f"\n       {error.entry.where}"
    if error.findings:
        label = "found" if error.kind == "FP" else "found instead"
        text += f"; {label}: " + ", ".join(f"{f.rule} “{f.text}”" for f in error.findings)
    return text


def render_json(report: Report, failures: list[str] | None, thresholds: dict) -> str:
    overall = report.overall
    data = {
        "version": SCHEMA_VERSION,
        "rules": report.rules,
        "rule_hits": {rule: {"right": right, "false": wrong} for rule, (right, wrong) in report.rule_hits.items()},
        "corpus": {"items": overall.items, "flag": overall.flag, "ok": overall.ok, "hard": overall.hard,
                   "hard_share": _round(overall.hard / overall.items if overall.items else 0.0)},
        "overall": overall.as_dict(),
        "categories": {category: report.counts[category].as_dict() for category in report.categories},
        "errors": [error.as_dict() for error in report.errors],
        "thresholds": thresholds | {"failures": failures or [], "passed": not failures},
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_overlaps(found) -> str:
    hard = [o for o in found if o.kind != "similar"]
    similar = [o for o in found if o.kind == "similar"]
    lines = [f"{len(hard)} corpus sentences identical or near-identical to a rule example"]
    for o in hard:
        lines.append(f"  {o.entry.where}: {o.kind} to {o.rule} example {o.example!r}")
    if similar:
        lines.append(f"{len(similar)} similar (warning only: reword if it is an edit of the example)")
        for o in similar:
            lines.append(f"  {o.entry.where}: {o.score:.0%} of words shared with {o.rule} example {o.example!r}")
    return "\n".join(lines)


# -- command line ---------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/evaluate.py",
        description="Precision and recall of the rule pack on the labelled sentence corpus "
                    "(corpora/sentences), per category.",
        epilog="Exit codes: 0 fine; 1 thresholds missed or overlap found; 2 invalid corpus, rules or options.")
    parser.add_argument("--category", action="append", choices=CATEGORIES, metavar="CATEGORY",
                        help="report only this category (repeatable); every item is still run, "
                             "so the category's false alarms on other sentences are counted")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the text report")
    parser.add_argument("--fail-under-precision", type=float, metavar="P",
                        help="exit 1 when overall precision is below P (e.g. 0.92)")
    parser.add_argument("--fail-under-recall", type=float, metavar="R",
                        help="exit 1 when overall recall is below R (e.g. 0.88)")
    parser.add_argument("--category-floor", type=float, default=0.80, metavar="F",
                        help="with a --fail-under option: exit 1 when any category's precision or recall "
                             "is below F (default 0.80)")
    parser.add_argument("--summary", action="store_true", help="print the counts and table only, not every error")
    parser.add_argument("--check-overlap", action="store_true",
                        help="only compare the corpus with the rules' own examples; exit 1 on any overlap")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, metavar="PATH",
                        help="the corpus folder (default corpora/sentences; held-out files left out), "
                             "or one corpus file, e.g. the held-out set corpora/sentences/heldout-v1.yaml")
    parser.add_argument("--extend-rules", action="append", default=[], metavar="DIR",
                        help="also load rule files from DIR (repeatable)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from policylint.ruleset import RuleLoadError, load_rules

    try:
        entries = load_corpus(args.corpus)
        rules = load_rules(args.extend_rules)
    except (CorpusError, RuleLoadError) as exc:
        kind = "corpus error" if isinstance(exc, CorpusError) else "rule error"
        print("\n".join(f"evaluate: {kind}: {problem}" for problem in exc.problems), file=sys.stderr)
        return 2
    if args.check_overlap:
        found = overlaps(entries, rules)
        print(render_overlaps(found))
        return 1 if any(o.kind != "similar" for o in found) else 0

    from policylint.engine import Engine

    engine = Engine(rules)
    absence = {rule.id for rule in rules if rule.is_absence}
    if engine.skipped:
        print(f"evaluate: no trained pipeline; skipped {', '.join(r.id for r in engine.skipped)}", file=sys.stderr)
    sentence_rules = {rule.id: rule.category.value for rule in engine.active_rules if rule.id not in absence}
    report = score(entries, predictor(engine, absence), args.category, sentence_rules)
    checking = args.fail_under_precision is not None or args.fail_under_recall is not None
    failures = threshold_failures(report, args.fail_under_precision, args.fail_under_recall,
                                  args.category_floor) if checking else None
    if args.json:
        thresholds = {"precision": args.fail_under_precision, "recall": args.fail_under_recall,
                      "category_floor": args.category_floor if checking else None}
        print(render_json(report, failures, thresholds))
    else:
        print(render_text(report, failures, show_errors=not args.summary))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
