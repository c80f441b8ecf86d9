"""Which rules cost the most time? Times every regular expression of every
rule (match, unless, when, require) on the blocks of a document, slowest
first, so rule authors can find expressions that need a cheap guard.

    python benchmarks/rule_cost.py [FILE] [--top 15]

FILE defaults to the sample handbook; a generated 50,000-word handbook
(benchmarks/engine_speed.py --keep FILE) gives steadier numbers.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import regex

from policylint.extract import read_document
from policylint.ruleset import load_rules

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "handbook.docx"


def expressions(rule) -> list[tuple[str, str]]:
    found = [("match", e) for e in (rule.match.regex if rule.match else [])]
    for role, contexts in (("unless", rule.unless), ("when", rule.when)):
        found += [(role, e) for context in contexts for e in context.regex]
    if rule.require is not None:
        found += [("require", e) for group in rule.require.alternatives().values() for e in group.regex]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    texts = [block.text for block in read_document(args.file).blocks]
    costs = []
    for rule in load_rules():
        for role, expression in expressions(rule):
            compiled = regex.compile(expression, regex.IGNORECASE)
            started = time.perf_counter()
            for text in texts:
                for _ in compiled.finditer(text):
                    pass
            costs.append((time.perf_counter() - started, rule.id, role, " ".join(expression.split())[:70]))
    total = sum(cost for cost, *_ in costs)
    print(f"{len(costs)} expressions over {len(texts)} blocks: {total * 1000:.0f} ms in all")
    for cost, rule_id, role, text in sorted(costs, reverse=True)[: args.top]:
        print(f"{cost * 1000:8.1f} ms  {rule_id:<7} {role:<8} {text}")


if __name__ == "__main__":
    main()
