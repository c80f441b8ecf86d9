"""What the classifier costs a check: the engine with and without the model rules.

    python benchmarks/classifier_speed.py [FILE] [--rounds 3]

Default FILE: ``../shared/corpus/converted/sourcegraph-people-policies.docx``
(about 42,000 words). The document is read once; each engine checks it once
to warm up (the classifier loads on first use; that time is reported apart),
then ``Engine.check`` is timed over ``--rounds`` rounds (best round).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "converted" / \
    "sourcegraph-people-policies.docx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from policylint.engine import Engine
    from policylint.extract import read_document
    from policylint.model.classifier import load
    from policylint.model.rules import is_model_rule
    from policylint.ruleset import RuleSet, load_rules

    rules = load_rules()
    document = read_document(args.file)
    without = RuleSet([r for r in rules if not is_model_rule(r)])
    started = time.perf_counter()
    load()
    print(f"loading the classifier: {time.perf_counter() - started:.2f}s")
    from policylint.model.sentences import document_pieces, sentences

    pieces = document_pieces(document)
    times = []
    for _ in range(args.rounds):  # the classifier alone: the engine's sentences, scored
        started = time.perf_counter()
        found = list(sentences(pieces))
        hits = load().hits(found)
        times.append(time.perf_counter() - started)
    print(f"classifier alone: {len(found):,} sentences scored in {min(times):.2f}s, {len(hits)} over a threshold")
    engines = {"rules only": Engine(without), "rules + model": Engine(rules)}
    timings: dict[str, list[float]] = {name: [] for name in engines}
    findings = {name: engine.check(document) for name, engine in engines.items()}  # warm-up
    for _ in range(args.rounds):  # alternate, so that a busy machine slows both alike
        for name, engine in engines.items():
            started = time.perf_counter()
            findings[name] = engine.check(document)
            timings[name].append(time.perf_counter() - started)
    results = {name: min(times) for name, times in timings.items()}
    for name, best in results.items():
        model = sum(1 for f in findings[name] if f.name.startswith("model-"))
        print(f"{name:14} {document.words:,} words: {best:.2f}s ({document.words / best:,.0f} words/s), "
              f"{len(findings[name])} findings ({model} from the model)")
    slower = results["rules + model"] / results["rules only"] - 1
    print(f"the classifier adds {slower:.0%} to a check")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
