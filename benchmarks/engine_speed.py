"""Engine speed: two stages against the trained pipeline on every sentence.

Generates a handbook-like DOCX of about 50,000 words (sentences from the
bundled sample handbook, shuffled under numbered headings, with tables and
lists), then, each mode in its own process so peak memory is its own:

- ``two-stage``: the engine as shipped (parser only on candidate sentences);
- ``all-sentences``: the same engine parsing every sentence.

Each process reads the document and checks it once to warm up, then times
``read_document`` + ``Engine.check`` (end to end) and ``Engine.check`` alone
over several rounds, and reports words per second, peak RSS and a digest of
the findings. The script checks that both modes give identical findings.

    python benchmarks/engine_speed.py [--words 50000] [--rounds 3] [--keep FILE]

Targets (issue 3): two-stage at least 5x the all-sentences speed with the
same findings; at least 25,000 words/s end to end, warm, on 2 cores.

Measured with the 71-rule pack (~400 regular expressions) on the 2-core
development machine while other jobs shared it (runs differ by up to a third):
two-stage 52,000-82,000 words/s in the engine and 43,000-58,000 end to end,
78 of 3,111 sentences parsed; all-sentences 4,700-5,600 words/s; 10-17x;
identical findings. Before issue 3's changes (regex guards, cheaper stage-1
bookkeeping, fewer stage-2 sentences, no garbage collection during a check):
11,000-14,500 words/s in the engine, 128 sentences parsed, about 3x.
The documents are built from the sample handbook's sentences, so they repeat
a lot (about 1,000 distinct words). The engine caches no parse or match by
content; only which required words each distinct word holds is remembered
between checks (about 20 microseconds per new word, some 0.1 s on the first
check of a handbook with 5,000 distinct words; 0.02 s here).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "samples" / "handbook.docx"


def make_handbook(path: Path, words: int, seed: int = 7) -> int:
    """Write a DOCX of about ``words`` words; return the exact count."""
    import docx

    from policylint.document import BlockKind
    from policylint.extract import read_document
    from policylint.text import count_words

    sample = read_document(SAMPLE)
    sentences = [b.text for b in sample.blocks if b.kind != BlockKind.HEADING and count_words(b.text) >= 6]
    headings = [b.text.split(" ", 1)[-1] for b in sample.blocks if b.kind == BlockKind.HEADING]
    rng = random.Random(seed)
    document = docx.Document()
    document.add_heading("Generated Employee Handbook", 0)
    total, chapter = 0, 0
    while total < words:
        chapter += 1
        document.add_heading(f"{chapter} {rng.choice(headings)}", 1)
        for section in range(1, 4):
            document.add_heading(f"{chapter}.{section} {rng.choice(headings)}", 2)
            for _ in range(rng.randint(3, 6)):
                text = " ".join(rng.sample(sentences, k=2))
                style = "List Bullet" if rng.random() < 0.2 else None
                document.add_paragraph(text, style=style)
                total += count_words(text)
            if rng.random() < 0.3:
                table = document.add_table(rows=3, cols=3)
                for cell in table._cells:
                    text = rng.choice(sentences)
                    cell.text = text
                    total += count_words(text)
    document.save(path)
    return total


def measure(path: Path, mode: str, rounds: int) -> dict:
    from policylint.engine import Engine
    from policylint.extract import read_document
    from policylint.ruleset import load_rules

    engine = Engine(load_rules(), two_stage=(mode == "two-stage"))
    document = read_document(path)
    findings = engine.check(document)  # warm-up
    end_to_end, engine_only = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        document = read_document(path)
        checked = time.perf_counter()
        findings = engine.check(document)
        done = time.perf_counter()
        end_to_end.append(done - started)
        engine_only.append(done - checked)
    digest = hashlib.sha256(json.dumps([f.model_dump(mode="json") for f in findings]).encode()).hexdigest()
    scan = engine.last_scan
    return {
        "mode": mode,
        "words": document.words,
        "findings": len(findings),
        "digest": digest[:16],
        "sentences": scan.sentences,
        "sentences_parsed": scan.sentences_parsed,
        "end_to_end_s": min(end_to_end),
        "engine_s": min(engine_only),
        "end_to_end_wps": document.words / min(end_to_end),
        "engine_wps": document.words / min(engine_only),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated DOCX here")
    parser.add_argument("--mode", choices=["two-stage", "all-sentences"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # a child process
        print(json.dumps(measure(args.file, args.mode, args.rounds)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "handbook-50k.docx"
        words = make_handbook(path, args.words)
        print(f"generated {path.name}: {words:,} words")
        results = {}
        for mode in ("two-stage", "all-sentences"):
            out = subprocess.run([sys.executable, __file__, "--mode", mode, "--file", str(path),
                                  "--rounds", str(args.rounds)], capture_output=True, text=True, check=True)
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{'mode':<14} {'words':>7} {'findings':>8} {'parsed':>13} {'engine w/s':>11} {'end-to-end w/s':>15}"
          f" {'peak RSS':>9}")
    for mode, r in results.items():
        parsed = f"{r['sentences_parsed']}/{r['sentences']}"
        print(f"{mode:<14} {r['words']:>7,} {r['findings']:>8} {parsed:>13} {r['engine_wps']:>11,.0f}"
              f" {r['end_to_end_wps']:>15,.0f} {r['peak_rss_mb']:>7.0f}MB")
    fast, full = results["two-stage"], results["all-sentences"]
    speedup = full["engine_s"] / fast["engine_s"]
    same = fast["digest"] == full["digest"]
    print(f"speed-up (engine): {speedup:.1f}x; findings identical: {'yes' if same else 'NO'}")
    print(f"targets: >= 5x {'met' if speedup >= 5 else 'MISSED'}; "
          f">= 25,000 words/s end to end {'met' if fast['end_to_end_wps'] >= 25_000 else 'MISSED'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
