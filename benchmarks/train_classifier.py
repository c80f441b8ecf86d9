"""Train the sentence classifier that backs the rules up, and choose its thresholds.

    python benchmarks/train_classifier.py                  # cross-validate, choose thresholds, train, save
    python benchmarks/train_classifier.py --no-save        # cross-validate and report only
    python benchmarks/train_classifier.py --folds DIR      # also keep each fold's model in DIR/<organisation>
                                                           # (for benchmarks/crossval_classifier.py)

Data (``classifier_data.py``): the sentences of the labelled real documents in
``../shared/corpus/real-dev``, split as the engine splits them (positive:
a high/medium flag label, its category; low-only sentences left out; every
other sentence negative), plus the project's own sentences in
``corpora/sentences`` (not the held-out sets). Nothing of the real documents
is written into the repository: only the trained weights are.

Model: spaCy ``textcat_multilabel`` with the bag-of-words architecture
(``policylint.model.classifier.ARCHITECTURE``: words and word pairs of the
normalised sentence), one label per category; positives are repeated
``--oversample`` times per epoch.

Cross-validation is by organisation (leave one organisation out: care-stream's
five documents are one fold): each organisation's sentences are scored by a
model trained on the other organisations and the project's sentences. On
these out-of-fold scores a threshold is chosen per category: the lowest
score at which the findings of that category are at least ``--precision``
precise (a finding is right when its sentence is flagged in any category, as
``evaluate_documents.py`` counts), with at least ``--min-right`` right
findings; a category where no threshold does that is switched off. The
final model is trained on everything and saved with the thresholds in
``policylint/models/textcat`` (``classifier.json`` records the numbers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.classifier_data import OWN, Example, own_examples, real_examples
from policylint.model.classifier import ARCHITECTURE, META, as_input, blank_component

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "policylint" / "models" / "textcat"
CATEGORIES = ["working-time", "advancement", "pay", "gendered-language", "family-status", "disability", "age",
              "education", "national-origin", "appearance", "culture", "complaints", "background-checks", "hiring"]


def docs_for(nlp, texts: list[str]) -> list:
    from policylint.nlp import fast_pipeline

    return [as_input(nlp.vocab, doc) for doc in fast_pipeline().pipe(texts, batch_size=512)]


def train(examples: list[Example], epochs: int, oversample: int, seed: int = 0, architecture: dict | None = None):
    """A classifier trained on ``examples``; returns (nlp, textcat)."""
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp, textcat = blank_component(CATEGORIES, architecture)
    docs = docs_for(nlp, [e.text for e in examples])
    data = [SpacyExample.from_dict(doc, {"cats": {c: float(c in e.cats) for c in CATEGORIES}})
            for doc, e in zip(docs, examples)]
    optimizer = nlp.initialize(lambda: data)
    positives = [d for d, e in zip(data, examples) if e.cats]
    for _ in range(epochs):
        batch_data = data + positives * (oversample - 1)
        rng.shuffle(batch_data)
        for batch in minibatch(batch_data, size=128):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return nlp, textcat


def predict(nlp, textcat, examples: list[Example]) -> list[dict[str, float]]:
    scores = textcat.predict(docs_for(nlp, [e.text for e in examples]))
    return [dict(zip(textcat.labels, row)) for row in scores.tolist()]


def cross_validate(real: list[Example], own: list[Example], args) -> list[tuple[Example, dict[str, float]]]:
    """Out-of-fold scores for every real sentence (leave one organisation out)."""
    groups = sorted({e.group for e in real})
    scored = []
    for number, group in enumerate(groups, 1):
        started = time.perf_counter()
        held = [e for e in real if e.group == group]
        nlp, textcat = train([e for e in real if e.group != group] + own, args.epochs, args.oversample,
                             architecture=args.architecture)
        scored.extend(zip(held, predict(nlp, textcat, held)))
        if args.folds:
            save(textcat, args.folds / group, {}, {"held_out": group}, args.architecture)
        print(f"  fold {number:2}/{len(groups)} {group:30} {len(held):5} sentences "
              f"{sum(1 for e in held if e.cats):3} flagged  {time.perf_counter() - started:5.1f}s", file=sys.stderr)
    return scored


def curve(scored: list[tuple[Example, dict[str, float]]], category: str, threshold: float) -> dict:
    """Findings of one category at one threshold: right (any category), same category, wrong; recall."""
    found = [(e, s) for e, s in scored if s[category] >= threshold]
    right = sum(1 for e, _ in found if e.cats)
    same = sum(1 for e, _ in found if category in e.cats)
    labels = sum(1 for e, _ in scored if category in e.cats)
    return {"threshold": threshold, "findings": len(found), "right": right, "same_category": same,
            "precision": right / len(found) if found else None, "labels": labels,
            "recall": same / labels if labels else None}


def choose_thresholds(scored, precision: float, min_right: int, floor: float) -> dict[str, dict]:
    """Per category: the lowest threshold (>= floor) whose findings are at
    least ``precision`` precise with at least ``min_right`` right ones, and
    which stays that precise at every higher candidate threshold with that
    many right ones (so one lucky point does not set it)."""
    chosen = {}
    for category in CATEGORIES:
        candidates = sorted({s[category] for _, s in scored if s[category] >= floor}, reverse=True)
        best = None
        for threshold in candidates:  # from the top down: stop at the first dip below the target
            point = curve(scored, category, threshold)
            if point["right"] < min_right:
                continue
            if point["precision"] < precision:
                break
            best = point
        chosen[category] = best or {**curve(scored, category, 1.01), "threshold": None}
    return chosen


def fold_thresholds(scored, group: str, args) -> dict[str, float | None]:
    """Thresholds for one held-out organisation, chosen on the other organisations' scores."""
    others = [(e, s) for e, s in scored if e.group != group]
    return {c: v["threshold"] for c, v in choose_thresholds(others, args.precision, args.min_right, args.floor).items()}


