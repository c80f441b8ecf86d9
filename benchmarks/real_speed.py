"""Engine speed on a real handbook, and rule-pack start-up, against another install.

    python benchmarks/real_speed.py                                   # this checkout
    python benchmarks/real_speed.py --against /path/to/venv/bin/python  # and another install, side by side
    python benchmarks/real_speed.py FILE --rounds 5

Default document: the 42,000-word Sourcegraph people-policies DOCX in
``../shared/corpus/converted`` (Apache-2.0). Each Python runs in its own
process: it loads the rule pack (``load_rules``, then ``Engine``: the
compile), reads the document, checks it once to warm up, then checks it
``--rounds`` times. It reports the median wall and CPU (process) time of the
load, the compile and one check, words per second (CPU), the sentences
parsed and the findings. CPU time is the figure to compare on a shared
machine: wall time moves with whatever else is running, CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "converted" / "sourcegraph-people-policies.docx"

_CHILD = r"""
import json, sys, time
def both():
    return time.perf_counter(), time.process_time()
def since(start):
    wall, cpu = both()
    return wall - start[0], cpu - start[1]
t = both()
from policylint.ruleset import load_rules
from policylint.engine import Engine
from policylint.extract import read_document
rules = load_rules()
load = since(t)
t = both()
engine = Engine(rules)
compile_ = since(t)
document = read_document(sys.argv[1])
words = sum(len(b.text.split()) for b in document.blocks)
findings = engine.check(document)
checks = []
for _ in range(int(sys.argv[2])):
    t = both()
    findings = engine.check(document)
    checks.append(since(t))
scan = engine.last_scan
print(json.dumps({"rules": len(rules), "load": load, "compile": compile_, "checks": checks, "words": words,
                  "findings": len(findings), "parsed": scan.sentences_parsed, "sentences": scan.sentences}))
"""


def measure(python: str, document: Path, rounds: int) -> dict:
    done = subprocess.run([python, "-c", _CHILD, str(document), str(rounds)], capture_output=True, text=True,
                          check=False, cwd="/")
    if done.returncode:
        raise SystemExit(f"real_speed: {python} failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", help="another install's python, measured in the same run")
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"real_speed: {args.file}: not found (the shared corpus is not beside the project)", file=sys.stderr)
        return 2
    runs = [("this checkout", sys.executable)] + ([("--against", args.against)] if args.against else [])
    print(f"{args.file.name}, {args.rounds} rounds (median); times in seconds, wall / CPU\n")
    print(f"{'':14} {'rules':>5} {'load':>12} {'compile':>12} {'check':>12} {'words/s (CPU)':>14} "
          f"{'parsed':>12} {'findings':>8}")
    for name, python in runs:
        r = measure(python, args.file, args.rounds)
        wall = statistics.median(c[0] for c in r["checks"])
        cpu = statistics.median(c[1] for c in r["checks"])
        print(f"{name:14} {r['rules']:>5} {r['load'][0]:5.2f} / {r['load'][1]:4.2f} "
              f"{r['compile'][0]:5.2f} / {r['compile'][1]:4.2f} {wall:5.2f} / {cpu:4.2f} "
              f"{r['words'] / cpu:>14,.0f} {r['parsed']:>5}/{r['sentences']:<6} {r['findings']:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
