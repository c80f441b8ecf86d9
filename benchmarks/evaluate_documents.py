"""Score policylint on the labelled real documents, each checked as a whole file.

    python benchmarks/evaluate_documents.py                 # run policylint, print scores and every error
    python benchmarks/evaluate_documents.py --quiet         # scores only
    python benchmarks/evaluate_documents.py --category pay  # errors of one category (repeatable)
    python benchmarks/evaluate_documents.py --doc leaf      # documents whose id contains "leaf" (repeatable)
    python benchmarks/evaluate_documents.py --findings run.json   # score a saved `check --format json` output
    python benchmarks/evaluate_documents.py --json          # machine-readable
    python benchmarks/evaluate_documents.py --fail-under-precision 0.9 --fail-under-recall 0.8

The documents and their labels are in ``../shared/corpus/real-dev`` (or
``$POLICYLINT_REAL_DEV``); see ``benchmarks/realdocs.py`` and
``../shared/LABELING.md``. Without ``--findings`` the script runs
``policylint check --isolated --no-cache --format json`` on every document,
exactly as a user would, so every format's extractor is part of the score.
Extra arguments after ``--`` go to ``policylint check`` (e.g. ``-- --select
complaints``).

Scoring, at sentence level:
- a *predicted* sentence is a distinct sentence of a document with at least one
  sentence finding (absence rules, ``scope: section`` or ``document``, are
  scored as document items instead);
- it is a true positive when it matches a ``high`` or ``medium`` flag label,
  neither counted nor blamed when it matches only ``low`` labels, and a false
  alarm otherwise (an unlabelled sentence is ``ok``);
- a scored label is found when some predicted sentence matches it.
Precision = TP / (TP + FP), recall = found / scored labels. Per category,
recall is by the label's category and precision by the findings' categories;
"same category" is the share of found labels that a finding of the label's own
category found.

Document items: a document's item is predicted ``missing`` when the absence
rule for it fired (``ITEM_RULES``); ``not-applicable`` items are expected not
to fire.

Exit codes: 0 fine, 1 a threshold missed, 2 the corpus is missing or policylint failed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.realdocs import (
    REAL_DEV,
    CorpusMissing,
    Label,
    LabelledDoc,
    Matcher,
    load,
    words,
)

#: The absence rule whose finding means "this document lacks the item".
ITEM_RULES = {
    "accommodation-route": "PL602",
    "reporting-channels": "PL1201",
    "retaliation-protection": "PL1202",
    "flexible-work-route": "PL103",
}


@dataclass
class Predicted:
    sentence: str
    findings: list[dict]
    labels: list[Label]

    @property
    def scored(self) -> list[Label]:
        return [label for label in self.labels if label.scored]

    @property
    def verdict(self) -> str:
        if self.scored:
            return "tp"
        return "low" if self.labels else "fp"

    @property
    def categories(self) -> set[str]:
        return {f["category"] for f in self.findings}


@dataclass
class DocScore:
    doc: LabelledDoc
    predicted: list[Predicted] = field(default_factory=list)
    found: dict[Label, list[Predicted]] = field(default_factory=dict)
    items: dict[str, tuple[str, bool]] = field(default_factory=dict)  # item -> (label verdict, fired)
    error: str | None = None

    @property
    def scored_labels(self) -> list[Label]:
        return [label for label in self.doc.labels if label.scored]


def absence_rules() -> set[str]:
    from policylint.ruleset import load_rules

    return {rule.id for rule in load_rules() if rule.is_absence}


def run_policylint(docs: list[LabelledDoc], extra: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        command = [sys.executable, "-m", "policylint", "check", "--isolated", "--no-cache", "--format", "json",
                   "--fail-on", "never", "--timeout", "0", "-o", str(out), *extra, *[str(d.path) for d in docs]]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)
        if done.returncode not in (0, 1, 3) or not out.exists():
            raise SystemExit(f"evaluate_documents: policylint failed ({done.returncode}): {done.stderr.strip()}")
        if done.stderr.strip():
            print(done.stderr.strip(), file=sys.stderr)
        return json.loads(out.read_text(encoding="utf-8"))


def score(docs: list[LabelledDoc], report: dict, absent: set[str]) -> list[DocScore]:
    by_path = {os.path.realpath(f["path"]): f for f in report.get("files", [])}
    errors = {os.path.realpath(e["path"]): e.get("message", "") for e in report.get("errors", [])}
    scores = []
    for doc in docs:
        result = DocScore(doc)
        scores.append(result)
        key = os.path.realpath(doc.path)
        if key not in by_path:
            result.error = errors.get(key, "not in the findings")
            continue
        findings = by_path[key]["findings"]
        matcher = Matcher(doc.labels)
        groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for finding in findings:
            if finding["rule"] not in absent:
                groups[tuple(words(finding["sentence"]))].append(finding)
        for group in groups.values():
            sentence = group[0]["sentence"]
            predicted = Predicted(sentence, group, matcher.match(sentence))
            result.predicted.append(predicted)
            for label in predicted.scored:
                result.found.setdefault(label, []).append(predicted)
        fired = {f["rule"] for f in findings if f["rule"] in absent}
        for item, verdict in doc.items.items():
            if item in ITEM_RULES:
                result.items[item] = (verdict, ITEM_RULES[item] in fired)
    return scores


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    return 2 * p * r / (p + r) if p and r else None


def summarise(scores: list[DocScore]) -> dict:
    def block(tp: int, fp: int, found: int, labels: int, same: int | None = None) -> dict:
        p, r = _ratio(tp, tp + fp), _ratio(found, labels)
        out = {"tp": tp, "fp": fp, "labels": labels, "found": found, "precision": p, "recall": r, "f1": _f1(p, r)}
        if same is not None:
            out["same_category"] = _ratio(same, found)
        return out

    total = {"tp": 0, "fp": 0, "found": 0, "labels": 0, "same": 0}
    categories: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "found": 0, "labels": 0, "same": 0})
    documents = {}
    for s in scores:
        tp = sum(p.verdict == "tp" for p in s.predicted)
        fp = sum(p.verdict == "fp" for p in s.predicted)
        labels = s.scored_labels
        documents[s.doc.id] = block(tp, fp, len(s.found), len(labels))
        if s.error:
            documents[s.doc.id]["error"] = s.error
        total["tp"] += tp
        total["fp"] += fp
        total["found"] += len(s.found)
        total["labels"] += len(labels)
        for p in s.predicted:
            for category in p.categories:
                if p.verdict in ("tp", "fp"):
                    categories[category][p.verdict] += 1
        for label in labels:
            c = categories[label.category]
            c["labels"] += 1
            if label in s.found:
                c["found"] += 1
                same = any(label.category in p.categories for p in s.found[label])
                c["same"] += same
                total["same"] += same
    items = {"right": 0, "total": 0, "wrong": []}
    for s in scores:
        for item, (verdict, fired) in s.items.items():
            items["total"] += 1
            if fired == (verdict == "missing"):
                items["right"] += 1
            else:
                items["wrong"].append({"doc": s.doc.id, "item": item, "label": verdict,
                                       "tool": "missing" if fired else "present"})
    return {
        "overall": block(total["tp"], total["fp"], total["found"], total["labels"], total["same"]),
        "categories": {c: block(v["tp"], v["fp"], v["found"], v["labels"], v["same"])
                       for c, v in sorted(categories.items())},
        "documents": documents,
        "items": {**items, "accuracy": _ratio(items["right"], items["total"])},
    }


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def print_report(scores: list[DocScore], summary: dict, categories: set[str], quiet: bool) -> None:
    o = summary["overall"]
    print(f"Real documents: {len(scores)}, scored labels (high+medium): {o['labels']}")
    print(f"\n{'':34} {'prec':>5} {'recall':>6} {'f1':>5}   {'TP':>4} {'FP':>4} {'found':>5}/{'labels':<6} same-cat")
    rows = [("OVERALL", o)] + [(c, v) for c, v in summary["categories"].items()]
    for name, v in rows:
        print(f"{name:34} {_fmt(v['precision']):>5} {_fmt(v['recall']):>6} {_fmt(v['f1']):>5}   {v['tp']:>4} {v['fp']:>4} "
              f"{v['found']:>5}/{v['labels']:<6} {_fmt(v.get('same_category'))}")
    print()
    for name, v in summary["documents"].items():
        extra = f"  ERROR: {v['error']}" if "error" in v else ""
        print(f"{name:50} {_fmt(v['precision']):>5} {_fmt(v['recall']):>6}   {v['tp']:>4} {v['fp']:>4} "
              f"{v['found']:>5}/{v['labels']:<6}{extra}")
    items = summary["items"]
    print(f"\nDocument items right: {items['right']}/{items['total']} ({_fmt(items['accuracy'])})")
    for wrong in items["wrong"]:
        print(f"  {wrong['doc']}: {wrong['item']}: labelled {wrong['label']}, tool says {wrong['tool']}")
    if quiet:
        return
    wanted = (lambda c: c in categories) if categories else (lambda c: True)
    print("\n== Missed (high/medium labels no finding matched) ==")
    for s in scores:
        for label in s.scored_labels:
            if label not in s.found and wanted(label.category):
                print(f"- [{label.category}/{label.confidence}] {s.doc.id} § {label.section}\n    {label.sentence}\n"
                      f"    reason: {label.reason}")
    print("\n== False alarms (findings on sentences with no flag label) ==")
    for s in scores:
        for p in s.predicted:
            if p.verdict == "fp" and any(wanted(c) for c in p.categories):
                rules = ", ".join(sorted({f"{f['rule']} {f['name']} «{f['text']}»" for f in p.findings}))
                print(f"- {s.doc.id}: {rules}\n    {p.sentence[:400]}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--findings", type=Path, help="score this `policylint check --format json` output")
    parser.add_argument("--save", type=Path, help="also save the findings JSON of this run here")
    parser.add_argument("--doc", action="append", default=[], help="only documents whose id contains this")
    parser.add_argument("--category", action="append", default=[], help="list errors of this category only")
    parser.add_argument("--quiet", action="store_true", help="scores only, no list of errors")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--fail-under-precision", type=float)
    parser.add_argument("--fail-under-recall", type=float)
    args = parser.parse_args(argv)
    try:
        docs = load(REAL_DEV)
    except CorpusMissing as exc:
        print(f"evaluate_documents: {exc}", file=sys.stderr)
        return 2
    if args.doc:
        docs = [d for d in docs if any(part in d.id for part in args.doc)]
    report = (json.loads(args.findings.read_text(encoding="utf-8")) if args.findings
              else run_policylint(docs, extra))
    if args.save:
        args.save.write_text(json.dumps(report), encoding="utf-8")
    scores = score(docs, report, absence_rules())
    summary = summarise(scores)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_report(scores, summary, set(args.category), args.quiet)
    o = summary["overall"]
    failed = [f"precision {o['precision']:.2f} < {args.fail_under_precision}"
              for _ in [0] if args.fail_under_precision is not None and (o["precision"] or 0) < args.fail_under_precision]
    failed += [f"recall {o['recall']:.2f} < {args.fail_under_recall}"
               for _ in [0] if args.fail_under_recall is not None and (o["recall"] or 0) < args.fail_under_recall]
    for line in failed:
        print(f"evaluate_documents: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