def honest(scored, args) -> dict[str, dict]:
    """Each organisation scored with the thresholds chosen without it: per category totals."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: {"findings": 0, "right": 0, "same": 0, "labels": 0})
    for group in sorted({e.group for e, _ in scored}):
        thresholds = fold_thresholds(scored, group, args)
        mine = [(e, s) for e, s in scored if e.group == group]
        for category in CATEGORIES:
            t = totals[category]
            t["labels"] += sum(1 for e, _ in mine if category in e.cats)
            if thresholds[category] is None:
                continue
            point = curve(mine, category, thresholds[category])
            t["findings"] += point["findings"]
            t["right"] += point["right"]
            t["same"] += point["same_category"]
    return {c: {**v, "precision": v["right"] / v["findings"] if v["findings"] else None,
                "recall": v["same"] / v["labels"] if v["labels"] else None} for c, v in totals.items()}


def save(textcat, folder: Path, thresholds: dict[str, float | None], info: dict, architecture: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    textcat.to_disk(folder, exclude=["vocab"])  # the weights only: no strings of the training text
    weights = hashlib.sha256((folder / "model").read_bytes()).hexdigest()
    meta = {"architecture": architecture, "weights_sha256": weights, "labels": list(textcat.labels), "thresholds": thresholds, **info}
    (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _fmt(value) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def report(chosen: dict[str, dict], fair: dict[str, dict]) -> None:
    print(f"{'category':20} {'thresh':>6} {'found':>5} {'right':>5} {'same':>4} {'labels':>6} {'prec':>5} {'recall':>6}"
          f"   | per-fold thresholds: {'found':>5} {'prec':>5} {'recall':>6}")
    for category in CATEGORIES:
        v, f = chosen[category], fair[category]
        print(f"{category:20} {_fmt(v['threshold']):>6} {v['findings']:5} {v['right']:5} {v['same_category']:4} "
              f"{v['labels']:6} {_fmt(v['precision']):>5} {_fmt(v['recall']):>6}   |                      "
              f"{f['findings']:5} {_fmt(f['precision']):>5} {_fmt(f['recall']):>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--oversample", type=int, default=3)
    parser.add_argument("--ngrams", type=int, default=ARCHITECTURE["ngram_size"], help="1: words, 2: and word pairs")
    parser.add_argument("--precision", type=float, default=0.9, help="target precision per category")
    parser.add_argument("--min-right", type=int, default=3, help="right findings a threshold needs")
    parser.add_argument("--floor", type=float, default=0.5, help="lowest threshold considered")
    parser.add_argument("--folds", type=Path, help="keep each fold's model in this folder")
    parser.add_argument("--no-save", action="store_true", help="do not train and save the final model")
    parser.add_argument("--out", type=Path, default=TARGET, help="where to save the final model")
    parser.add_argument("--scores", type=Path, help="save the out-of-fold scores (JSON) here, outside the repo")
    parser.add_argument("--from-scores", type=Path, help="skip cross-validation: use the out-of-fold scores saved "
                        "by --scores (with --folds: rewrite the fold models' thresholds)")
    args = parser.parse_args()
    args.architecture = {**ARCHITECTURE, "ngram_size": args.ngrams}
    real, own = real_examples(), own_examples()
    print(f"real sentences: {len(real)} ({sum(1 for e in real if e.cats)} flagged), project sentences: {len(own)} "
          f"({sum(1 for e in own if e.cats)} flagged)", file=sys.stderr)
    if args.from_scores:
        scored = [(Example("", tuple(cats), group, ""), s) for group, cats, s in json.loads(args.from_scores.read_text())]
    else:
        scored = cross_validate(real, own, args)
    if args.scores:
        args.scores.write_text(json.dumps([[e.group, list(e.cats), s] for e, s in scored]))
    chosen = choose_thresholds(scored, args.precision, args.min_right, args.floor)
    fair = honest(scored, args)
    report(chosen, fair)
    if args.folds:  # each fold's thresholds, chosen without its organisation
        for group in sorted({e.group for e in real}):
            meta_path = args.folds / group / META
            meta = json.loads(meta_path.read_text())
            meta["thresholds"] = fold_thresholds(scored, group, args)
            meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    if args.no_save:
        return 0
    started = time.perf_counter()
    _, textcat = train(real + own, args.epochs, args.oversample, architecture=args.architecture)
    info = {"trained_on": {"real_sentences": len(real), "real_flagged": sum(1 for e in real if e.cats),
                           "organisations": len({e.group for e in real}), "project_sentences": len(own)},
            "settings": {k: getattr(args, k) for k in ("epochs", "oversample", "ngrams", "precision", "min_right",
                                                       "floor")},
            "out_of_fold": chosen, "per_fold_thresholds": fair}
    save(textcat, args.out, {c: v["threshold"] for c, v in chosen.items()}, info, args.architecture)
    print(f"saved {args.out} ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
