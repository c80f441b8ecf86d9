"""Which rules cost the most time? Times every regular expression of every
rule (match, unless, when, require) on the blocks of a document, slowest
first, so rule authors can find expressions that need a better guard.

    python benchmarks/rule_cost.py [FILE] [--top 15] [--sort all|run]

For each expression: the time to search every block, the share of blocks
its guard lets through (the words it needs, see policylint/engine/stage1/guard.py;
"none" when it has no guard and is searched everywhere) and the time to
search only those blocks, which is what the engine pays. Sorted by the
latter unless ``--sort all``. An expression whose guard lets most blocks
through needs a rarer required word (or is better written as ``phrases``).

FILE defaults to the sample handbook; a generated 50,000-word handbook
(benchmarks/engine_speed.py --keep FILE) gives steadier numbers.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import regex

from policylint.extract import read_document
from policylint.engine.stage1.guard import guard
from policylint.engine.stage1.word_index import WordIndex
from policylint.ruleset import load_rules

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "samples" / "handbook.docx"


def expressions(rule) -> list[tuple[str, str]]:
    found = [("match", e) for e in (rule.match.regex if rule.match else [])]
    for role, contexts in (("unless", rule.unless), ("when", rule.when)):
        found += [(role, e) for context in contexts for e in context.regex]
    if rule.require is not None:
        found += [("require", e) for group in rule.require.alternatives().values() for e in group.regex]
    return found


def _search(compiled: regex.Pattern, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        for _ in compiled.finditer(text):
            pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--sort", choices=["run", "all"], default="run")
    args = parser.parse_args()
    texts = [block.text for block in read_document(args.file).blocks]
    index = WordIndex()
    listed = [(rule.id, role, e, guard(e)) for rule in load_rules() for role, e in expressions(rule)]
    numbered = [index.add(clauses) if clauses else None for *_, clauses in listed]
    holds = index.blocks(texts)
    costs = []
    for (rule_id, role, expression, _), clauses in zip(listed, numbered):
        compiled = regex.compile(expression, regex.IGNORECASE)
        passed = texts if clauses is None else [
            text for n, text in enumerate(texts) if all(any(holds[p] >> n & 1 for p in clause) for clause in clauses)]
        share = "none" if clauses is None else f"{len(passed) / max(len(texts), 1):.0%}"
        costs.append((_search(compiled, texts), _search(compiled, passed), share, rule_id, role,
                      " ".join(expression.split())[:60]))
    every, run = sum(c[0] for c in costs), sum(c[1] for c in costs)
    unguarded = sum(c[2] == "none" for c in costs)
    print(f"{len(costs)} expressions over {len(texts)} blocks: {every * 1000:.0f} ms searching every block, "
          f"{run * 1000:.0f} ms searching where the guards let them ({unguarded} without a guard)")
    print(f"{'every':>8} {'guarded':>8} {'blocks':>6}  rule    role     expression")
    key = 0 if args.sort == "all" else 1
    for cost in sorted(costs, key=lambda c: c[key], reverse=True)[: args.top]:
        all_ms, run_ms, share, rule_id, role, text = cost
        print(f"{all_ms * 1000:8.1f} {run_ms * 1000:8.1f} {share:>6}  {rule_id:<7} {role:<8} {text}")


if __name__ == "__main__":
    main()
